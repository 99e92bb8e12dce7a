// What every operation of the creditor's side of the payments hub shares: who acts for the ente
// (an operator or an API client), the environment, the shape of answers and the audit fields. The
// operations are in creditor-positions (create, read, publish, invalidate), creditor-jobs (the
// periodic validity and expiry sweeps), creditor-receipts (the ente's receipts) and
// creditor-reconciliation (daily totals and the CSV export); the debtor's messages in
// creditor-messages. The operator pages (/operatore/posizioni, /operatore/riconciliazione) and the
// machine API (/api/v1) call them. Every read and write is scoped by entity_id in its WHERE
// clause: another ente's position is simply not found. Every change happens in one transaction
// with its audit row.
import type { AuditEntry } from "~/audit.server";
import type { Config } from "~/env.server";
import { operatorAudit, type OperatorActor } from "~/operator/actor";
import { paymentsEnv, type PaymentsEnv } from "~/payments/context.server";

/**
 * Who acts for the ente. An API call made with an operator's browser session is an "operatore"
 * (with `via: "api"`); a machine client is identified by its API key.
 */
export type CreditorActor =
  | { kind: "operatore"; actor: OperatorActor; via?: "api" }
  | { kind: "api"; enteId: number; apiKeyId: number | null; label: string };

/** The payments environment, or the configuration it is built from (the operator pages pass `context.config`). */
export type CreditorEnv = PaymentsEnv | Pick<Config, "auditHmacKey" | "demo" | "demoToday">;

/** The payments environment itself, built from the configuration when that is what was passed. */
export function envOf(e: CreditorEnv): PaymentsEnv {
  return "auditKey" in e ? e : paymentsEnv(e);
}

export type CreditorResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      status: 400 | 404 | 409;
      code: string;
      message: string;
      errors?: Record<string, string>;
    };

export function actorEnteId(by: CreditorActor): number {
  return by.kind === "operatore" ? by.actor.enteId : by.enteId;
}

export function auditWho(
  by: CreditorActor,
): Pick<AuditEntry, "actorKind" | "actorCodiceFiscale" | "operatorId" | "enteId" | "role"> {
  if (by.kind === "operatore") return { ...operatorAudit(by.actor), role: "pagamenti" };
  return { actorKind: "api", actorCodiceFiscale: null, operatorId: null, enteId: by.enteId, role: null };
}

export function auditChannel(by: CreditorActor): Record<string, unknown> {
  if (by.kind === "api") return { channel: "api", apiKeyId: by.apiKeyId, apiKeyLabel: by.label };
  return { channel: by.via ?? "web" };
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}
