import { sql } from "kysely";
import type { Db } from "../../db/schema";
import type { OptionStatus } from "~/rules/gpd";
import {
  getIdentityDocuments,
  documentsNeedingRenewal,
  type IdentityDocument,
} from "~/dossier/registry.server";
import { nextAppointments, type Appointment } from "~/dossier/appointments.server";
import { listPayableOptions } from "~/payments/positions.server";
import { checkPayable } from "~/payments/rules";

/**
 * The Scrivania: what needs the citizen first, then the latest activity and the yearly picture.
 * A fixed number of queries whatever the size of the dossier (see `loadScrivania`).
 */

const PAID_OPTION: OptionStatus[] = ["PO_PAID", "PO_PARTIALLY_REPORTED", "PO_REPORTED"];

export interface OptionRow {
  optionId: number;
  positionId: number;
  isPartial: boolean;
  status: OptionStatus;
  amountCents: number;
  dueDate: string;
}

/**
 * The options that make up what a position asks for. A position may offer a single payment and,
 * as an alternative, instalments: counting both would double the amount. Once the single payment
 * is made it is what counts; otherwise the instalments do, when there are any.
 */
export function effectiveOptions<T extends OptionRow>(options: T[]): T[] {
  const byPosition = new Map<number, T[]>();
  for (const o of options) {
    const list = byPosition.get(o.positionId);
    if (list) list.push(o);
    else byPosition.set(o.positionId, [o]);
  }
  const out: T[] = [];
  for (const list of byPosition.values()) {
    const single = list.filter((o) => !o.isPartial);
    const partial = list.filter((o) => o.isPartial);
    const singlePaid = single.filter((o) => PAID_OPTION.includes(o.status));
    if (singlePaid.length) out.push(...singlePaid);
    else if (partial.length) out.push(...partial);
    else out.push(...single);
  }
  return out;
}

export interface DueItem extends OptionRow {
  description: string;
  creditor: string;
  service: string;
  overdue: boolean;
  /** False while a checkout holds the notice: it cannot be paid again meanwhile. */
  payable: boolean;
}

export interface DueSummary {
  items: DueItem[];
  count: number;
  totalCents: number;
  overdueCount: number;
  overdueCents: number;
}

const DUE_SHOWN = 6;

/**
 * Amounts the citizen owes to any creditor, nearest deadline first. `now` is the real instant (the
 * payments hub's lease clock), which tells the notices held by a running checkout.
 */
export async function getAmountsDue(
  db: Db,
  citizenId: number,
  today: string,
  now: Date,
): Promise<DueSummary> {
  const payable = await listPayableOptions(db, citizenId);
  const items = effectiveOptions(
    payable.map((o) => ({
      optionId: o.optionId,
      positionId: o.positionId,
      isPartial: o.isPartial,
      status: o.status,
      amountCents: o.amountCents,
      dueDate: o.dueDate,
      description: o.purpose,
      creditor: o.companyName,
      service: o.service,
      overdue: o.dueDate < today,
      payable: checkPayable(
        {
          positionStatus: o.positionStatus,
          optionStatus: o.status,
          isPartialPayment: o.isPartial ? 1 : 0,
          reservedUntil: o.reservedUntil,
          reservedBy: o.reservedBy,
        },
        now,
      ).ok,
    })),
  ).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.optionId - b.optionId);
  const overdue = items.filter((i) => i.overdue);
  return {
    items: items.slice(0, DUE_SHOWN),
    count: items.length,
    totalCents: items.reduce((s, i) => s + i.amountCents, 0),
    overdueCount: overdue.length,
    overdueCents: overdue.reduce((s, i) => s + i.amountCents, 0),
  };
}

export type ChartCategory = "IMU" | "TARI" | "BOLLO" | "ALTRO";
export const CHART_CATEGORIES: ChartCategory[] = ["IMU", "TARI", "BOLLO", "ALTRO"];
export const CHART_CATEGORY_LABEL: Record<ChartCategory, string> = {
  IMU: "IMU",
  TARI: "TARI",
  BOLLO: "Bollo auto",
  ALTRO: "Altri pagamenti",
};

export interface YearTotals {
  year: number;
  due: Record<ChartCategory, number>;
  paid: Record<ChartCategory, number>;
  dueTotal: number;
  paidTotal: number;
}

export const CHART_YEARS = 5;

function category(service: string): ChartCategory {
  return service === "IMU" || service === "TARI" || service === "BOLLO" ? service : "ALTRO";
}

