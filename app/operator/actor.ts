import type { AuditEntry } from "~/audit.server";
import type { OperatorRole } from "../../db/schema";

/**
 * Who acts in an operator request, as read by the guard from the session and the operators table
 * (never from what the browser sends).
 */
export interface OperatorActor {
  id: number;
  enteId: number;
  officeId: number | null;
  codiceFiscale: string;
  roles: readonly OperatorRole[];
}

export function actorFrom(
  session: { fiscal_code: string },
  operator: { id: number; enteId: number; officeId: number | null; roles: readonly OperatorRole[] },
): OperatorActor {
  return {
    id: operator.id,
    enteId: operator.enteId,
    officeId: operator.officeId,
    codiceFiscale: session.fiscal_code,
    roles: operator.roles,
  };
}

/** The part of an audit row that says who acted. */
export function operatorAudit(
  actor: OperatorActor,
): Pick<AuditEntry, "actorKind" | "actorCodiceFiscale" | "operatorId" | "enteId"> {
  return {
    actorKind: "operatore",
    actorCodiceFiscale: actor.codiceFiscale,
    operatorId: actor.id,
    enteId: actor.enteId,
  };
}
