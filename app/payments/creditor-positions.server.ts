// The ente's debt positions: reading them, creating them as drafts, publishing them to the debtor
// and invalidating them, each change in one transaction with its audit row (shared parts in
// creditor.server.ts).
import type { Transaction } from "kysely";
import { LOCK_KEYS, lockChain } from "../../db/dialect";
import { appendAudit } from "~/audit.server";
import type { Database, Db } from "../../db/schema";
import { formatDateIt } from "~/rules/time";
import { nextStatus, statusAfterPublish, type OptionStatus, type PositionStatus } from "~/rules/gpd";
import { generateNav } from "~/rules/nav";
import type { NewPositionInput } from "~/payments/creditor-input";
import {
  actorEnteId,
  auditChannel,
  auditWho,
  envOf,
  type CreditorActor,
  type CreditorEnv,
  type CreditorResult,
  type Paged,
} from "~/payments/creditor.server";
import { insertMessage, tellDebtorPublished } from "~/payments/creditor-messages.server";
import { parseInvalidationReason } from "~/payments/position-schema.server";
import { isReserved } from "~/payments/rules";
import { isUniqueViolation } from "~/payments/receipts.server";
import { paginate } from "~/pagination.server";

type Trx = Transaction<Database>;

type Failure = Extract<CreditorResult<never>, { ok: false }>;

function fail(
  status: Failure["status"],
  code: string,
  message: string,
  errors?: Record<string, string>,
): Failure {
  return errors ? { ok: false, status, code, message, errors } : { ok: false, status, code, message };
}

const NOT_FOUND = (): Failure => fail(404, "non_trovata", "Posizione debitoria non trovata.");

/** Operators need the payments role; the guard checks it first, this keeps the core safe on its own. */
function mayAct(by: CreditorActor): boolean {
  return by.kind === "api" || by.actor.roles.includes("pagamenti");
}

class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

// ---- reading -----------------------------------------------------------------------------

export interface PositionTransfer {
  idTransfer: number;
  amountCents: number;
  organizationFiscalCode: string;
  iban: string;
  remittanceInformation: string;
  category: string;
}

export interface PositionOption {
  id: number;
  iuv: string;
  nav: string;
  amountCents: number;
  description: string;
  dueDate: string;
  retentionDate: string | null;
  isPartialPayment: boolean;
  /** 0 for a single payment, 1..n for instalments. */
  instalmentNumber: number;
  status: OptionStatus;
  reservedUntil: string | null;
  /** receipts.id when paid. */
  receiptId: number | null;
  paidAt: string | null;
  transfers: PositionTransfer[];
}

export interface PositionDetail {
  id: number;
  enteId: number;
  creditorName: string;
  creditorFiscalCode: string;
  iupd: string;
  type: "F" | "G";
  debtorFiscalCode: string;
  debtorName: string;
  debtorCitizenId: number | null;
  companyName: string;
  service: string;
  description: string;
  validityDate: string | null;
  switchToExpired: boolean;
  status: PositionStatus;
  statusReason: string | null;
  createdAt: string;
  publishedAt: string | null;
  updatedAt: string;
  isPartialPayment: boolean;
  totalCents: number;
  options: PositionOption[];
}

function positionBase(db: Db | Trx) {
  return db
    .selectFrom("debt_positions as dp")
    .innerJoin("entities as e", "e.id", "dp.entity_id")
    .select([
      "dp.id",
      "dp.entity_id",
      "e.name as creditor_name",
      "e.fiscal_code as creditor_fiscal_code",
      "dp.iupd",
      "dp.type",
      "dp.debtor_fiscal_code",
      "dp.debtor_name",
      "dp.debtor_citizen_id",
      "dp.company_name",
      "dp.service",
      "dp.description",
      "dp.validity_date",
      "dp.switch_to_expired",
      "dp.status",
      "dp.status_reason",
      "dp.created_at",
      "dp.published_at",
      "dp.updated_at",
    ]);
}

type PositionRow = Awaited<ReturnType<ReturnType<typeof positionBase>["executeTakeFirstOrThrow"]>>;