/** IMU and TARI tax codes of the F24 form; anything else paid by F24 counts as "other". */
export function f24Category(taxCode: string): ChartCategory {
  const n = Number(taxCode);
  if (n >= 3912 && n <= 3930) return "IMU";
  if (n >= 3944 && n <= 3946) return "TARI";
  return "ALTRO";
}

export interface F24YearRow {
  year: number;
  taxCode: string;
  amountCents: number;
}

/**
 * Pure: per year and category, what was asked and what was paid. pagoPA options count by the
 * year they fall due; F24 payments (the years before pagoPA notices) count as asked and paid in
 * their reference year.
 */
export function yearlyTotals(
  rows: Array<OptionRow & { service: string }>,
  f24: F24YearRow[],
  firstYear: number,
  lastYear: number,
): YearTotals[] {
  const zero = (): Record<ChartCategory, number> => ({ IMU: 0, TARI: 0, BOLLO: 0, ALTRO: 0 });
  const years: YearTotals[] = [];
  for (let y = firstYear; y <= lastYear; y++)
    years.push({ year: y, due: zero(), paid: zero(), dueTotal: 0, paidTotal: 0 });
  const add = (year: number, cat: ChartCategory, amount: number, paid: boolean) => {
    const entry = years[year - firstYear];
    if (!entry) return;
    entry.due[cat] += amount;
    entry.dueTotal += amount;
    if (paid) {
      entry.paid[cat] += amount;
      entry.paidTotal += amount;
    }
  };
  for (const o of effectiveOptions(rows)) {
    add(Number(o.dueDate.slice(0, 4)), category(o.service), o.amountCents, PAID_OPTION.includes(o.status));
  }
  for (const p of f24) add(p.year, f24Category(p.taxCode), p.amountCents, true);
  return years;
}

/** Taxes and payments of the last years (two queries: pagoPA options and F24 payments). */
export async function getYearlyTotals(db: Db, citizenId: number, today: string): Promise<YearTotals[]> {
  const lastYear = Number(today.slice(0, 4));
  const firstYear = lastYear - CHART_YEARS + 1;
  const [rows, f24] = await Promise.all([
    db
      .selectFrom("payment_options as po")
      .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
      .select([
        "po.id",
        "po.position_id",
        "po.is_partial_payment",
        "po.status",
        "po.amount_cents",
        "po.due_date",
        "dp.service",
      ])
      .where("dp.debtor_citizen_id", "=", citizenId)
      .where("dp.status", "not in", ["DRAFT", "INVALID"])
      .where("po.due_date", ">=", `${firstYear}-01-01`)
      .where("po.due_date", "<=", `${lastYear}-12-31`)
      .limit(5000)
      .execute(),
    db
      .selectFrom("f24_payments")
      .select((eb) => ["reference_year", "tax_code", eb.fn.sum<number>("amount_cents").as("amount")])
      .where("citizen_id", "=", citizenId)
      .where("reference_year", ">=", firstYear)
      .where("reference_year", "<=", lastYear)
      .groupBy(["reference_year", "tax_code"])
      .execute(),
  ]);
  const years = yearlyTotals(
    rows.map((r) => ({
      optionId: r.id,
      positionId: r.position_id,
      isPartial: r.is_partial_payment === 1,
      status: r.status,
      amountCents: r.amount_cents,
      dueDate: r.due_date,
      service: r.service,
    })),
    f24.map((r) => ({ year: r.reference_year, taxCode: r.tax_code, amountCents: Number(r.amount) })),
    firstYear,
    lastYear,
  );
  // Years before the first amount say nothing (the citizen was a child, or lived elsewhere).
  while (years.length > 1 && years[0].dueTotal === 0) years.shift();
  return years;
}

export interface PraticaWaiting {
  id: number;
  title: string;
  protocolNumber: string | null;
  deadlineDate: string | null;
  updatedAt: string;
}

export async function getPraticheWaiting(db: Db, citizenId: number): Promise<PraticaWaiting[]> {
  const rows = await db
    .selectFrom("pratiche")
    .select(["id", "title", "protocol_number", "deadline_date", "updated_at"])
    .where("citizen_id", "=", citizenId)
    .where("status", "=", "da_integrare")
    .orderBy("updated_at", "desc")
    .limit(10)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    protocolNumber: r.protocol_number,
    deadlineDate: r.deadline_date,
    updatedAt: r.updated_at,
  }));
}

export interface UnreadMessage {
  id: number;
  subject: string;
  sentAt: string;
  senderName: string;
}

