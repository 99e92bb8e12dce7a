import type { ExpressionBuilder } from "kysely";
import type { Database, Row, TaxKind, Db } from "../../db/schema";
import type { OptionStatus, PositionStatus } from "~/rules/gpd";
import type { NoticeStatus } from "~/dossier/labels";
import { OPEN_REFUND_STATES, type RefundStatus } from "~/rules/refunds";
import { paginate } from "~/pagination.server";

/**
 * Fascicolo del contribuente: properties, IMU and TARI per year, vehicles and bollo, tax notices,
 * F24 history and refunds. One plain function per query; every one takes the citizen's id and
 * puts it in its WHERE clause, so that another citizen's rows cannot be reached from here.
 *
 * An instalment's payment state is never stored with the instalment: it is read from the payment
 * option that collects it (and that option's receipt), and derived by `instalmentState`.
 */

// ---------------------------------------------------------------------------------------------
// Instalment state, derived from the payment option

export type InstalmentState =
  | { kind: "pagata"; paidAt: string | null; receiptId: number | null }
  | { kind: "da_pagare" }
  | { kind: "scaduta" }
  | { kind: "annullata" };

export interface InstalmentPaymentFacts {
  dueDate: string;
  optionStatus: OptionStatus | null;
  positionStatus: PositionStatus | null;
  receiptId: number | null;
  receiptPaidAt: string | null;
}

/**
 * Paid when the option says so, an OK receipt exists for it, or its whole position is paid (a
 * position may offer a single payment as an alternative to its instalments); cancelled when the
 * position was invalidated; otherwise due until the due date (included) and overdue after it.
 */
export function instalmentState(f: InstalmentPaymentFacts, today: string): InstalmentState {
  const optionPaid = f.optionStatus !== null && f.optionStatus !== "PO_UNPAID";
  if (optionPaid || f.receiptId !== null) {
    return { kind: "pagata", paidAt: f.receiptPaidAt, receiptId: f.receiptId };
  }
  // The position was settled another way (its single-payment alternative to the instalments).
  if (f.positionStatus === "PAID" || f.positionStatus === "REPORTED") {
    return { kind: "pagata", paidAt: null, receiptId: null };
  }
  if (f.positionStatus === "INVALID") return { kind: "annullata" };
  return f.dueDate < today ? { kind: "scaduta" } : { kind: "da_pagare" };
}

export const INSTALMENT_STATE_LABEL: Record<InstalmentState["kind"], string> = {
  pagata: "Pagata",
  da_pagare: "Da pagare",
  scaduta: "Scaduta",
  annullata: "Annullata",
};

export interface Instalment {
  id: number;
  tax: TaxKind;
  year: number;
  sourceId: number;
  number: number;
  label: string;
  dueDate: string;
  amountCents: number;
  f24Code: string | null;
  enteId: number;
  enteName: string;
  paymentOptionId: number | null;
  /** The notice number (codice avviso) of the linked payment option, when there is one. */
  nav: string | null;
  state: InstalmentState;
}

function instalmentsQuery(db: Db, citizenId: number) {
  return db
    .selectFrom("tax_instalments as ti")
    .innerJoin("entities as e", "e.id", "ti.entity_id")
    .leftJoin("payment_options as po", "po.id", "ti.payment_option_id")
    .leftJoin("debt_positions as dp", "dp.id", "po.position_id")
    .leftJoin("receipts as r", (join) => join.onRef("r.option_id", "=", "po.id").on("r.outcome", "=", "OK"))
    .where("ti.citizen_id", "=", citizenId)
    .select([
      "ti.id",
      "ti.tax",
      "ti.year",
      "ti.source_id",
      "ti.number",
      "ti.label",
      "ti.due_date",
      "ti.amount_cents",
      "ti.f24_code",
      "ti.entity_id",
      "e.name as entity_name",
      "ti.payment_option_id",
      "po.nav",
      "po.status as option_status",
      "dp.status as position_status",
      "r.id as receipt_id",
      "r.payment_date_time as receipt_paid_at",
    ])
    .orderBy("ti.year", "desc")
    .orderBy("ti.tax")
    .orderBy("ti.source_id")
    .orderBy("ti.number");
}

