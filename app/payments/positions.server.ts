// Read side of the payments hub: the citizen's notices by tab, one notice in detail, a notice looked
// up by its holder (NAV + creditor fiscal code), receipts. Every citizen query carries the debtor in
// its where clause, so another person's notice is simply not found.
import type { ExpressionBuilder } from "kysely";
import type { Database, Row, TaxKind, Db } from "../../db/schema";
import { PAYABLE_STATUSES, type OptionStatus, type PositionStatus } from "~/rules/gpd";
import type { NoticeTab } from "~/payments/rules";
import { paginate } from "~/pagination.server";

export const PAID_OPTION_STATUSES: OptionStatus[] = ["PO_PAID", "PO_PARTIALLY_REPORTED", "PO_REPORTED"];
/** Positions the debtor sees at all: drafts and positions waiting for their validity date are not published to them yet. */
export const VISIBLE_POSITION_STATUSES: PositionStatus[] = [
  "VALID",
  "PARTIALLY_PAID",
  "PAID",
  "REPORTED",
  "EXPIRED",
  "INVALID",
];

export interface NoticeSummary {
  optionId: number;
  positionId: number;
  enteId: number;
  creditorName: string;
  creditorFiscalCode: string;
  /** The option's description: what is being paid. */
  purpose: string;
  service: string;
  amountCents: number;
  dueDate: string;
  nav: string;
  iuv: string;
  /** 0 for a single payment, 1..n for instalments. */
  instalmentNumber: number;
  /** How many instalments the position has (0 when it has none). */
  instalmentCount: number;
  isPartialPayment: 0 | 1;
  optionStatus: OptionStatus;
  positionStatus: PositionStatus;
  statusReason: string | null;
  /** Whether the position expires once its last due date has passed (GPD's switchToExpired). */
  switchToExpired: boolean;
  /** The latest due date among the options of the position. */
  lastDueDate: string;
  reservedUntil: string | null;
  reservedBy: string | null;
  /** receipts.id when paid through the hub. */
  receiptId: number | null;
  paidAt: string | null;
}

type NoticeEb = ExpressionBuilder<
  Database & {
    po: Database["payment_options"];
    dp: Database["debt_positions"];
    e: Database["entities"];
    r: Database["receipts"];
  },
  "po" | "dp" | "e" | "r"
>;

function noticeBase(db: Db) {
  return db
    .selectFrom("payment_options as po")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .innerJoin("entities as e", "e.id", "dp.entity_id")
    .leftJoin("receipts as r", "r.option_id", "po.id");
}

function selectSummary<QB extends ReturnType<typeof noticeBase>>(qb: QB) {
  return qb.select((eb) => [
    "po.id as optionId",
    "po.position_id as positionId",
    "dp.entity_id as enteId",
    "e.name as creditorName",
    "po.creditor_fiscal_code as creditorFiscalCode",
    "po.description as purpose",
    "dp.service as service",
    "po.amount_cents as amountCents",
    "po.due_date as dueDate",
    "po.nav as nav",
    "po.iuv as iuv",
    "po.instalment_number as instalmentNumber",
    "po.is_partial_payment as isPartialPayment",
    "po.status as optionStatus",
    "dp.status as positionStatus",
    "dp.status_reason as statusReason",
    "dp.switch_to_expired as switchToExpired",
    "po.reserved_until as reservedUntil",
    "po.reserved_by as reservedBy",
    "r.id as receiptId",
    "r.payment_date_time as paidAt",
    eb
      .selectFrom("payment_options as p2")
      .select((sub) => sub.fn.countAll<number>().as("n"))
      .whereRef("p2.position_id", "=", "po.position_id")
      .where("p2.is_partial_payment", "=", 1)
      .as("instalmentCount"),
    eb
      .selectFrom("payment_options as p3")
      .select((sub) => sub.fn.max("p3.due_date").as("d"))
      .whereRef("p3.position_id", "=", "po.position_id")
      .as("lastDueDate"),
  ]);
}

