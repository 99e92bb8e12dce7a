import { redirect, type AppLoadContext } from "@remix-run/node";
import type { OperatorRole } from "../../db/schema";
import { countEntePosts } from "~/operator/ente-choice.server";
import { currentPath, loginUrl, safeReturnPath } from "~/auth/return-path";
import { getSession, type Session } from "~/auth/session.server";
import { notFound } from "~/http.server";
import { portalNow } from "~/clock.server";
import { appendAudit } from "~/audit.server";
import { findTie, stopActing, type PersonRef, type Tie } from "~/dossier/delegations.server";
import { areaOfPath, DELEGATIONS_PATH } from "~/rules/delegation";

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

/** A person acting for someone else: the tie that allows it, checked at this request. */
export interface OnBehalf {
  tie: Tie;
  /** The signed-in person who acts. */
  delegate: PersonRef;
}

export interface CitizenAccess {
  session: Session;
  /** Whose Area personale this request shows; null when the registry has no record of them. */
  citizenId: number | null;
  /** The person whose area it is: the signed-in person, or the one they act for. */
  person: PersonRef;
  /** Set while the signed-in person acts for someone else. */
  onBehalf: OnBehalf | null;
}

/** The signed-in person as they are in their own area. */
function ownPerson(session: Session): PersonRef {
  return { codiceFiscale: session.fiscal_code, name: session.name, surname: session.surname };
}

/**
 * Any signed-in person is a citizen. While the session acts for someone (a minor child, a
 * delegator), the tie is checked again here on every request, and only the sections it covers
 * answer: the rest is the same 404 as any other person's data. A tie that no longer holds
 * (revoked, expired, the child of age) ends the acting at once. `level` sends the person back to
 * their IdP for a stronger login first, as requireLevel does.
 */
export async function requireCitizen(
  request: Request,
  context: AppLoadContext,
  level?: 1 | 2 | 3,
): Promise<CitizenAccess> {
  const session = level ? await requireLevel(request, context, level) : await requireUser(request, context);
  const own: CitizenAccess = {
    session,
    citizenId: session.citizen_id,
    person: ownPerson(session),
    onBehalf: null,
  };
  if (session.acting_for_citizen_id === null) return own;
  const tie = await findTie(
    context.db,
    { codiceFiscale: session.fiscal_code, citizenId: session.citizen_id },
    session.acting_for_citizen_id,
    session.acting_delegation_id,
    portalNow(context.config),
  );
  if (!tie) {
    await stopActing(context.db, session.id);
    session.acting_for_citizen_id = null;
    session.acting_delegation_id = null;
    if (request.method === "GET" || request.method === "HEAD")
      throw redirect(`${DELEGATIONS_PATH}?esito=delega-terminata`, 303);
    throw notFound();
  }
  const onBehalf: OnBehalf = { tie, delegate: ownPerson(session) };
  const area = areaOfPath(new URL(request.url).pathname);
  if (area === "propria") return { ...own, onBehalf };
  if (area === null || (area !== "scrivania" && !tie.areas.includes(area))) throw notFound();
  const { citizenId, ...person } = tie.subject;
  if (request.method === "GET" && !viewsLogged.has(context)) {
    viewsLogged.add(context);
    await appendAudit(
      context.db,
      context.config.auditHmacKey,
      {
        actorKind: "delegato",
        actorCodiceFiscale: session.fiscal_code,
        subjectCitizenId: citizenId,
        action: "delegation.view",
        section: area,
        details: { delegationId: tie.delegationId, tie: tie.kind, path: new URL(request.url).pathname },
      },
      portalNow(context.config),
    );
  }
  return { session, citizenId, person, onBehalf };
}

/** One "delegation.view" row per page load, however many loaders of it ask. */
const viewsLogged = new WeakSet<AppLoadContext>();

/** Who the log names as acting: the person themselves, or a delegate acting for the area's owner. */
export function citizenAuditActor(access: Pick<CitizenAccess, "session" | "onBehalf">): {
  actorKind: "cittadino" | "delegato";
  actorCodiceFiscale: string;
} {
  return {
    actorKind: access.onBehalf ? "delegato" : "cittadino",
    actorCodiceFiscale: access.session.fiscal_code,
  };
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