/** Options and transfers of several positions: two queries whatever their number. */
async function withOptions(db: Db | Trx, rows: PositionRow[]): Promise<PositionDetail[]> {
  if (rows.length === 0) return [];
  const options = await db
    .selectFrom("payment_options as po")
    .leftJoin("receipts as r", "r.option_id", "po.id")
    .select([
      "po.id",
      "po.position_id",
      "po.iuv",
      "po.nav",
      "po.amount_cents",
      "po.description",
      "po.due_date",
      "po.retention_date",
      "po.is_partial_payment",
      "po.instalment_number",
      "po.status",
      "po.reserved_until",
      "r.id as receipt_id",
      "r.payment_date_time as paid_at",
    ])
    .where(
      "po.position_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("po.position_id")
    .orderBy("po.instalment_number")
    .orderBy("po.id")
    .execute();
  const transfers = options.length
    ? await db
        .selectFrom("transfers")
        .selectAll()
        .where(
          "option_id",
          "in",
          options.map((o) => o.id),
        )
        .orderBy("option_id")
        .orderBy("id_transfer")
        .execute()
    : [];
  const transfersByOption = new Map<number, PositionTransfer[]>();
  for (const t of transfers) {
    const list = transfersByOption.get(t.option_id) ?? [];
    list.push({
      idTransfer: t.id_transfer,
      amountCents: t.amount_cents,
      organizationFiscalCode: t.organization_fiscal_code,
      iban: t.iban,
      remittanceInformation: t.remittance_information,
      category: t.category,
    });
    transfersByOption.set(t.option_id, list);
  }
  const optionsByPosition = new Map<number, PositionOption[]>();
  for (const o of options) {
    const list = optionsByPosition.get(o.position_id) ?? [];
    list.push({
      id: o.id,
      iuv: o.iuv,
      nav: o.nav,
      amountCents: o.amount_cents,
      description: o.description,
      dueDate: o.due_date,
      retentionDate: o.retention_date,
      isPartialPayment: Number(o.is_partial_payment) === 1,
      instalmentNumber: o.instalment_number,
      status: o.status,
      reservedUntil: o.reserved_until,
      receiptId: o.receipt_id ?? null,
      paidAt: o.paid_at ?? null,
      transfers: transfersByOption.get(o.id) ?? [],
    });
    optionsByPosition.set(o.position_id, list);
  }
  return rows.map((r) => {
    const opts = optionsByPosition.get(r.id) ?? [];
    return {
      id: r.id,
      enteId: r.entity_id,
      creditorName: r.creditor_name,
      creditorFiscalCode: r.creditor_fiscal_code,
      iupd: r.iupd,
      type: r.type,
      debtorFiscalCode: r.debtor_fiscal_code,
      debtorName: r.debtor_name,
      debtorCitizenId: r.debtor_citizen_id,
      companyName: r.company_name,
      service: r.service,
      description: r.description,
      validityDate: r.validity_date,
      switchToExpired: Number(r.switch_to_expired) === 1,
      status: r.status,
      statusReason: r.status_reason,
      createdAt: r.created_at,
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
      isPartialPayment: opts.some((o) => o.isPartialPayment),
      totalCents: opts.reduce((s, o) => s + o.amountCents, 0),
      options: opts,
    };
  });
}

/** One position of the ente by id, or null (another ente's position is null too). */
export async function getPosition(
  db: Db | Trx,
  enteId: number,
  positionId: number,
): Promise<PositionDetail | null> {
  if (!Number.isSafeInteger(positionId) || positionId < 1) return null;
  const row = await positionBase(db)
    .where("dp.id", "=", positionId)
    .where("dp.entity_id", "=", enteId)
    .executeTakeFirst();
  if (!row) return null;
  return (await withOptions(db, [row]))[0] ?? null;
}

/** One position of the ente by its iupd, or null. */
export async function getPositionByIupd(
  db: Db | Trx,
  enteId: number,
  iupd: string,
): Promise<PositionDetail | null> {
  if (typeof iupd !== "string" || iupd.length === 0 || iupd.length > 100) return null;
  const row = await positionBase(db)
    .where("dp.iupd", "=", iupd)
    .where("dp.entity_id", "=", enteId)
    .executeTakeFirst();
  if (!row) return null;
  return (await withOptions(db, [row]))[0] ?? null;
}

export interface PositionFilters {
  status?: PositionStatus | null;
  /** An iupd, a NAV (spaces allowed) or the debtor's fiscal code, matched exactly. */
  q?: string | null;
  page?: number;
  pageSize?: number;
}

export const POSITIONS_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

function filteredPositions(db: Db, enteId: number, f: PositionFilters) {
  let qb = db.selectFrom("debt_positions as dp").where("dp.entity_id", "=", enteId);
  if (f.status) qb = qb.where("dp.status", "=", f.status);
  const q = (f.q ?? "").trim();
  if (q) {
    const nav = q.replace(/\s+/g, "");
    const upper = q.toUpperCase();
    qb = qb.where((eb) =>
      eb.or([
        eb("dp.iupd", "=", q),
        eb("dp.debtor_fiscal_code", "=", upper.replace(/\s+/g, "")),
        ...(/^\d{18}$/.test(nav)
          ? [
              eb.exists(
                eb
                  .selectFrom("payment_options as po")
                  .select("po.id")
                  .whereRef("po.position_id", "=", "dp.id")
                  .where("po.nav", "=", nav),
              ),
            ]
          : []),
      ]),
    );
  }
  return qb;
}

/** A page of the ente's positions, newest first: four queries whatever the page size. */
export async function listPositions(
  db: Db,
  enteId: number,
  f: PositionFilters = {},
): Promise<Paged<PositionDetail>> {
  const { rows: ids, ...paging } = await paginate(
    filteredPositions(db, enteId, f)
      .select("dp.id")
      .orderBy("dp.created_at", "desc")
      .orderBy("dp.id", "desc"),
    { page: f.page ?? 1, pageSize: f.pageSize ?? POSITIONS_PAGE_SIZE, max: MAX_PAGE_SIZE },
  );
  const rows = ids.length
    ? await positionBase(db)
        .where("dp.entity_id", "=", enteId)
        .where(
          "dp.id",
          "in",
          ids.map((r) => r.id),
        )
        .orderBy("dp.created_at", "desc")
        .orderBy("dp.id", "desc")
        .execute()
    : [];
  return { items: await withOptions(db, rows), ...paging };
}

// ---- creating ------------------------------------------------------------------------------

export interface EnteRow {
  id: number;
  name: string;
  fiscal_code: string;
  iban: string;
  segregation_code: string;
}

export async function loadEnte(db: Db | Trx, enteId: number): Promise<EnteRow | undefined> {
  return db
    .selectFrom("entities")
    .select(["id", "name", "fiscal_code", "iban", "segregation_code"])
    .where("id", "=", enteId)
    .executeTakeFirst();
}

/**
 * The next free 13-digit sequence of the ente's aux-3 codes: one past the largest IUV it has
 * issued with its segregation code. Read inside the write transaction under the ente's sequence
 * lock (on SQLite the write lock is already held; on PostgreSQL concurrent creators would all read
 * the same maximum), held until the transaction ends; the unique index on
 * (creditor_fiscal_code, iuv) remains the last guard.
 */
export async function nextSequence(trx: Trx, ente: EnteRow): Promise<number> {
  await lockChain(trx, LOCK_KEYS.iuvSequence(ente.id));
  const seg = ente.segregation_code;
  const row = await trx
    .selectFrom("payment_options")
    .select((eb) => eb.fn.max("iuv").as("iuv"))
    .where("creditor_fiscal_code", "=", ente.fiscal_code)
    .where("iuv", ">=", `${seg}${"0".repeat(15)}`)
    .where("iuv", "<=", `${seg}${"9".repeat(15)}`)
    .where((eb) => eb(eb.fn("length", ["iuv"]), "=", 17))
    .executeTakeFirst();
  const last = row?.iuv ? String(row.iuv) : null;
  return last ? Number(last.slice(2, 15)) + 1 : 1;
}

/** Checks that need the ente and the date: first transfer to the ente, IBANs, dates not past. */
export async function resolveTransfers(
  trx: Trx,
  ente: EnteRow,
  input: NewPositionInput,
  today: string,
): Promise<{ ok: true; transfers: PositionTransfer[][] } | { ok: false; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  const others = new Set<string>();
  for (const o of input.options)
    for (const t of o.transfers)
      if (t.organizationFiscalCode && t.organizationFiscalCode !== ente.fiscal_code && !t.iban)
        others.add(t.organizationFiscalCode);
  const ibans = new Map<string, string>([[ente.fiscal_code, ente.iban]]);
  if (others.size) {
    const rows = await trx
      .selectFrom("entities")
      .select(["fiscal_code", "iban"])
      .where("fiscal_code", "in", [...others])
      .execute();
    for (const r of rows) ibans.set(r.fiscal_code, r.iban);
  }
  const out = input.options.map((o, i) => {
    if (o.dueDate < today) errors[`options[${i}].dueDate`] = "La scadenza non può essere già passata.";
    return o.transfers.map((t, j) => {
      const org = t.organizationFiscalCode ?? ente.fiscal_code;
      if (j === 0 && org !== ente.fiscal_code)
        errors[`options[${i}].transfers[0].organizationFiscalCode`] =
          `Il primo trasferimento deve andare all'ente creditore (codice fiscale ${ente.fiscal_code}).`;
      const iban = t.iban ?? ibans.get(org);
      if (!iban)
        errors[`options[${i}].transfers[${j}].iban`] =
          "Indica l'IBAN del beneficiario: l'ente indicato non è tra quelli del portale.";
      return {
        idTransfer: t.idTransfer,
        amountCents: t.amountCents,
        organizationFiscalCode: org,
        iban: iban ?? "",
        remittanceInformation: t.remittanceInformation,
        category: t.category,
      };
    });
  });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, transfers: out };
}

