import type { OperatorRole, Db } from "../../db/schema";
import { z } from "zod";
import { appendAudit } from "~/audit.server";
import { portalNow } from "~/clock.server";
import type { Config } from "~/env.server";
import { formText, parseForm } from "~/form-data.server";
import { operatorAudit, type OperatorActor } from "~/operator/actor";
import {
  ACCESS_MINUTES,
  isReasonCategory,
  REASON_TEXT_MAX,
  REASON_TEXT_MIN,
  type ReasonCategory,
} from "~/operator/limits";
import { cleanLine } from "~/operator/text";
import type { DossierSection } from "~/operator/sections";

/**
 * An operator's **access** to one person's dossier: opened by stating a reason, valid for
 * ACCESS_MINUTES, ended early when the operator opens another dossier, closes it, or logs out.
 * Every dossier page checks for a valid access and logs the view in one transaction.
 */

export type ReasonInput =
  | { ok: true; category: ReasonCategory; text: string }
  | { ok: false; errors: { category?: string; text?: string }; values: { category: string; text: string } };

/** The reason form: a category from the list, and a text on one line between the bounds. */
export const accessReasonSchema = z.object({
  categoria: formText().pipe(
    z.custom<ReasonCategory>(
      (value) => typeof value === "string" && isReasonCategory(value),
      "Scegli la categoria del motivo dell'accesso.",
    ),
  ),
  motivo: z
    .unknown()
    .transform((value) => cleanLine(value as FormDataEntryValue | null | undefined))
    .pipe(
      z
        .string()
        .min(REASON_TEXT_MIN, `Descrivi il motivo dell'accesso con almeno ${REASON_TEXT_MIN} caratteri.`)
        .max(REASON_TEXT_MAX, `Il motivo può contenere al massimo ${REASON_TEXT_MAX} caratteri.`),
    ),
});

/** Checks the reason form with accessReasonSchema; on error, what was typed comes back to the form. */
export function parseReason(form: FormData): ReasonInput {
  const parsed = parseForm(accessReasonSchema, form);
  if (parsed.ok) return { ok: true, category: parsed.data.categoria, text: parsed.data.motivo };
  const errors: { category?: string; text?: string } = {};
  if (parsed.errors.categoria) errors.category = parsed.errors.categoria;
  if (parsed.errors.motivo) errors.text = parsed.errors.motivo;
  return {
    ok: false,
    errors,
    values: { category: String(form.get("categoria") ?? ""), text: cleanLine(form.get("motivo")) },
  };
}

export interface OperatorAccess {
  id: number;
  citizenId: number;
  reasonCategory: string;
  reasonText: string;
  startedAt: string;
  expiresAt: string;
}

function toAccess(r: {
  id: number;
  citizen_id: number;
  reason_category: string;
  reason_text: string;
  started_at: string;
  expires_at: string;
}): OperatorAccess {
  return {
    id: r.id,
    citizenId: r.citizen_id,
    reasonCategory: r.reason_category,
    reasonText: r.reason_text,
    startedAt: r.started_at,
    expiresAt: r.expires_at,
  };
}

