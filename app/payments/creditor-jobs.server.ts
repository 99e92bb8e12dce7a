// The creditor side's periodic jobs (docs/decisions/009-periodic-jobs.md): PUBLISHED positions
// become VALID on their validity date, VALID positions that ask for it expire after their last due
// date. Each position changes in its own transaction, with an audit row by the system.
import type { Transaction } from "kysely";
import { appendAudit } from "~/audit.server";
import type { Database, Db } from "../../db/schema";
import { nextStatus } from "~/rules/gpd";
import { envOf, type CreditorEnv } from "~/payments/creditor.server";
import { tellDebtorPublished } from "~/payments/creditor-messages.server";
import { getPosition, type PositionDetail } from "~/payments/creditor-positions.server";

type Trx = Transaction<Database>;

/**
 * Every ente's id, so that the jobs below go through the (entity_id, status) index: a handful of
 * entes, not a scan of every position.
 */
async function enteIds(db: Db): Promise<number[]> {
  return (await db.selectFrom("entities").select("id").execute()).map((e) => e.id);
}

/**
 * Applies a system transition to each position found due, each in its own transaction (the
 * position re-read inside it); `change` returns whether it changed it. Returns how many changed.
 */
async function applyToDue(
  db: Db,
  due: ReadonlyArray<{ id: number; entity_id: number }>,
  change: (trx: Trx, p: PositionDetail) => Promise<boolean>,
): Promise<number> {
  let done = 0;
  for (const d of due) {
    const changed = await db.transaction().execute(async (trx) => {
      const p = await getPosition(trx, d.entity_id, d.id);
      return p ? change(trx, p) : false;
    });
    if (changed) done++;
  }
  return done;
}

/**
 * Validates PUBLISHED positions whose validity date has come (a periodic job), each with its
 * message to the debtor and an audit row by the system. Returns how many.
 */
export async function activateDuePositions(db: Db, envInput: CreditorEnv, limit = 200): Promise<number> {
  const env = envOf(envInput);
  const enti = await enteIds(db);
  if (enti.length === 0) return 0;
  const due = await db
    .selectFrom("debt_positions")
    .select(["id", "entity_id"])
    .where("entity_id", "in", enti)
    .where("status", "=", "PUBLISHED")
    .where("validity_date", "<=", env.today())
    .orderBy("id")
    .limit(limit)
    .execute();
  return applyToDue(db, due, async (trx, p) => {
    const next = nextStatus(p.status, "validate");
    if (!next.ok) return false;
    const stamp = env.stamp();
    const res = await trx
      .updateTable("debt_positions")
      .set({ status: next.status, updated_at: stamp })
      .where("id", "=", p.id)
      .where("status", "=", "PUBLISHED")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    const messageId = await tellDebtorPublished(trx, null, { ...p, status: next.status }, stamp);
    await appendAudit(
      trx,
      env.auditKey,
      {
        actorKind: "sistema",
        enteId: p.enteId,
        subjectCitizenId: p.debtorCitizenId,
        action: "payments.position.validate",
        section: "pagamenti",
        details: { positionId: p.id, iupd: p.iupd, validityDate: p.validityDate, messageId },
      },
      new Date(stamp),
    );
    return true;
  });
}

/**
 * Expires VALID positions that ask for it (switch_to_expired) once every due date has passed (a
 * periodic job): GPD's VALID → EXPIRED with an audit row by the system. A position held by a
 * running checkout is left alone until the checkout ends; a position paid in part is not VALID any
 * more and stays payable. Returns how many expired.
 */
export async function expireDuePositions(db: Db, envInput: CreditorEnv, limit = 200): Promise<number> {
  const env = envOf(envInput);
  const enti = await enteIds(db);
  if (enti.length === 0) return 0;
  const today = env.today();
  const due = await db
    .selectFrom("debt_positions as dp")
    .select(["dp.id", "dp.entity_id"])
    .where("dp.entity_id", "in", enti)
    .where("dp.status", "=", "VALID")
    .where("dp.switch_to_expired", "=", 1)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("payment_options as po")
            .select("po.id")
            .whereRef("po.position_id", "=", "dp.id")
            .where("po.due_date", ">=", today),
        ),
      ),
    )
    .orderBy("dp.id")
    .limit(limit)
    .execute();
  return applyToDue(db, due, async (trx, p) => {
    const next = nextStatus(p.status, "expire");
    if (!next.ok) return false;
    const held = await trx
      .selectFrom("payment_options")
      .select("id")
      .where("position_id", "=", p.id)
      .where("reserved_until", ">", env.now().toISOString())
      .executeTakeFirst();
    if (held) return false;
    const stamp = env.stamp();
    const res = await trx
      .updateTable("debt_positions")
      .set({ status: next.status, status_reason: "Scaduto il termine di pagamento.", updated_at: stamp })
      .where("id", "=", p.id)
      .where("status", "=", "VALID")
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await appendAudit(
      trx,
      env.auditKey,
      {
        actorKind: "sistema",
        enteId: p.enteId,
        subjectCitizenId: p.debtorCitizenId,
        action: "payments.position.expire",
        section: "pagamenti",
        details: { positionId: p.id, iupd: p.iupd },
      },
      new Date(stamp),
    );
    return true;
  });
}
