import { sql, type RawBuilder } from "kysely";
import type { Db, Row } from "../../db/schema";
import { toOpenCsv, type CsvValue } from "~/open-data/csv";
import { OPEN_DATA_SLUGS, OPEN_DATASETS, type ChartItem, type OpenDataSlug } from "~/open-data/datasets";
import { ageBandThresholds, AGE_BANDS, endOfDay, monthBuckets, quarterOf } from "~/open-data/periods";
import { publishableMedian, suppressSmallCells, sumOf } from "~/open-data/suppression";
import { centsToDecimalString } from "~/rules/money";
import { PRATICA_STATES, type PraticaStatus } from "~/rules/pratiche";
import { daysBetween, romeDay } from "~/rules/time";

/**
 * The open datasets computed from the portal's own tables (docs/decisions/033-open-data.md), and
 * their storage in `open_data_sets`. Every query aggregates in the database, grouped by the cells
 * the dataset publishes with the count of distinct people in each, so that the suppression rule
 * (suppression.ts) sees whole cells; the only rows read one by one are the concluded pratiche,
 * whose lead times the median needs, and they are read in pages.
 */

/** The portal's day the figures refer to and the instant they are computed. */
export interface OpenDataClock {
  today: string;
  now: string;
}

/** One computed dataset, as stored. */
export interface ComputedDataset {
  slug: OpenDataSlug;
  header: string[];
  rows: CsvValue[][];
  chart: ChartItem[];
}

const CONCLUDED: readonly PraticaStatus[] = ["accettata", "respinta"];
const MEDIAN_PAGE = 5000;
const CHART_MONTHS = 12;

const num = (v: unknown): number => Number(v ?? 0);

/**
 * The Italian month ("YYYY-MM") of an instant column, by comparisons with the months' starts: the
 * same SQL on SQLite and PostgreSQL, with no time-zone functions in either.
 */
function monthCase(column: string, fromDay: string, toDay: string): RawBuilder<string> {
  const buckets = monthBuckets(fromDay, toDay);
  const whens = buckets.map(
    (b) => sql`when ${sql.ref(column)} < ${sql.lit(b.nextStart)} then ${sql.lit(b.month)}`,
  );
  return sql<string>`case ${sql.join(whens, sql` `)} end`;
}

/** The first and last Italian day of an instant column, from its min and max; null when empty. */
async function instantRange(
  query: Promise<{ min: string | null; max: string | null } | undefined>,
): Promise<{ from: string; to: string } | null> {
  const row = await query;
  if (!row?.min || !row.max) return null;
  return { from: romeDay(row.min), to: romeDay(row.max) };
}

/** Months of the chart: the last CHART_MONTHS months that have published rows, summed. */
function monthlyChart<T extends { month: string }>(rows: readonly T[], value: (r: T) => number): ChartItem[] {
  const byMonth = new Map<string, number>();
  for (const r of rows) byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + value(r));
  return [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(-CHART_MONTHS)
    .map(([label, v]) => ({ label, value: v }));
}

/**
 * A dataset as published: the cells under MIN_PEOPLE left out, then its rows and its chart made
 * from the cells left only (docs/decisions/033-open-data.md), under the catalogue's column names.
 */
function published<T extends { people: number }>(
  slug: OpenDataSlug,
  cells: readonly T[],
  shape: { row: (cell: T) => CsvValue[]; chart: (kept: T[]) => ChartItem[] },
): ComputedDataset {
  const kept = suppressSmallCells(cells);
  return {
    slug,
    header: OPEN_DATASETS[slug].columns.map((c) => c.name),
    rows: kept.map(shape.row),
    chart: shape.chart(kept),
  };
}

/** One figure summed per label, in the labels' order. */
function chartByLabel<T>(
  rows: readonly T[],
  labels: readonly string[],
  labelOf: (row: T) => string,
  figure: (row: T) => number,
): ChartItem[] {
  return labels.map((label) => ({
    label,
    value: sumOf(
      rows.filter((r) => labelOf(r) === label),
      figure,
    ),
  }));
}

// ---- payments received --------------------------------------------------------------------------