type InstalmentRow = Awaited<ReturnType<ReturnType<typeof instalmentsQuery>["execute"]>>[number];

function toInstalment(row: InstalmentRow, today: string): Instalment {
  return {
    id: row.id,
    tax: row.tax,
    year: row.year,
    sourceId: row.source_id,
    number: row.number,
    label: row.label,
    dueDate: row.due_date,
    amountCents: row.amount_cents,
    f24Code: row.f24_code,
    enteId: row.entity_id,
    enteName: row.entity_name,
    paymentOptionId: row.payment_option_id,
    nav: row.nav ?? null,
    state: instalmentState(
      {
        dueDate: row.due_date,
        optionStatus: row.option_status ?? null,
        positionStatus: row.position_status ?? null,
        receiptId: row.receipt_id ?? null,
        receiptPaidAt: row.receipt_paid_at ?? null,
      },
      today,
    ),
  };
}

/** Instalments of one tax (and optionally one year), oldest year last, in their order. */
export async function listInstalments(
  db: Db,
  citizenId: number,
  today: string,
  filter: { tax?: TaxKind; year?: number } = {},
): Promise<Instalment[]> {
  let q = instalmentsQuery(db, citizenId);
  if (filter.tax) q = q.where("ti.tax", "=", filter.tax);
  if (filter.year !== undefined) q = q.where("ti.year", "=", filter.year);
  const rows = await q.execute();
  return rows.map((r) => toInstalment(r, today));
}

// ---------------------------------------------------------------------------------------------
// Overview

export interface TaxYearSummary {
  year: number;
  tax: "IMU" | "TARI" | "BOLLO";
  /** Sum of the year's instalments (what was asked). */
  totalCents: number;
  paidCents: number;
  dueCents: number;
  overdueCents: number;
  instalments: number;
  /** An IMU year may be assessed at zero (main home only): there is still something to show. */
  assessed: boolean;
}

export interface TaxpayerOverview {
  years: Array<{ year: number; taxes: TaxYearSummary[] }>;
  counts: { properties: number; vehicles: number; notices: number; refunds: number; f24: number };
  openNotices: number;
  openRefunds: number;
}

function emptySummary(year: number, tax: TaxYearSummary["tax"]): TaxYearSummary {
  return {
    year,
    tax,
    totalCents: 0,
    paidCents: 0,
    dueCents: 0,
    overdueCents: 0,
    instalments: 0,
    assessed: false,
  };
}

/** Per year and tax, what was asked, what is paid and what is still due; plus section counts. */
export async function getTaxpayerOverview(
  db: Db,
  citizenId: number,
  today: string,
): Promise<TaxpayerOverview> {
  const [instalments, imuYears, tariYears, counts] = await Promise.all([
    listInstalments(db, citizenId, today),
    db
      .selectFrom("imu_assessments")
      .select("year")
      .where("citizen_id", "=", citizenId)
      .groupBy("year")
      .execute(),
    db
      .selectFrom("tari_assessments")
      .select("year")
      .where("citizen_id", "=", citizenId)
      .groupBy("year")
      .execute(),
    countSections(db, citizenId),
  ]);

  const byKey = new Map<string, TaxYearSummary>();
  const summary = (year: number, tax: TaxYearSummary["tax"]) => {
    const key = `${year}:${tax}`;
    let s = byKey.get(key);
    if (!s) {
      s = emptySummary(year, tax);
      byKey.set(key, s);
    }
    return s;
  };
  for (const { year } of imuYears) summary(year, "IMU").assessed = true;
  for (const { year } of tariYears) summary(year, "TARI").assessed = true;
  for (const i of instalments) {
    if (i.tax === "ACCERTAMENTO") continue;
    const s = summary(i.year, i.tax);
    s.assessed = true;
    if (i.state.kind === "annullata") continue;
    s.instalments++;
    s.totalCents += i.amountCents;
    if (i.state.kind === "pagata") s.paidCents += i.amountCents;
    else if (i.state.kind === "scaduta") s.overdueCents += i.amountCents;
    else s.dueCents += i.amountCents;
  }
  const order: Record<TaxYearSummary["tax"], number> = { IMU: 0, TARI: 1, BOLLO: 2 };
  const years = new Map<number, TaxYearSummary[]>();
  for (const s of byKey.values()) {
    const list = years.get(s.year) ?? [];
    list.push(s);
    years.set(s.year, list);
  }
  return {
    years: [...years.entries()]
      .sort(([a], [b]) => b - a)
      .map(([year, taxes]) => ({ year, taxes: taxes.sort((a, b) => order[a.tax] - order[b.tax]) })),
    counts: counts.counts,
    openNotices: counts.openNotices,
    openRefunds: counts.openRefunds,
  };
}

