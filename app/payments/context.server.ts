import type { Config } from "~/env.server";
import { nowIso, todayIso } from "~/clock.server";
import type { AuditEntry } from "~/audit.server";

/**
 * What the payment core needs from its surroundings, passed explicitly so that the API, the
 * operator pages and tests call it the same way.
 */
export interface PaymentsEnv {
  auditKey: string;
  /**
   * The real instant, for leases: reservations and checkout expiry. A reservation is a lock that
   * must end after its minutes of wall-clock time, even when the demo pins the calendar date.
   */
  now: () => Date;
  /** The portal's instant for what is recorded (receipts, audit rows): pinned to DEMO_TODAY in demo. */
  stamp: () => string;
  /** The portal's calendar date (YYYY-MM-DD). */
  today: () => string;
}

export function paymentsEnv(config: Pick<Config, "auditHmacKey" | "demo" | "demoToday">): PaymentsEnv {
  return {
    auditKey: config.auditHmacKey,
    now: () => new Date(),
    stamp: () => nowIso(config),
    today: () => todayIso(config),
  };
}

/** Who causes a change of money state, as the audit log records them. */
export interface PaymentActor {
  kind: AuditEntry["actorKind"];
  fiscalCode?: string | null;
  operatorId?: number | null;
  role?: string | null;
  /** A payer without login (/paga-un-avviso). */
  anonymous?: boolean;
}

export const SYSTEM_ACTOR: PaymentActor = { kind: "sistema" };

export function citizenActor(fiscalCode: string): PaymentActor {
  return { kind: "cittadino", fiscalCode };
}

export const ANONYMOUS_PAYER: PaymentActor = { kind: "cittadino", fiscalCode: null, anonymous: true };

export function auditActorFields(
  actor: PaymentActor,
): Pick<AuditEntry, "actorKind" | "actorCodiceFiscale" | "operatorId" | "role"> {
  return {
    actorKind: actor.kind,
    actorCodiceFiscale: actor.fiscalCode ?? null,
    operatorId: actor.operatorId ?? null,
    role: actor.role ?? null,
  };
}