const VALIDATION_MESSAGE = "Alcuni dati della posizione debitoria non sono validi.";

/**
 * Creates a DRAFT position with its options and transfers. Each option gets an aux-3 NAV with the
 * ente's segregation code and the next free sequence; the debtor is linked to the citizen with
 * that codice fiscale, when there is one. An iupd already used by the ente answers 409.
 */
export async function createPosition(
  db: Db,
  envInput: CreditorEnv,
  by: CreditorActor,
  input: NewPositionInput,
): Promise<CreditorResult<PositionDetail>> {
  const env = envOf(envInput);
  if (!mayAct(by)) return NOT_FOUND();
  const enteId = actorEnteId(by);
  const today = env.today();
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const ente = await loadEnte(trx, enteId);
        if (!ente) throw new Refused(fail(404, "ente_non_trovato", "Ente creditore non trovato."));
        const resolved = await resolveTransfers(trx, ente, input, today);
        if (!resolved.ok)
          throw new Refused(fail(400, "dati_non_validi", VALIDATION_MESSAGE, resolved.errors));
        if (input.iupd) {
          const taken = await trx
            .selectFrom("debt_positions")
            .select("id")
            .where("entity_id", "=", enteId)
            .where("iupd", "=", input.iupd)
            .executeTakeFirst();
          if (taken)
            throw new Refused(
              fail(
                409,
                "iupd_esistente",
                `L'ente ha già una posizione debitoria con identificativo «${input.iupd}».`,
              ),
            );
        }
        const citizen =
          input.type === "F"
            ? await trx
                .selectFrom("citizens")
                .select("id")
                .where("codice_fiscale", "=", input.debtorFiscalCode)
                .executeTakeFirst()
            : undefined;
        const sequence = await nextSequence(trx, ente);
        const codes = input.options.map((_, i) => generateNav(ente.segregation_code, sequence + i));
        const iupd =
          input.iupd ??
          (await freeIupd(trx, enteId, `${input.service}-${today.slice(0, 4)}-${codes[0]!.iuv}`));
        const stamp = env.stamp();
        const position = await trx
          .insertInto("debt_positions")
          .values({
            entity_id: enteId,
            iupd,
            type: input.type,
            debtor_fiscal_code: input.debtorFiscalCode,
            debtor_name: input.debtorName,
            debtor_citizen_id: citizen?.id ?? null,
            company_name: input.companyName ?? ente.name,
            service: input.service,
            description: input.description,
            validity_date: input.validityDate,
            switch_to_expired: input.switchToExpired ? 1 : 0,
            status: "DRAFT",
            status_reason: null,
            created_at: stamp,
            published_at: null,
            updated_at: stamp,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const [i, o] of input.options.entries()) {
          const option = await trx
            .insertInto("payment_options")
            .values({
              position_id: position.id,
              creditor_fiscal_code: ente.fiscal_code,
              iuv: codes[i]!.iuv,
              nav: codes[i]!.nav,
              amount_cents: o.amountCents,
              description: o.description,
              due_date: o.dueDate,
              retention_date: o.retentionDate,
              is_partial_payment: input.isPartialPayment ? 1 : 0,
              instalment_number: input.isPartialPayment ? i + 1 : 0,
              status: "PO_UNPAID",
              reserved_until: null,
              reserved_by: null,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          await trx
            .insertInto("transfers")
            .values(
              resolved.transfers[i]!.map((t) => ({
                option_id: option.id,
                id_transfer: t.idTransfer,
                amount_cents: t.amountCents,
                organization_fiscal_code: t.organizationFiscalCode,
                iban: t.iban,
                remittance_information: t.remittanceInformation,
                category: t.category,
              })),
            )
            .execute();
        }
        await appendAudit(
          trx,
          env.auditKey,
          {
            ...auditWho(by),
            subjectCitizenId: citizen?.id ?? null,
            action: "payments.position.create",
            section: "pagamenti",
            details: {
              ...auditChannel(by),
              positionId: position.id,
              iupd,
              service: input.service,
              options: input.options.length,
              totalCents: input.options.reduce((s, o) => s + o.amountCents, 0),
              navs: codes.map((c) => c.nav),
            },
          },
          new Date(stamp),
        );
        const detail = await getPosition(trx, enteId, position.id);
        return { ok: true, value: detail! } as const;
      });
    } catch (err) {
      if (err instanceof Refused) return err.failure;
      // Two creators raced for the same sequence (PostgreSQL) or iupd: once more, then a conflict.
      if (isUniqueViolation(err)) {
        if (attempt === 0) continue;
        return fail(
          409,
          "conflitto",
          "La posizione non è stata creata per una modifica concorrente: riprova.",
        );
      }
      throw err;
    }
  }
}

