/**
 * The access log as operators, auditors and citizens meet it, over HTTP against the real server,
 * counting rows in the database file (opened read-only): exactly one row per section view and
 * none for pages that show no dossier, one row per operator action written with the action, the
 * auditor's browsing and CSV export (themselves logged), and the citizen's page with the report.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { readDb } from "../support/db";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";
import { csrfOf, pageText, parseForms, request as httpRequest } from "../support/http";

let server: TestServer;
let anagrafe: string;
let tributi: string;
let auditor: string;
let admin: string;
let famigliaCookie: string;
let famiglia: number;

interface AuditRow {
  id: number;
  actor_kind: string;
  operator_id: number | null;
  entity_id: number | null;
  role: string | null;
  subject_citizen_id: number | null;
  access_id: number | null;
  action: string;
  section: string | null;
  reason_category: string | null;
  reason_text: string | null;
  details: string | null;
}

/** One row of the server's database; the test expects it to exist. */
const one = <T>(sql: string, ...params: unknown[]): Promise<T> =>
  readDb(server.dbFile, async (db) => (await db.get<T>(sql, ...params)) as T);
const lastAuditId = async () =>
  (await one<{ n: number }>("select coalesce(max(id), 0) as n from audit_log")).n;
const auditAfter = (id: number) =>
  readDb(server.dbFile, (db) => db.all<AuditRow>("select * from audit_log where id > ? order by id", id));
const count = async (table: string) => (await one<{ n: number }>(`select count(*) as n from ${table}`)).n;
const operatorId = async (cf: string) =>
  (await one<{ id: number }>("select id from operators where codice_fiscale = ?", cf)).id;

const request = (cookie: string, path: string, form?: Record<string, string>) =>
  httpRequest(server.url, cookie, path, form);

async function openDossier(cookie: string, citizenId: number, motivo: string, categoria = "sportello") {
  const form = await request(cookie, `/operatore/cittadini/${citizenId}`);
  expect(form.status).toBe(200);
  const r = await request(cookie, `/operatore/cittadini/${citizenId}`, {
    csrf: csrfOf(form.body),
    categoria,
    motivo,
  });
  expect(r.status).toBe(303);
  return csrfOf(form.body);
}

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  const login = async (cf: string) => (await loginAs(server.url, { codiceFiscale: cf })).cookie;
  anagrafe = await login(OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale);
  tributi = await login(OPERATOR_PERSONAS.torinoTributi.codiceFiscale);
  auditor = await login(OPERATOR_PERSONAS.torinoAuditor.codiceFiscale);
  admin = await login(OPERATOR_PERSONAS.torinoAdmin.codiceFiscale);
  famigliaCookie = await login(PERSONAS.famiglia.codiceFiscale);
  famiglia = (
    await one<{ id: number }>(
      "select id from citizens where codice_fiscale = ?",
      PERSONAS.famiglia.codiceFiscale,
    )
  ).id;
});

afterAll(async () => {
  await server?.stop();
});