export async function getLatestUnread(db: Db, citizenId: number, limit = 3): Promise<UnreadMessage[]> {
  const rows = await db
    .selectFrom("messages as m")
    .innerJoin("entities as e", "e.id", "m.sender_entity_id")
    .select(["m.id", "m.subject", "m.sent_at", "e.name as sender_name"])
    .where("m.citizen_id", "=", citizenId)
    .where("m.read_at", "is", null)
    .orderBy("m.sent_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, subject: r.subject, sentAt: r.sent_at, senderName: r.sender_name }));
}

export type ActivityKind = "pratica" | "messaggio" | "pagamento" | "certificato";

export interface Activity {
  kind: ActivityKind;
  at: string;
  refId: number;
  title: string;
  detail: string | null;
  amountCents: number | null;
}

export const TIMELINE_SIZE = 10;

/**
 * The latest events across the dossiers, merged in one query: milestones of the citizen's
 * pratiche, messages received, payments made on their notices, certificates issued.
 */
export async function getRecentActivity(
  db: Db,
  citizenId: number,
  limit = TIMELINE_SIZE,
): Promise<Activity[]> {
  const events = db
    .selectFrom("pratica_events as ev")
    .innerJoin("pratiche as p", "p.id", "ev.pratica_id")
    .select([
      sql.lit("pratica").$castTo<ActivityKind>().as("kind"),
      "ev.at as at",
      "p.id as ref_id",
      "p.title as title",
      sql<string | null>`${sql.ref("ev.status")}`.as("detail"),
      sql<number | null>`cast(null as integer)`.as("amount"),
    ])
    .where("p.citizen_id", "=", citizenId);
  const messages = db
    .selectFrom("messages as m")
    .innerJoin("entities as e", "e.id", "m.sender_entity_id")
    .select([
      sql.lit("messaggio").$castTo<ActivityKind>().as("kind"),
      "m.sent_at as at",
      "m.id as ref_id",
      "m.subject as title",
      sql<string | null>`${sql.ref("e.name")}`.as("detail"),
      sql<number | null>`cast(null as integer)`.as("amount"),
    ])
    .where("m.citizen_id", "=", citizenId);
  const payments = db
    .selectFrom("receipts as r")
    .innerJoin("payment_options as po", "po.id", "r.option_id")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .select([
      sql.lit("pagamento").$castTo<ActivityKind>().as("kind"),
      "r.payment_date_time as at",
      "r.id as ref_id",
      "r.description as title",
      sql<string | null>`${sql.ref("r.company_name")}`.as("detail"),
      sql<number | null>`${sql.ref("r.payment_amount_cents")}`.as("amount"),
    ])
    .where("dp.debtor_citizen_id", "=", citizenId)
    .where("r.outcome", "=", "OK");
  const certificates = db
    .selectFrom("certificates as c")
    .select([
      sql.lit("certificato").$castTo<ActivityKind>().as("kind"),
      "c.issued_at as at",
      "c.id as ref_id",
      sql<string>`${sql.ref("c.kind")}`.as("title"),
      sql<string | null>`${sql.ref("c.purpose")}`.as("detail"),
      sql<number | null>`cast(null as integer)`.as("amount"),
    ])
    .where("c.citizen_id", "=", citizenId);
  const rows = await db
    .selectFrom(events.unionAll(messages).unionAll(payments).unionAll(certificates).as("t"))
    .selectAll()
    .orderBy("t.at", "desc")
    .orderBy("t.ref_id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    at: r.at,
    refId: r.ref_id,
    title: r.title,
    detail: r.detail,
    amountCents: r.amount === null ? null : Number(r.amount),
  }));
}

export interface Scrivania {
  due: DueSummary;
  waiting: PraticaWaiting[];
  unread: UnreadMessage[];
  documents: IdentityDocument[];
  appointments: Appointment[];
  activity: Activity[];
  years: YearTotals[];
}

/** Everything the Scrivania shows, in eight queries run together. */
export async function loadScrivania(
  db: Db,
  citizenId: number,
  today: string,
  now: string,
  leaseNow: Date,
): Promise<Scrivania> {
  const [due, waiting, unread, docs, appointments, activity, years] = await Promise.all([
    getAmountsDue(db, citizenId, today, leaseNow),
    getPraticheWaiting(db, citizenId),
    getLatestUnread(db, citizenId),
    getIdentityDocuments(db, citizenId, today),
    nextAppointments(db, citizenId, now),
    getRecentActivity(db, citizenId),
    getYearlyTotals(db, citizenId, today),
  ]);
  return { due, waiting, unread, documents: documentsNeedingRenewal(docs), appointments, activity, years };
}
