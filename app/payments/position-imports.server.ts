// Tax campaigns: a file of debt positions, checked whole when it arrives, then imported in the
// background (docs/decisions/013-tax-campaign-import.md). An import is a row of position_imports;
// the process that works on it holds it with a lease, as periodic jobs hold theirs (009): claimed in
// one conditional statement, renewed by every batch, taken over by another process when it runs
// out. Each batch of rows is one transaction that also advances the import's progress, conditional
// on the progress it started from: a batch is applied once, whoever applies it, and an import
// resumes where the last committed batch left it.
//
// Positions are created as `createPosition` followed by `publishPosition` would leave them
// (VALID, or PUBLISHED until a later validity date), with the same codes and the same links to the
// debtor; written in bulk, with one audit row per batch (in its transaction) instead of one per
// position. Each debtor who is a citizen gets one message per import, however many positions the
// file holds for them: it is written in the batch of the debtor's last row and lists every position
// of theirs this import created (debt_positions.import_id), whichever batch or run created it.
import crypto from "node:crypto";
import type { ExpressionBuilder, Transaction } from "kysely";
import type { Database, DatabaseWithImports, PositionImportState, Db } from "../../db/schema";
import { appendAudit } from "~/audit.server";
import type { Config } from "~/env.server";
import { ImportFileChecker, type ImportRowError } from "~/operator/position-import-csv";
import { statusAfterPublish, type PositionStatus } from "~/rules/gpd";
import { formatDateIt } from "~/rules/time";
import { formatEuroSymbol } from "~/rules/money";
import { formatNav, generateNav } from "~/rules/nav";
import { paymentsEnv, type PaymentsEnv } from "~/payments/context.server";
import type { NewPositionInput } from "~/payments/creditor-input";
import { actorEnteId, auditChannel, auditWho, type CreditorActor } from "~/payments/creditor.server";
import { loadEnte, nextSequence, resolveTransfers, type EnteRow } from "~/payments/creditor-positions.server";
import { publishedMessage, type PublishedNotice } from "~/payments/creditor-messages.server";
import { fitSubject } from "~/rules/message";
import { isUniqueViolation } from "~/payments/receipts.server";

type Trx = Transaction<Database>;
/** The import's own view of the database: it alone writes debt_positions.import_id. */
type ImportTrx = Transaction<DatabaseWithImports>;

/** Rows per transaction: large enough to keep commits few, small enough to keep each one short. */
export const IMPORT_BATCH_ROWS = 1000;
/** How long a claim lasts without a batch renewing it; then another process may take the import over. */
export const IMPORT_LEASE_MS = 30_000;
/** How often each process looks for an import nobody holds. */
export const IMPORT_POLL_MS = 2_000;
/** Runs that may fail (the database gone, say) before the import stops as non_riuscita. */
export const IMPORT_MAX_FAILURES = 3;
/** A failed run leaves the import alone this long before it is tried again. */
const RETRY_AFTER_MS = 15_000;
/** Batches that collided with another writer (PostgreSQL) are tried again this many times. */
const BATCH_ATTEMPTS = 5;

export const IMPORT_STATE_LABEL: Record<PositionImportState, string> = {
  in_attesa: "In attesa",
  in_corso: "In corso",
  completata: "Completata",
  non_riuscita: "Non riuscita",
};

