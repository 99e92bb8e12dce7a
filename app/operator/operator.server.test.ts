import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Db } from "../../db/schema";
import { openTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { verifyAudit } from "~/audit.server";
import {
  closeAccess,
  endOperatorAccesses,
  findCurrentAccess,
  openAccess,
  parseReason,
  recordDossierView,
} from "~/operator/access.server";
import type { OperatorActor } from "~/operator/actor";
import { ACCESS_MINUTES } from "~/operator/limits";
import { listCitizenAccesses, reportAccess } from "~/operator/citizen-accesses.server";
import {
  createApiKey,
  hashApiKey,
  revokeApiKey,
  setOperatorRole,
  API_KEY_PATTERN,
} from "~/operator/ente-admin.server";
import { findTiedCitizen } from "~/operator/scope.server";
import { maskCodiceFiscale, parsePersonSearch, prefixUpperBound, searchPeople } from "~/operator/search.server";
import { applyPraticaStep, changePraticaState, requestIntegration, takeCharge } from "~/operator/worklist.server";

const KEY = "k".repeat(48);
const TODAY = "2026-11-26";
const T0 = new Date("2026-11-26T09:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

let h: TestDatabase;
let db: Db;
let ids: {
  torino: number;
  moncalieri: number;
  resident: number;
  owner: number;
  debtorByCf: number;
  applicant: number;
  stranger: number;
  formerResident: number;
  praticaId: number;
};
let torinoOp: OperatorActor;
let moncalieriOp: OperatorActor;

async function ente(name: string, n: number) {
  const r = await db
    .insertInto("entities")
    .values({
      kind: "comune",
      name,
      fiscal_code: `0000000000${n}`,
      ipa_code: `c_${n}`,
      belfiore: `X00${n}`,
      province_code: "TO",
      parent_id: null,
      iban: "IT60X0542811101000000123456",
      postal_account: null,
      segregation_code: `0${n}`,
      email: "e@x.it",
      pec: "p@x.it",
      phone: "011",
      address: "Piazza 1",
      website: "https://x.it",
      imu_rate_bp: 106,
      imu_main_home_rate_bp: 60,
      tari_instalments: 3,
      tefa_bp: 500,
      show_operator_names: n === 1 ? 1 : 0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

async function citizen(cf: string, surname: string, name: string) {
  const r = await db
    .insertInto("citizens")
    .values({
      codice_fiscale: cf,
      surname,
      name,
      sex: "F",
      birth_date: "1986-03-12",
      birth_place: "Torino",
      birth_belfiore: "L219",
      birth_province: "TO",
      citizenship: "italiana",
      email: null,
      phone: null,
      reminder_channel: "email",
      contacts_updated_at: null,
      created_at: "2020-01-01T00:00:00Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

async function operator(enteId: number, cf: string, roles: Array<"anagrafe" | "tributi" | "admin">) {
  const r = await db
    .insertInto("operators")
    .values({
      codice_fiscale: cf,
      entity_id: enteId,
      office_id: null,
      surname: "Operatrice",
      name: cf.slice(0, 3),
      email: "o@x.it",
      active: 1,
      created_at: "2020-01-01T00:00:00Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const role of roles)
    await db.insertInto("operator_roles").values({ operator_id: r.id, role }).execute();
  return { id: r.id, enteId: enteId, officeId: null, codiceFiscale: cf, roles } satisfies OperatorActor;
}

beforeEach(async () => {
  h = await openTestDatabase();
  db = h.db;
  const torino = await ente("Comune di Torino", 1);
  const moncalieri = await ente("Comune di Moncalieri", 2);
  const resident = await citizen("MRTCHR86C52L219H", "Martinetti", "Chiara");
  const owner = await citizen("CLMFRC99R04A479D", "Colombo", "Federico");
  const debtorByCf = await citizen("FRRGPP49B18A124H", "Ferrero", "Giuseppe");
  const applicant = await citizen("BSOSLV78E54L219C", "Bosio", "Silvia");
  const stranger = await citizen("GRBRRT71P02D205T", "Martini", "Roberto");
  const formerResident = await citizen("GRDMRT85A63L219Y", "Martinelli", "Marta");
  await db
    .insertInto("residences")
    .values([
      {
        citizen_id: resident,
        entity_id: torino,
        address: "Via Roma 1",
        postal_code: "10121",
        start_date: "2010-01-01",
        end_date: null,
      },
      {
        citizen_id: stranger,
        entity_id: moncalieri,
        address: "Via Po 2",
        postal_code: "10024",
        start_date: "2010-01-01",
        end_date: null,
      },
      {
        citizen_id: formerResident,
        entity_id: torino,
        address: "Via Po 3",
        postal_code: "10121",
        start_date: "2000-01-01",
        end_date: "2019-12-31",
      },
      {
        citizen_id: formerResident,
        entity_id: moncalieri,
        address: "Via Po 4",
        postal_code: "10024",
        start_date: "2020-01-01",
        end_date: null,
      },
    ])
    .execute();
  const prop = await db
    .insertInto("properties")
    .values({
      entity_id: torino,
      address: "Via Garibaldi 5",
      foglio: "1",
      particella: "2",
      subalterno: "3",
      category: "A/2",
      rendita_cents: 100000,
      surface_m2: 80,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("property_owners")
    .values({
      property_id: prop.id,
      citizen_id: owner,
      share_bp: 10000,
      main_home: 0,
      from_date: "2015-01-01",
      to_date: null,
    })
    .execute();
  await db
    .insertInto("debt_positions")
    .values({
      entity_id: torino,
      iupd: "IUPD-1",
      type: "F",
      debtor_fiscal_code: "FRRGPP49B18A124H",
      debtor_name: "Ferrero Giuseppe",
      debtor_citizen_id: null,
      company_name: "Comune di Torino",
      service: "TARI",
      description: "TARI 2026",
      validity_date: null,
      switch_to_expired: 0,
      status: "VALID",
      status_reason: null,
      created_at: "2026-01-01T00:00:00Z",
      published_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
    })
    .execute();
  const pratica = await db
    .insertInto("pratiche")
    .values({
      citizen_id: applicant,
      entity_id: torino,
      office_id: null,
      type: "cambio_residenza",
      area: "anagrafe",
      title: "Cambio di residenza",
      protocol_number: "2026/0000123",
      submitted_date: "2026-11-01",
      protocol_date: "2026-11-02",
      deadline_date: "2026-12-02",
      status: "in_lavorazione",
      next_steps: null,
      assigned_operator_id: null,
      updated_at: "2026-11-02T10:00:00Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids = {
    torino,
    moncalieri,
    resident,
    owner,
    debtorByCf,
    applicant,
    stranger,
    formerResident,
    praticaId: pratica.id,
  };
  torinoOp = await operator(torino, "RSSSFN69S30A479D", ["anagrafe", "admin"]);
  moncalieriOp = await operator(moncalieri, "BRGVLR83L59F335Y", ["anagrafe"]);
});

afterEach(async () => {
  await h.close();
});

async function auditRows() {
  return db.selectFrom("audit_log").selectAll().orderBy("id").execute();
}

describe("scope: people tied to the ente", () => {
  it("ties each role by its own kind of link, and no one else", async () => {
    const ALL = ["anagrafe", "tributi", "pagamenti", "auditor", "admin"] as const;
    const tiedBy = async (enteId: number, citizenId: number) =>
      (await findTiedCitizen(db, { enteId: enteId, roles: ALL }, citizenId, TODAY))?.roles ?? [];
    expect(await tiedBy(ids.torino, ids.resident)).toEqual(["anagrafe"]);
    expect(await tiedBy(ids.torino, ids.owner)).toEqual(["tributi"]);
    expect(await tiedBy(ids.torino, ids.debtorByCf)).toEqual(["pagamenti"]);
    expect(await tiedBy(ids.torino, ids.applicant)).toEqual(["anagrafe"]);
    expect(await tiedBy(ids.torino, ids.stranger)).toEqual([]);
    // Past residents stay in the comune's own registry records.
    expect(await tiedBy(ids.torino, ids.formerResident)).toEqual(["anagrafe"]);
    expect(await tiedBy(ids.moncalieri, ids.resident)).toEqual([]);
    expect(await tiedBy(ids.moncalieri, ids.formerResident)).toEqual(["anagrafe"]);
    expect(await tiedBy(ids.torino, 99999)).toEqual([]);
    // Only the roles asked are looked at; auditor and admin tie no one.
    expect(await findTiedCitizen(db, { enteId: ids.torino, roles: ["tributi"] }, ids.resident, TODAY)).toBe(
      undefined,
    );
    expect(
      await findTiedCitizen(db, { enteId: ids.torino, roles: ["auditor", "admin"] }, ids.resident, TODAY),
    ).toBe(undefined);
    expect(
      await findTiedCitizen(db, { enteId: ids.torino, roles: ["anagrafe"] }, ids.resident, TODAY),
    ).toMatchObject({ id: ids.resident, codiceFiscale: "MRTCHR86C52L219H", roles: ["anagrafe"] });
  });

  it("ties the tax office by IMU, TARI and tax notices, and by tax pratiche only", async () => {
    const tiedBy = async (citizenId: number) =>
      (
        await findTiedCitizen(
          db,
          { enteId: ids.torino, roles: ["anagrafe", "tributi", "pagamenti"] },
          citizenId,
          TODAY,
        )
      )?.roles ?? [];
    const at = "2026-01-01T00:00:00Z";
    await db
      .insertInto("imu_assessments")
      .values({
        citizen_id: ids.stranger,
        entity_id: ids.torino,
        year: 2025,
        amount_cents: 1000,
        computed_at: at,
      })
      .execute();
    expect(await tiedBy(ids.stranger)).toEqual(["tributi"]);
    await db.deleteFrom("imu_assessments").execute();
    expect(await tiedBy(ids.stranger)).toEqual([]);
    await db
      .updateTable("pratiche")
      .set({ area: "tributi" })
      .where("citizen_id", "=", ids.applicant)
      .execute();
    expect(await tiedBy(ids.applicant)).toEqual(["tributi"]);
    await db
      .updateTable("pratiche")
      .set({ area: "servizi" })
      .where("citizen_id", "=", ids.applicant)
      .execute();
    expect(await tiedBy(ids.applicant)).toEqual([]);
  });

  it("ties the debtor of a position only once it has been shown to them (VALID onwards)", async () => {
    const tied = () =>
      findTiedCitizen(db, { enteId: ids.torino, roles: ["pagamenti"] }, ids.stranger, TODAY).then(
        (c) => c !== undefined,
      );
    // Whatever the position's state, it never ties the person to the registry or the tax office.
    const otherAreas = () =>
      findTiedCitizen(db, { enteId: ids.torino, roles: ["anagrafe", "tributi"] }, ids.stranger, TODAY);
    const stamp = "2026-01-01T00:00:00Z";
    const { id } = await db
      .insertInto("debt_positions")
      .values({
        entity_id: ids.torino,
        iupd: "IUPD-DRAFT",
        type: "F",
        debtor_fiscal_code: "GRBRRT71P02D205T",
        debtor_name: "Martini Roberto",
        debtor_citizen_id: ids.stranger,
        company_name: "Comune di Torino",
        service: "MULTA",
        description: "Sanzione",
        validity_date: null,
        switch_to_expired: 0,
        status: "DRAFT",
        status_reason: null,
        created_at: stamp,
        published_at: null,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await tied()).toBe(false);
    const setStatus = (status: "PUBLISHED" | "INVALID" | "VALID") =>
      db.updateTable("debt_positions").set({ status, published_at: stamp }).where("id", "=", id).execute();
    // Published with a later validity date, or annulled before it became valid: never shown.
    await setStatus("PUBLISHED");
    expect(await tied()).toBe(false);
    await setStatus("INVALID");
    expect(await tied()).toBe(false);
    await setStatus("VALID");
    expect(await tied()).toBe(true);
    expect(await otherAreas()).toBe(undefined);
  });

  it("searches by codice fiscale and by name prefix within the ente only", async () => {
    const byCf = parsePersonSearch(new URLSearchParams({ cf: "mrtchr86c52l219h" }));
    expect(byCf.kind).toBe("ok");
    if (byCf.kind !== "ok") return;
    const registry = (enteId: number) => ({ enteId: enteId, roles: ["anagrafe"] as const });
    expect((await searchPeople(db, registry(ids.torino), TODAY, byCf.search)).items.map((p) => p.id)).toEqual(
      [ids.resident],
    );
    expect((await searchPeople(db, registry(ids.moncalieri), TODAY, byCf.search)).total).toBe(0);
    // The tax office of Torino has no tie to a resident who owns nothing there.
    expect(
      (await searchPeople(db, { enteId: ids.torino, roles: ["tributi"] }, TODAY, byCf.search)).total,
    ).toBe(0);

    const byName = parsePersonSearch(new URLSearchParams({ cognome: "MART" }));
    if (byName.kind !== "ok") throw new Error("expected ok");
    const torinoHits = await searchPeople(db, registry(ids.torino), TODAY, byName.search);
    // Martinelli left Torino for Moncalieri: still in Torino's registry records, living elsewhere.
    expect(torinoHits.items.map((p) => p.surname)).toEqual(["Martinelli", "Martinetti"]);
    expect(torinoHits.items[1]).toMatchObject({
      birthYear: "1986",
      comune: "Comune di Torino",
      maskedCf: "MRTCHR*********H",
    });
    const moncalieriHits = await searchPeople(db, registry(ids.moncalieri), TODAY, byName.search);
    expect(moncalieriHits.items.map((p) => p.surname).sort()).toEqual(["Martinelli", "Martini"]);
  });

  it("refuses malformed searches with an Italian message", () => {
    const bad = parsePersonSearch(new URLSearchParams({ cf: "RSSMRA80A01H501X" }));
    expect(bad).toMatchObject({ kind: "invalid", field: "cf" });
    expect(parsePersonSearch(new URLSearchParams({ cognome: "M" }))).toMatchObject({
      kind: "invalid",
      field: "cognome",
    });
    expect(parsePersonSearch(new URLSearchParams({ cognome: "Ro%" }))).toMatchObject({ kind: "invalid" });
    expect(parsePersonSearch(new URLSearchParams({}))).toMatchObject({ kind: "empty" });
    expect(maskCodiceFiscale("MRTCHR86C52L219H")).toBe("MRTCHR*********H");
  });

  it("turns a name prefix into an index range that holds every name starting with it", async () => {
    expect(prefixUpperBound("ros")).toBe("rot");
    expect(prefixUpperBound("d'")).toBe("d(");
    expect(prefixUpperBound("zz")).toBe("z{");
    for (const name of ["ros", "rosa", "rossi", "ros'", "rosz", "ros\u00e8"])
      expect(name >= "ros" && name < prefixUpperBound("ros")).toBe(true);
    expect("rot" < prefixUpperBound("ros")).toBe(false);

    // The search plan walks the lower-cased names' index instead of every resident.
    const plan =
      h.kind === "sqlite"
        ? (
            await sql<{ detail: string }>`explain query plan select id from citizens
              where lower(surname) >= ${"mart"} and lower(surname) < ${"maru"}`.execute(db)
          ).rows.map((r) => r.detail)
        : // PostgreSQL: the same question through EXPLAIN; a handful of rows would be read in
          // full whatever the indexes, so sequential scans are ruled out for this one query.
          await db.transaction().execute(async (trx) => {
            await sql`set local enable_seqscan = off`.execute(trx);
            const res = await sql<{ "QUERY PLAN": string }>`explain select id from citizens
              where lower(surname) >= ${"mart"} and lower(surname) < ${"maru"}`.execute(trx);
            return res.rows.map((r) => r["QUERY PLAN"]);
          });
    expect(plan.join(" ")).toMatch(/citizens_name_lower_idx/);
  });
});

describe("accesses", () => {
  it("validates the reason", () => {
    const f = new FormData();
    f.set("categoria", "sportello");
    f.set("motivo", "breve");
    expect(parseReason(f)).toMatchObject({ ok: false, errors: { text: expect.stringContaining("almeno") } });
    f.set("categoria", "inventata");
    f.set("motivo", "Richiesta di un certificato allo sportello");
    expect(parseReason(f)).toMatchObject({ ok: false, errors: { category: expect.any(String) } });
    f.set("categoria", "sportello");
    expect(parseReason(f)).toMatchObject({ ok: true, category: "sportello" });
  });

  it("opens with a reason, logs each view once, expires after 30 minutes", async () => {
    expect(
      await recordDossierView(db, KEY, {
        actor: torinoOp,
        citizenId: ids.resident,
        section: "anagrafe",
        roles: ["anagrafe"],
        now: T0,
      }),
    ).toBeNull();
    expect(await auditRows()).toHaveLength(0);

    const access = await openAccess(db, KEY, {
      actor: torinoOp,
      citizenId: ids.resident,
      category: "sportello",
      text: "Certificato allo sportello",
      roles: ["anagrafe"],
      now: T0,
    });
    expect(access.expiresAt).toBe(minutes(ACCESS_MINUTES).toISOString());
    expect((await auditRows()).map((r) => r.action)).toEqual(["access.open"]);

    const seen = await recordDossierView(db, KEY, {
      actor: torinoOp,
      citizenId: ids.resident,
      section: "documenti",
      roles: ["anagrafe"],
      now: minutes(10),
    });
    expect(seen?.id).toBe(access.id);
    const rows = await auditRows();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      actor_kind: "operatore",
      operator_id: torinoOp.id,
      entity_id: ids.torino,
      role: "anagrafe",
      subject_citizen_id: ids.resident,
      access_id: access.id,
      action: "dossier.view",
      section: "documenti",
      reason_category: "sportello",
      reason_text: "Certificato allo sportello",
    });

    // Another operator of the same ente, or of another one, has no access through it.
    expect(await findCurrentAccess(db, moncalieriOp, ids.resident, minutes(10))).toBeUndefined();
    // After 30 minutes: no access, nothing logged.
    expect(
      await recordDossierView(db, KEY, {
        actor: torinoOp,
        citizenId: ids.resident,
        section: "anagrafe",
        roles: ["anagrafe"],
        now: minutes(30),
      }),
    ).toBeNull();
    expect(await auditRows()).toHaveLength(2);
    expect((await verifyAudit(db, KEY, null)).ok).toBe(true);
  });

  it("ends the previous access when another dossier is opened, when closed and at logout", async () => {
    const first = await openAccess(db, KEY, {
      actor: torinoOp,
      citizenId: ids.resident,
      category: "sportello",
      text: "Prima richiesta allo sportello",
      roles: ["anagrafe"],
      now: T0,
    });
    await openAccess(db, KEY, {
      actor: torinoOp,
      citizenId: ids.owner,
      category: "verifica_tributaria",
      text: "Verifica dell'immobile",
      roles: ["anagrafe"],
      now: minutes(1),
    });
    expect(await findCurrentAccess(db, torinoOp, ids.resident, minutes(2))).toBeUndefined();
    expect(await findCurrentAccess(db, torinoOp, ids.owner, minutes(2))).toBeDefined();
    const ended = await db
      .selectFrom("operator_accesses")
      .select("ended_at")
      .where("id", "=", first.id)
      .executeTakeFirstOrThrow();
    expect(ended.ended_at).toBe(minutes(1).toISOString());
    const open = (await auditRows()).at(-1)!;
    expect(JSON.parse(open.details!)).toEqual({ endedAccessIds: [first.id] });

    expect(await closeAccess(db, KEY, { actor: torinoOp, citizenId: ids.owner, now: minutes(3) })).toBe(true);
    expect(await findCurrentAccess(db, torinoOp, ids.owner, minutes(4))).toBeUndefined();
    expect((await auditRows()).at(-1)!.action).toBe("access.close");

    await openAccess(db, KEY, {
      actor: torinoOp,
      citizenId: ids.resident,
      category: "sportello",
      text: "Terza richiesta allo sportello",
      roles: ["anagrafe"],
      now: minutes(5),
    });
    const clock = { demo: false, demoToday: undefined };
    expect(await endOperatorAccesses(db, torinoOp.id, clock, minutes(6))).toBe(1);
    expect(await findCurrentAccess(db, torinoOp, ids.resident, minutes(7))).toBeUndefined();
  });
});

describe("actions on pratiche", () => {
  it("takes charge and changes state with a milestone, a message and one audit row", async () => {
    const areas = ["anagrafe"] as const;
    expect(await takeCharge(db, KEY, { actor: torinoOp, areas, praticaId: ids.praticaId, now: T0 })).toEqual({
      ok: true,
    });
    expect(
      await takeCharge(db, KEY, { actor: moncalieriOp, areas, praticaId: ids.praticaId, now: T0 }),
    ).toMatchObject({ ok: false, status: 404 });
    expect(
      await takeCharge(db, KEY, { actor: torinoOp, areas: ["tributi"], praticaId: ids.praticaId, now: T0 }),
    ).toMatchObject({ ok: false, status: 404 });

    const refused = await changePraticaState(db, KEY, {
      actor: torinoOp,
      areas,
      praticaId: ids.praticaId,
      to: "protocollata",
      note: "Nota per il cittadino",
      today: TODAY,
      now: T0,
    });
    expect(refused).toMatchObject({ ok: false, status: 409 });
    expect(await db.selectFrom("messages").selectAll().execute()).toHaveLength(0);
    expect((await auditRows()).map((r) => r.action)).toEqual(["pratica.take"]);

    const ok = await changePraticaState(db, KEY, {
      actor: torinoOp,
      areas,
      praticaId: ids.praticaId,
      to: "accettata",
      note: "Domanda accolta, residenza registrata.",
      today: TODAY,
      now: minutes(1),
    });
    expect(ok).toEqual({ ok: true });
    const p = await db
      .selectFrom("pratiche")
      .selectAll()
      .where("id", "=", ids.praticaId)
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({ status: "accettata", assigned_operator_id: torinoOp.id });
    const messages = await db.selectFrom("messages").selectAll().execute();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      citizen_id: ids.applicant,
      pratica_id: ids.praticaId,
      body: "Domanda accolta, residenza registrata.",
    });
    const rows = await auditRows();
    expect(rows.map((r) => r.action)).toEqual(["pratica.take", "pratica.transition"]);
    expect(rows[1]).toMatchObject({
      subject_citizen_id: ids.applicant,
      role: "anagrafe",
      reason_category: "istruttoria",
    });
  });

  it("asks for documents: da_integrare with the list in next_steps", async () => {
    const r = await requestIntegration(db, KEY, {
      actor: torinoOp,
      areas: ["anagrafe"],
      praticaId: ids.praticaId,
      documents: ["Contratto di locazione", "Documento d'identità del proprietario"],
      note: "",
      today: TODAY,
      now: T0,
    });
    expect(r).toEqual({ ok: true });
    const p = await db
      .selectFrom("pratiche")
      .selectAll()
      .where("id", "=", ids.praticaId)
      .executeTakeFirstOrThrow();
    expect(p.status).toBe("da_integrare");
    expect(p.next_steps).toContain("- Contratto di locazione");
    const m = await db.selectFrom("messages").selectAll().executeTakeFirstOrThrow();
    expect(m.due_date).toBe("2026-12-26");
  });
});

describe("applyPraticaStep", () => {
  it("writes nothing and answers 409 when the state read is no longer the pratica's", async () => {
    const read = await db
      .selectFrom("pratiche")
      .select([
        "id",
        "citizen_id",
        "title",
        "area",
        "status",
        "protocol_number",
        "protocol_date",
        "deadline_date",
        "office_id",
        "assigned_operator_id",
      ])
      .where("id", "=", ids.praticaId)
      .executeTakeFirstOrThrow();
    // Someone else concludes it after it was read.
    await db.updateTable("pratiche").set({ status: "respinta" }).where("id", "=", ids.praticaId).execute();
    const step = {
      actor: torinoOp,
      auditKey: KEY,
      now: T0,
      to: "accettata" as const,
      note: "Domanda accolta.",
      message: { subject: "La tua pratica è stata accolta", body: "Domanda accolta." },
      audit: { action: "pratica.transition" as const, details: { to: "accettata" } },
    };
    const stale = await db.transaction().execute((trx) => applyPraticaStep(trx, read, step));
    expect(stale).toEqual({
      ok: false,
      status: 409,
      message: "La pratica è cambiata nel frattempo: ricarica la pagina.",
    });
    const refused = await db
      .transaction()
      .execute((trx) => applyPraticaStep(trx, { ...read, status: "respinta" }, step));
    expect(refused).toEqual({
      ok: false,
      status: 409,
      message: "Una pratica «Respinta» non può passare allo stato «Accettata».",
    });
    expect(await db.selectFrom("pratica_events").selectAll().where("pratica_id", "=", ids.praticaId).execute()).toEqual(
      [],
    );
    expect(await db.selectFrom("messages").selectAll().execute()).toHaveLength(0);
    expect(await auditRows()).toHaveLength(0);
  });
});

describe("ente administration", () => {
  it("grants and withdraws roles, refuses removing one's own admin role", async () => {
    expect(
      await setOperatorRole(db, KEY, {
        actor: torinoOp,
        operatorId: torinoOp.id,
        role: "admin",
        grant: false,
        now: T0,
      }),
    ).toMatchObject({ ok: false, status: 409 });
    expect(
      await setOperatorRole(db, KEY, {
        actor: torinoOp,
        operatorId: moncalieriOp.id,
        role: "tributi",
        grant: true,
        now: T0,
      }),
    ).toMatchObject({ ok: false, status: 404 });
    expect(
      await setOperatorRole(db, KEY, {
        actor: torinoOp,
        operatorId: torinoOp.id,
        role: "tributi",
        grant: true,
        now: T0,
      }),
    ).toMatchObject({ ok: true });
    expect(
      await setOperatorRole(db, KEY, {
        actor: torinoOp,
        operatorId: torinoOp.id,
        role: "tributi",
        grant: false,
        now: T0,
      }),
    ).toMatchObject({ ok: true });
    expect((await auditRows()).map((r) => r.action)).toEqual(["operator.role_grant", "operator.role_revoke"]);
  });

  it("stores only the hash and prefix of an API key, and revokes it", async () => {
    const created = await createApiKey(db, KEY, { actor: torinoOp, label: "Gestionale tributi", now: T0 });
    expect(created.key).toMatch(API_KEY_PATTERN);
    const row = await db.selectFrom("api_keys").selectAll().executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(hashApiKey(created.key));
    expect(row.prefix).toBe(created.key.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(created.key);
    expect(JSON.stringify(await auditRows())).not.toContain(created.key);
    expect(await revokeApiKey(db, KEY, { actor: moncalieriOp, apiKeyId: row.id, now: T0 })).toMatchObject({
      status: 404,
    });
    expect(await revokeApiKey(db, KEY, { actor: torinoOp, apiKeyId: row.id, now: T0 })).toMatchObject({
      ok: true,
    });
    expect(await revokeApiKey(db, KEY, { actor: torinoOp, apiKeyId: row.id, now: T0 })).toMatchObject({
      status: 409,
    });
  });
});

describe("the citizen's view", () => {
  it("lists accesses with reason and sections, names operators only where the ente says so, takes one report", async () => {
    const access = await openAccess(db, KEY, {
      actor: torinoOp,
      citizenId: ids.formerResident,
      category: "sportello",
      text: "Richiesta allo sportello",
      roles: ["anagrafe"],
      now: T0,
    });
    await recordDossierView(db, KEY, {
      actor: torinoOp,
      citizenId: ids.formerResident,
      section: "anagrafe",
      roles: ["anagrafe"],
      now: minutes(1),
    });
    await recordDossierView(db, KEY, {
      actor: torinoOp,
      citizenId: ids.formerResident,
      section: "documenti",
      roles: ["anagrafe"],
      now: minutes(2),
    });
    await openAccess(db, KEY, {
      actor: moncalieriOp,
      citizenId: ids.formerResident,
      category: "altro",
      text: "Controllo dei dati anagrafici",
      roles: ["anagrafe"],
      now: minutes(3),
    });
    const page = await listCitizenAccesses(db, ids.formerResident, 1);
    expect(page.total).toBe(2);
    expect(page.entries[0]).toMatchObject({
      ente: "Comune di Moncalieri",
      operatorName: null,
      reasonCategory: "Altro",
      sections: [],
    });
    expect(page.entries[1]).toMatchObject({
      ente: "Comune di Torino",
      operatorName: "RSS Operatrice",
      roles: "Anagrafe",
      reasonCategory: "Richiesta allo sportello",
      reasonText: "Richiesta allo sportello",
      sections: ["Dati anagrafici", "Documenti"],
      reportedAt: null,
    });

    const target = page.entries[1].id;
    expect(
      await reportAccess(db, KEY, {
        citizenId: ids.resident,
        codiceFiscale: "MRTCHR86C52L219H",
        auditId: target,
        text: "",
        now: minutes(4),
      }),
    ).toMatchObject({ status: 404 });
    expect(
      await reportAccess(db, KEY, {
        citizenId: ids.formerResident,
        codiceFiscale: "GRDMRT85A63L219Y",
        auditId: target,
        text: "Non ho mai chiesto nulla",
        now: minutes(4),
      }),
    ).toMatchObject({ ok: true });
    expect(
      await reportAccess(db, KEY, {
        citizenId: ids.formerResident,
        codiceFiscale: "GRDMRT85A63L219Y",
        auditId: target,
        text: "",
        now: minutes(5),
      }),
    ).toMatchObject({ status: 409 });
    const report = (await auditRows()).at(-1)!;
    expect(report).toMatchObject({
      action: "access.report",
      actor_kind: "cittadino",
      entity_id: ids.torino,
      access_id: access.id,
      reason_text: "Non ho mai chiesto nulla",
    });
    expect(await db.selectFrom("messages").select("citizen_id").execute()).toEqual([
      { citizen_id: ids.formerResident },
    ]);
    expect((await listCitizenAccesses(db, ids.formerResident, 1)).entries[1].reportedAt).toBe(
      minutes(4).toISOString(),
    );
  });
});