function normalize(row: Record<string, unknown>): NoticeSummary {
  const r = row as unknown as NoticeSummary;
  return {
    ...r,
    instalmentCount: Number(r.instalmentCount ?? 0),
    isPartialPayment: Number(r.isPartialPayment) ? 1 : 0,
    switchToExpired: Number(r.switchToExpired) === 1,
    lastDueDate: r.lastDueDate ?? r.dueDate,
  };
}

function tabCondition(eb: NoticeEb, tab: NoticeTab) {
  switch (tab) {
    case "da-pagare":
      return eb.and([
        eb("po.status", "=", "PO_UNPAID"),
        eb.or([
          eb("dp.status", "=", "VALID"),
          eb.and([eb("dp.status", "=", "PARTIALLY_PAID"), eb("po.is_partial_payment", "=", 1)]),
        ]),
      ]);
    case "pagati":
      return eb("po.status", "in", PAID_OPTION_STATUSES);
    case "non-pagabili":
      return eb.and([eb("po.status", "=", "PO_UNPAID"), eb("dp.status", "in", ["EXPIRED", "INVALID"])]);
  }
}

export interface NoticeFilters {
  citizenId: number;
  tab: NoticeTab;
  enteId?: number | null;
  year?: number | null;
}

function filtered(db: Db, f: NoticeFilters) {
  return noticeBase(db).where((eb) => {
    const conds = [
      eb("dp.debtor_citizen_id", "=", f.citizenId),
      tabCondition(eb as unknown as NoticeEb, f.tab),
    ];
    if (f.enteId) conds.push(eb("dp.entity_id", "=", f.enteId));
    if (f.year) {
      conds.push(eb("po.due_date", ">=", `${f.year}-01-01`));
      conds.push(eb("po.due_date", "<", `${f.year + 1}-01-01`));
    }
    return eb.and(conds);
  });
}