export interface PaymentCell {
  month: string;
  ipa: string;
  ente: string;
  service: string;
  payments: number;
  cents: number;
  people: number;
}

/** Paid receipts (outcome OK) per creditor, service and Italian month of payment, up to `today`. */
export async function paymentCells(db: Db, clock: OpenDataClock): Promise<PaymentCell[]> {
  const paid = db
    .selectFrom("receipts as r")
    .where("r.outcome", "=", "OK")
    .where("r.payment_date_time", "<", endOfDay(clock.today));
  const range = await instantRange(
    paid
      .select((eb) => [
        eb.fn.min("r.payment_date_time").as("min"),
        eb.fn.max("r.payment_date_time").as("max"),
      ])
      .executeTakeFirst(),
  );
  if (!range) return [];
  const inner = paid
    .innerJoin("payment_options as o", "o.id", "r.option_id")
    .innerJoin("debt_positions as p", "p.id", "o.position_id")
    .innerJoin("entities as e", "e.id", "p.entity_id")
    .select([
      monthCase("r.payment_date_time", range.from, range.to).as("month"),
      "e.ipa_code as ipa",
      "e.name as ente",
      "p.service as service",
      "r.payment_amount_cents as cents",
      "r.debtor_fiscal_code as debtor",
    ]);
  const rows = await db
    .selectFrom(inner.as("t"))
    .select((eb) => [
      "t.month",
      "t.ipa",
      "t.ente",
      "t.service",
      eb.fn.countAll().as("payments"),
      eb.fn.sum("t.cents").as("cents"),
      eb.fn.count("t.debtor").distinct().as("people"),
    ])
    .groupBy(["t.month", "t.ipa", "t.ente", "t.service"])
    .orderBy("t.month")
    .orderBy("t.ipa")
    .orderBy("t.service")
    .execute();
  return rows.map((r) => ({
    month: r.month,
    ipa: r.ipa,
    ente: r.ente,
    service: r.service,
    payments: num(r.payments),
    cents: num(r.cents),
    people: num(r.people),
  }));
}

function paymentsDataset(cells: PaymentCell[]): ComputedDataset {
  return published("pagamenti-ricevuti", cells, {
    row: (c) => [c.month, c.ipa, c.ente, c.service, c.payments, centsToDecimalString(c.cents), c.people],
    chart: (kept) => monthlyChart(kept, (c) => c.cents),
  });
}

// ---- pratiche -----------------------------------------------------------------------------------

export interface PraticaCell {
  quarter: string;
  type: string;
  status: PraticaStatus;
  pratiche: number;
  people: number;
  /** Median days from submission to conclusion, concluded pratiche only; null otherwise. */
  medianDays: number | null;
}

/** The quarter ("YYYY-Qn") of a YYYY-MM-DD text column, in SQL. */
function quarterSql(column: string): RawBuilder<string> {
  const ref = sql.ref(column);
  return sql<string>`substr(${ref}, 1, 4) || '-Q' || case when substr(${ref}, 6, 2) <= '03' then '1' when substr(${ref}, 6, 2) <= '06' then '2' when substr(${ref}, 6, 2) <= '09' then '3' else '4' end`;
}

/** Lead times in days of the concluded pratiche, per cell key `quarter|type|status`, read in pages. */
async function leadTimes(db: Db, today: string): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom("pratiche as p")
      .innerJoin("pratica_events as e", (j) =>
        j.onRef("e.pratica_id", "=", "p.id").onRef("e.status", "=", "p.status"),
      )
      .select((eb) => [
        "p.id",
        "p.type",
        "p.status",
        "p.submitted_date",
        eb.fn.min("e.at").as("concluded_at"),
      ])
      .where("p.status", "in", CONCLUDED)
      .where("p.submitted_date", "is not", null)
      .where("p.submitted_date", "<=", today)
      .where("p.id", ">", after)
      .groupBy(["p.id", "p.type", "p.status", "p.submitted_date"])
      .orderBy("p.id")
      .limit(MEDIAN_PAGE)
      .execute();
    for (const r of page) {
      const submitted = r.submitted_date as string;
      const key = `${quarterOf(submitted)}|${r.type}|${r.status}`;
      const days = daysBetween(submitted, romeDay(r.concluded_at as string));
      const list = out.get(key);
      if (list) list.push(days);
      else out.set(key, [days]);
    }
    if (page.length < MEDIAN_PAGE) return out;
    after = page[page.length - 1]!.id;
  }
}