export interface PositionImport {
  id: number;
  enteId: number;
  channel: "web" | "api";
  filename: string | null;
  state: PositionImportState;
  totalRows: number;
  rowsDone: number;
  created: number;
  skipped: number;
  messages: number;
  totalCents: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

function importColumns(db: Db | Trx) {
  return db
    .selectFrom("position_imports")
    .select([
      "id",
      "entity_id",
      "channel",
      "filename",
      "state",
      "total_rows",
      "rows_done",
      "created_count",
      "skipped_count",
      "messages_count",
      "total_cents",
      "error",
      "created_at",
      "started_at",
      "finished_at",
    ]);
}

type ImportRow = Awaited<ReturnType<ReturnType<typeof importColumns>["executeTakeFirstOrThrow"]>>;

function toImport(r: ImportRow): PositionImport {
  return {
    id: r.id,
    enteId: r.entity_id,
    channel: r.channel,
    filename: r.filename,
    state: r.state,
    totalRows: Number(r.total_rows),
    rowsDone: Number(r.rows_done),
    created: Number(r.created_count),
    skipped: Number(r.skipped_count),
    messages: Number(r.messages_count),
    totalCents: Number(r.total_cents),
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** One import of the ente, or null (another ente's is null too). */
export async function getImport(db: Db, enteId: number, id: number): Promise<PositionImport | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const r = await importColumns(db).where("id", "=", id).where("entity_id", "=", enteId).executeTakeFirst();
  return r ? toImport(r) : null;
}

/** The ente's latest imports, newest first. */
export async function listImports(db: Db, enteId: number, limit = 10): Promise<PositionImport[]> {
  const rows = await importColumns(db)
    .where("entity_id", "=", enteId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toImport);
}

export interface CheckedFile {
  filename: string | null;
  text: string;
  sha256: string;
  rows: number;
}

/**
 * Records a file whose every row passed the checks as an import waiting for a process to take it.
 * Nothing else is written until then. Refused (404) for a caller that may not act for the ente.
 */
export async function startImport(
  db: Db,
  envInput: PaymentsEnv | Pick<Config, "auditHmacKey" | "demo" | "demoToday">,
  by: CreditorActor,
  file: CheckedFile,
): Promise<{ ok: true; id: number } | { ok: false; status: 404 }> {
  const env = "auditKey" in envInput ? envInput : paymentsEnv(envInput);
  if (by.kind === "operatore" && !by.actor.roles.includes("pagamenti")) return { ok: false, status: 404 };
  const stamp = env.stamp();
  const row = await db
    .insertInto("position_imports")
    .values({
      entity_id: actorEnteId(by),
      channel: by.kind === "api" || by.via === "api" ? "api" : "web",
      actor_json: JSON.stringify(by),
      filename: file.filename,
      content_sha256: file.sha256,
      content: file.text,
      validated_on: env.today(),
      state: "in_attesa",
      total_rows: file.rows,
      rows_done: 0,
      created_count: 0,
      skipped_count: 0,
      messages_count: 0,
      total_cents: 0,
      failures: 0,
      error: null,
      holder: null,
      leased_until: null,
      created_at: stamp,
      started_at: null,
      finished_at: null,
      updated_at: stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, id: row.id };
}

// ---- claiming --------------------------------------------------------------------------------

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Takes the oldest import that nobody holds (waiting, or left by a process whose lease ran out)
 * for `holder`, in one statement whose WHERE is checked again on the row it changes: of several
 * processes trying at once, one gets it. Returns its id, or null.
 */
export async function claimImport(
  db: Db,
  holder: string,
  nowMs: number,
  stamp: string,
): Promise<number | null> {
  const now = iso(nowMs);
  const free = (eb: ExpressionBuilder<Database, "position_imports">) =>
    eb.and([
      eb("state", "in", ["in_attesa", "in_corso"]),
      eb.or([eb("leased_until", "is", null), eb("leased_until", "<=", now)]),
    ]);
  const row = await db
    .updateTable("position_imports")
    .set((eb) => ({
      holder,
      leased_until: iso(nowMs + IMPORT_LEASE_MS),
      state: "in_corso",
      started_at: eb.fn.coalesce("started_at", eb.val(stamp)),
      updated_at: stamp,
    }))
    .where("id", "=", (eb) =>
      eb.selectFrom("position_imports").select("id").where(free).orderBy("id").limit(1),
    )
    .where(free)
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

// ---- one batch -------------------------------------------------------------------------------

class LostClaim extends Error {
  constructor() {
    super("the import is no longer held by this process");
  }
}

interface RunContext {
  id: number;
  holder: string;
  by: CreditorActor;
  enteId: number;
  ente: EnteRow;
  validatedOn: string;
  sha256: string;
  filename: string | null;
  env: PaymentsEnv;
  now: () => number;
  /** For each person debtor (codice fiscale), the ordinal of their last row in the file. */
  lastRowOf: Map<string, number>;
}

export interface BatchRow {
  /** 1 for the file's first data row, and so on. */
  ordinal: number;
  line: number;
  input: NewPositionInput & { iupd: string };
}

interface BatchResult {
  created: number;
  skipped: number;
  messages: number;
  totalCents: number;
}

/** At most this many bound values per statement (SQLite allows 32766, PostgreSQL 65535). */
const MAX_VALUES_PER_STATEMENT = 30_000;

function chunks<T>(items: readonly T[], width: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_VALUES_PER_STATEMENT / width));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The state publishing gives a position today: VALID at once, unless its validity date is later. */
function publishedStatus(validityDate: string | null, today: string): PositionStatus {
  const published = statusAfterPublish("DRAFT", validityDate, today);
  if (!published.ok) throw new Error(published.reason);
  return published.status;
}

async function applyBatch(
  trx: Trx,
  ctx: RunContext,
  rows: readonly BatchRow[],
  doneBefore: number,
  last: boolean,
  totals: BatchResult,
): Promise<BatchResult> {
  const { ente, enteId, env } = ctx;
  // First the claim: still ours, and no batch applied since we read the progress. On PostgreSQL
  // this also locks the import's row until the commit.
  const held = await trx
    .updateTable("position_imports")
    .set({ leased_until: iso(ctx.now() + IMPORT_LEASE_MS) })
    .where("id", "=", ctx.id)
    .where("holder", "=", ctx.holder)
    .where("state", "=", "in_corso")
    .where("rows_done", "=", doneBefore)
    .executeTakeFirst();
  if (Number(held.numUpdatedRows) !== 1) throw new LostClaim();

  const existing = new Set<string>();
  for (const part of chunks(rows, 1)) {
    const found = await trx
      .selectFrom("debt_positions")
      .select("iupd")
      .where("entity_id", "=", enteId)
      .where(
        "iupd",
        "in",
        part.map((r) => r.input.iupd),
      )
      .execute();
    for (const f of found) existing.add(f.iupd);
  }
  const fresh = rows.filter((r) => !existing.has(r.input.iupd));

  const citizens = new Map<string, number>();
  const personCodes = [
    ...new Set(fresh.filter((r) => r.input.type === "F").map((r) => r.input.debtorFiscalCode)),
  ];
  for (const part of chunks(personCodes, 1)) {
    const found = await trx
      .selectFrom("citizens")
      .select(["id", "codice_fiscale"])
      .where("codice_fiscale", "in", part)
      .execute();
    for (const c of found) citizens.set(c.codice_fiscale, c.id);
  }

  const stamp = env.stamp();
  const today = env.today();
  let sequence = fresh.length ? await nextSequence(trx, ente) : 0;
  const planned = [];
  for (const r of fresh) {
    const resolved = await resolveTransfers(trx, ente, r.input, ctx.validatedOn);
    if (!resolved.ok) {
      const [path, message] = Object.entries(resolved.errors)[0]!;
      throw new RowRefused(r.line, `${message} (${path})`);
    }
    const codes = r.input.options.map(() => generateNav(ente.segregation_code, sequence++));
    planned.push({
      row: r,
      codes,
      transfers: resolved.transfers,
      status: publishedStatus(r.input.validityDate, today),
      citizenId: r.input.type === "F" ? (citizens.get(r.input.debtorFiscalCode) ?? null) : null,
    });
  }

  const positionIds = new Map<string, number>();
  for (const part of chunks(planned, 17)) {
    const inserted = await (trx as unknown as ImportTrx)
      .insertInto("debt_positions")
      .values(
        part.map((p) => ({
          entity_id: enteId,
          iupd: p.row.input.iupd,
          type: p.row.input.type,
          debtor_fiscal_code: p.row.input.debtorFiscalCode,
          debtor_name: p.row.input.debtorName,
          debtor_citizen_id: p.citizenId,
          company_name: p.row.input.companyName ?? ente.name,
          service: p.row.input.service,
          description: p.row.input.description,
          validity_date: p.row.input.validityDate,
          switch_to_expired: p.row.input.switchToExpired ? 1 : 0,
          status: p.status,
          status_reason: null,
          created_at: stamp,
          published_at: stamp,
          updated_at: stamp,
          import_id: ctx.id,
        })),
      )
      .returning(["id", "iupd"])
      .execute();
    for (const p of inserted) positionIds.set(p.iupd, p.id);
  }

  const options = planned.flatMap((p) =>
    p.row.input.options.map((o, i) => ({
      plan: p,
      index: i,
      values: {
        position_id: positionIds.get(p.row.input.iupd)!,
        creditor_fiscal_code: ente.fiscal_code,
        iuv: p.codes[i]!.iuv,
        nav: p.codes[i]!.nav,
        amount_cents: o.amountCents,
        description: o.description,
        due_date: o.dueDate,
        retention_date: o.retentionDate,
        is_partial_payment: p.row.input.isPartialPayment ? (1 as const) : (0 as const),
        instalment_number: p.row.input.isPartialPayment ? i + 1 : 0,
        status: "PO_UNPAID" as const,
        reserved_until: null,
        reserved_by: null,
      },
    })),
  );
  const optionIds = new Map<string, number>();
  for (const part of chunks(options, 13)) {
    const inserted = await trx
      .insertInto("payment_options")
      .values(part.map((o) => o.values))
      .returning(["id", "iuv"])
      .execute();
    for (const o of inserted) optionIds.set(o.iuv, o.id);
  }

  const transfers = options.flatMap((o) =>
    o.plan.transfers[o.index]!.map((t) => ({
      option_id: optionIds.get(o.values.iuv)!,
      id_transfer: t.idTransfer,
      amount_cents: t.amountCents,
      organization_fiscal_code: t.organizationFiscalCode,
      iban: t.iban,
      remittance_information: t.remittanceInformation,
      category: t.category,
    })),
  );
  for (const part of chunks(transfers, 7)) await trx.insertInto("transfers").values(part).execute();

  // One message per debtor: in the batch of their last row, about all this import created for them.
  const operator = ctx.by.kind === "operatore" ? ctx.by.actor : null;
  const finishing = [
    ...new Set(
      rows
        .filter((r) => r.input.type === "F" && ctx.lastRowOf.get(r.input.debtorFiscalCode) === r.ordinal)
        .map((r) => r.input.debtorFiscalCode),
    ),
  ];
  const messages = (await importedNotices(trx, ctx, finishing)).map(({ citizenId, notices }) => {
    const m = campaignMessage(notices);
    return {
      citizen_id: citizenId,
      sender_entity_id: enteId,
      sender_office_id: operator?.officeId ?? null,
      operator_id: operator?.id ?? null,
      subject: m.subject,
      body: m.body,
      sent_at: stamp,
      read_at: null,
      due_date: m.dueDate,
      payment_option_id: m.optionId,
      pratica_id: null,
    };
  });
  for (const part of chunks(messages, 11)) await trx.insertInto("messages").values(part).execute();

  const batch: BatchResult = {
    created: planned.length,
    skipped: rows.length - planned.length,
    messages: messages.length,
    totalCents: planned.reduce((s, p) => s + p.row.input.options.reduce((t, o) => t + o.amountCents, 0), 0),
  };
  const after = {
    created: totals.created + batch.created,
    skipped: totals.skipped + batch.skipped,
    messages: totals.messages + batch.messages,
    totalCents: totals.totalCents + batch.totalCents,
  };
  await trx
    .updateTable("position_imports")
    .set({
      rows_done: doneBefore + rows.length,
      created_count: after.created,
      skipped_count: after.skipped,
      messages_count: after.messages,
      total_cents: after.totalCents,
      updated_at: stamp,
      ...(last
        ? {
            state: "completata" as const,
            content: null,
            finished_at: stamp,
            holder: null,
            leased_until: null,
            error: null,
          }
        : {}),
    })
    .where("id", "=", ctx.id)
    .execute();
  // The batch's own audit row, in its transaction: every position written is accounted for even if
  // the import stops before its end. The last one says that the import is complete.
  await appendAudit(
    trx,
    env.auditKey,
    {
      ...auditWho(ctx.by),
      subjectCitizenId: null,
      action: "payments.position.import",
      section: "pagamenti",
      details: {
        ...auditChannel(ctx.by),
        importId: ctx.id,
        filename: ctx.filename,
        sha256: ctx.sha256,
        lines: [rows[0]!.line, rows[rows.length - 1]!.line],
        created: batch.created,
        skipped: batch.skipped,
        messages: batch.messages,
        totalCents: batch.totalCents,
        ...(last
          ? {
              complete: true,
              rows: doneBefore + rows.length,
              createdTotal: after.created,
              skippedTotal: after.skipped,
              messagesTotal: after.messages,
            }
          : {}),
      },
    },
    new Date(stamp),
  );
  return after;
}

/** A debtor's notices this import created and made payable, for their one message. */
async function importedNotices(
  trx: Trx,
  ctx: RunContext,
  fiscalCodes: readonly string[],
): Promise<Array<{ citizenId: number; notices: PublishedNotice[] }>> {
  const byDebtor = new Map<string, { citizenId: number; notices: Map<number, PublishedNotice> }>();
  for (const part of chunks(fiscalCodes, 1)) {
    const found = await (trx as unknown as ImportTrx)
      .selectFrom("debt_positions as p")
      .innerJoin("payment_options as o", "o.position_id", "p.id")
      .select([
        "p.id as positionId",
        "p.debtor_fiscal_code",
        "p.debtor_citizen_id",
        "p.description",
        "o.id as optionId",
        "o.amount_cents",
        "o.due_date",
        "o.nav",
      ])
      .where("p.import_id", "=", ctx.id)
      .where("p.entity_id", "=", ctx.enteId)
      .where("p.type", "=", "F")
      .where("p.status", "=", "VALID")
      .where("p.debtor_citizen_id", "is not", null)
      .where("p.debtor_fiscal_code", "in", part)
      .orderBy("p.id")
      .orderBy("o.id")
      .execute();
    for (const f of found) {
      let debtor = byDebtor.get(f.debtor_fiscal_code);
      if (!debtor) {
        debtor = { citizenId: f.debtor_citizen_id!, notices: new Map() };
        byDebtor.set(f.debtor_fiscal_code, debtor);
      }
      let notice = debtor.notices.get(f.positionId);
      if (!notice) {
        notice = { creditorName: ctx.ente.name, description: f.description, totalCents: 0, options: [] };
        debtor.notices.set(f.positionId, notice);
      }
      const amountCents = Number(f.amount_cents);
      notice.totalCents += amountCents;
      (notice.options as PublishedNotice["options"][number][]).push({
        id: f.optionId,
        amountCents,
        dueDate: f.due_date,
        nav: f.nav,
      });
    }
  }
  return [...byDebtor.values()].map((d) => ({ citizenId: d.citizenId, notices: [...d.notices.values()] }));
}

/**
 * The message of a campaign to one debtor: for a single notice the one publishing sends; for
 * several, one message that lists them, linked to the first and due on the earliest date.
 */
export function campaignMessage(notices: readonly PublishedNotice[]): {
  subject: string;
  body: string;
  dueDate: string;
  optionId: number;
} {
  if (notices.length === 1) return publishedMessage(notices[0]!);
  const first = notices[0]!;
  const dueDate = notices.flatMap((n) => n.options.map((o) => o.dueDate)).reduce((a, b) => (b < a ? b : a));
  const list = notices
    .map((n) => {
      const o = n.options[0]!;
      const amount =
        n.options.length === 1
          ? `${formatEuroSymbol(o.amountCents)} entro il ${formatDateIt(o.dueDate)}`
          : `${formatEuroSymbol(n.totalCents)} in ${n.options.length} rate, la prima entro il ${formatDateIt(o.dueDate)}`;
      return `${n.description}: ${amount}, codice avviso ${formatNav(o.nav)}`;
    })
    .join("; ");
  const descriptions = [...new Set(notices.map((n) => n.description))];
  return {
    subject: fitSubject(`${notices.length} nuovi avvisi di pagamento: ${descriptions.join("; ")}`),
    body:
      `${first.creditorName} ti ha inviato ${notices.length} avvisi di pagamento. ${list}. ` +
      "Puoi pagarli con pagoPA dalla sezione Pagamenti dell'area personale.",
    dueDate,
    optionId: first.options[0]!.id,
  };
}

/** A row that passed when the file arrived and fails now: the import cannot go on. */
class RowRefused extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`riga ${line}: ${reason}`);
  }
}

// ---- one run ---------------------------------------------------------------------------------

/** Slices of the stored text fed to the row checker between batches. */
const SLICE_CHARS = 256 * 1024;

/** How a run ended: the import complete or stopped for good, the claim given up, or lost. */
export type RunOutcome = "completata" | "non_riuscita" | "interrotta" | "persa";

/**
 * Works on an import this process has claimed until it is complete, `shouldStop` says so (the
 * claim is then given up at once, for another process to resume), or the claim is lost.
 * Throws on other errors (the caller records the failure).
 */
export async function runImport(
  db: Db,
  envInput: PaymentsEnv,
  id: number,
  holder: string,
  opts: { shouldStop?: () => boolean; now?: () => number; batchRows?: number } = {},
): Promise<RunOutcome> {
  const now = opts.now ?? Date.now;
  const batchRows = opts.batchRows ?? IMPORT_BATCH_ROWS;
  const row = await db
    .selectFrom("position_imports")
    .select([
      "entity_id",
      "actor_json",
      "content",
      "content_sha256",
      "filename",
      "validated_on",
      "total_rows",
      "rows_done",
      "created_count",
      "skipped_count",
      "messages_count",
      "total_cents",
      "state",
      "holder",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row || row.holder !== holder || row.state !== "in_corso") return "persa";
  const by = JSON.parse(row.actor_json) as CreditorActor;
  const ente = await loadEnte(db, row.entity_id);
  if (!ente || row.content === null) {
    await failImport(
      db,
      id,
      holder,
      "L'ente o il file dell'importazione non sono più disponibili.",
      envInput,
    );
    return "non_riuscita";
  }
  // Where each debtor's last row is, so that their one message is written once all of theirs exist.
  const lastRowOf = new Map<string, number>();
  {
    let ordinal = 0;
    const scan = new ImportFileChecker(row.validated_on, (r) => {
      ordinal++;
      if (r.input.type === "F") lastRowOf.set(r.input.debtorFiscalCode, ordinal);
    });
    for (let at = 0; at < row.content.length; at += SLICE_CHARS)
      scan.push(row.content.slice(at, at + SLICE_CHARS));
    scan.end();
  }
  const ctx: RunContext = {
    lastRowOf,
    id,
    holder,
    by,
    enteId: row.entity_id,
    ente,
    validatedOn: row.validated_on,
    sha256: row.content_sha256,
    filename: row.filename,
    env: envInput,
    now,
  };
  let done = Number(row.rows_done);
  const total = Number(row.total_rows);
  let totals: BatchResult = {
    created: Number(row.created_count),
    skipped: Number(row.skipped_count),
    messages: Number(row.messages_count),
    totalCents: Number(row.total_cents),
  };

  let seen = 0;
  const queue: BatchRow[] = [];
  const checker = new ImportFileChecker(row.validated_on, (r) => {
    seen++;
    if (seen > done) queue.push({ ...r, ordinal: seen });
  });
  const firstError = (): ImportRowError | undefined => checker.report.errors[0];

  const flush = async (final: boolean): Promise<RunOutcome | null> => {
    while (queue.length >= batchRows || (final && queue.length > 0)) {
      if (opts.shouldStop?.()) {
        await releaseClaim(db, id, holder, now());
        return "interrotta";
      }
      const batch = queue.splice(0, batchRows);
      const last = done + batch.length >= total;
      for (let attempt = 1; ; attempt++) {
        try {
          totals = await db.transaction().execute((trx) => applyBatch(trx, ctx, batch, done, last, totals));
          break;
        } catch (err) {
          if (err instanceof LostClaim) return "persa";
          // Another writer took the same codes or ids meanwhile (PostgreSQL): read again and retry.
          if (isUniqueViolation(err) && attempt < BATCH_ATTEMPTS) continue;
          throw err;
        }
      }
      done += batch.length;
      // On SQLite every query runs synchronously: let the process answer its requests between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return null;
  };

  try {
    const text = row.content;
    for (let at = 0; at < text.length; at += SLICE_CHARS) {
      checker.push(text.slice(at, at + SLICE_CHARS));
      const bad = firstError();
      if (bad) throw new RowRefused(bad.line, bad.message);
      const stopped = await flush(false);
      if (stopped) return stopped;
    }
    checker.end();
    const bad = firstError();
    if (bad) throw new RowRefused(bad.line, bad.message);
    const stopped = await flush(true);
    if (stopped) return stopped;
    if (done !== total) throw new RowRefused(0, `Il file ha ${seen} righe valide, ne erano attese ${total}.`);
    return "completata";
  } catch (err) {
    if (err instanceof RowRefused) {
      await failImport(
        db,
        id,
        holder,
        err.line > 0
          ? `L'importazione si è fermata alla riga ${err.line}: ${err.reason}`
          : `L'importazione si è fermata: ${err.reason}`,
        envInput,
      );
      return "non_riuscita";
    }
    throw err;
  }
}

async function releaseClaim(db: Db, id: number, holder: string, nowMs: number): Promise<void> {
  await db
    .updateTable("position_imports")
    .set({ leased_until: iso(nowMs) })
    .where("id", "=", id)
    .where("holder", "=", holder)
    .execute();
}

/** Stops an import for good: what was imported stays, the rest is not attempted. */
async function failImport(
  db: Db,
  id: number,
  holder: string,
  message: string,
  env: PaymentsEnv,
): Promise<void> {
  const stamp = env.stamp();
  await db
    .updateTable("position_imports")
    .set({
      state: "non_riuscita",
      error: message,
      content: null,
      finished_at: stamp,
      updated_at: stamp,
      holder: null,
      leased_until: null,
    })
    .where("id", "=", id)
    .where("holder", "=", holder)
    .execute();
}

/**
 * A run that ended in an error: counted, and the import left alone for a while; after
 * IMPORT_MAX_FAILURES it stops as non_riuscita (what was imported stays).
 */
async function recordFailure(
  db: Db,
  id: number,
  holder: string,
  nowMs: number,
  env: PaymentsEnv,
): Promise<void> {
  const r = await db
    .updateTable("position_imports")
    .set((eb) => ({
      failures: eb("failures", "+", 1),
      leased_until: iso(nowMs + RETRY_AFTER_MS),
      error: "Errore interno durante l'importazione: verrà ripresa a breve.",
      updated_at: env.stamp(),
    }))
    .where("id", "=", id)
    .where("holder", "=", holder)
    .returning("failures")
    .executeTakeFirst();
  if (r && Number(r.failures) >= IMPORT_MAX_FAILURES)
    await failImport(
      db,
      id,
      holder,
      "L'importazione si è fermata per errori interni ripetuti. Le posizioni già create restano; importa di nuovo lo stesso file per completarla.",
      env,
    );
}

// ---- the worker of each process ----------------------------------------------------------------

interface WorkerLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ImportWorker {
  readonly holder: string;
  /** Looks for work now (an import was just recorded by this process). */
  wake(): void;
  /** Polls every `pollMs` for imports nobody holds. */
  start(): void;
  /** No new batch after the one in progress; the claim is given up for another process. */
  stop(): Promise<void>;
  /** Resolves when the worker has nothing to do (tests and benchmarks). */
  idle(): Promise<void>;
}

export function createImportWorker(opts: {
  db: Db;
  config: Pick<Config, "auditHmacKey" | "demo" | "demoToday">;
  logger: WorkerLogger;
  holder?: string;
  pollMs?: number;
  batchRows?: number;
}): ImportWorker {
  const { db, logger } = opts;
  const env = paymentsEnv(opts.config);
  const holder = opts.holder ?? crypto.randomUUID();
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  async function drain(): Promise<void> {
    while (!stopped) {
      const id = await claimImport(db, holder, Date.now(), env.stamp());
      if (id === null) return;
      const started = Date.now();
      try {
        const outcome = await runImport(db, env, id, holder, {
          shouldStop: () => stopped,
          batchRows: opts.batchRows,
        });
        logger.info({ importId: id, outcome, ms: Date.now() - started }, "position import");
      } catch (err) {
        logger.error(
          { importId: id, err: err instanceof Error ? err.message : String(err) },
          "position import failed",
        );
        await recordFailure(db, id, holder, Date.now(), env).catch(() => undefined);
      }
    }
  }

  function tick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((err) =>
        logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          "position import claim failed",
        ),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          tick();
        }
      });
  }

  return {
    holder,
    wake: tick,
    start() {
      if (timer || stopped) return;
      timer = setInterval(tick, opts.pollMs ?? IMPORT_POLL_MS);
      timer.unref();
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
    async idle() {
      while (running) await running;
    },
  };
}

/** The worker server.ts registers in the load context's services, if any. */
export function importWorkerOf(services: Record<string, unknown>): ImportWorker | null {
  const w = services.positionImports as Partial<ImportWorker> | undefined;
  return w && typeof w.wake === "function" ? (w as ImportWorker) : null;
}