export interface NoticePage {
  items: NoticeSummary[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

/** One page of the citizen's notices in a tab: two queries whatever the page size. */
export async function listCitizenNotices(
  db: Db,
  f: NoticeFilters & { page?: number; pageSize?: number },
): Promise<NoticePage> {
  let qb = selectSummary(filtered(db, f));
  if (f.tab === "pagati") qb = qb.orderBy("r.payment_date_time", "desc").orderBy("po.due_date", "desc");
  else if (f.tab === "da-pagare") qb = qb.orderBy("po.due_date", "asc");
  else qb = qb.orderBy("po.due_date", "desc");
  const { rows, ...paging } = await paginate(qb.orderBy("po.id", "asc"), {
    page: f.page ?? 1,
    pageSize: f.pageSize ?? 10,
    max: 50,
  });
  return { items: rows.map((r) => normalize(r)), ...paging };
}

export interface NoticeTabCounts {
  "da-pagare": number;
  pagati: number;
  "non-pagabili": number;
}

/** How many notices each tab holds, with the same filters: one query. */
export async function countCitizenNoticesByTab(
  db: Db,
  f: Omit<NoticeFilters, "tab">,
): Promise<NoticeTabCounts> {
  const row = await noticeBase(db)
    .where((eb) => {
      const conds = [eb("dp.debtor_citizen_id", "=", f.citizenId)];
      if (f.enteId) conds.push(eb("dp.entity_id", "=", f.enteId));
      if (f.year) {
        conds.push(eb("po.due_date", ">=", `${f.year}-01-01`));
        conds.push(eb("po.due_date", "<", `${f.year + 1}-01-01`));
      }
      return eb.and(conds);
    })
    .select((eb) => {
      const e = eb as unknown as NoticeEb;
      const countWhen = (tab: NoticeTab) =>
        eb.fn.sum<number>(eb.case().when(tabCondition(e, tab)).then(1).else(0).end());
      return [
        countWhen("da-pagare").as("daPagare"),
        countWhen("pagati").as("pagati"),
        countWhen("non-pagabili").as("nonPagabili"),
      ];
    })
    .executeTakeFirst();
  return {
    "da-pagare": Number(row?.daPagare ?? 0),
    pagati: Number(row?.pagati ?? 0),
    "non-pagabili": Number(row?.nonPagabili ?? 0),
  };
}

/** The creditors and years the citizen has notices for, to fill the filter form. */
export async function citizenNoticeFilterOptions(
  db: Db,
  citizenId: number,
): Promise<{ creditors: Array<{ id: number; name: string }>; years: number[] }> {
  const creditors = await db
    .selectFrom("debt_positions as dp")
    .innerJoin("entities as e", "e.id", "dp.entity_id")
    .where("dp.debtor_citizen_id", "=", citizenId)
    .where("dp.status", "in", VISIBLE_POSITION_STATUSES)
    .select(["e.id as id", "e.name as name"])
    .distinct()
    .orderBy("e.name")
    .execute();
  const years = await db
    .selectFrom("payment_options as po")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .where("dp.debtor_citizen_id", "=", citizenId)
    .where("dp.status", "in", VISIBLE_POSITION_STATUSES)
    .select((eb) => eb.fn<string>("substr", ["po.due_date", eb.val(1), eb.val(4)]).as("year"))
    .distinct()
    .execute();
  return {
    creditors,
    years: years
      .map((y) => Number(y.year))
      .filter((y) => Number.isInteger(y))
      .sort((a, b) => b - a),
  };
}

/** A debt position of the citizen as the data export lists it. */
export interface CitizenPosition {
  id: number;
  iupd: string;
  companyName: string;
  service: string;
  description: string;
  status: PositionStatus;
  validityDate: string | null;
  createdAt: string;
  publishedAt: string | null;
  updatedAt: string;
}

/** Every position naming the citizen as debtor, drafts excepted, newest first: one query. */
export async function listCitizenPositions(db: Db, citizenId: number): Promise<CitizenPosition[]> {
  return db
    .selectFrom("debt_positions as dp")
    .select([
      "dp.id",
      "dp.iupd",
      "dp.company_name as companyName",
      "dp.service",
      "dp.description",
      "dp.status",
      "dp.validity_date as validityDate",
      "dp.created_at as createdAt",
      "dp.published_at as publishedAt",
      "dp.updated_at as updatedAt",
    ])
    .where("dp.debtor_citizen_id", "=", citizenId)
    .where("dp.status", "!=", "DRAFT")
    .orderBy("dp.created_at", "desc")
    .execute();
}

/** A notice of the citizen with the creditor's name as the position gives it (pagoPA's company name). */
export interface CitizenOption extends NoticeSummary {
  companyName: string;
}

/**
 * Every option of the positions naming the citizen as debtor, drafts excepted, earliest due
 * first, read as the notice pages read them: one query (the data export, the deadlines feed).
 */
export async function listCitizenOptions(db: Db, citizenId: number): Promise<CitizenOption[]> {
  const rows = await selectSummary(noticeBase(db))
    .select("dp.company_name as companyName")
    .where("dp.debtor_citizen_id", "=", citizenId)
    .where("dp.status", "!=", "DRAFT")
    .orderBy("po.due_date")
    .orderBy("po.id")
    .execute();
  return rows.map((r) => ({ ...normalize(r), companyName: r.companyName }));
}

/** An unpaid option of one of the citizen's payable positions. */
export interface PayableOption {
  optionId: number;
  positionId: number;
  isPartial: boolean;
  status: OptionStatus;
  amountCents: number;
  dueDate: string;
  purpose: string;
  nav: string;
  companyName: string;
  service: string;
  positionStatus: PositionStatus;
  reservedUntil: string | null;
  reservedBy: string | null;
}

/**
 * What the citizen can pay today: the unpaid options of the positions naming them as debtor that
 * are payable (published and valid, or partly paid), earliest due first, at most 1,000. One query;
 * the Scrivania's amounts due and the deadlines feed read it.
 */
export async function listPayableOptions(db: Db, citizenId: number): Promise<PayableOption[]> {
  const rows = await db
    .selectFrom("payment_options as po")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .select([
      "po.id",
      "po.position_id",
      "po.is_partial_payment",
      "po.status",
      "po.amount_cents",
      "po.due_date",
      "po.description",
      "po.nav",
      "dp.company_name",
      "dp.service",
      "dp.status as position_status",
      "po.reserved_until",
      "po.reserved_by",
    ])
    .where("dp.debtor_citizen_id", "=", citizenId)
    .where("dp.status", "in", [...PAYABLE_STATUSES])
    .where("po.status", "=", "PO_UNPAID")
    .orderBy("po.due_date")
    .orderBy("po.id")
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    optionId: r.id,
    positionId: r.position_id,
    isPartial: r.is_partial_payment === 1,
    status: r.status,
    amountCents: r.amount_cents,
    dueDate: r.due_date,
    purpose: r.description,
    nav: r.nav,
    companyName: r.company_name,
    service: r.service,
    positionStatus: r.position_status,
    reservedUntil: r.reserved_until,
    reservedBy: r.reserved_by,
  }));
}