/** Submitted pratiche (drafts left out) per quarter of submission, type and current state. */
export async function praticaCells(db: Db, clock: OpenDataClock): Promise<PraticaCell[]> {
  const inner = db
    .selectFrom("pratiche")
    .select([quarterSql("submitted_date").as("quarter"), "type", "status", "citizen_id"])
    .where("status", "!=", "bozza")
    .where("submitted_date", "is not", null)
    .where("submitted_date", "<=", clock.today);
  const rows = await db
    .selectFrom(inner.as("t"))
    .select((eb) => [
      "t.quarter",
      "t.type",
      "t.status",
      eb.fn.countAll().as("pratiche"),
      eb.fn.count("t.citizen_id").distinct().as("people"),
    ])
    .groupBy(["t.quarter", "t.type", "t.status"])
    .execute();
  const leads = await leadTimes(db, clock.today);
  const order = (s: string) => PRATICA_STATES.indexOf(s as PraticaStatus);
  return rows
    .map((r) => ({
      quarter: r.quarter,
      type: r.type,
      status: r.status,
      pratiche: num(r.pratiche),
      people: num(r.people),
      medianDays: CONCLUDED.includes(r.status)
        ? publishableMedian(leads.get(`${r.quarter}|${r.type}|${r.status}`) ?? [])
        : null,
    }))
    .sort(
      (a, b) =>
        a.quarter.localeCompare(b.quarter) ||
        a.type.localeCompare(b.type) ||
        order(a.status) - order(b.status),
    );
}

function praticheDataset(cells: PraticaCell[]): ComputedDataset {
  return published("pratiche", cells, {
    row: (c) => [
      c.quarter,
      c.type,
      c.status,
      c.pratiche,
      c.people,
      c.medianDays === null ? null : Math.round(c.medianDays * 10) / 10,
    ],
    chart: (kept) =>
      chartByLabel(
        kept,
        PRATICA_STATES.filter((s) => s !== "bozza"),
        (c) => c.status,
        (c) => c.pratiche,
      ).filter((i) => i.value > 0),
  });
}

// ---- certificates -------------------------------------------------------------------------------

export interface CertificateCell {
  month: string;
  kind: string;
  certificates: number;
  people: number;
}

/** Certificates issued per kind and Italian month of issue, up to `today`. */
export async function certificateCells(db: Db, clock: OpenDataClock): Promise<CertificateCell[]> {
  const issued = db.selectFrom("certificates").where("issued_at", "<", endOfDay(clock.today));
  const range = await instantRange(
    issued
      .select((eb) => [eb.fn.min("issued_at").as("min"), eb.fn.max("issued_at").as("max")])
      .executeTakeFirst(),
  );
  if (!range) return [];
  const inner = issued.select([
    monthCase("issued_at", range.from, range.to).as("month"),
    "kind",
    "citizen_id",
  ]);
  const rows = await db
    .selectFrom(inner.as("t"))
    .select((eb) => [
      "t.month",
      "t.kind",
      eb.fn.countAll().as("certificates"),
      eb.fn.count("t.citizen_id").distinct().as("people"),
    ])
    .groupBy(["t.month", "t.kind"])
    .orderBy("t.month")
    .orderBy("t.kind")
    .execute();
  return rows.map((r) => ({
    month: r.month,
    kind: r.kind,
    certificates: num(r.certificates),
    people: num(r.people),
  }));
}

function certificatesDataset(cells: CertificateCell[]): ComputedDataset {
  return published("certificati-rilasciati", cells, {
    row: (c) => [c.month, c.kind, c.certificates, c.people],
    chart: (kept) => monthlyChart(kept, (c) => c.certificates),
  });
}