describe("one row per section view", () => {
  it("logs each section page exactly once, with who, ente, role, person, access, section and reason", async () => {
    const start = await lastAuditId();
    // Pages that show no dossier data write nothing: the reason form, a section before the reason, a 404.
    expect((await request(anagrafe, `/operatore/cittadini/${famiglia}`)).status).toBe(200);
    expect((await request(anagrafe, `/operatore/cittadini/${famiglia}/documenti`)).status).toBe(303);
    expect((await request(anagrafe, `/operatore/cittadini/${famiglia}/imu`)).status).toBe(404);
    expect(await auditAfter(start)).toEqual([]);

    await openDossier(anagrafe, famiglia, "Rinnovo carta d'identità allo sportello");
    const opened = await auditAfter(start);
    expect(opened.map((r) => r.action)).toEqual(["access.open"]);
    const accessId = opened[0].access_id;
    expect(accessId).not.toBeNull();

    for (const section of ["anagrafe", "documenti", "certificati", "pratiche", "documenti"]) {
      const before = await lastAuditId();
      const page = await request(anagrafe, `/operatore/cittadini/${famiglia}/${section}`);
      expect(page.status).toBe(200);
      expect(page.headers.get("cache-control")).toContain("no-store");
      // No prefetching: nothing in the page asks the browser to load another page ahead.
      expect(page.body).not.toMatch(/rel="prefetch"|prefetch="intent"|prefetch="render"/);
      expect(page.text).toContain("Rinnovo carta d'identità allo sportello");
      const rows = await auditAfter(before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_kind: "operatore",
        operator_id: await operatorId(OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale),
        role: "anagrafe",
        subject_citizen_id: famiglia,
        access_id: accessId,
        action: "dossier.view",
        section,
        reason_category: "sportello",
        reason_text: "Rinnovo carta d'identità allo sportello",
      });
      expect(rows[0].entity_id).toBe(opened[0].entity_id);
    }
  });
});