export interface NoticeInstalment {
  optionId: number;
  nav: string;
  iuv: string;
  amountCents: number;
  dueDate: string;
  description: string;
  instalmentNumber: number;
  isPartialPayment: 0 | 1;
  status: OptionStatus;
  receiptId: number | null;
}

export interface Creditor {
  id: number;
  name: string;
  kind: string;
  fiscalCode: string;
  address: string;
  email: string;
  pec: string;
  phone: string;
  website: string;
  iban: string;
  postalAccount: string | null;
}

export interface TaxInstalmentLink {
  id: number;
  tax: TaxKind;
  year: number;
  number: number;
  label: string;
  dueDate: string;
  amountCents: number;
  f24Code: string | null;
}

export interface NoticeDetail extends NoticeSummary {
  retentionDate: string | null;
  creditor: Creditor;
  debtor: { fiscalCode: string; name: string; type: "F" | "G"; citizenId: number | null };
  position: { id: number; iupd: string; description: string; service: string; validityDate: string | null };
  /** Every option of the position (the single payment and the instalments), this one included. */
  options: NoticeInstalment[];
  transfers: Array<Row<"transfers">>;
  receipt: Row<"receipts"> | null;
  taxInstalment: TaxInstalmentLink | null;
}

async function loadDetail(db: Db, q: { optionId: number; citizenId?: number }): Promise<NoticeDetail | null> {
  let qb = selectSummary(noticeBase(db)).where("po.id", "=", q.optionId);
  if (q.citizenId !== undefined) qb = qb.where("dp.debtor_citizen_id", "=", q.citizenId);
  const row = await qb
    .where("dp.status", "in", VISIBLE_POSITION_STATUSES)
    .select([
      "po.retention_date as retentionDate",
      "e.kind as creditorKind",
      "e.fiscal_code as entityFiscalCode",
      "e.address as creditorAddress",
      "e.email as creditorEmail",
      "e.pec as creditorPec",
      "e.phone as creditorPhone",
      "e.website as creditorWebsite",
      "e.iban as creditorIban",
      "e.postal_account as creditorPostalAccount",
      "dp.debtor_fiscal_code as debtorFiscalCode",
      "dp.debtor_name as debtorName",
      "dp.debtor_citizen_id as debtorCitizenId",
      "dp.type as debtorType",
      "dp.iupd as iupd",
      "dp.description as positionDescription",
      "dp.validity_date as validityDate",
    ])
    .executeTakeFirst();
  if (!row) return null;
  const r = row as unknown as NoticeSummary & Record<string, any>;
  const summary = normalize(r);
  const [options, transfers, receipt, tax] = await Promise.all([
    db
      .selectFrom("payment_options as po")
      .leftJoin("receipts as r", "r.option_id", "po.id")
      .where("po.position_id", "=", summary.positionId)
      .select([
        "po.id as optionId",
        "po.nav as nav",
        "po.iuv as iuv",
        "po.amount_cents as amountCents",
        "po.due_date as dueDate",
        "po.description as description",
        "po.instalment_number as instalmentNumber",
        "po.is_partial_payment as isPartialPayment",
        "po.status as status",
        "r.id as receiptId",
      ])
      .orderBy("po.is_partial_payment")
      .orderBy("po.instalment_number")
      .orderBy("po.id")
      .limit(100)
      .execute(),
    db
      .selectFrom("transfers")
      .selectAll()
      .where("option_id", "=", summary.optionId)
      .orderBy("id_transfer")
      .limit(5)
      .execute(),
    summary.receiptId
      ? db.selectFrom("receipts").selectAll().where("id", "=", summary.receiptId).executeTakeFirst()
      : Promise.resolve(undefined),
    db
      .selectFrom("tax_instalments")
      .select([
        "id",
        "tax",
        "year",
        "number",
        "label",
        "due_date as dueDate",
        "amount_cents as amountCents",
        "f24_code as f24Code",
      ])
      .where("payment_option_id", "=", summary.optionId)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return {
    ...summary,
    retentionDate: r.retentionDate ?? null,
    creditor: {
      id: summary.enteId,
      name: summary.creditorName,
      kind: r.creditorKind,
      fiscalCode: r.entityFiscalCode,
      address: r.creditorAddress,
      email: r.creditorEmail,
      pec: r.creditorPec,
      phone: r.creditorPhone,
      website: r.creditorWebsite,
      iban: r.creditorIban,
      postalAccount: r.creditorPostalAccount ?? null,
    },
    debtor: {
      fiscalCode: r.debtorFiscalCode,
      name: r.debtorName,
      type: r.debtorType,
      citizenId: r.debtorCitizenId ?? null,
    },
    position: {
      id: summary.positionId,
      iupd: r.iupd,
      description: r.positionDescription,
      service: summary.service,
      validityDate: r.validityDate ?? null,
    },
    options: options.map((o) => ({ ...o, isPartialPayment: Number(o.isPartialPayment) ? 1 : 0 })),
    transfers,
    receipt: receipt ?? null,
    taxInstalment: tax ?? null,
  };
}

/** One notice of the citizen (a payment option whose position names them as debtor), or null. */
export function getCitizenNotice(
  db: Db,
  q: { optionId: number; citizenId: number },
): Promise<NoticeDetail | null> {
  return loadDetail(db, q);
}

/** Any published notice by id, for operators and the API (their own scoping applies on top). */
export function getNotice(db: Db, optionId: number): Promise<NoticeDetail | null> {
  return loadDetail(db, { optionId });
}

/** What the holder of a printed notice may see: no debtor name or fiscal code. */
export interface HolderNotice {
  optionId: number;
  creditorName: string;
  creditorFiscalCode: string;
  purpose: string;
  amountCents: number;
  dueDate: string;
  nav: string;
  instalmentNumber: number;
  instalmentCount: number;
  optionStatus: OptionStatus;
  positionStatus: PositionStatus;
  isPartialPayment: 0 | 1;
  reservedUntil: string | null;
  reservedBy: string | null;
}

/** The checkout that paid an option through the portal, if it was paid here. */
export async function receiptCheckoutOf(db: Db, optionId: number): Promise<string | null> {
  const row = await db
    .selectFrom("receipts")
    .select("checkout_id")
    .where("option_id", "=", optionId)
    .executeTakeFirst();
  return row?.checkout_id ?? null;
}

/** A notice by codice avviso and creditor fiscal code, as pagoPA's "verify" does. */
export async function findNoticeForHolder(
  db: Db,
  q: { nav: string; creditorFiscalCode: string },
): Promise<HolderNotice | null> {
  const row = await selectSummary(noticeBase(db))
    .where("po.nav", "=", q.nav)
    .where("po.creditor_fiscal_code", "=", q.creditorFiscalCode)
    .where("dp.status", "in", VISIBLE_POSITION_STATUSES)
    .executeTakeFirst();
  if (!row) return null;
  const n = normalize(row);
  return {
    optionId: n.optionId,
    creditorName: n.creditorName,
    creditorFiscalCode: n.creditorFiscalCode,
    purpose: n.purpose,
    amountCents: n.amountCents,
    dueDate: n.dueDate,
    nav: n.nav,
    instalmentNumber: n.instalmentNumber,
    instalmentCount: n.instalmentCount,
    optionStatus: n.optionStatus,
    positionStatus: n.positionStatus,
    isPartialPayment: n.isPartialPayment,
    reservedUntil: n.reservedUntil,
    reservedBy: n.reservedBy,
  };
}

/** Several of the citizen's notices at once (the cart), in the order asked. */
export async function getCitizenNotices(
  db: Db,
  q: { optionIds: number[]; citizenId: number },
): Promise<NoticeSummary[]> {
  if (q.optionIds.length === 0) return [];
  const rows = await selectSummary(noticeBase(db))
    .where("po.id", "in", q.optionIds)
    .where("dp.debtor_citizen_id", "=", q.citizenId)
    .where("dp.status", "in", VISIBLE_POSITION_STATUSES)
    .execute();
  const byId = new Map(rows.map((r) => [r.optionId, normalize(r)]));
  return q.optionIds.map((id) => byId.get(id)).filter((n): n is NoticeSummary => !!n);
}

export interface ReceiptView extends Row<"receipts"> {
  nav: string;
  iuv: string;
  debtorCitizenId: number | null;
  creditorName: string;
  optionDescription: string;
  dueDate: string;
  instalmentNumber: number;
}

function receiptBase(db: Db) {
  return db
    .selectFrom("receipts as r")
    .innerJoin("payment_options as po", "po.id", "r.option_id")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .innerJoin("entities as e", "e.id", "dp.entity_id")
    .leftJoin("checkouts as c", "c.id", "r.checkout_id")
    .selectAll("r")
    .select([
      "po.nav as nav",
      "po.iuv as iuv",
      "dp.debtor_citizen_id as debtorCitizenId",
      "e.name as creditorName",
      "po.description as optionDescription",
      "po.due_date as dueDate",
      "po.instalment_number as instalmentNumber",
    ]);
}

/** A receipt the citizen may see: theirs as debtor, or one they paid (by checkout or as payer). */
export async function getCitizenReceipt(
  db: Db,
  q: { receiptId: number; citizenId: number | null; fiscalCode: string },
): Promise<ReceiptView | null> {
  const row = await receiptBase(db)
    .where("r.id", "=", q.receiptId)
    .where((eb) => {
      const who = [eb("r.payer_fiscal_code", "=", q.fiscalCode)];
      if (q.citizenId !== null) {
        who.push(eb("dp.debtor_citizen_id", "=", q.citizenId));
        who.push(eb("c.citizen_id", "=", q.citizenId));
      }
      return eb.or(who);
    })
    .executeTakeFirst();
  return (row as ReceiptView | undefined) ?? null;
}

/** The receipts of one checkout (the outcome page of an anonymous payer, who holds the checkout id). */
export async function getCheckoutReceipts(db: Db, checkoutId: string): Promise<ReceiptView[]> {
  const rows = await receiptBase(db)
    .where("r.checkout_id", "=", checkoutId)
    .orderBy("r.id")
    .limit(10)
    .execute();
  return rows as ReceiptView[];
}

/** The receipts of the options naming the citizen as debtor: one query (the data export). */
export async function listCitizenReceipts(db: Db, citizenId: number): Promise<ReceiptView[]> {
  const rows = await receiptBase(db).where("dp.debtor_citizen_id", "=", citizenId).orderBy("r.id").execute();
  return rows as ReceiptView[];
}

/** One receipt by its row id, unscoped: for operators and the API, who scope by creditor. */
export async function getReceipt(db: Db, receiptId: number): Promise<ReceiptView | null> {
  const row = await receiptBase(db).where("r.id", "=", receiptId).executeTakeFirst();
  return (row as ReceiptView | undefined) ?? null;
}