/** The operator's valid access to this person's dossier at `now`, if any. */
export async function findCurrentAccess(
  db: Db,
  actor: Pick<OperatorActor, "id" | "enteId">,
  citizenId: number,
  now: Date,
): Promise<OperatorAccess | undefined> {
  const row = await db
    .selectFrom("operator_accesses")
    .select(["id", "citizen_id", "reason_category", "reason_text", "started_at", "expires_at"])
    .where("operator_id", "=", actor.id)
    .where("entity_id", "=", actor.enteId)
    .where("citizen_id", "=", citizenId)
    .where("ended_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? toAccess(row) : undefined;
}

/** Ends the operator's accesses still running at `now`; returns their ids. */
async function endRunning(db: Db, operatorId: number, now: Date): Promise<number[]> {
  const at = now.toISOString();
  const running = await db
    .selectFrom("operator_accesses")
    .select("id")
    .where("operator_id", "=", operatorId)
    .where("ended_at", "is", null)
    .where("expires_at", ">", at)
    .execute();
  if (!running.length) return [];
  const ids = running.map((r) => r.id);
  await db.updateTable("operator_accesses").set({ ended_at: at }).where("id", "in", ids).execute();
  return ids;
}

/**
 * Opens an access with its reason, ending the operator's previous one, and logs it: the three
 * writes land together or not at all. The caller has checked that the person is tied to the ente.
 */
export async function openAccess(
  db: Db,
  auditKey: string,
  input: {
    actor: OperatorActor;
    citizenId: number;
    category: ReasonCategory;
    text: string;
    /** The dossier roles the operator holds, recorded with the opening. */
    roles: readonly OperatorRole[];
    now: Date;
  },
): Promise<OperatorAccess> {
  return db.transaction().execute(async (trx) => {
    const ended = await endRunning(trx, input.actor.id, input.now);
    const startedAt = input.now.toISOString();
    const expiresAt = new Date(input.now.getTime() + ACCESS_MINUTES * 60_000).toISOString();
    const row = await trx
      .insertInto("operator_accesses")
      .values({
        operator_id: input.actor.id,
        entity_id: input.actor.enteId,
        citizen_id: input.citizenId,
        reason_category: input.category,
        reason_text: input.text,
        started_at: startedAt,
        expires_at: expiresAt,
        ended_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      auditKey,
      {
        ...operatorAudit(input.actor),
        role: input.roles.join(",") || null,
        subjectCitizenId: input.citizenId,
        accessId: row.id,
        action: "access.open",
        reasonCategory: input.category,
        reasonText: input.text,
        details: ended.length ? { endedAccessIds: ended } : null,
      },
      input.now,
    );
    return {
      id: row.id,
      citizenId: input.citizenId,
      reasonCategory: input.category,
      reasonText: input.text,
      startedAt,
      expiresAt,
    };
  });
}

/**
 * The one write a dossier page makes: if the operator holds a valid access to this person, one
 * audit row for this view, in a transaction of its own; otherwise nothing, and null.
 */
export async function recordDossierView(
  db: Db,
  auditKey: string,
  input: {
    actor: OperatorActor;
    citizenId: number;
    section: DossierSection;
    roles: readonly OperatorRole[];
    now: Date;
  },
): Promise<OperatorAccess | null> {
  return db.transaction().execute(async (trx) => {
    const access = await findCurrentAccess(trx, input.actor, input.citizenId, input.now);
    if (!access) return null;
    await appendAudit(
      trx,
      auditKey,
      {
        ...operatorAudit(input.actor),
        role: input.roles.join(","),
        subjectCitizenId: input.citizenId,
        accessId: access.id,
        action: "dossier.view",
        section: input.section,
        reasonCategory: access.reasonCategory,
        reasonText: access.reasonText,
      },
      input.now,
    );
    return access;
  });
}

/** The operator closes the dossier before it expires (logged). False when nothing was open. */
export async function closeAccess(
  db: Db,
  auditKey: string,
  input: { actor: OperatorActor; citizenId: number; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const access = await findCurrentAccess(trx, input.actor, input.citizenId, input.now);
    if (!access) return false;
    await trx
      .updateTable("operator_accesses")
      .set({ ended_at: input.now.toISOString() })
      .where("id", "=", access.id)
      .execute();
    await appendAudit(
      trx,
      auditKey,
      {
        ...operatorAudit(input.actor),
        subjectCitizenId: input.citizenId,
        accessId: access.id,
        action: "access.close",
        reasonCategory: access.reasonCategory,
        reasonText: access.reasonText,
      },
      input.now,
    );
    return true;
  });
}

/**
 * Ends every running access of the operator. Called at logout (pass the transaction that
 * destroys the session, when there is one).
 */
export async function endOperatorAccesses(
  db: Db,
  operatorId: number,
  config: Pick<Config, "demo" | "demoToday">,
  now: Date = portalNow(config),
): Promise<number> {
  return (await endRunning(db, operatorId, now)).length;
}

/** Whole minutes left before the access expires (at least 0), for the banner. */
export function minutesLeft(access: Pick<OperatorAccess, "expiresAt">, now: Date): number {
  return Math.max(0, Math.ceil((Date.parse(access.expiresAt) - now.getTime()) / 60_000));
}
