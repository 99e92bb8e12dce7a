import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/schema";
import { SeedBuilder, type Person } from "../../db/seed/builder";
import { ITALIAN_PLACES } from "../../db/seed/data";
import { dayFromIso } from "../../db/seed/dates";
import { seed } from "../../db/seed/index";
import { resetIdentitySequences, writeRowsKysely } from "../../db/seed/write-kysely";
import { openTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { csvRecords } from "../../tests/support/csv";
import {
  appointmentCells,
  certificateCells,
  computeOpenData,
  getOpenDataCsv,
  listOpenData,
  openDataIssued,
  paymentCells,
  praticaCells,
  regenerateOpenData,
  residentCells,
} from "~/open-data/datasets.server";
import { OPEN_DATA_SLUGS, OPEN_DATASETS } from "~/open-data/datasets";
import { MIN_PEOPLE } from "~/open-data/suppression";
import { addDays } from "~/rules/time";

const TODAY = "2026-11-26";
const CLOCK = { today: TODAY, now: "2026-11-26T05:00:00.000Z" };
const ROMA = ITALIAN_PLACES.find((p) => p.belfiore === "H501")!;

/** The column of each dataset that counts the distinct people of its row. */
const PEOPLE_COLUMN: Record<string, string> = {
  "pagamenti-ricevuti": "debitori",
  pratiche: "richiedenti",
  "certificati-rilasciati": "cittadini",
  appuntamenti: "cittadini",
  residenti: "residenti",
};

/** The columns each dataset's chart is summed from: its label and its value. */
const CHART_COLUMNS: Record<string, [string, string]> = {
  "pagamenti-ricevuti": ["mese", "importo_euro"],
  pratiche: ["stato", "pratiche"],
  "certificati-rilasciati": ["mese", "certificati"],
  appuntamenti: ["mese", "appuntamenti"],
  residenti: ["classe_eta", "residenti"],
};

/**
 * A small database whose figures are counted by hand below: six residents of Torino (five women
 * born in 1990, a man born in 1991), five men of Moncalieri born in 1950 and a girl of Moncalieri
 * who turns 15 the day after the reference day, with payments, certificates, pratiche and
 * appointments among them.
 */
async function smallDatabase(db: Db, kind: string): Promise<void> {
  const b = new SeedBuilder(7, dayFromIso(TODAY), 2026);
  const torino = b.ente("torino");
  const moncalieri = b.ente("moncalieri");
  let n = 0;
  const person = (sex: "F" | "M", birth: string): Person =>
    b.citizen({
      surname: `Prova${String.fromCharCode(65 + n)}`,
      name: `Nome${String.fromCharCode(65 + n++)}`,
      sex,
      birth: dayFromIso(birth),
      place: ROMA,
      citizenship: "italiana",
      contacts: false,
    });
  const women = [1, 2, 3, 4, 5].map((d) => person("F", `1990-03-0${d}`));
  const man = person("M", "1991-05-05");
  const torinesi = [...women, man];
  const elders = [1, 2, 3, 4, 5].map((d) => person("M", `1950-01-0${d}`));
  const girl = person("F", "2011-11-27");
  const start = dayFromIso("2020-01-01");
  for (const p of torinesi) b.residence(p, torino, "Via Roma 1", "10121", start, null);
  for (const p of [...elders, girl]) b.residence(p, moncalieri, "Via Real Collegio 2", "10024", start, null);
  // A past residence is not counted anywhere.
  b.residence(elders[0]!, torino, "Via Po 3", "10123", dayFromIso("2010-01-01"), start);

  // Payments: five women pay IMU to Torino in October 2026 (one of them twice, one at 00:30 of
  // 1 October in Italy, still 30 September in UTC); the man pays the TARI alone.
  const pay = (debtor: Person, service: "IMU" | "TARI", cents: number, paidAt: string) =>
    b.position({
      creditor: torino,
      debtor,
      service,
      description: `${service} 2026`,
      year: 2026,
      createdDay: dayFromIso("2026-05-01"),
      options: [
        {
          amount: cents,
          description: `${service} 2026`,
          due: dayFromIso("2026-12-16"),
          instalment: 0,
          partial: false,
          transfers: [
            { amount: cents, beneficiary: torino, remittance: `${service} 2026`, category: "9/0101100IM/" },
          ],
          paidAt,
        },
      ],
    });
  pay(women[0]!, "IMU", 10_000, "2026-10-05T09:00:00.000Z");
  pay(women[0]!, "IMU", 5_050, "2026-10-06T09:00:00.000Z");
  pay(women[1]!, "IMU", 10_000, "2026-10-07T09:00:00.000Z");
  pay(women[2]!, "IMU", 10_000, "2026-10-08T09:00:00.000Z");
  pay(women[3]!, "IMU", 10_000, "2026-10-31T21:00:00.000Z");
  pay(women[4]!, "IMU", 10_000, "2026-09-30T22:30:00.000Z");
  pay(man, "TARI", 20_000, "2026-10-10T09:00:00.000Z");

  // Pratiche: five women's cambio_residenza submitted in July 2026 and accepted after 10 to 50
  // days; the man's was rejected; one draft is not counted.
  const pratica = (
    p: Person,
    steps: { status: "bozza" | "inviata" | "accettata" | "respinta"; day: string }[],
  ) =>
    b.pratica({
      person: p,
      ente: torino,
      type: "cambio_residenza",
      area: "anagrafe",
      officeKind: "anagrafe",
      title: "Cambio di residenza",
      steps: steps.map((s) => ({
        status: s.status,
        day: dayFromIso(s.day),
        note: null,
        actor: "operatore",
        operatorId: null,
      })),
      deadlineDays: 45,
      nextSteps: null,
      assignedOperatorId: null,
    });
  women.forEach((w, i) =>
    pratica(w, [
      { status: "inviata", day: "2026-07-01" },
      { status: "accettata", day: addDays("2026-07-01", 10 * (i + 1)) },
    ]),
  );
  pratica(man, [
    { status: "inviata", day: "2026-08-01" },
    { status: "respinta", day: "2026-08-20" },
  ]);
  pratica(girl, [{ status: "bozza", day: "2026-08-01" }]);

  const rows = b.take();
  await writeRowsKysely(db, rows, {});
  if (kind === "postgres") await resetIdentitySequences(db);

  // Certificates: six of residence in October 2026 by five people, two of birth by one.
  const cert = (p: Person, kind: "residenza" | "nascita", at: string, i: number) =>
    db
      .insertInto("certificates")
      .values({
        citizen_id: p.id,
        entity_id: torino.row.id,
        kind,
        verification_code: `CODICE${i}`.padEnd(20, "X"),
        content_hash: "0".repeat(64),
        subject_initials: "X.X.",
        purpose: "uso amministrativo",
        issued_at: at,
      })
      .execute();
  let c = 0;
  for (const w of women) await cert(w, "residenza", "2026-10-12T10:00:00.000Z", c++);
  await cert(women[0]!, "residenza", "2026-10-13T10:00:00.000Z", c++);
  await cert(man, "nascita", "2026-10-13T10:00:00.000Z", c++);
  await cert(man, "nascita", "2026-10-14T10:00:00.000Z", c++);

  // Appointments at Torino's registry office: five in November 2026 by five people, one cancelled,
  // one booked for December.
  const office = b.office(torino, "anagrafe")!;
  const appointment = async (p: Person, startsAt: string, status: "prenotato" | "svolto" | "annullato") => {
    const slot = await db
      .insertInto("appointment_slots")
      .values({ office_id: office, service: "Carta d'identità", starts_at: startsAt, ends_at: startsAt })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("appointments")
      .values({
        slot_id: slot.id,
        citizen_id: p.id,
        status,
        notes: null,
        booked_at: "2026-10-01T08:00:00.000Z",
        cancelled_at: status === "annullato" ? "2026-10-02T08:00:00.000Z" : null,
      })
      .execute();
  };
  for (const [i, w] of women.entries())
    await appointment(w, `2026-11-0${i + 2}T08:00:00.000Z`, i < 2 ? "svolto" : "prenotato");
  await appointment(man, "2026-11-10T08:00:00.000Z", "annullato");
  await appointment(man, "2026-12-10T08:00:00.000Z", "prenotato");
}

describe("open datasets on a small known database", () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase();
    await smallDatabase(handle.db, handle.kind);
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  it("payments: per ente, service and Italian month, with distinct debtors", async () => {
    expect(await paymentCells(handle.db, CLOCK)).toEqual([
      {
        month: "2026-10",
        ipa: "c_l219",
        ente: "Comune di Torino",
        service: "IMU",
        payments: 6,
        cents: 55_050,
        people: 5,
      },
      {
        month: "2026-10",
        ipa: "c_l219",
        ente: "Comune di Torino",
        service: "TARI",
        payments: 1,
        cents: 20_000,
        people: 1,
      },
    ]);
  });

  it("pratiche: per quarter, type and state; the median of the concluded ones; drafts left out", async () => {
    expect(await praticaCells(handle.db, CLOCK)).toEqual([
      {
        quarter: "2026-Q3",
        type: "cambio_residenza",
        status: "accettata",
        pratiche: 5,
        people: 5,
        medianDays: 30,
      },
      {
        quarter: "2026-Q3",
        type: "cambio_residenza",
        status: "respinta",
        pratiche: 1,
        people: 1,
        medianDays: null,
      },
    ]);
  });

  it("certificates and appointments: per month, cancelled appointments left out", async () => {
    expect(await certificateCells(handle.db, CLOCK)).toEqual([
      { month: "2026-10", kind: "nascita", certificates: 2, people: 1 },
      { month: "2026-10", kind: "residenza", certificates: 6, people: 5 },
    ]);
    const office = expect.any(String);
    expect(await appointmentCells(handle.db)).toEqual([
      { month: "2026-11", ipa: "c_l219", ente: "Comune di Torino", office, appointments: 5, people: 5 },
      { month: "2026-12", ipa: "c_l219", ente: "Comune di Torino", office, appointments: 1, people: 1 },
    ]);
  });

  it("residents: current residence, age on the reference day, per comune, band and sex", async () => {
    expect(await residentCells(handle.db, CLOCK)).toEqual([
      { belfiore: "F335", comune: "Comune di Moncalieri", band: "0-14", sex: "F", people: 1 },
      { belfiore: "F335", comune: "Comune di Moncalieri", band: "75+", sex: "M", people: 5 },
      { belfiore: "L219", comune: "Comune di Torino", band: "35-44", sex: "F", people: 5 },
      { belfiore: "L219", comune: "Comune di Torino", band: "35-44", sex: "M", people: 1 },
    ]);
    // The next day the girl is 15.
    const later = await residentCells(handle.db, { today: "2026-11-27", now: CLOCK.now });
    expect(later.find((c) => c.comune === "Comune di Moncalieri" && c.sex === "F")?.band).toBe("15-24");
  });

  it("stores the CSVs with only the cells of five people or more, as hand-counted", async () => {
    expect(await regenerateOpenData(handle.db, CLOCK)).toBe(6);
    const csv = async (slug: (typeof OPEN_DATA_SLUGS)[number]) =>
      (await getOpenDataCsv(handle.db, slug))!.csv;
    expect(await csv("pagamenti-ricevuti")).toBe(
      "mese,ente_codice_ipa,ente,servizio,pagamenti,importo_euro,debitori\r\n" +
        "2026-10,c_l219,Comune di Torino,IMU,6,550.50,5\r\n",
    );
    expect(await csv("pratiche")).toBe(
      "trimestre,tipo,stato,pratiche,richiedenti,durata_mediana_giorni\r\n" +
        "2026-Q3,cambio_residenza,accettata,5,5,30\r\n",
    );
    expect(await csv("certificati-rilasciati")).toBe(
      "mese,tipo,certificati,cittadini\r\n2026-10,residenza,6,5\r\n",
    );
    expect((await csv("appuntamenti")).split("\r\n")[1]).toMatch(/^2026-11,c_l219,Comune di Torino,.+,5,5$/);
    expect(await csv("residenti")).toBe(
      "comune_codice_catastale,comune,classe_eta,sesso,residenti\r\n" +
        "F335,Comune di Moncalieri,75+,M,5\r\n" +
        "L219,Comune di Torino,35-44,F,5\r\n",
    );
    const listed = await listOpenData(handle.db);
    expect(listed.map((d) => d.slug)).toEqual([...OPEN_DATA_SLUGS]);
    expect(listed.find((d) => d.slug === "residenti")?.chart.filter((i) => i.value > 0)).toEqual([
      { label: "35-44", value: 5 },
      { label: "75+", value: 5 },
    ]);
    expect(await openDataIssued(handle.db)).toBe(TODAY);
    // A later run replaces the files and keeps the day of first publication.
    await regenerateOpenData(handle.db, { today: "2026-11-27", now: "2026-11-27T05:00:00.000Z" });
    expect(await openDataIssued(handle.db)).toBe(TODAY);
    expect((await listOpenData(handle.db)).every((d) => d.reference_date === "2026-11-27")).toBe(true);
  });
});