// ---- appointments -------------------------------------------------------------------------------

export interface AppointmentCell {
  month: string;
  ipa: string;
  ente: string;
  office: string;
  appointments: number;
  people: number;
}

/**
 * Appointments not cancelled, per office and Italian month of the slot: those already held and
 * those booked for the months ahead, as the offices plan their counters.
 */
export async function appointmentCells(db: Db): Promise<AppointmentCell[]> {
  const base = () =>
    db
      .selectFrom("appointments as a")
      .innerJoin("appointment_slots as s", "s.id", "a.slot_id")
      .where("a.status", "!=", "annullato");
  const range = await instantRange(
    base()
      .select((eb) => [eb.fn.min("s.starts_at").as("min"), eb.fn.max("s.starts_at").as("max")])
      .executeTakeFirst(),
  );
  if (!range) return [];
  const inner = base()
    .innerJoin("offices as f", "f.id", "s.office_id")
    .innerJoin("entities as e", "e.id", "f.entity_id")
    .select([
      monthCase("s.starts_at", range.from, range.to).as("month"),
      "e.ipa_code as ipa",
      "e.name as ente",
      "f.id as office_id",
      "f.name as office",
      "a.citizen_id as citizen_id",
    ]);
  const rows = await db
    .selectFrom(inner.as("t"))
    .select((eb) => [
      "t.month",
      "t.ipa",
      "t.ente",
      "t.office",
      eb.fn.countAll().as("appointments"),
      eb.fn.count("t.citizen_id").distinct().as("people"),
    ])
    .groupBy(["t.month", "t.ipa", "t.ente", "t.office_id", "t.office"])
    .orderBy("t.month")
    .orderBy("t.ipa")
    .orderBy("t.office")
    .execute();
  return rows.map((r) => ({
    month: r.month,
    ipa: r.ipa,
    ente: r.ente,
    office: r.office,
    appointments: num(r.appointments),
    people: num(r.people),
  }));
}

function appointmentsDataset(cells: AppointmentCell[]): ComputedDataset {
  return published("appuntamenti", cells, {
    row: (c) => [c.month, c.ipa, c.ente, c.office, c.appointments, c.people],
    chart: (kept) => monthlyChart(kept, (c) => c.appointments),
  });
}

// ---- residents ----------------------------------------------------------------------------------

export interface ResidentCell {
  belfiore: string;
  comune: string;
  band: string;
  sex: string;
  people: number;
}

/**
 * Current residents of each comune on `today` per age band and sex, counted by the database (a
 * million residents are never read one by one): the band is told from the birth date by
 * comparisons with the bands' thresholds (periods.ts).
 */
export async function residentCells(db: Db, clock: OpenDataClock): Promise<ResidentCell[]> {
  const thresholds = ageBandThresholds(clock.today);
  const whens = thresholds.map(
    (t) => sql`when ${sql.ref("c.birth_date")} <= ${sql.lit(t.bornOnOrBefore)} then ${sql.lit(t.label)}`,
  );
  const band = sql<string>`case ${sql.join(whens, sql` `)} else ${sql.lit(AGE_BANDS[0].label)} end`;
  const inner = db
    .selectFrom("residences as r")
    .innerJoin("citizens as c", "c.id", "r.citizen_id")
    .innerJoin("entities as e", "e.id", "r.entity_id")
    .select([
      "e.belfiore as belfiore",
      "e.name as comune",
      band.as("band"),
      "c.sex as sex",
      "r.citizen_id as citizen_id",
    ])
    .where("e.kind", "=", "comune")
    .where("r.start_date", "<=", clock.today)
    .where((eb) => eb.or([eb("r.end_date", "is", null), eb("r.end_date", ">", clock.today)]))
    .where("c.birth_date", "<=", clock.today);
  const rows = await db
    .selectFrom(inner.as("t"))
    .select((eb) => [
      "t.belfiore",
      "t.comune",
      "t.band",
      "t.sex",
      eb.fn.count("t.citizen_id").distinct().as("people"),
    ])
    .groupBy(["t.belfiore", "t.comune", "t.band", "t.sex"])
    .execute();
  const bandOrder = (b: string) => AGE_BANDS.findIndex((x) => x.label === b);
  return rows
    .map((r) => ({
      belfiore: r.belfiore ?? "",
      comune: r.comune,
      band: r.band,
      sex: r.sex,
      people: num(r.people),
    }))
    .sort(
      (a, b) =>
        a.comune.localeCompare(b.comune, "it") ||
        bandOrder(a.band) - bandOrder(b.band) ||
        a.sex.localeCompare(b.sex),
    );
}