/** A generated iupd, made unique within the ente if a creditor happened to choose the same one. */
async function freeIupd(trx: Trx, enteId: number, base: string): Promise<string> {
  for (let n = 0; n < 5; n++) {
    const candidate = n === 0 ? base : `${base}-${n}`;
    const taken = await trx
      .selectFrom("debt_positions")
      .select("id")
      .where("entity_id", "=", enteId)
      .where("iupd", "=", candidate)
      .executeTakeFirst();
    if (!taken) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}

// ---- publishing and invalidating -------------------------------------------------------------

/**
 * Publishes a DRAFT position: PUBLISHED, and at once VALID (payable, shown to the debtor) when it
 * has no validity date or that date has come; otherwise it stays PUBLISHED until
 * `activateDuePositions` validates it. When it becomes VALID and the debtor is a citizen, they get a
 * message in the same transaction.
 */
export async function publishPosition(
  db: Db,
  envInput: CreditorEnv,
  by: CreditorActor,
  positionId: number,
): Promise<CreditorResult<PositionDetail>> {
  const env = envOf(envInput);
  if (!mayAct(by)) return NOT_FOUND();
  const enteId = actorEnteId(by);
  const today = env.today();
  try {
    return await db.transaction().execute(async (trx) => {
      const p = await getPosition(trx, enteId, positionId);
      if (!p) throw new Refused(NOT_FOUND());
      const published = statusAfterPublish(p.status, p.validityDate, today);
      if (!published.ok) throw new Refused(fail(409, "stato_non_valido", published.reason));
      const past = p.options.find((o) => o.dueDate < today);
      if (past)
        throw new Refused(
          fail(
            409,
            "scadenza_passata",
            `La scadenza del ${formatDateIt(past.dueDate)} è già passata: la posizione non può essere pubblicata. Annullala e creane una nuova con scadenze future.`,
          ),
        );
      const status = published.status;
      let debtorCitizenId = p.debtorCitizenId;
      if (debtorCitizenId === null && p.type === "F") {
        const c = await trx
          .selectFrom("citizens")
          .select("id")
          .where("codice_fiscale", "=", p.debtorFiscalCode)
          .executeTakeFirst();
        debtorCitizenId = c?.id ?? null;
      }
      const stamp = env.stamp();
      const res = await trx
        .updateTable("debt_positions")
        .set({ status, published_at: stamp, updated_at: stamp, debtor_citizen_id: debtorCitizenId })
        .where("id", "=", p.id)
        .where("entity_id", "=", enteId)
        .where("status", "=", "DRAFT")
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1)
        throw new Refused(
          fail(409, "stato_non_valido", "La posizione è stata modificata nel frattempo: ricarica e riprova."),
        );
      const after = { ...p, status, debtorCitizenId };
      const messageId = status === "VALID" ? await tellDebtorPublished(trx, by, after, stamp) : null;
      await appendAudit(
        trx,
        env.auditKey,
        {
          ...auditWho(by),
          subjectCitizenId: debtorCitizenId,
          action: "payments.position.publish",
          section: "pagamenti",
          details: { ...auditChannel(by), positionId: p.id, iupd: p.iupd, status, messageId },
        },
        new Date(stamp),
      );
      return { ok: true, value: (await getPosition(trx, enteId, p.id))! } as const;
    });
  } catch (err) {
    if (err instanceof Refused) return err.failure;
    throw err;
  }
}