/** Per section, how many rows the citizen has (and how many notices and refunds are still open). */
async function countSections(db: Db, citizenId: number) {
  const n = (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) =>
    q.executeTakeFirstOrThrow().then((r) => Number(r.n));
  const countAll = (eb: ExpressionBuilder<Database, keyof Database>) => eb.fn.countAll<number>().as("n");
  const [properties, vehicles, notices, refunds, f24, openNotices, openRefunds] = await Promise.all([
    n(
      db
        .selectFrom("property_owners")
        .select(countAll)
        .where("citizen_id", "=", citizenId)
        .where("to_date", "is", null),
    ),
    n(db.selectFrom("vehicles").select(countAll).where("citizen_id", "=", citizenId)),
    n(db.selectFrom("tax_notices").select(countAll).where("citizen_id", "=", citizenId)),
    n(db.selectFrom("refunds").select(countAll).where("citizen_id", "=", citizenId)),
    n(db.selectFrom("f24_payments").select(countAll).where("citizen_id", "=", citizenId)),
    n(
      db
        .selectFrom("tax_notices")
        .select(countAll)
        .where("citizen_id", "=", citizenId)
        .where("status", "in", ["notificato", "in_contestazione"]),
    ),
    n(
      db
        .selectFrom("refunds")
        .select(countAll)
        .where("citizen_id", "=", citizenId)
        .where("status", "in", [...OPEN_REFUND_STATES]),
    ),
  ]);
  return { counts: { properties, vehicles, notices, refunds, f24 }, openNotices, openRefunds };
}

/** The latest IMU and TARI years, for the section links (two small aggregate queries). */
export async function latestTaxYears(
  db: Db,
  citizenId: number,
): Promise<{ imu: number | null; tari: number | null }> {
  const [imu, tari] = await Promise.all([
    db
      .selectFrom("imu_assessments")
      .select((eb) => eb.fn.max("year").as("y"))
      .where("citizen_id", "=", citizenId)
      .executeTakeFirst(),
    db
      .selectFrom("tari_assessments")
      .select((eb) => eb.fn.max("year").as("y"))
      .where("citizen_id", "=", citizenId)
      .executeTakeFirst(),
  ]);
  return { imu: imu?.y == null ? null : Number(imu.y), tari: tari?.y == null ? null : Number(tari.y) };
}

// ---------------------------------------------------------------------------------------------
// Properties

export interface OwnedProperty {
  ownershipId: number;
  propertyId: number;
  comune: string;
  belfiore: string | null;
  address: string;
  foglio: string;
  particella: string;
  subalterno: string;
  category: string;
  renditaCents: number;
  surfaceM2: number;
  shareBp: number;
  mainHome: boolean;
  fromDate: string;
  toDate: string | null;
}