describe("operator actions write one row with the action", () => {
  it("changes the state of a pratica: milestone, message and row together; refusals write nothing", async () => {
    const NEXT: Record<string, string> = {
      in_lavorazione: "accettata",
      da_integrare: "in_lavorazione",
      protocollata: "in_lavorazione",
      inviata: "protocollata",
    };
    const {
      id: praticaId,
      status,
      assigned,
    } = await one<{ id: number; status: string; assigned: number | null }>(
      "select p.id, p.status, p.assigned_operator_id as assigned from pratiche p join entities e on e.id = p.entity_id where e.ipa_code = 'c_l219' and p.area = 'tributi' and p.status in ('in_lavorazione', 'da_integrare', 'protocollata', 'inviata') order by p.id limit 1",
    );
    const me = await operatorId(OPERATOR_PERSONAS.torinoTributi.codiceFiscale);
    const page = await request(tributi, `/operatore/pratiche/${praticaId}`);
    expect(page.status).toBe(200);
    const csrf = csrfOf(page.body);
    let before = await lastAuditId();
    const messages = await count("messages");
    const events = await count("pratica_events");

    if (assigned === me) {
      const take = await request(tributi, `/operatore/pratiche/${praticaId}`, { csrf, intent: "prendi" });
      expect(take.status).toBe(409);
      expect(take.text).toContain("già assegnata a te");
    }
    const refused = await request(tributi, `/operatore/pratiche/${praticaId}`, {
      csrf,
      intent: "stato",
      stato: "bozza",
      nota: "Nota per il cittadino",
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("non può passare allo stato");
    const shortNote = await request(tributi, `/operatore/pratiche/${praticaId}`, {
      csrf,
      intent: "stato",
      stato: NEXT[status],
      nota: "x",
    });
    expect(shortNote.status).toBe(400);
    expect((await auditAfter(before)).map((r) => r.action).filter((a) => a !== "pratica.view")).toEqual([]);
    expect(await count("messages")).toBe(messages);

    before = await lastAuditId();
    const done = await request(tributi, `/operatore/pratiche/${praticaId}`, {
      csrf,
      intent: "stato",
      stato: NEXT[status],
      nota: "Documentazione completa, procediamo con l'istruttoria.",
    });
    expect(done.status).toBe(303);
    const rows = await auditAfter(before);
    expect(rows.map((r) => r.action)).toEqual(["pratica.transition"]);
    expect(rows[0]).toMatchObject({ operator_id: me, role: "tributi", reason_category: "istruttoria" });
    expect(JSON.parse(rows[0].details!)).toMatchObject({ praticaId, from: status, to: NEXT[status] });
    expect(await count("messages")).toBe(messages + 1);
    expect(await count("pratica_events")).toBe(events + 1);
  });

  it("takes charge of a colleague's pratica once the admin grants the role", async () => {
    const praticaId = (
      await one<{ id: number }>(
        "select p.id from pratiche p join entities e on e.id = p.entity_id where e.ipa_code = 'c_l219' and p.area = 'tributi' and p.status not in ('bozza', 'accettata', 'respinta') order by p.id limit 1",
      )
    ).id;
    const colleague = await loginAs(server.url, {
      codiceFiscale: OPERATOR_PERSONAS.torinoPagamenti.codiceFiscale,
    });
    const colleagueId = await operatorId(OPERATOR_PERSONAS.torinoPagamenti.codiceFiscale);
    expect((await request(colleague.cookie, `/operatore/pratiche/${praticaId}`)).status).toBe(404);
    const adminPage = await request(admin, "/operatore/ente");
    const adminCsrf = csrfOf(adminPage.body);
    const grant = await request(admin, "/operatore/ente", {
      csrf: adminCsrf,
      intent: "aggiungi-ruolo",
      operatore: String(colleagueId),
      ruolo: "tributi",
    });
    expect(grant.status).toBe(200);

    const page = await request(colleague.cookie, `/operatore/pratiche/${praticaId}`);
    expect(page.status).toBe(200);
    const before = await lastAuditId();
    const take = await request(colleague.cookie, `/operatore/pratiche/${praticaId}`, {
      csrf: csrfOf(page.body),
      intent: "prendi",
    });
    expect(take.status).toBe(303);
    const rows = await auditAfter(before);
    expect(rows.map((r) => r.action)).toEqual(["pratica.take"]);
    expect(rows[0].operator_id).toBe(colleagueId);
    const assigned = await one<{ a: number }>(
      "select assigned_operator_id as a from pratiche where id = ?",
      praticaId,
    );
    expect(assigned.a).toBe(colleagueId);

    await request(admin, "/operatore/ente", {
      csrf: adminCsrf,
      intent: "togli-ruolo",
      operatore: String(colleagueId),
      ruolo: "tributi",
    });
    expect((await request(colleague.cookie, `/operatore/pratiche/${praticaId}`)).status).toBe(404);
  });

  it("asks for documents: the pratica waits for the citizen with the list", async () => {
    const praticaId = (
      await one<{ id: number }>(
        "select p.id from pratiche p join entities e on e.id = p.entity_id where e.ipa_code = 'c_l219' and p.area = 'anagrafe' and p.status = 'in_lavorazione' order by p.id limit 1",
      )
    ).id;
    const page = await request(anagrafe, `/operatore/pratiche/${praticaId}`);
    const before = await lastAuditId();
    const r = await request(anagrafe, `/operatore/pratiche/${praticaId}`, {
      csrf: csrfOf(page.body),
      intent: "integrazione",
      documenti: "Contratto di locazione\nDichiarazione del proprietario",
    });
    expect(r.status).toBe(303);
    expect((await auditAfter(before)).map((x) => x.action)).toEqual(["pratica.integration_request"]);
    const p = await one<{ status: string; next_steps: string }>(
      "select status, next_steps from pratiche where id = ?",
      praticaId,
    );
    expect(p.status).toBe("da_integrare");
    expect(p.next_steps).toContain("- Dichiarazione del proprietario");
  });

  it("sends a message from the dossier within the access, linked to a notice of the ente", async () => {
    await openDossier(tributi, famiglia, "Chiarimenti sul saldo IMU", "verifica_tributaria");
    const form = await request(tributi, `/operatore/cittadini/${famiglia}/messaggio`);
    expect(form.status).toBe(200);
    const option = /<option value="(\d+)">[^<]*scadenza/.exec(form.body)?.[1] ?? "";
    const before = await lastAuditId();
    const messages = await count("messages");
    const bad = await request(tributi, `/operatore/cittadini/${famiglia}/messaggio`, {
      csrf: csrfOf(form.body),
      oggetto: "Saldo IMU 2026",
      testo: "Breve",
    });
    expect(bad.status).toBe(400);
    // The 400 page is itself a view of the message form: one view row, no message, no send row.
    expect((await auditAfter(before)).map((r) => r.action)).toEqual(["dossier.view"]);
    const mark = await lastAuditId();
    const sent = await request(tributi, `/operatore/cittadini/${famiglia}/messaggio`, {
      csrf: csrfOf(form.body),
      oggetto: "Saldo IMU 2026",
      testo: "Le ricordiamo il saldo IMU in scadenza: trova l'avviso allegato.",
      avviso: option,
    });
    expect(sent.status).toBe(303);
    const rows = await auditAfter(mark);
    expect(rows.map((r) => r.action)).toEqual(["message.send"]);
    expect(rows[0]).toMatchObject({
      subject_citizen_id: famiglia,
      reason_text: "Chiarimenti sul saldo IMU",
      section: "messaggio",
    });
    expect(await count("messages")).toBe(messages + 1);
    if (option) {
      const linked = await one<{ o: number }>(
        "select payment_option_id as o from messages order by id desc limit 1",
      );
      expect(linked.o).toBe(Number(option));
    }
  });

  it("manages roles and API keys: one row each, the key shown once and stored hashed", async () => {
    const page = await request(admin, "/operatore/ente");
    expect(page.status).toBe(200);
    const csrf = csrfOf(page.body);
    const target = await operatorId(OPERATOR_PERSONAS.torinoPagamenti.codiceFiscale);

    let before = await lastAuditId();
    const grant = await request(admin, "/operatore/ente", {
      csrf,
      intent: "aggiungi-ruolo",
      operatore: String(target),
      ruolo: "tributi",
    });
    expect(grant.status).toBe(200);
    expect((await auditAfter(before)).map((r) => r.action)).toEqual(["operator.role_grant"]);
    const again = await request(admin, "/operatore/ente", {
      csrf,
      intent: "aggiungi-ruolo",
      operatore: String(target),
      ruolo: "tributi",
    });
    expect(again.status).toBe(409);
    before = await lastAuditId();
    const revoke = await request(admin, "/operatore/ente", {
      csrf,
      intent: "togli-ruolo",
      operatore: String(target),
      ruolo: "tributi",
    });
    expect(revoke.status).toBe(200);
    expect((await auditAfter(before)).map((r) => r.action)).toEqual(["operator.role_revoke"]);

    before = await lastAuditId();
    const created = await request(admin, "/operatore/ente", {
      csrf,
      intent: "crea-chiave",
      etichetta: "Gestionale TARI",
    });
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toContain("no-store");
    const key = /fdc_[A-Za-z0-9_-]{43}/.exec(created.body)?.[0];
    expect(key).toBeDefined();
    expect((await auditAfter(before)).map((r) => r.action)).toEqual(["api_key.create"]);
    const stored = await one<{ id: number; prefix: string; key_hash: string }>(
      "select * from api_keys where label = 'Gestionale TARI'",
    );
    const { createHash } = await import("node:crypto");
    expect(stored.key_hash).toBe(createHash("sha256").update(key!).digest("hex"));
    expect(stored.prefix).toBe(key!.slice(0, 12));
    const later = await request(admin, "/operatore/ente");
    expect(later.body).not.toContain(key!);
    expect(later.text).toContain(stored.prefix);

    before = await lastAuditId();
    const revoked = await request(admin, "/operatore/ente", {
      csrf,
      intent: "revoca-chiave",
      chiave: String(stored.id),
    });
    expect(revoked.status).toBe(200);
    expect((await auditAfter(before)).map((r) => r.action)).toEqual(["api_key.revoke"]);
  });
});

describe("the auditor and the citizen", () => {
  it("shows the access to the citizen, takes their report, and the auditor sees and exports it", async () => {
    // An operator states a reason that a spreadsheet would read as a formula.
    const formula = '=HYPERLINK("http://example.invalid";"x") verifica';
    await openDossier(anagrafe, famiglia, formula);
    expect((await request(anagrafe, `/operatore/cittadini/${famiglia}/anagrafe`)).status).toBe(200);

    const mine = await request(famigliaCookie, "/area-personale/accessi");
    expect(mine.status).toBe(200);
    expect(mine.text).toContain("Comune di Torino");
    expect(mine.text).toContain(formula);
    expect(mine.text).toContain("Silvia Bosio"); // Torino shows operators' names
    expect(mine.text).toContain("Dati anagrafici");
    const reportForm = parseForms(mine.body).find((f) => "accesso" in f.fields)!;
    const before = await lastAuditId();
    const report = await request(famigliaCookie, "/area-personale/accessi", {
      ...reportForm.fields,
      testo: "Non mi sono mai presentata allo sportello.",
    });
    expect(report.status).toBe(303);
    const rows = await auditAfter(before);
    expect(rows.map((r) => r.action)).toEqual(["access.report"]);
    expect(rows[0]).toMatchObject({ actor_kind: "cittadino", subject_citizen_id: famiglia });
    const dup = await request(famigliaCookie, "/area-personale/accessi", { ...reportForm.fields, testo: "" });
    expect(dup.status).toBe(409);

    const log = await request(auditor, "/operatore/registro-accessi");
    expect(log.status).toBe(200);
    expect(log.text).toContain("Segnalazioni dei cittadini");
    expect(log.text).toContain("Non mi sono mai presentata allo sportello.");
    const filtered = await request(
      auditor,
      `/operatore/registro-accessi?cf=${PERSONAS.famiglia.codiceFiscale}&sezione=anagrafe`,
    );
    expect(filtered.status).toBe(200);
    expect(filtered.text).toContain("Consultazione di una sezione del fascicolo");
    const bad = await request(auditor, "/operatore/registro-accessi?da=2026-13-01");
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("La data iniziale non è valida.");

    const readRows = (await auditAfter(before)).filter((r) => r.action === "audit.read");
    expect(readRows).toHaveLength(2);

    const mark = await lastAuditId();
    const csv = await request(
      auditor,
      `/operatore/registro-accessi.csv?cf=${PERSONAS.famiglia.codiceFiscale}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(
      /^attachment; filename="registro-accessi-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(csv.body.startsWith("\uFEFF")).toBe(false); // fetch's text() drops the BOM
    const lines = csv.body.split("\r\n");
    expect(lines[0]).toBe(
      '"id";"data_ora_utc";"tipo_attore";"attore";"codice_fiscale_attore";"ruolo";"azione";"descrizione_azione";"sezione";"codice_fiscale_interessato";"interessato";"accesso";"categoria_motivo";"motivo";"dettagli";"hmac"',
    );
    expect(csv.body).toContain(`"'=HYPERLINK(""http://example.invalid"";""x"") verifica"`);
    expect(csv.body).not.toMatch(/(^|;)"=/m);
    const exported = await auditAfter(mark);
    expect(exported.map((r) => r.action)).toEqual(["audit.export"]);
    expect(JSON.parse(exported[0].details!)).toMatchObject({
      filters: { cf: PERSONAS.famiglia.codiceFiscale },
    });
  });

  it("names each action in Italian, the operators' logins included, never by its code", async () => {
    // The rows of the table, without the filter's select (which lists every name anyway).
    const rowsText = (body: string) => pageText(/<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? "");
    const code =
      /\b(?:auth|access|dossier|cittadini|pratica|message|audit|operator|api_key|payments?)\.[a-z_.]+/;
    const logins = await request(auditor, "/operatore/registro-accessi?azione=auth.login");
    expect(logins.status).toBe(200);
    expect(rowsText(logins.body)).toContain("Accesso al portale");
    expect(rowsText(logins.body)).not.toMatch(code);
    const all = await request(auditor, "/operatore/registro-accessi");
    expect(rowsText(all.body)).not.toBe("");
    expect(rowsText(all.body)).not.toMatch(code);
  });
});