function residentsDataset(cells: ResidentCell[]): ComputedDataset {
  return published("residenti", cells, {
    row: (c) => [c.belfiore, c.comune, c.band, c.sex, c.people],
    chart: (kept) =>
      chartByLabel(
        kept,
        AGE_BANDS.map((b) => b.label),
        (c) => c.band,
        (c) => c.people,
      ),
  });
}

// ---- all of them, stored ----------------------------------------------------------------------

/** Every dataset computed on the portal's day, suppression applied. */
export async function computeOpenData(db: Db, clock: OpenDataClock): Promise<ComputedDataset[]> {
  return [
    paymentsDataset(await paymentCells(db, clock)),
    praticheDataset(await praticaCells(db, clock)),
    certificatesDataset(await certificateCells(db, clock)),
    appointmentsDataset(await appointmentCells(db)),
    residentsDataset(await residentCells(db, clock)),
  ];
}

const ISSUED_KEY = "open_data_issued";

/**
 * The daily job: computes every dataset and replaces the stored ones in one transaction, so that
 * a reader sees either yesterday's files or today's, never a mix. Returns the rows published.
 */
export async function regenerateOpenData(db: Db, clock: OpenDataClock): Promise<number> {
  const sets = await computeOpenData(db, clock);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("open_data_sets").execute();
    await trx
      .insertInto("open_data_sets")
      .values(
        sets.map((s) => ({
          slug: s.slug,
          csv: toOpenCsv(s.header, s.rows),
          row_count: s.rows.length,
          summary_json: JSON.stringify(s.chart),
          generated_at: clock.now,
          reference_date: clock.today,
        })),
      )
      .execute();
    // The catalogue's dct:issued: the day the portal first published its open data.
    await trx
      .insertInto("meta")
      .values({ key: ISSUED_KEY, value: clock.today })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
  });
  return sets.reduce((n, s) => n + s.rows.length, 0);
}

/** Whether the datasets have been computed at least once (the job runs at once when not). */
export async function hasOpenData(db: Db): Promise<boolean> {
  return (await db.selectFrom("open_data_sets").select("slug").limit(1).executeTakeFirst()) !== undefined;
}

export type StoredDatasetInfo = Omit<Row<"open_data_sets">, "slug" | "csv" | "summary_json"> & {
  slug: OpenDataSlug;
  chart: ChartItem[];
};

/** The stored datasets without their files, in the order of OPEN_DATA_SLUGS. */
export async function listOpenData(db: Db): Promise<StoredDatasetInfo[]> {
  const rows = await db
    .selectFrom("open_data_sets")
    .select(["slug", "row_count", "summary_json", "generated_at", "reference_date"])
    .execute();
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  return OPEN_DATA_SLUGS.flatMap((slug) => {
    const r = bySlug.get(slug);
    if (!r) return [];
    const { summary_json, ...rest } = r;
    return [{ ...rest, slug, chart: JSON.parse(summary_json) as ChartItem[] }];
  });
}

/** One stored dataset's file, or undefined when it has not been computed yet. */
export async function getOpenDataCsv(
  db: Db,
  slug: OpenDataSlug,
): Promise<{ csv: string; generated_at: string } | undefined> {
  return db
    .selectFrom("open_data_sets")
    .select(["csv", "generated_at"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

/** The day of first publication (the catalogue's dct:issued), or null before the first run. */
export async function openDataIssued(db: Db): Promise<string | null> {
  const row = await db.selectFrom("meta").select("value").where("key", "=", ISSUED_KEY).executeTakeFirst();
  return row?.value ?? null;
}