/** Properties the citizen owns (or owned: `includePast`), by comune and cadastral reference. */
export async function listProperties(
  db: Db,
  citizenId: number,
  opts: { includePast?: boolean } = {},
): Promise<OwnedProperty[]> {
  let q = db
    .selectFrom("property_owners as o")
    .innerJoin("properties as p", "p.id", "o.property_id")
    .innerJoin("entities as e", "e.id", "p.entity_id")
    .where("o.citizen_id", "=", citizenId)
    .select([
      "o.id as ownership_id",
      "p.id as property_id",
      "e.name as comune",
      "e.belfiore",
      "p.address",
      "p.foglio",
      "p.particella",
      "p.subalterno",
      "p.category",
      "p.rendita_cents",
      "p.surface_m2",
      "o.share_bp",
      "o.main_home",
      "o.from_date",
      "o.to_date",
    ])
    .orderBy("o.main_home", "desc")
    .orderBy("e.name")
    .orderBy("p.foglio")
    .orderBy("p.particella")
    .orderBy("p.subalterno");
  if (!opts.includePast) q = q.where("o.to_date", "is", null);
  const rows = await q.execute();
  return rows.map((r) => ({
    ownershipId: r.ownership_id,
    propertyId: r.property_id,
    comune: r.comune,
    belfiore: r.belfiore,
    address: r.address,
    foglio: r.foglio,
    particella: r.particella,
    subalterno: r.subalterno,
    category: r.category,
    renditaCents: r.rendita_cents,
    surfaceM2: r.surface_m2,
    shareBp: r.share_bp,
    mainHome: r.main_home === 1,
    fromDate: r.from_date,
    toDate: r.to_date,
  }));
}

// ---------------------------------------------------------------------------------------------
// IMU

export interface ImuLine {
  id: number;
  propertyId: number;
  address: string;
  foglio: string;
  particella: string;
  subalterno: string;
  category: string;
  renditaCents: number;
  revaluedCents: number;
  multiplier: number;
  baseCents: number;
  rateBp: number;
  monthsHeld: number;
  shareBp: number;
  mainHome: boolean;
  exempt: boolean;
  deductionCents: number;
  amountCents: number;
  f24Code: string;
}

export interface ImuAssessment {
  id: number;
  enteId: number;
  comune: string;
  belfiore: string | null;
  year: number;
  amountCents: number;
  computedAt: string;
  lines: ImuLine[];
  instalments: Instalment[];
}

/** Years with an IMU assessment for the citizen, newest first. */
/** The figures of one IMU line, step by step, as the IMU page and the data export show them. */
export function imuComputation(
  l: Pick<
    Database["imu_lines"],
    | "category"
    | "rendita_cents"
    | "revalued_cents"
    | "multiplier"
    | "base_cents"
    | "rate_bp"
    | "months_held"
    | "share_bp"
    | "main_home"
    | "exempt"
    | "deduction_cents"
    | "amount_cents"
    | "f24_code"
  >,
) {
  return {
    category: l.category,
    renditaCents: l.rendita_cents,
    revaluedCents: l.revalued_cents,
    multiplier: l.multiplier,
    baseCents: l.base_cents,
    rateBp: l.rate_bp,
    monthsHeld: l.months_held,
    shareBp: l.share_bp,
    mainHome: l.main_home === 1,
    exempt: l.exempt === 1,
    deductionCents: l.deduction_cents,
    amountCents: l.amount_cents,
    f24Code: l.f24_code,
  };
}

export async function listImuYears(db: Db, citizenId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("imu_assessments")
    .select("year")
    .where("citizen_id", "=", citizenId)
    .groupBy("year")
    .orderBy("year", "desc")
    .execute();
  return rows.map((r) => r.year);
}

/**
 * The citizen's IMU per comune, of one year or of every year (newest first): the lines each was
 * computed from and its instalments. Three queries whatever the number of years.
 */