/**
 * Invalidates a PUBLISHED or VALID position (refused from every other state, as GPD does) with the
 * creditor's reason. Nothing paid is touched: a paid or partly paid position is refused. A notice
 * held by a running checkout is not pulled from under its payer: 409 "in pagamento".
 */
export async function invalidatePosition(
  db: Db,
  envInput: CreditorEnv,
  by: CreditorActor,
  positionId: number,
  reason: unknown,
): Promise<CreditorResult<PositionDetail>> {
  const env = envOf(envInput);
  if (!mayAct(by)) return NOT_FOUND();
  const enteId = actorEnteId(by);
  const why = parseInvalidationReason(reason);
  try {
    return await db.transaction().execute(async (trx) => {
      const p = await getPosition(trx, enteId, positionId);
      if (!p) throw new Refused(NOT_FOUND());
      if (!why.ok) throw new Refused(fail(400, "dati_non_validi", why.message, { reason: why.message }));
      const next = nextStatus(p.status, "invalidate");
      if (!next.ok) throw new Refused(fail(409, "stato_non_valido", next.reason));
      const now = env.now();
      const inPayment = () =>
        fail(
          409,
          "in_pagamento",
          "Un avviso di questa posizione è in pagamento in questo momento: la posizione non può essere annullata. Riprova tra qualche minuto, quando il pagamento sarà concluso o scaduto.",
        );
      if (p.options.some((o) => isReserved(o.reservedUntil, now))) throw new Refused(inPayment());
      const stamp = env.stamp();
      // Conditional on the state read and on no reservation: a checkout starting meanwhile wins or loses cleanly.
      const res = await trx
        .updateTable("debt_positions")
        .set({ status: next.status, status_reason: why.value, updated_at: stamp })
        .where("id", "=", p.id)
        .where("entity_id", "=", enteId)
        .where("status", "=", p.status)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom("payment_options as po")
                .select("po.id")
                .whereRef("po.position_id", "=", "debt_positions.id")
                .where("po.reserved_until", ">", now.toISOString()),
            ),
          ),
        )
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new Refused(inPayment());
      let messageId: number | null = null;
      // The debtor saw the notice as payable: tell them it is withdrawn.
      if (p.status === "VALID" && p.debtorCitizenId !== null) {
        messageId = await insertMessage(trx, by, p, {
          subject: `Avviso di pagamento annullato: ${p.description}`,
          body: `${p.creditorName} ha annullato l'avviso di pagamento «${p.description}». Motivo: ${why.value}. Non devi pagarlo; se l'ente ti invierà un nuovo avviso, lo troverai nella sezione Pagamenti.`,
          dueDate: null,
          optionId: p.options[0]?.id ?? null,
          stamp,
        });
      }
      await appendAudit(
        trx,
        env.auditKey,
        {
          ...auditWho(by),
          subjectCitizenId: p.debtorCitizenId,
          action: "payments.position.invalidate",
          section: "pagamenti",
          reasonText: why.value,
          details: { ...auditChannel(by), positionId: p.id, iupd: p.iupd, from: p.status, messageId },
        },
        new Date(stamp),
      );
      return { ok: true, value: (await getPosition(trx, enteId, p.id))! } as const;
    });
  } catch (err) {
    if (err instanceof Refused) return err.failure;
    throw err;
  }
}
