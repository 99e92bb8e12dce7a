import { redirect, type AppLoadContext } from "@remix-run/node";
import type { OperatorRole } from "../../db/schema";
import { countEntePosts } from "~/operator/ente-choice.server";
import { currentPath, loginUrl, safeReturnPath } from "~/auth/return-path";
import { getSession, type Session } from "~/auth/session.server";
import { notFound } from "~/http.server";

/**
 * Guards run in every loader and action that needs them (Remix runs loaders in parallel: a
 * parent's guard does not protect its children). They throw responses, following PORTAL.md
 * "Who may see what": no session -> 303 to the login; not allowed -> 404.
 */

/** The portal's one 404 (~/http.server), also for the guards' importers. */

export async function requireUser(request: Request, context: AppLoadContext): Promise<Session> {
  const session = await getSession(request, context);
  if (!session) throw redirect(loginUrl({ next: currentPath(request) }), 303);
  return session;
}

/** Sends the user back to their IdP for a stronger login when the session's level is too low. */
export async function requireLevel(
  request: Request,
  context: AppLoadContext,
  level: 1 | 2 | 3,
): Promise<Session> {
  const session = await requireUser(request, context);
  if (session.spid_level < level) {
    throw redirect(loginUrl({ idp: session.idp_entity_id, level, next: currentPath(request) }), 303);
  }
  return session;
}

/** Any signed-in person is a citizen; citizenId is null when the registry has no record of them. */
export async function requireCitizen(
  request: Request,
  context: AppLoadContext,
): Promise<{ session: Session; citizenId: number | null }> {
  const session = await requireUser(request, context);
  return { session, citizenId: session.citizen_id };
}

export interface OperatorIdentity {
  id: number;
  enteId: number;
  officeId: number | null;
  name: string;
  surname: string;
  roles: OperatorRole[];
}

/** The active operator record behind a session, with roles read from the database now. */
export async function loadOperator(
  context: Pick<AppLoadContext, "db">,
  session: Session,
): Promise<OperatorIdentity | null> {
  if (session.operator_id == null) return null;
  const row = await context.db
    .selectFrom("operators")
    .select(["id", "entity_id", "office_id", "name", "surname"])
    .where("id", "=", session.operator_id)
    .where("codice_fiscale", "=", session.fiscal_code)
    .where("active", "=", 1)
    .executeTakeFirst();
  if (!row) return null;
  const roles = await context.db
    .selectFrom("operator_roles")
    .select("role")
    .where("operator_id", "=", row.id)
    .orderBy("role")
    .execute();
  return {
    id: row.id,
    enteId: row.entity_id,
    officeId: row.office_id,
    name: row.name,
    surname: row.surname,
    roles: roles.map((r) => r.role),
  };
}

/** The page where a person who works for several entes picks the one the session acts for. */
export function enteChoiceUrl(next?: string | null): string {
  const path = safeReturnPath(next);
  return path ? `/operatore/scegli-ente?next=${encodeURIComponent(path)}` : "/operatore/scegli-ente";
}

export async function requireOperator(
  request: Request,
  context: AppLoadContext,
  role?: OperatorRole,
): Promise<{ session: Session; operator: OperatorIdentity }> {
  const session = await requireUser(request, context);
  const operator = await loadOperator(context, session);
  if (!operator) {
    // Someone who works for several entes has not chosen one yet: the choice, then back here.
    if (session.operator_id == null && (await countEntePosts(context.db, session.fiscal_code)) > 0)
      throw redirect(enteChoiceUrl(currentPath(request)), 303);
    throw notFound();
  }
  if (role && !operator.roles.includes(role)) throw notFound();
  return { session, operator };
}

/** For the machine API: 401 as application/problem+json instead of a redirect. */
export async function requireApiUser(request: Request, context: AppLoadContext): Promise<Session> {
  const session = await getSession(request, context);
  if (!session) {
    throw new Response(
      JSON.stringify({
        type: "about:blank",
        title: "Autenticazione richiesta",
        status: 401,
        detail: "Accedi con SPID per usare questo servizio.",
      }),
      { status: 401, headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store" } },
    );
  }
  return session;
}
