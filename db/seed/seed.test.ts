import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCodiceFiscale, isValidCodiceFiscale } from "../../app/rules/codice-fiscale";
import { isValidIban } from "../../app/rules/iban";
import { delegationState, parentMayAct } from "../../app/rules/delegation";
import { computeImu } from "../../app/rules/imu";
import { isValidNav } from "../../app/rules/nav";
import { isValidPartitaIva } from "../../app/rules/partita-iva";
import { openDatabase, type DbHandle } from "../connection";
import { TABLE_ORDER } from "./builder";
import { isSeeded, seed } from "./index";
import { NON_RESIDENT_PERSONAS, OPERATOR_PERSONAS, PERSONAS } from "./personas";

const TODAY = "2026-11-26";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-test-"));

async function seeded(
  name: string,
  opts: { citizens: number; today: string; seed?: number; worker?: boolean },
): Promise<DbHandle> {
  const handle = await openDatabase(path.join(dir, name), { bulk: true });
  await seed(handle, opts);
  return handle;
}

function all<T = Record<string, unknown>>(h: DbHandle, query: string, ...params: unknown[]): T[] {
  return h.sqlite!.prepare(query).all(...params) as T[];
}

function one<T = Record<string, unknown>>(h: DbHandle, query: string, ...params: unknown[]): T {
  return h.sqlite!.prepare(query).get(...params) as T;
}

function dump(h: DbHandle): string {
  const hash = createHash("sha256");
  for (const table of TABLE_ORDER) {
    const order = table === "operator_roles" ? "operator_id, role" : "id";
    for (const row of all(h, `select * from ${table} order by ${order}`)) hash.update(JSON.stringify(row));
  }
  return hash.digest("hex");
}

function citizenId(h: DbHandle, cf: string): number {
  return one<{ id: number }>(h, "select id from citizens where codice_fiscale = ?", cf).id;
}

function age(birth: string, on: string): number {
  let years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  if (on.slice(5) < birth.slice(5)) years -= 1;
  return years;
}

let h: DbHandle;

beforeAll(async () => {
  h = await seeded("main.db", { citizens: 60, today: TODAY });
});