describe("open datasets on the demo seed", () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase({ migrate: false });
    await seed(handle, { citizens: 3000, today: TODAY });
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it("no published cell counts fewer than five people, and every chart sums the published rows", async () => {
    const sets = await computeOpenData(handle.db, CLOCK);
    expect(sets.map((s) => s.slug)).toEqual([...OPEN_DATA_SLUGS]);
    for (const s of sets) {
      const def = OPEN_DATASETS[s.slug];
      expect(s.header, s.slug).toEqual(def.columns.map((c) => c.name));
      const people = s.header.indexOf(PEOPLE_COLUMN[s.slug]!);
      expect(people, s.slug).toBeGreaterThanOrEqual(0);
      for (const row of s.rows)
        expect(Number(row[people]), `${s.slug}: ${row.join(",")}`).toBeGreaterThanOrEqual(MIN_PEOPLE);
      // Each bar of the chart is the sum of the published rows of its month, state or band.
      const [labelColumn, valueColumn] = CHART_COLUMNS[s.slug]!;
      const label = s.header.indexOf(labelColumn);
      const value = s.header.indexOf(valueColumn);
      for (const item of s.chart) {
        const sum = s.rows
          .filter((r) => r[label] === item.label)
          .reduce(
            (n, r) => n + (def.chart.unit === "euro" ? Math.round(Number(r[value]) * 100) : Number(r[value])),
            0,
          );
        expect(item.value, `${s.slug} ${item.label}`).toBe(sum);
      }
    }
    // The seed is large enough for every dataset to publish something, and small enough that
    // some cells are suppressed.
    for (const s of sets) expect(s.rows.length, s.slug).toBeGreaterThan(0);
    const raw = await residentCells(handle.db, CLOCK);
    expect(raw.some((c) => c.people < MIN_PEOPLE)).toBe(true);
  });

  it("the stored CSVs parse back to the same rows", async () => {
    await regenerateOpenData(handle.db, CLOCK);
    for (const slug of OPEN_DATA_SLUGS) {
      const stored = (await getOpenDataCsv(handle.db, slug))!;
      const [header = [], ...rows] = csvRecords(stored.csv).map((r) => r.cells);
      expect(header).toEqual(OPEN_DATASETS[slug].columns.map((c) => c.name));
      const people = header.indexOf(PEOPLE_COLUMN[slug]!);
      for (const r of rows) {
        expect(r).toHaveLength(header.length);
        expect(Number(r[people])).toBeGreaterThanOrEqual(MIN_PEOPLE);
      }
    }
  });
});