async function readImuAssessments(
  db: Db,
  citizenId: number,
  today: string,
  year: number | null,
): Promise<ImuAssessment[]> {
  const [assessments, lines, instalments] = await Promise.all([
    db
      .selectFrom("imu_assessments as a")
      .innerJoin("entities as e", "e.id", "a.entity_id")
      .where("a.citizen_id", "=", citizenId)
      .$if(year !== null, (q) => q.where("a.year", "=", year!))
      .select([
        "a.id",
        "a.entity_id",
        "e.name as comune",
        "e.belfiore",
        "a.year",
        "a.amount_cents",
        "a.computed_at",
      ])
      .orderBy("a.year", "desc")
      .orderBy("e.name")
      .orderBy("a.id")
      .execute(),
    db
      .selectFrom("imu_lines as l")
      .innerJoin("imu_assessments as a", "a.id", "l.assessment_id")
      .innerJoin("properties as p", "p.id", "l.property_id")
      .where("a.citizen_id", "=", citizenId)
      .$if(year !== null, (q) => q.where("a.year", "=", year!))
      .select([
        "l.id",
        "l.assessment_id",
        "l.property_id",
        "p.address",
        "p.foglio",
        "p.particella",
        "p.subalterno",
        "l.category",
        "l.rendita_cents",
        "l.revalued_cents",
        "l.multiplier",
        "l.base_cents",
        "l.rate_bp",
        "l.months_held",
        "l.share_bp",
        "l.main_home",
        "l.exempt",
        "l.deduction_cents",
        "l.amount_cents",
        "l.f24_code",
      ])
      .orderBy("l.main_home", "desc")
      .orderBy("l.id")
      .execute(),
    listInstalments(db, citizenId, today, year === null ? { tax: "IMU" } : { tax: "IMU", year }),
  ]);
  return assessments.map((a) => ({
    id: a.id,
    enteId: a.entity_id,
    comune: a.comune,
    belfiore: a.belfiore,
    year: a.year,
    amountCents: a.amount_cents,
    computedAt: a.computed_at,
    lines: lines
      .filter((l) => l.assessment_id === a.id)
      .map((l) => ({
        id: l.id,
        propertyId: l.property_id,
        address: l.address,
        foglio: l.foglio,
        particella: l.particella,
        subalterno: l.subalterno,
        ...imuComputation(l),
      })),
    instalments: instalments.filter((i) => i.sourceId === a.id).sort((x, y) => x.number - y.number),
  }));
}

/** The year's IMU per comune: the lines it was computed from and its instalments (three queries). */
export async function getImuYear(
  db: Db,
  citizenId: number,
  year: number,
  today: string,
): Promise<ImuAssessment[]> {
  return readImuAssessments(db, citizenId, today, year);
}

/** The IMU of every year, newest year first, as `getImuYear` reads one (three queries). */
export async function listImuAssessments(db: Db, citizenId: number, today: string): Promise<ImuAssessment[]> {
  return readImuAssessments(db, citizenId, today, null);
}

/** One row of the F24 "Sezione IMU e altri tributi locali". */
export interface F24ImuRow {
  codiceEnte: string;
  comune: string;
  acconto: boolean;
  saldo: boolean;
  numeroImmobili: number;
  codiceTributo: string;
  annoRiferimento: number;
  importoCents: number;
  dueDate: string;
  state: InstalmentState;
}

/**
 * The F24 rows of a year's IMU: one per instalment, with the number of taxed properties of that
 * instalment's tribute code. Acconto is the first instalment, saldo the last.
 */
