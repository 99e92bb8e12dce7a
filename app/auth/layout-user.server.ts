import type { AppLoadContext } from "@remix-run/node";
import { csrfToken } from "~/auth/csrf.server";
import { getSession } from "~/auth/session.server";

/** The signed-in person as the header shows them. Nothing more than the layout needs. */
export interface LayoutUser {
  /** Given name and surname as they should appear in the header, e.g. "Maria Rossi". */
  name: string;
  /** Citizens get the Area personale menu, operators the operator area. */
  kind: "citizen" | "operator";
  /** For an operator, the ente the session acts for (a person may work for several). */
  ente?: string;
  /** Anti-forgery token for the logout form, when the session has one (sent as field "csrf"). */
  csrfToken?: string;
}

/**
 * Who is signed in, from the session cookie of `request` looked up in the database, or null.
 * The root loader calls
 * this on every document request and revalidation; it must never throw for a missing, expired or
 * forged cookie (return null instead).
 */
export async function getLayoutUser(request: Request, context: AppLoadContext): Promise<LayoutUser | null> {
  // getSession returns null (never throws) for a missing, malformed, unknown, idle or expired cookie.
  const session = await getSession(request, context);
  if (!session) return null;
  const kind = session.acting_as === "operatore" ? "operator" : "citizen";
  const ente =
    kind === "operator" && session.operator_id != null
      ? await context.db
          .selectFrom("operators as o")
          .innerJoin("entities as e", "e.id", "o.entity_id")
          .select("e.name")
          .where("o.id", "=", session.operator_id)
          .executeTakeFirst()
      : undefined;
  return {
    name: `${session.name} ${session.surname}`.trim() || session.fiscal_code,
    kind,
    ...(ente ? { ente: ente.name } : {}),
    csrfToken: csrfToken(session),
  };
}