afterAll(async () => {
  await h?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("seed", () => {
  it("is deterministic: same options, same data (on a worker thread too); another seed, other data", async () => {
    const again = await seeded("again.db", { citizens: 60, today: TODAY, worker: true });
    const other = await seeded("other.db", { citizens: 60, today: TODAY, seed: 7 });
    try {
      expect(dump(again)).toBe(dump(h));
      expect(dump(other)).not.toBe(dump(h));
    } finally {
      await again.close();
      await other.close();
    }
  }, 60_000);

  it("creates exactly the residents asked for, records its options and refuses a second run", async () => {
    expect(one<{ n: number }>(h, "select count(*) n from citizens").n).toBe(60);
    expect(await isSeeded(h.db)).toBe(true);
    const meta = JSON.parse(one<{ value: string }>(h, "select value from meta where key = 'seed'").value);
    expect(meta).toMatchObject({ citizens: 60, today: TODAY, seed: 1, taxYear: 2026 });
    expect(one<{ value: string }>(h, "select value from meta where key = 'today'").value).toBe(TODAY);
    await expect(seed(h, { citizens: 10, today: TODAY })).rejects.toThrow(/contiene già dei residenti/);
  });

  it("leaves no dangling reference and creates the secondary indexes", () => {
    expect(all(h, "pragma foreign_key_check")).toEqual([]);
    const indexes = all<{ name: string }>(
      h,
      "select name from sqlite_master where type = 'index' and name not like 'sqlite_%'",
    );
    expect(indexes.map((i) => i.name)).toContain("payment_options_nav_idx");
    expect(one<{ n: number }>(h, "select count(*) n from sqlite_stat1").n).toBeGreaterThan(0);
  });

  it("gives every resident a valid, unique codice fiscale", () => {
    const rows = all<{ codice_fiscale: string; birth_date: string; sex: string; birth_belfiore: string }>(
      h,
      "select codice_fiscale, birth_date, sex, birth_belfiore from citizens",
    );
    expect(new Set(rows.map((r) => r.codice_fiscale)).size).toBe(rows.length);
    for (const r of rows) {
      expect(isValidCodiceFiscale(r.codice_fiscale), r.codice_fiscale).toBe(true);
      expect(r.codice_fiscale.slice(11, 12)).toBe(r.birth_belfiore.slice(0, 1));
      expect(age(r.birth_date, TODAY)).toBeGreaterThanOrEqual(0);
    }
  });

  it("keeps the personas' codici fiscali those of their data", () => {
    for (const p of Object.values(PERSONAS)) {
      expect(
        computeCodiceFiscale({
          surname: p.surname,
          name: p.name,
          birthDate: p.birthDate,
          sex: p.sex,
          belfiore: p.birthBelfiore,
        }),
      ).toBe(p.codiceFiscale);
    }
    for (const o of Object.values(OPERATOR_PERSONAS)) {
      expect(
        computeCodiceFiscale({
          surname: o.surname,
          name: o.name,
          birthDate: o.birthDate,
          sex: o.sex,
          belfiore: o.birthBelfiore,
        }),
      ).toBe(o.codiceFiscale);
    }
  });

  it("makes entities with valid identifiers and unique segregation codes", () => {
    const rows = all<{
      kind: string;
      fiscal_code: string;
      iban: string;
      segregation_code: string;
      ipa_code: string;
    }>(h, "select kind, fiscal_code, iban, segregation_code, ipa_code from entities");
    expect(rows.filter((r) => r.kind === "comune").length).toBeGreaterThanOrEqual(6);
    expect(rows.filter((r) => r.kind === "asl")).toHaveLength(1);
    expect(new Set(rows.map((r) => r.segregation_code)).size).toBe(rows.length);
    expect(rows.find((r) => r.kind === "regione")!.segregation_code).toBe("96");
    for (const r of rows) {
      expect(isValidPartitaIva(r.fiscal_code), r.fiscal_code).toBe(true);
      expect(isValidIban(r.iban), r.iban).toBe(true);
      expect(r.segregation_code).toMatch(/^\d{2}$/);
    }
  });

  it("gives every payment option a valid NAV of its creditor, unique per creditor", () => {
    const rows = all<{
      nav: string;
      iuv: string;
      creditor_fiscal_code: string;
      segregation_code: string;
      fiscal_code: string;
    }>(
      h,
      `select o.nav, o.iuv, o.creditor_fiscal_code, e.segregation_code, e.fiscal_code
         from payment_options o join debt_positions p on p.id = o.position_id join entities e on e.id = p.entity_id`,
    );
    expect(rows.length).toBeGreaterThan(60);
    const keys = new Set<string>();
    for (const r of rows) {
      expect(isValidNav(r.nav), r.nav).toBe(true);
      expect(r.nav).toBe(`3${r.iuv}`);
      expect(r.iuv.slice(0, 2)).toBe(r.segregation_code);
      expect(r.creditor_fiscal_code).toBe(r.fiscal_code);
      keys.add(`${r.creditor_fiscal_code}/${r.iuv}`);
    }
    expect(keys.size).toBe(rows.length);
  });

  it("splits every option into 1-5 transfers that add up to it", () => {
    const rows = all<{ amount_cents: number; total: number; n: number; first: number; last: number }>(
      h,
      `select o.amount_cents, sum(t.amount_cents) total, count(t.id) n, min(t.id_transfer) first, max(t.id_transfer) last
         from payment_options o left join transfers t on t.option_id = o.id group by o.id`,
    );
    for (const r of rows) {
      expect(r.total).toBe(r.amount_cents);
      expect(r.n).toBeGreaterThanOrEqual(1);
      expect(r.n).toBeLessThanOrEqual(5);
      expect([r.first, r.last]).toEqual([1, r.n]);
    }
    expect(one<{ n: number }>(h, "select count(*) n from payment_options where amount_cents < 1").n).toBe(0);
  });

  it("sends the TEFA share of TARI to the province", () => {
    const rows = all<{ organization_fiscal_code: string; kind: string }>(
      h,
      `select t.organization_fiscal_code, e.kind from transfers t join entities e on e.fiscal_code = t.organization_fiscal_code
        where t.remittance_information like 'TEFA%'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["provincia"]));
  });

  it("links each tax instalment to an option of the same amount and due date", () => {
    const rows = all<{
      amount_cents: number;
      due_date: string;
      o_amount: number | null;
      o_due: string | null;
    }>(
      h,
      `select i.amount_cents, i.due_date, o.amount_cents o_amount, o.due_date o_due
         from tax_instalments i left join payment_options o on o.id = i.payment_option_id`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.o_amount).toBe(r.amount_cents);
      expect(r.o_due).toBe(r.due_date);
    }
  });

  it("gives each paid option exactly one receipt matching it, and unpaid ones none", () => {
    const rows = all<{
      status: string;
      receipts: number;
      nav: string;
      iuv: string;
      amount_cents: number;
      due_date: string;
    }>(
      h,
      `select o.status, count(r.id) receipts, o.nav, o.iuv, o.amount_cents, o.due_date
         from payment_options o left join receipts r on r.option_id = o.id group by o.id`,
    );
    for (const r of rows) expect(r.receipts).toBe(r.status === "PO_PAID" ? 1 : 0);
    const receipts = all<{
      notice_number: string;
      nav: string;
      creditor_reference_id: string;
      iuv: string;
      payment_amount_cents: number;
      amount_cents: number;
      payment_date_time: string;
      transfers_json: string;
      option_id: number;
      receipt_id: string;
    }>(
      h,
      `select r.*, o.nav, o.iuv, o.amount_cents from receipts r join payment_options o on o.id = r.option_id`,
    );
    expect(receipts.length).toBeGreaterThan(0);
    expect(new Set(receipts.map((r) => r.receipt_id)).size).toBe(receipts.length);
    for (const r of receipts) {
      expect(r.notice_number).toBe(r.nav);
      expect(r.creditor_reference_id).toBe(r.iuv);
      expect(r.payment_amount_cents).toBe(r.amount_cents);
      expect(r.payment_date_time < TODAY).toBe(true);
      const transfers = JSON.parse(r.transfers_json) as { amount: number }[];
      expect(transfers.reduce((s, t) => s + t.amount, 0)).toBe(r.amount_cents);
    }
  });

  it("keeps each position's status consistent with its options", () => {
    const rows = all<{
      status: string;
      paid: number;
      n: number;
      switch_to_expired: number;
      status_reason: string | null;
    }>(
      h,
      `select p.status, p.switch_to_expired, p.status_reason, count(o.id) n, sum(o.status = 'PO_PAID') paid
         from debt_positions p join payment_options o on o.position_id = p.id group by p.id`,
    );
    for (const r of rows) {
      if (r.paid === r.n) expect(r.status).toBe("PAID");
      else if (r.paid > 0) expect(r.status).toBe("PARTIALLY_PAID");
      else expect(["VALID", "EXPIRED", "INVALID"]).toContain(r.status);
      expect(r.switch_to_expired).toBe(r.status === "EXPIRED" ? 1 : 0);
      if (r.status === "INVALID") expect(r.status_reason).toBeTruthy();
    }
    expect(rows.some((r) => r.status === "PAID")).toBe(true);
    expect(rows.some((r) => r.status === "PARTIALLY_PAID")).toBe(true);
  });

  it("never pays in the future and pays instalments only once due, but for lump-sum payers", () => {
    const future = one<{ n: number }>(
      h,
      "select count(*) n from receipts where payment_date_time >= ?",
      TODAY,
    );
    expect(future.n).toBe(0);
    // Lump-sum payers pay every instalment of a tax at once: all their receipts share one instant.
    const early = all<{ position_id: number }>(
      h,
      `select o.position_id from payment_options o join receipts r on r.option_id = o.id
        where o.is_partial_payment = 1 and o.due_date >= ?`,
      TODAY,
    );
    for (const e of early) {
      const instants = all<{ t: string }>(
        h,
        "select distinct r.payment_date_time t from receipts r join payment_options o on o.id = r.option_id where o.position_id = ?",
        e.position_id,
      );
      expect(instants).toHaveLength(1);
    }
  });

  it("computes IMU lines with the IMU rule and assessments as their sum", () => {
    const lines = all<{
      category: string;
      rendita_cents: number;
      rate_bp: number;
      share_bp: number;
      months_held: number;
      main_home: number;
      exempt: number;
      amount_cents: number;
      assessment_id: number;
      year: number;
      imu_main_home_rate_bp: number;
    }>(
      h,
      `select l.*, a.year, e.imu_main_home_rate_bp from imu_lines l join imu_assessments a on a.id = l.assessment_id
         join entities e on e.id = a.entity_id`,
    );
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      const r = computeImu({
        renditaCents: l.rendita_cents,
        category: l.category,
        rateBp: l.main_home ? 0 : l.rate_bp,
        sharePercent: l.share_bp / 100,
        monthsHeld: l.months_held,
        mainHome: l.main_home === 1,
        year: l.year,
        mainHomeRateBp: l.imu_main_home_rate_bp,
      });
      expect(l.exempt).toBe(r.exempt ? 1 : 0);
      expect(l.amount_cents).toBe(r.exempt ? 0 : r.steps.amountCents);
    }
    const sums = all<{ amount_cents: number; total: number }>(
      h,
      "select a.amount_cents, sum(l.amount_cents) total from imu_assessments a join imu_lines l on l.assessment_id = a.id group by a.id",
    );
    for (const s of sums) expect(s.total).toBe(s.amount_cents);
  });

  it("makes households with plausible relations: children younger, minors under 18", () => {
    const rows = all<{ household_id: number; relation: string; birth_date: string }>(
      h,
      "select m.household_id, m.relation, c.birth_date from household_members m join citizens c on c.id = m.citizen_id",
    );
    const byHousehold = new Map<number, { relation: string; birth_date: string }[]>();
    for (const r of rows) byHousehold.set(r.household_id, [...(byHousehold.get(r.household_id) ?? []), r]);
    for (const members of byHousehold.values()) {
      expect(members.filter((m) => m.relation === "intestatario")).toHaveLength(1);
      const parents = members.filter((m) =>
        ["intestatario", "coniuge", "convivente", "unito_civilmente"].includes(m.relation),
      );
      for (const child of members.filter((m) => m.relation === "figlio")) {
        const youngestParentAge = Math.min(...parents.map((p) => age(p.birth_date, TODAY)));
        expect(youngestParentAge - age(child.birth_date, TODAY)).toBeGreaterThanOrEqual(15);
      }
      const adults = members.filter((m) => m.relation !== "figlio");
      for (const a of adults) expect(age(a.birth_date, TODAY)).toBeGreaterThanOrEqual(18);
    }
    const minors = rows.filter((r) => age(r.birth_date, TODAY) < 18);
    expect(minors.length).toBeGreaterThan(0);
    for (const m of minors) expect(m.relation).toBe("figlio");
  });

  it("has the operators of Torino, Moncalieri and the Region with their roles", () => {
    const rows = all<{
      codice_fiscale: string;
      role: string;
      ipa_code: string;
      office_id: number | null;
      office_entity: number | null;
      entity_id: number;
    }>(
      h,
      `select o.codice_fiscale, r.role, e.ipa_code, o.office_id, f.entity_id office_entity, o.entity_id
         from operators o join operator_roles r on r.operator_id = o.id join entities e on e.id = o.entity_id
         left join offices f on f.id = o.office_id`,
    );
    const torino = rows.filter((r) => r.ipa_code === "c_l219");
    expect(torino.map((r) => r.role).sort()).toEqual([
      "admin",
      "anagrafe",
      "auditor",
      "pagamenti",
      "tributi",
    ]);
    for (const r of rows) expect(r.office_entity).toBe(r.entity_id);
    expect(
      rows.find((r) => r.codice_fiscale === OPERATOR_PERSONAS.moncalieriAnagrafe.codiceFiscale),
    ).toMatchObject({ ipa_code: "c_f335", role: "anagrafe" });
    expect(rows.find((r) => r.codice_fiscale === OPERATOR_PERSONAS.regioneBollo.codiceFiscale)).toMatchObject(
      { ipa_code: "r_piemon", role: "pagamenti" },
    );
    // One person, two entes: one operator record each, chosen after login.
    expect(
      rows
        .filter((r) => r.codice_fiscale === OPERATOR_PERSONAS.moncalieriPagamenti.codiceFiscale)
        .map((r) => `${r.ipa_code}:${r.role}`)
        .sort(),
    ).toEqual(["c_c860:pagamenti", "c_f335:pagamenti"]);
    const resident = one<{ ipa_code: string } | undefined>(
      h,
      `select e.ipa_code from citizens c join residences r on r.citizen_id = c.id and r.end_date is null
         join entities e on e.id = r.entity_id where c.codice_fiscale = ?`,
      OPERATOR_PERSONAS.torinoTributi.codiceFiscale,
    );
    expect(resident?.ipa_code).toBe("c_l219");
    const notResidents = Object.values(OPERATOR_PERSONAS)
      .filter((o) => !o.alsoResident)
      .map((o) => o.codiceFiscale);
    expect(
      one<{ n: number }>(
        h,
        `select count(*) n from citizens where codice_fiscale in (${notResidents.map(() => "?").join(",")})`,
        ...notResidents,
      ).n,
    ).toBe(0);
  });

  it("gives the personas no tie to Moncalieri, whose operator must not see them", () => {
    const moncalieri = one<{ id: number }>(h, "select id from entities where ipa_code = 'c_f335'").id;
    for (const p of Object.values(PERSONAS)) {
      const id = citizenId(h, p.codiceFiscale);
      const ties = one<{ n: number }>(
        h,
        `select (select count(*) from residences where citizen_id = @c and entity_id = @e)
              + (select count(*) from property_owners o join properties p on p.id = o.property_id where o.citizen_id = @c and p.entity_id = @e)
              + (select count(*) from debt_positions where debtor_citizen_id = @c and entity_id = @e)
              + (select count(*) from pratiche where citizen_id = @c and entity_id = @e) n`,
        { c: id, e: moncalieri },
      );
      expect(ties.n, p.surname).toBe(0);
      const torino = one<{ ipa_code: string }>(
        h,
        "select e.ipa_code from residences r join entities e on e.id = r.entity_id where r.citizen_id = ? and r.end_date is null",
        id,
      );
      expect(torino.ipa_code).toBe("c_l219");
    }
  });

  it("offers appointment slots on working days, 9:00-12:30 Rome time, for the next 30 days", () => {
    const slots = all<{ starts_at: string; ends_at: string }>(
      h,
      "select starts_at, ends_at from appointment_slots",
    );
    expect(slots.length).toBeGreaterThan(100);
    for (const s of slots) {
      expect(s.starts_at > TODAY).toBe(true);
      expect(s.starts_at < "2026-12-27").toBe(true);
      const day = new Date(s.starts_at).getUTCDay();
      expect(day === 0 || day === 6).toBe(false);
      // Winter time: Rome is UTC+1, so 9:00-12:00 local starts are 08:00-11:00 UTC.
      expect(s.starts_at.slice(11, 16) >= "08:00" && s.starts_at.slice(11, 16) <= "11:00").toBe(true);
      expect(Date.parse(s.ends_at) - Date.parse(s.starts_at)).toBe(30 * 60_000);
    }
    expect(slots.some((s) => s.starts_at.startsWith("2026-12-08"))).toBe(false);
  });

  it("issues identity documents after birth, ten-year ones to adults, expiring after issue", () => {
    const docs = all<{ kind: string; issue_date: string; expiry_date: string; birth_date: string }>(
      h,
      "select d.kind, d.issue_date, d.expiry_date, c.birth_date from identity_documents d join citizens c on c.id = d.citizen_id",
    );
    expect(docs.filter((d) => d.kind === "carta_identita").length).toBeGreaterThan(30);
    for (const d of docs) {
      expect(d.issue_date > d.birth_date).toBe(true);
      expect(d.issue_date < TODAY).toBe(true);
      expect(d.expiry_date > d.issue_date).toBe(true);
      const years = age(d.issue_date, d.expiry_date);
      if (d.kind !== "patente" && years >= 10)
        expect(age(d.birth_date, d.issue_date)).toBeGreaterThanOrEqual(18);
    }
    const numbers = all<{ number: string }>(h, "select number from identity_documents");
    expect(new Set(numbers.map((n) => n.number)).size).toBe(numbers.length);
  });

  it("issues certificates with a base32 code and the hash of their content", () => {
    const rows = all<{ verification_code: string; content_hash: string; subject_initials: string }>(
      h,
      "select * from certificates",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.verification_code).toMatch(/^[A-Z2-7]{20}$/);
      expect(r.content_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.subject_initials).toMatch(/^[A-Z]\. [A-Z]\.$/);
    }
  });

});

describe("personas", () => {
  it("famiglia: household, IMU saldo due, one TARI instalment overdue, bollo, expiring card, requests, messages", () => {
    const id = citizenId(h, PERSONAS.famiglia.codiceFiscale);
    const members = all<{ relation: string; birth_date: string }>(
      h,
      `select m.relation, c.birth_date from household_members m join citizens c on c.id = m.citizen_id
        where m.household_id = (select household_id from household_members where citizen_id = ?)`,
      id,
    );
    expect(members.map((m) => m.relation).sort()).toEqual(["coniuge", "figlio", "intestatario"]);
    expect(age(members.find((m) => m.relation === "figlio")!.birth_date, TODAY)).toBeLessThan(18);

    const lines = all<{
      main_home: number;
      exempt: number;
      amount_cents: number;
      category: string;
      rendita_cents: number;
    }>(
      h,
      "select l.* from imu_lines l join imu_assessments a on a.id = l.assessment_id where a.citizen_id = ? order by l.main_home desc",
      id,
    );
    expect(lines).toMatchObject([
      { main_home: 1, exempt: 1, amount_cents: 0 },
      { main_home: 0, exempt: 0, amount_cents: 133_560, category: "A/2", rendita_cents: 75_000 },
    ]);
    const imu = all<{ number: number; amount_cents: number; status: string }>(
      h,
      `select i.number, i.amount_cents, o.status from tax_instalments i join payment_options o on o.id = i.payment_option_id
        where i.citizen_id = ? and i.tax = 'IMU' order by i.number`,
      id,
    );
    expect(imu).toEqual([
      { number: 1, amount_cents: 66_780, status: "PO_PAID" },
      { number: 2, amount_cents: 66_780, status: "PO_UNPAID" },
    ]);

    const tari = all<{ due_date: string; status: string }>(
      h,
      `select i.due_date, o.status from tax_instalments i join payment_options o on o.id = i.payment_option_id
        where i.citizen_id = ? and i.tax = 'TARI' order by i.number`,
      id,
    );
    expect(tari).toHaveLength(3);
    expect(tari.filter((t) => t.due_date < TODAY && t.status === "PO_UNPAID")).toHaveLength(1);
    expect(tari.filter((t) => t.due_date < TODAY && t.status === "PO_PAID").length).toBeGreaterThanOrEqual(1);

    const bollo = one<{
      amount_cents: number;
      status: string;
      due_date: string;
      kw: number;
      euro_class: number;
    }>(
      h,
      `select o.amount_cents, o.status, o.due_date, v.kw, v.euro_class from tax_instalments i
         join payment_options o on o.id = i.payment_option_id join vehicles v on v.id = i.source_id
        where i.citizen_id = ? and i.tax = 'BOLLO'`,
      id,
    );
    expect(bollo).toMatchObject({ amount_cents: 21_930, status: "PO_UNPAID", kw: 85, euro_class: 6 });
    expect(bollo.due_date >= TODAY).toBe(true);

    const card = one<{ expiry_date: string }>(
      h,
      "select expiry_date from identity_documents where citizen_id = ? and kind = 'carta_identita'",
      id,
    );
    const daysLeft = (Date.parse(card.expiry_date) - Date.parse(TODAY)) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(0);
    expect(daysLeft).toBeLessThan(60);

    expect(
      all(h, "select * from pratiche where citizen_id = ? and status = 'da_integrare'", id),
    ).toHaveLength(1);
    expect(
      one<{ n: number }>(h, "select count(*) n from messages where citizen_id = ? and read_at is null", id).n,
    ).toBeGreaterThanOrEqual(3);
    expect(
      one<{ n: number }>(
        h,
        "select count(*) n from messages where citizen_id = ? and payment_option_id is not null",
        id,
      ).n,
    ).toBeGreaterThan(0);
    const appointment = one<{ starts_at: string; status: string }>(
      h,
      "select s.starts_at, a.status from appointments a join appointment_slots s on s.id = a.slot_id where a.citizen_id = ?",
      id,
    );
    expect(appointment.status).toBe("prenotato");
    expect(appointment.starts_at > TODAY).toBe(true);
  });

  it("giovane: renting alone in Torino with a fine to pay, a request in progress and a certificate", async () => {
    const id = citizenId(h, PERSONAS.giovane.codiceFiscale);
    expect(one<{ n: number }>(h, "select count(*) n from property_owners where citizen_id = ?", id).n).toBe(
      0,
    );
    expect(
      one<{ property_id: number | null; household_size: number }>(
        h,
        "select * from tari_assessments where citizen_id = ?",
        id,
      ),
    ).toMatchObject({
      property_id: null,
      household_size: 1,
    });
    const fine = one<{
      status: string;
      o_status: string;
      ipa_code: string;
      category: string;
      due_date: string;
    }>(
      h,
      `select p.status, o.status o_status, e.ipa_code, t.category, o.due_date from debt_positions p
         join payment_options o on o.position_id = p.id join transfers t on t.option_id = o.id join entities e on e.id = p.entity_id
        where p.debtor_citizen_id = ? and p.service = 'MULTA'`,
      id,
    );
    expect(fine).toMatchObject({
      status: "VALID",
      o_status: "PO_UNPAID",
      ipa_code: "c_l219",
      category: "9/0102100SA/",
    });
    expect(fine.due_date >= TODAY).toBe(true);
    expect(
      all(
        h,
        "select * from pratiche where citizen_id = ? and status = 'in_lavorazione' and area = 'anagrafe'",
        id,
      ),
    ).toHaveLength(1);
    const certificate = await h.db
      .selectFrom("certificates")
      .selectAll()
      .where("citizen_id", "=", id)
      .execute();
    expect(certificate).toHaveLength(1);
    expect(certificate[0]).toMatchObject({ kind: "residenza", subject_initials: "F. C." });
  });

  it("pensionato: over 70, owner of his home, refunded, nothing left to pay", () => {
    const id = citizenId(h, PERSONAS.pensionato.codiceFiscale);
    expect(age(PERSONAS.pensionato.birthDate, TODAY)).toBeGreaterThanOrEqual(70);
    expect(
      one<{ main_home: number }>(h, "select main_home from property_owners where citizen_id = ?", id)
        .main_home,
    ).toBe(1);
    const refund = one<{ status: string; paid_date: string | null }>(
      h,
      "select * from refunds where citizen_id = ?",
      id,
    );
    expect(["approvato", "liquidato"]).toContain(refund.status);
    const unpaid = one<{ n: number }>(
      h,
      "select count(*) n from payment_options o join debt_positions p on p.id = o.position_id where p.debtor_citizen_id = ? and o.status <> 'PO_PAID'",
      id,
    );
    expect(unpaid.n).toBe(0);
    expect(
      one<{ n: number }>(
        h,
        "select count(*) n from payment_options o join debt_positions p on p.id = o.position_id where p.debtor_citizen_id = ?",
        id,
      ).n,
    ).toBeGreaterThan(0);
  });

  it("keeps the stories for a today early in the year (tax year before today's)", async () => {
    const early = await seeded("early.db", { citizens: 10, today: "2027-02-10" });
    try {
      const id = citizenId(early, PERSONAS.famiglia.codiceFiscale);
      const imu = all<{ year: number; status: string; amount_cents: number }>(
        early,
        "select i.year, o.status, o.amount_cents from tax_instalments i join payment_options o on o.id = i.payment_option_id where i.citizen_id = ? and i.tax = 'IMU' order by i.number",
        id,
      );
      expect(imu).toEqual([
        { year: 2026, status: "PO_PAID", amount_cents: 66_780 },
        { year: 2026, status: "PO_UNPAID", amount_cents: 66_780 },
      ]);
      const tari = all<{ due_date: string; status: string }>(
        early,
        "select i.due_date, o.status from tax_instalments i join payment_options o on o.id = i.payment_option_id where i.citizen_id = ? and i.tax = 'TARI'",
        id,
      );
      expect(tari.filter((t) => t.status === "PO_UNPAID" && t.due_date < "2027-02-10")).toHaveLength(1);
      const bollo = one<{ status: string; due_date: string }>(
        early,
        "select o.status, o.due_date from tax_instalments i join payment_options o on o.id = i.payment_option_id where i.citizen_id = ? and i.tax = 'BOLLO'",
        id,
      );
      expect(bollo.status).toBe("PO_UNPAID");
      expect(bollo.due_date >= "2027-02-10").toBe(true);
      expect(one<{ n: number }>(early, "select count(*) n from citizens").n).toBe(10);
    } finally {
      await early.close();
    }
  }, 30_000);
});

describe("delegations", () => {
  // Midday in Italy on the seed's today, and the same a year later.
  const NOW = new Date(`${TODAY}T11:00:00.000Z`);
  const YEAR_LATER = new Date(NOW.getTime() + 365 * 86_400_000);

  type DelegationRow = {
    delegator: string;
    delegate_fiscal_code: string;
    delegate_name: string;
    delegate_surname: string;
    areas: string;
    starts_on: string;
    ends_on: string;
    channel: string;
    created_at: string;
    accepted_at: string | null;
    refused_at: string | null;
    revoked_at: string | null;
    expiry_notified_at: string | null;
  };

  function delegationsOf(db: DbHandle): DelegationRow[] {
    return all<DelegationRow>(
      db,
      `select c.codice_fiscale delegator, d.* from delegations d
        join citizens c on c.id = d.delegator_citizen_id order by d.id`,
    );
  }

  it("keeps the non-resident personas' codici fiscali those of their data, with no citizens row", () => {
    for (const p of Object.values(NON_RESIDENT_PERSONAS)) {
      expect(
        computeCodiceFiscale({
          surname: p.surname,
          name: p.name,
          birthDate: p.birthDate,
          sex: p.sex,
          belfiore: p.birthBelfiore,
        }),
      ).toBe(p.codiceFiscale);
      expect(
        one<{ n: number }>(h, "select count(*) n from citizens where codice_fiscale = ?", p.codiceFiscale).n,
      ).toBe(0);
    }
  });

  it("seeds Giuseppe's and Federico's to Elena (active, pending), Giuseppe's to Federico (expired)", () => {
    const elena = NON_RESIDENT_PERSONAS.delegata;
    const giuseppe = PERSONAS.pensionato.codiceFiscale;
    const federico = PERSONAS.giovane;
    const rows = delegationsOf(h);
    expect(rows).toHaveLength(3);
    const [active, pending, expired] = rows;

    expect(active).toMatchObject({
      delegator: giuseppe,
      delegate_fiscal_code: elena.codiceFiscale,
      delegate_name: elena.name,
      delegate_surname: elena.surname,
      areas: "pagamenti",
      starts_on: "2026-10-27",
      ends_on: "2027-08-23",
      channel: "online",
      expiry_notified_at: null,
    });
    expect(active.created_at.slice(0, 10)).toBe("2026-10-27");
    expect(active.accepted_at!.slice(0, 10)).toBe("2026-10-28");
    expect(delegationState(active, NOW)).toBe("attiva");

    expect(pending).toMatchObject({
      delegator: federico.codiceFiscale,
      delegate_fiscal_code: elena.codiceFiscale,
      areas: "fascicolo,contribuente,pagamenti",
      starts_on: TODAY,
      ends_on: "2027-05-25",
      accepted_at: null,
    });
    expect(Date.parse(pending.created_at)).toBeLessThanOrEqual(NOW.getTime());
    expect(delegationState(pending, NOW)).toBe("in_attesa");

    expect(expired).toMatchObject({
      delegator: giuseppe,
      delegate_fiscal_code: federico.codiceFiscale,
      delegate_name: federico.name,
      delegate_surname: federico.surname,
      areas: "fascicolo",
      starts_on: "2025-10-22",
      ends_on: "2026-10-22",
    });
    expect(expired.accepted_at).not.toBeNull();
    expect(expired.expiry_notified_at!.slice(0, 10) > expired.ends_on).toBe(true);
    expect(delegationState(expired, NOW)).toBe("scaduta");

    for (const r of rows) {
      expect([r.refused_at, r.revoked_at]).toEqual([null, null]);
      for (const t of [r.created_at, r.accepted_at, r.expiry_notified_at].filter((x) => x !== null)) {
        expect(new Date(t).toISOString()).toBe(t);
      }
    }
  });

  it("moves them with the seed's today", async () => {
    const other = await seeded("delegations-early.db", { citizens: 10, today: "2027-02-10" });
    try {
      const rows = delegationsOf(other);
      expect(rows.map((r) => [r.starts_on, r.ends_on])).toEqual([
        ["2027-01-11", "2027-11-07"],
        ["2027-02-10", "2027-08-09"],
        ["2026-01-06", "2027-01-06"],
      ]);
      const now = new Date("2027-02-10T11:00:00.000Z");
      expect(rows.map((r) => delegationState(r, now))).toEqual(["attiva", "in_attesa", "scaduta"]);
    } finally {
      await other.close();
    }
  }, 30_000);

  it("needs no row for Chiara: her household lists her daughter, a minor for the whole demo", () => {
    const id = citizenId(h, PERSONAS.famiglia.codiceFiscale);
    const rows = all<{ parent_relation: string; child_relation: string; birth_date: string }>(
      h,
      `select p.relation parent_relation, k.relation child_relation, c.birth_date
         from household_members p
         join household_members k on k.household_id = p.household_id and k.citizen_id <> p.citizen_id
         join citizens c on c.id = k.citizen_id
        where p.citizen_id = ? and p.until_date is null and k.until_date is null and k.relation = 'figlio'`,
      id,
    );
    expect(rows).toHaveLength(1);
    const tie = {
      parentRelation: rows[0].parent_relation,
      childRelation: rows[0].child_relation,
      childBirthDate: rows[0].birth_date,
    };
    expect(parentMayAct(tie, NOW)).toBe(true);
    expect(parentMayAct(tie, YEAR_LATER)).toBe(true);
    expect(
      one<{ n: number }>(h, "select count(*) n from delegations where delegator_citizen_id = ?", id).n,
    ).toBe(0);
  });
});