export function f24ImuRows(assessments: ImuAssessment[]): F24ImuRow[] {
  const rows: F24ImuRow[] = [];
  for (const a of assessments) {
    const count = a.instalments.length;
    for (const i of a.instalments) {
      const code = i.f24Code ?? a.lines.find((l) => !l.exempt)?.f24Code ?? "3918";
      rows.push({
        codiceEnte: a.belfiore ?? "",
        comune: a.comune,
        acconto: i.number === 1 && count > 1,
        saldo: i.number === count,
        numeroImmobili: a.lines.filter((l) => !l.exempt && l.f24Code === code).length,
        codiceTributo: code,
        annoRiferimento: a.year,
        importoCents: i.amountCents,
        dueDate: i.dueDate,
        state: i.state,
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// TARI

export interface TariAssessment {
  id: number;
  enteId: number;
  comune: string;
  address: string | null;
  year: number;
  householdSize: number;
  surfaceM2: number;
  fixedCents: number;
  variableCents: number;
  tefaCents: number;
  amountCents: number;
  computedAt: string;
  instalments: Instalment[];
}

export async function listTariYears(db: Db, citizenId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("tari_assessments")
    .select("year")
    .where("citizen_id", "=", citizenId)
    .groupBy("year")
    .orderBy("year", "desc")
    .execute();
  return rows.map((r) => r.year);
}

/** The citizen's TARI per comune, of one year or of every year (newest first), with its instalments (two queries). */
async function readTariAssessments(
  db: Db,
  citizenId: number,
  today: string,
  year: number | null,
): Promise<TariAssessment[]> {
  const [assessments, instalments] = await Promise.all([
    db
      .selectFrom("tari_assessments as t")
      .innerJoin("entities as e", "e.id", "t.entity_id")
      .leftJoin("properties as p", "p.id", "t.property_id")
      .where("t.citizen_id", "=", citizenId)
      .$if(year !== null, (q) => q.where("t.year", "=", year!))
      .select([
        "t.id",
        "t.entity_id",
        "e.name as comune",
        "p.address",
        "t.year",
        "t.household_size",
        "t.surface_m2",
        "t.fixed_cents",
        "t.variable_cents",
        "t.tefa_cents",
        "t.amount_cents",
        "t.computed_at",
      ])
      .orderBy("t.year", "desc")
      .orderBy("e.name")
      .orderBy("t.id")
      .execute(),
    listInstalments(db, citizenId, today, year === null ? { tax: "TARI" } : { tax: "TARI", year }),
  ]);
  return assessments.map((t) => ({
    id: t.id,
    enteId: t.entity_id,
    comune: t.comune,
    address: t.address ?? null,
    year: t.year,
    householdSize: t.household_size,
    surfaceM2: t.surface_m2,
    fixedCents: t.fixed_cents,
    variableCents: t.variable_cents,
    tefaCents: t.tefa_cents,
    amountCents: t.amount_cents,
    computedAt: t.computed_at,
    instalments: instalments.filter((i) => i.sourceId === t.id).sort((x, y) => x.number - y.number),
  }));
}

export async function getTariYear(
  db: Db,
  citizenId: number,
  year: number,
  today: string,
): Promise<TariAssessment[]> {
  return readTariAssessments(db, citizenId, today, year);
}

/** The TARI of every year, newest year first, as `getTariYear` reads one (two queries). */
export async function listTariAssessments(db: Db, citizenId: number, today: string): Promise<TariAssessment[]> {
  return readTariAssessments(db, citizenId, today, null);
}

// ---------------------------------------------------------------------------------------------
// Vehicles and bollo

export interface Vehicle {
  id: number;
  plate: string;
  kind: "autovettura" | "motociclo" | "autocarro";
  makeModel: string;
  kw: number;
  euroClass: number;
  registrationDate: string;
  bolloMonth: number;
  /** Bollo instalments of every year, newest first. */
  bollo: Instalment[];
}

export async function listVehicles(db: Db, citizenId: number, today: string): Promise<Vehicle[]> {
  const [vehicles, bollo] = await Promise.all([
    db.selectFrom("vehicles").selectAll().where("citizen_id", "=", citizenId).orderBy("plate").execute(),
    listInstalments(db, citizenId, today, { tax: "BOLLO" }),
  ]);
  return vehicles.map((v) => ({
    id: v.id,
    plate: v.plate,
    kind: v.kind,
    makeModel: v.make_model,
    kw: v.kw,
    euroClass: v.euro_class,
    registrationDate: v.registration_date,
    bolloMonth: v.bollo_month,
    bollo: bollo.filter((b) => b.sourceId === v.id).sort((x, y) => y.year - x.year || x.number - y.number),
  }));
}

// ---------------------------------------------------------------------------------------------
// Tax notices, F24, refunds

export interface TaxNotice {
  id: number;
  comune: string;
  tax: "IMU" | "TARI";
  year: number;
  number: string;
  issuedDate: string;
  reason: string;
  taxCents: number;
  penaltyCents: number;
  interestCents: number;
  amountCents: number;
  status: NoticeStatus;
  paymentOptionId: number | null;
  payment: InstalmentState | null;
  dueDate: string | null;
}

export async function listTaxNotices(db: Db, citizenId: number, today: string): Promise<TaxNotice[]> {
  const rows = await db
    .selectFrom("tax_notices as n")
    .innerJoin("entities as e", "e.id", "n.entity_id")
    .leftJoin("payment_options as po", "po.id", "n.payment_option_id")
    .leftJoin("debt_positions as dp", "dp.id", "po.position_id")
    .leftJoin("receipts as r", (join) => join.onRef("r.option_id", "=", "po.id").on("r.outcome", "=", "OK"))
    .where("n.citizen_id", "=", citizenId)
    .select([
      "n.id",
      "e.name as comune",
      "n.tax",
      "n.year",
      "n.number",
      "n.issued_date",
      "n.reason",
      "n.tax_cents",
      "n.penalty_cents",
      "n.interest_cents",
      "n.amount_cents",
      "n.status",
      "n.payment_option_id",
      "po.due_date",
      "po.status as option_status",
      "dp.status as position_status",
      "r.id as receipt_id",
      "r.payment_date_time as receipt_paid_at",
    ])
    .orderBy("n.issued_date", "desc")
    .orderBy("n.id", "desc")
    .execute();
  return rows.map((n) => ({
    id: n.id,
    comune: n.comune,
    tax: n.tax,
    year: n.year,
    number: n.number,
    issuedDate: n.issued_date,
    reason: n.reason,
    taxCents: n.tax_cents,
    penaltyCents: n.penalty_cents,
    interestCents: n.interest_cents,
    amountCents: n.amount_cents,
    status: n.status,
    paymentOptionId: n.payment_option_id,
    dueDate: n.due_date ?? null,
    payment:
      n.payment_option_id !== null && n.due_date
        ? instalmentState(
            {
              dueDate: n.due_date,
              optionStatus: n.option_status ?? null,
              positionStatus: n.position_status ?? null,
              receiptId: n.receipt_id ?? null,
              receiptPaidAt: n.receipt_paid_at ?? null,
            },
            today,
          )
        : null,
  }));
}

export const F24_PAGE_SIZE = 20;

export interface F24Payment {
  id: number;
  paidDate: string;
  taxCode: string;
  enteCode: string;
  referenceYear: number;
  amountCents: number;
  channel: string;
}

export interface F24Page {
  items: F24Payment[];
  total: number;
  totalCents: number;
  page: number;
  pages: number;
  /** Years (of payment) the citizen has F24 payments in, newest first. */
  years: number[];
}

/** The citizen's F24 payments, newest first, optionally of one year of payment. */
function f24Query(db: Db, citizenId: number, year?: number) {
  let q = db.selectFrom("f24_payments").where("citizen_id", "=", citizenId);
  if (year !== undefined) q = q.where("paid_date", ">=", `${year}-01-01`).where("paid_date", "<=", `${year}-12-31`);
  return q;
}

function toF24Payment(r: Row<"f24_payments">): F24Payment {
  return {
    id: r.id,
    paidDate: r.paid_date,
    taxCode: r.tax_code,
    enteCode: r.ente_code,
    referenceYear: r.reference_year,
    amountCents: r.amount_cents,
    channel: r.channel,
  };
}

/** The F24 payments, newest first, a page at a time, optionally of one year of payment. */
export async function listF24Payments(
  db: Db,
  citizenId: number,
  opts: { year?: number; page?: number; pageSize?: number } = {},
): Promise<F24Page> {
  const [paged, totals, dates] = await Promise.all([
    paginate(f24Query(db, citizenId, opts.year).selectAll().orderBy("paid_date", "desc").orderBy("id", "desc"), {
      page: opts.page ?? 1,
      pageSize: opts.pageSize ?? F24_PAGE_SIZE,
    }),
    f24Query(db, citizenId, opts.year)
      .select((eb) => eb.fn.sum<number>("amount_cents").as("cents"))
      .executeTakeFirstOrThrow(),
    // Years of payment: the dates themselves are few per citizen (a handful a year).
    db
      .selectFrom("f24_payments")
      .select("paid_date")
      .where("citizen_id", "=", citizenId)
      .groupBy("paid_date")
      .execute(),
  ]);
  const years = [...new Set(dates.map((d) => Number(d.paid_date.slice(0, 4))))].sort((a, b) => b - a);
  return {
    items: paged.rows.map(toF24Payment),
    total: paged.total,
    totalCents: Number(totals.cents ?? 0),
    page: paged.page,
    pages: paged.pageCount,
    years,
  };
}

/** Every F24 payment of the citizen, newest first, in one query (the data export). */
export async function listAllF24Payments(db: Db, citizenId: number): Promise<F24Payment[]> {
  const rows = await f24Query(db, citizenId).selectAll().orderBy("paid_date", "desc").orderBy("id", "desc").execute();
  return rows.map(toF24Payment);
}

export interface Refund {
  id: number;
  ente: string;
  tax: string;
  year: number;
  amountCents: number;
  reason: string;
  requestedDate: string;
  status: RefundStatus;
  paidDate: string | null;
  iban: string | null;
}

export async function listRefunds(db: Db, citizenId: number): Promise<Refund[]> {
  const rows = await db
    .selectFrom("refunds as r")
    .innerJoin("entities as e", "e.id", "r.entity_id")
    .where("r.citizen_id", "=", citizenId)
    .select([
      "r.id",
      "e.name as ente",
      "r.tax",
      "r.year",
      "r.amount_cents",
      "r.reason",
      "r.requested_date",
      "r.status",
      "r.paid_date",
      "r.iban",
    ])
    .orderBy("r.requested_date", "desc")
    .orderBy("r.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ente: r.ente,
    tax: r.tax,
    year: r.year,
    amountCents: r.amount_cents,
    reason: r.reason,
    requestedDate: r.requested_date,
    status: r.status,
    paidDate: r.paid_date,
    iban: r.iban,
  }));
}

/** The IBAN with all but the last four characters hidden, for pages and exports alike. */
export function maskIban(iban: string | null): string | null {
  if (!iban) return null;
  const clean = iban.replace(/\s+/g, "");
  return `${clean.slice(0, 2)}${"•".repeat(Math.max(0, clean.length - 6))}${clean.slice(-4)}`;
}

/** The 404 for a year in the URL that is missing or not a year, with the Italian message the page shows. */
export function yearNotFound(tax: "imu" | "tari", missing = false): Response {
  const example = `/area-personale/contribuente/${tax}/2026`;
  const message = missing
    ? `Indica l'anno che vuoi consultare, ad esempio ${example}, oppure scegli l'anno dal fascicolo del contribuente.`
    : `L'anno indicato non è valido: scrivi l'anno con quattro cifre, ad esempio ${example}.`;
  return new Response(JSON.stringify({ message }), {
    status: 404,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** A year from the URL: four digits in a sensible range, or null. */
export function parseYearParam(value: string | undefined): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 1990 && year <= 2100 ? year : null;
}
