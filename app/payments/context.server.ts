import type { Config } from "~/env.server";
import { nowIso, todayIso } from "~/clock.server";
import type { AuditEntry } from "~/audit.server";
import { mailLinks, type MailLinks } from "~/mail/links.server";

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
  /** Links for the receipt mail queued with a payment; without them no mail is queued. */
  mail?: MailLinks;
}

export function paymentsEnv(
  config: Pick<Config, "auditHmacKey" | "demo" | "demoToday"> &
    Partial<Pick<Config, "publicUrl" | "sessionSecret" | "org">>,
): PaymentsEnv {
  return {
    mail:
      config.publicUrl && config.sessionSecret && config.org
        ? mailLinks({ publicUrl: config.publicUrl, sessionSecret: config.sessionSecret, org: config.org })
        : undefined,
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

/** A signed-in person paying: their own notices, or (kind "delegato") those of someone they act for. */
export function citizenActor(fiscalCode: string, kind: "cittadino" | "delegato" = "cittadino"): PaymentActor {
  return { kind, fiscalCode };
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

/**
 * Who pays from the Area personale: the citizen for themselves, or a delegate (or parent) acting
 * for them, who is then the payer on the receipt and the actor in the log beside the debtor.
 */
export function areaPaymentParties(access: {
  session: { fiscal_code: string; name: string; surname: string };
  citizenId: number | null;
  onBehalf: unknown;
}): {
  payerCitizenId: number | null;
  payer: { fiscalCode: string; fullName: string } | null;
  actor: PaymentActor;
} {
  const { session } = access;
  if (!access.onBehalf)
    return { payerCitizenId: access.citizenId, payer: null, actor: citizenActor(session.fiscal_code) };
  return {
    // The checkout belongs to the debtor's area (its links lead back there); the payer is named.
    payerCitizenId: access.citizenId,
    payer: { fiscalCode: session.fiscal_code, fullName: `${session.name} ${session.surname}`.trim() },
    actor: citizenActor(session.fiscal_code, "delegato"),
  };
}
