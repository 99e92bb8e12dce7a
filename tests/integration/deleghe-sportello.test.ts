/**
 * Paper delegations registered at the counter by an anagrafe operator, over HTTP against the real
 * server: the dossier's "Deleghe" section lists the person's delegations; a multipart form with the
 * signed form and the delegator's identity document registers a delegation that is active at once
 * (row, stored files, audit row, message to the delegator), which the delegate then sees and uses
 * in their own area. Refusals (a file that is not a PDF/JPEG/PNG, a missing file, no area, an
 * invalid codice fiscale, a delegate already active) insert nothing and leave no file behind;
 * without an open access the form sends back to the reason form; operators of another role or
 * comune and citizens get 404; a missing or wrong anti-forgery token gets 403.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCodiceFiscale } from "../../app/rules/codice-fiscale";
import { OPERATOR_PERSONAS, PERSONA_DELEGATA, PERSONAS } from "../../db/seed/personas";
import { TEST_TODAY } from "../support/constants";
import { readDb } from "../support/db";
import { csrfOf, parseForms, WebClient, type PageResponse } from "../support/http";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";

const GIUSEPPE = PERSONAS.pensionato;
const ELENA = PERSONA_DELEGATA;
const FEDERICO = PERSONAS.giovane;
const SILVIA = OPERATOR_PERSONAS.torinoAnagrafe;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const REASON = "Delega su carta consegnata allo sportello dal figlio";
const VALID_UNTIL = "2027-05-31";

const BAD_TYPE_TEXT = "Il file non è un PDF, un'immagine JPEG o un'immagine PNG.";
const MISSING_FILE_TEXT = "Scegli il file da allegare";

let server: TestServer;
let silvia: WebClient;
let roberto: WebClient;
let valeria: WebClient;
let giuseppe: WebClient;

const ids = { giuseppe: 0, chiara: 0, silviaOperator: 0, torino: 0, registered: 0 };
/** An adult Torino resident, not delegated by anyone: the new delegate. */
let delegate: { codiceFiscale: string; name: string; surname: string };

async function one<T>(sql: string, ...params: unknown[]): Promise<T | undefined> {
  return readDb(server.dbFile, (db) => db.get<T>(sql, ...params));
}
async function count(sql: string, ...params: unknown[]): Promise<number> {
  return Number((await one<{ n: number }>(sql, ...params))?.n ?? 0);
}
const giuseppesDelegations = () =>
  count("select count(*) as n from delegations where delegator_citizen_id = ?", ids.giuseppe);

function uploadsDir(): string {
  return path.join(server.dataDir, "uploads");
}
/** The stored files (temporary `.part` files and other dot-files left out). */
function storedFiles(): string[] {
  if (!fs.existsSync(uploadsDir())) return [];
  return fs.readdirSync(uploadsDir()).filter((f) => !f.startsWith("."));
}
/** Temporary files of uploads still being received (none should survive a request). */
function partFiles(): string[] {
  if (!fs.existsSync(uploadsDir())) return [];
  return fs.readdirSync(uploadsDir()).filter((f) => f.endsWith(".part"));
}

/** A valid codice fiscale of a made-up woman born in Torino on `birthDate`. */
function newCodiceFiscale(surname: string, name: string, birthDate: string): string {
  return computeCodiceFiscale({ surname, name, birthDate, sex: "F", belfiore: "L219" });
}

/** Page text without the spaces the markup puts inside parentheses and before commas. */
function flat(text: string): string {
  return text.replace(/\(\s+/g, "(").replace(/\s+([),:])/g, "$1");
}

const deleghePath = (citizenId: number) => `/operatore/cittadini/${citizenId}/deleghe`;
const reasonFormPath = (citizenId: number) => `/operatore/cittadini/${citizenId}?sezione=deleghe`;

/** Opens an access to the person's dossier with a stated reason, landing on the Deleghe section. */
async function openAccess(client: WebClient, citizenId: number, motivo = REASON): Promise<void> {
  const form = await client.get(reasonFormPath(citizenId));
  expect(form.status, form.text.slice(0, 300)).toBe(200);
  const open = await client.post(`/operatore/cittadini/${citizenId}`, {
    csrf: csrfOf(form.body),
    categoria: "sportello",
    motivo,
    sezione: "deleghe",
  });
  expect(open.status, open.text.slice(0, 300)).toBe(303);
  expect(open.location).toBe(deleghePath(citizenId));
}

/** The session's anti-forgery token, from the header's logout form of a page it may open. */
async function csrfFrom(client: WebClient, page: string): Promise<string> {
  const res = await client.get(page);
  expect(res.status, `${page}: ${res.text.slice(0, 300)}`).toBe(200);
  return csrfOf(res.body, 'action="/saml/logout"');
}

interface PaperFile {
  bytes: Buffer;
  name: string;
  type?: string;
}

interface PaperForm {
  csrf?: string;
  nome?: string;
  cognome?: string;
  codiceFiscale?: string;
  areas?: string[];
  dal?: string;
  al?: string;
  /** null: the part is not sent at all. */
  modulo?: PaperFile | null;
  documento?: PaperFile | null;
}

/** The multipart body the browser sends for the paper delegation form. */
function paperBody(f: PaperForm): FormData {
  const body = new FormData();
  if (f.csrf !== undefined) body.set("csrf", f.csrf);
  body.set("nome", f.nome ?? delegate.name);
  body.set("cognome", f.cognome ?? delegate.surname);
  body.set("codiceFiscale", f.codiceFiscale ?? delegate.codiceFiscale);
  for (const a of f.areas ?? ["pagamenti"]) body.append("aree", a);
  body.set("dal", f.dal ?? TEST_TODAY);
  body.set("al", f.al ?? VALID_UNTIL);
  const files: Array<[string, PaperFile | null]> = [
    ["modulo", f.modulo === undefined ? { bytes: PDF, name: "modulo delega.pdf" } : f.modulo],
    ["documento", f.documento === undefined ? { bytes: PNG, name: "carta identita.pdf" } : f.documento],
  ];
  for (const [name, file] of files) {
    if (file)
      body.set(
        name,
        new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }),
        file.name,
      );
  }
  return body;
}

function register(client: WebClient, citizenId: number, f: PaperForm): Promise<PageResponse> {
  return client.send(deleghePath(citizenId), { body: paperBody(f), headers: { origin: server.url } });
}

/** The token of the paper delegation form on the Deleghe section (the access must be open). */
async function paperCsrf(client: WebClient, citizenId: number): Promise<string> {
  const page = await client.get(deleghePath(citizenId));
  expect(page.status, page.text.slice(0, 300)).toBe(200);
  return csrfOf(page.body, 'name="codiceFiscale"');
}

async function login(codiceFiscale: string): Promise<WebClient> {
  const { cookie } = await loginAs(server.url, { codiceFiscale });
  return new WebClient(server.url, cookie);
}

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  ids.torino = (await one<{ id: number }>("select id from entities where ipa_code = 'c_l219'"))!.id;
  ids.giuseppe = (await one<{ id: number }>(
    "select id from citizens where codice_fiscale = ?",
    GIUSEPPE.codiceFiscale,
  ))!.id;
  ids.chiara = (await one<{ id: number }>(
    "select id from citizens where codice_fiscale = ?",
    PERSONAS.famiglia.codiceFiscale,
  ))!.id;
  ids.silviaOperator = (await one<{ id: number }>(
    "select id from operators where codice_fiscale = ? and entity_id = ?",
    SILVIA.codiceFiscale,
    ids.torino,
  ))!.id;
  const personaCfs = [
    ...Object.values(PERSONAS).map((p) => p.codiceFiscale),
    ...Object.values(OPERATOR_PERSONAS).map((p) => p.codiceFiscale),
    ELENA.codiceFiscale,
  ];
  const row = await one<{ codice_fiscale: string; name: string; surname: string }>(
    `select c.codice_fiscale, c.name, c.surname from citizens c
       join residences r on r.citizen_id = c.id and r.end_date is null and r.entity_id = ?
      where c.birth_date < '1990-01-01' and c.id != ?
        and c.codice_fiscale not in (${personaCfs.map(() => "?").join(", ")})
        and not exists (select 1 from delegations d where d.delegate_fiscal_code = c.codice_fiscale)
        and not exists (select 1 from operators o where o.codice_fiscale = c.codice_fiscale)
      order by c.id limit 1`,
    ids.torino,
    ids.giuseppe,
    ...personaCfs,
  );
  expect(row, "an adult Torino resident to delegate").toBeTruthy();
  delegate = { codiceFiscale: row!.codice_fiscale, name: row!.name, surname: row!.surname };

  silvia = await login(SILVIA.codiceFiscale);
  roberto = await login(OPERATOR_PERSONAS.torinoTributi.codiceFiscale);
  valeria = await login(OPERATOR_PERSONAS.moncalieriAnagrafe.codiceFiscale);
  giuseppe = await login(GIUSEPPE.codiceFiscale);
});

afterAll(async () => {
  await server?.stop();
});

/**
 * The same form as a script-driven submission (`?_data=`): only the action answers, without the
 * page's loader, so a redirect is the action's own (204 with X-Remix-Redirect).
 */
function registerAction(client: WebClient, citizenId: number, f: PaperForm): Promise<PageResponse> {
  const route = encodeURIComponent("routes/operatore.cittadini.$id.$section");
  return client.send(`${deleghePath(citizenId)}?_data=${route}`, {
    body: paperBody(f),
    headers: { origin: server.url },
  });
}

/** Snapshot of what a refused request must leave untouched. */
async function untouched(): Promise<() => Promise<void>> {
  const files = storedFiles();
  const delegations = await giuseppesDelegations();
  const messages = await count("select count(*) as n from messages where citizen_id = ?", ids.giuseppe);
  return async () => {
    expect(await giuseppesDelegations(), "delegations").toBe(delegations);
    expect(await count("select count(*) as n from messages where citizen_id = ?", ids.giuseppe)).toBe(
      messages,
    );
    expect(storedFiles().sort(), "stored files").toEqual(files.sort());
    expect(partFiles(), "temporary files").toEqual([]);
  };
}

describe("the Deleghe section of a dossier", () => {
  it("lists the person's delegations and offers the paper form", async () => {
    await openAccess(silvia, ids.giuseppe);
    const page = await silvia.get(deleghePath(ids.giuseppe));
    expect(page.status).toBe(200);
    const text = flat(page.text);
    expect(text).toContain("Deleghe date da Ferrero Giuseppe");
    expect(text).toMatch(
      new RegExp(`Elena Ferrero \\(${ELENA.codiceFiscale}\\): pagamenti, dal [0-9/]+ al [0-9/]+, attiva`),
    );
    expect(text).toMatch(
      new RegExp(
        `Federico Colombo \\(${FEDERICO.codiceFiscale}\\): [a-z ,]+, dal [0-9/]+ al [0-9/]+, scaduta`,
      ),
    );
    expect(text).not.toContain("registrata allo sportello");
    expect(text).not.toContain(delegate.codiceFiscale);
    expect(text).toContain(REASON);

    const form = parseForms(page.body).find((f) => f.html.includes('name="codiceFiscale"'));
    expect(form, "the paper delegation form").toBeTruthy();
    expect(form!.method).toBe("post");
    expect(form!.html).toMatch(/enctype="multipart\/form-data"/i);
    expect(form!.fields.csrf).toBeTruthy();
    for (const name of [
      "nome",
      "cognome",
      "codiceFiscale",
      "aree",
      "dal",
      "al",
      "modulo",
      "documento",
    ])
      expect(form!.html, name).toContain(`name="${name}"`);
    expect(form!.html).toMatch(
      new RegExp(`name="dal"[^>]*value="${TEST_TODAY}"|value="${TEST_TODAY}"[^>]*name="dal"`),
    );
  });

  // Blocked by the part limit: the complete form (9 parts) is refused before anything is checked.
  it("registers a paper delegation active at once, which the delegate sees and uses", async () => {
    await openAccess(silvia, ids.giuseppe);
    const filesBefore = storedFiles();
    const delegationsBefore = await giuseppesDelegations();
    const sent = await register(silvia, ids.giuseppe, { csrf: await paperCsrf(silvia, ids.giuseppe) });
    expect(sent.status, sent.text.slice(0, 600)).toBe(303);
    expect(sent.location).toBe(`${deleghePath(ids.giuseppe)}?registrata=1`);
    expect(await giuseppesDelegations()).toBe(delegationsBefore + 1);

    const row = await one<{
      id: number;
      delegate_name: string;
      delegate_surname: string;
      areas: string;
      starts_on: string;
      ends_on: string;
      channel: string;
      operator_id: number | null;
      reason_text: string | null;
      form_stored_name: string | null;
      form_filename: string | null;
      id_document_stored_name: string | null;
      id_document_filename: string | null;
      accepted_at: string | null;
      refused_at: string | null;
      revoked_at: string | null;
    }>(
      "select * from delegations where delegator_citizen_id = ? and delegate_fiscal_code = ?",
      ids.giuseppe,
      delegate.codiceFiscale,
    );
    expect(row, "the new delegation").toBeTruthy();
    ids.registered = row!.id;
    expect(row).toMatchObject({
      delegate_name: delegate.name,
      delegate_surname: delegate.surname,
      areas: "pagamenti",
      starts_on: TEST_TODAY,
      ends_on: VALID_UNTIL,
      channel: "sportello",
      operator_id: ids.silviaOperator,
      refused_at: null,
      revoked_at: null,
    });
    expect(row!.accepted_at, "active at once").toBeTruthy();
    expect(row!.reason_text).toContain(REASON);
    // The names the files were sent under, with the extension of the type read from the content.
    expect(row!.form_filename).toBe("modulo delega.pdf");
    expect(row!.id_document_filename).toBe("carta identita.png");
    expect(row!.form_stored_name).toMatch(/^[0-9a-f]{32}\.pdf$/);
    expect(row!.id_document_stored_name).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(fs.readFileSync(path.join(uploadsDir(), row!.form_stored_name!))).toEqual(PDF);
    expect(fs.readFileSync(path.join(uploadsDir(), row!.id_document_stored_name!))).toEqual(PNG);
    expect(storedFiles().sort()).toEqual(
      [...filesBefore, row!.form_stored_name!, row!.id_document_stored_name!].sort(),
    );
    expect(partFiles()).toEqual([]);

    const audit = await one<{
      actor_kind: string;
      actor_fiscal_code: string;
      operator_id: number;
      entity_id: number;
      role: string;
      reason_category: string;
      reason_text: string;
      details: string;
    }>(
      `select actor_kind, actor_fiscal_code, operator_id, entity_id, role, reason_category, reason_text,
              details
         from audit_log where action = 'delegation.create' and subject_citizen_id = ?
        order by id desc limit 1`,
      ids.giuseppe,
    );
    expect(audit).toMatchObject({
      actor_kind: "operatore",
      actor_fiscal_code: SILVIA.codiceFiscale,
      operator_id: ids.silviaOperator,
      entity_id: ids.torino,
      role: "anagrafe",
      reason_category: "delega_sportello",
    });
    expect(audit!.reason_text).toContain(REASON);
    expect(JSON.parse(audit!.details)).toMatchObject({
      delegationId: row!.id,
      delegate: delegate.codiceFiscale,
      areas: ["pagamenti"],
    });

    const message = await one<{ subject: string; body: string }>(
      "select subject, body from messages where citizen_id = ? and subject = ?",
      ids.giuseppe,
      `Hai delegato ${delegate.name} ${delegate.surname}`,
    );
    expect(message, "the message to the delegator").toBeTruthy();
    expect(message!.body).toContain(delegate.codiceFiscale);
    expect(message!.body).toContain("registrata allo sportello ed è già attiva");

    // The page after the redirect: the confirmation and the new delegation among the others.
    const after = await silvia.get(sent.location!);
    expect(after.status).toBe(200);
    expect(after.text).toContain("Delega registrata: è già attiva");
    expect(flat(after.text)).toContain(
      `${delegate.name} ${delegate.surname} (${delegate.codiceFiscale}): pagamenti, ` +
        "dal 26/11/2026 al 31/05/2027, attiva, registrata allo sportello",
    );

    // The delegate finds it among the people they may act for, with no acceptance needed, and uses it.
    const del = await login(delegate.codiceFiscale);
    const theirs = await del.get("/area-personale/deleghe");
    expect(theirs.status).toBe(200);
    const actFor = flat(theirs.text.slice(theirs.text.indexOf("Per chi puoi agire")));
    expect(actFor).toContain(
      `Giuseppe Ferrero (codice fiscale ${GIUSEPPE.codiceFiscale}): delega per pagamenti`,
    );
    const acted = await del.post("/area-personale/deleghe", {
      csrf: csrfOf(theirs.body, 'action="/saml/logout"'),
      intent: "agisci",
      persona: String(ids.giuseppe),
      delega: String(row!.id),
    });
    expect(acted.status, acted.text.slice(0, 400)).toBe(303);
    expect(acted.location).toBe("/area-personale");
    const desk = await del.get("/area-personale");
    expect(desk.status).toBe(200);
    expect(desk.text).toContain("Stai agendo per conto di Giuseppe Ferrero");
    expect(
      await count(
        `select count(*) as n from sessions where fiscal_code = ? and acting_for_citizen_id = ?
           and acting_delegation_id = ?`,
        delegate.codiceFiscale,
        ids.giuseppe,
        row!.id,
      ),
    ).toBe(1);
  });
});

describe("refused paper delegations", () => {
  const anna = () => ({
    codiceFiscale: newCodiceFiscale("Rossi", "Anna", "1980-03-12"),
    nome: "Anna",
    cognome: "Rossi",
  });

  /** Sends the form with the session's token; nothing is inserted and no file is kept. */
  async function refused(f: PaperForm): Promise<PageResponse> {
    const check = await untouched();
    const res = await register(silvia, ids.giuseppe, { csrf: await paperCsrf(silvia, ids.giuseppe), ...f });
    await check();
    return res;
  }

  beforeAll(async () => {
    await openAccess(silvia, ids.giuseppe);
  });

  it("refuses a form without the identity document", async () => {
    const res = await refused({ ...anna(), documento: null });
    expect(res.status).toBe(400);
    expect(res.text).toContain(MISSING_FILE_TEXT);
    expect(res.text).toContain("La delega non è stata registrata");
  });

  it("refuses a form with no area ticked", async () => {
    const res = await refused({ ...anna(), areas: [] });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Scegli almeno una delle aree da delegare.");
  });

  it("reports an invalid or missing codice fiscale (alongside the missing area)", async () => {
    const valid = newCodiceFiscale("Rossi", "Anna", "1980-03-12");
    const wrongCheck = valid.slice(0, 15) + (valid[15] === "A" ? "B" : "A");
    for (const [codiceFiscale, message] of [
      [wrongCheck, "Codice fiscale della persona da delegare non valido"],
      ["RSSNNA80", "Codice fiscale della persona da delegare non valido"],
      ["", "Indica il codice fiscale della persona da delegare."],
      [GIUSEPPE.codiceFiscale, "Non puoi delegare te stesso"],
    ] as const) {
      const res = await refused({ ...anna(), codiceFiscale, areas: [] });
      expect(res.status, codiceFiscale).toBe(400);
      expect(res.text, codiceFiscale).toContain(message);
      expect(res.text, codiceFiscale).toContain("Scegli almeno una delle aree da delegare.");
    }
  });

  // Blocked by the part limit: the answer is 400, but for the number of parts, not the file.
  it("refuses a text file named .pdf as the signed form, with the message on the page", async () => {
    const text = Buffer.from("Questo non è un PDF\n".repeat(20));
    const res = await refused({
      ...anna(),
      modulo: { bytes: text, name: "modulo.pdf", type: "application/pdf" },
    });
    expect([400, 415]).toContain(res.status);
    expect(res.text).toContain(BAD_TYPE_TEXT);
  });

  // Blocked by the part limit: a browser sends an unchosen file input as an empty part.
  it("refuses a form whose identity document was not chosen (an empty part)", async () => {
    const res = await refused({ ...anna(), documento: { bytes: Buffer.alloc(0), name: "" } });
    expect(res.status).toBe(400);
    expect(res.text).toContain(MISSING_FILE_TEXT);
  });

  // Blocked by the part limit.
  it("refuses an invalid codice fiscale in an otherwise complete form", async () => {
    const valid = newCodiceFiscale("Rossi", "Anna", "1980-03-12");
    const res = await refused({
      ...anna(),
      codiceFiscale: valid.slice(0, 15) + (valid[15] === "A" ? "B" : "A"),
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Codice fiscale della persona da delegare non valido");
  });

  // Blocked by the part limit.
  it("refuses a delegate who already has an active delegation from the person", async () => {
    const people: Array<{ codiceFiscale: string; nome: string; cognome: string }> = [
      { codiceFiscale: ELENA.codiceFiscale, nome: ELENA.name, cognome: ELENA.surname },
    ];
    if (ids.registered)
      people.push({ codiceFiscale: delegate.codiceFiscale, nome: delegate.name, cognome: delegate.surname });
    for (const who of people) {
      const res = await refused(who);
      expect(res.status, who.codiceFiscale).toBe(409);
      expect(res.text, who.codiceFiscale).toContain("ha già una tua delega attiva o in attesa");
    }
  });
});

describe("the anti-forgery checks of the multipart form", () => {
  const laura = {
    codiceFiscale: newCodiceFiscale("Bianchi", "Laura", "1975-07-01"),
    nome: "Laura",
    cognome: "Bianchi",
  };

  beforeAll(async () => {
    await openAccess(silvia, ids.giuseppe);
  });

  it("answers 403 to the form without a token, inserting and keeping nothing", async () => {
    const check = await untouched();
    const res = await register(silvia, ids.giuseppe, laura);
    expect(res.status).toBe(403);
    await check();
  });

  it("answers 403 to an empty token and to another session's token", async () => {
    const otherToken = await csrfFrom(giuseppe, "/area-personale");
    const check = await untouched();
    // No area ticked keeps these forms within the parser's part limit (see the note at the top).
    for (const csrf of ["", otherToken, "x".repeat(40)]) {
      const res = await register(silvia, ids.giuseppe, { ...laura, csrf, areas: [] });
      expect(res.status, `token ${JSON.stringify(csrf)}`).toBe(403);
    }
    await check();
  });

  it("answers 403 to a form sent from another origin", async () => {
    const check = await untouched();
    const res = await silvia.send(deleghePath(ids.giuseppe), {
      body: paperBody({ ...laura, csrf: await paperCsrf(silvia, ids.giuseppe) }),
      headers: { origin: "https://portale.example.org" },
    });
    expect(res.status).toBe(403);
    await check();
  });
});

describe("registering without an open access", () => {
  const paola = {
    codiceFiscale: newCodiceFiscale("Verdi", "Paola", "1970-10-20"),
    nome: "Paola",
    cognome: "Verdi",
  };

  /**
   * The page's form and the action alone both send the operator to the reason form. With no area
   * ticked the action's request stays within the parser's part limit and would be refused with 400
   * if the access were checked only after the fields.
   */
  async function expectReasonForm(csrf: string): Promise<void> {
    const check = await untouched();
    const res = await register(silvia, ids.giuseppe, { ...paola, csrf });
    expect(res.status, res.text.slice(0, 400)).toBe(303);
    expect(res.location).toBe(reasonFormPath(ids.giuseppe));
    const action = await registerAction(silvia, ids.giuseppe, { ...paola, csrf, areas: [] });
    expect(action.status, action.body.slice(0, 400)).toBe(204);
    expect(action.headers.get("x-remix-redirect")).toBe(reasonFormPath(ids.giuseppe));
    await check();
  }

  it("sends back to the reason form once the operator has closed the access", async () => {
    await openAccess(silvia, ids.giuseppe);
    const csrf = await paperCsrf(silvia, ids.giuseppe);
    // With the access open, the action itself answers (here: the missing area).
    const open = await registerAction(silvia, ids.giuseppe, { ...paola, csrf, areas: [] });
    expect(open.status).toBe(400);
    const closed = await silvia.post(`/operatore/cittadini/${ids.giuseppe}`, { csrf, intent: "chiudi" });
    expect(closed.status).toBe(303);
    const section = await silvia.get(deleghePath(ids.giuseppe));
    expect(section.status).toBe(303);
    expect(section.location).toBe(reasonFormPath(ids.giuseppe));
    await expectReasonForm(csrf);
  });

  it("sends back to the reason form once the operator has opened another person's dossier", async () => {
    await openAccess(silvia, ids.giuseppe);
    const csrf = await paperCsrf(silvia, ids.giuseppe);
    await openAccess(silvia, ids.chiara, "Richiesta di un'altra persona allo sportello");
    await expectReasonForm(csrf);
  });
});

describe("who may open the section", () => {
  const marta = {
    codiceFiscale: newCodiceFiscale("Neri", "Marta", "1982-02-02"),
    nome: "Marta",
    cognome: "Neri",
  };

  it("answers 404 to the tax office, to another comune's registry office and to a citizen", async () => {
    const check = await untouched();
    for (const [who, client, tokenPage] of [
      ["Roberto (tributi)", roberto, "/operatore"],
      ["Valeria (Moncalieri)", valeria, "/operatore"],
      ["Giuseppe (citizen)", giuseppe, "/area-personale"],
    ] as const) {
      const get = await client.get(deleghePath(ids.giuseppe));
      expect(get.status, `GET by ${who}`).toBe(404);
      const post = await register(client, ids.giuseppe, {
        ...marta,
        csrf: await csrfFrom(client, tokenPage),
      });
      expect(post.status, `POST by ${who}`).toBe(404);
    }
    await check();
  });

  it("answers 404 to the tax office even with an access opened on the person", async () => {
    const form = await roberto.get(`/operatore/cittadini/${ids.giuseppe}`);
    expect(form.status).toBe(200);
    const open = await roberto.post(`/operatore/cittadini/${ids.giuseppe}`, {
      csrf: csrfOf(form.body),
      categoria: "verifica_tributaria",
      motivo: "Verifica della posizione IMU",
    });
    expect(open.status).toBe(303);
    expect(open.location).not.toContain("/deleghe");
    expect((await roberto.get(open.location!)).status).toBe(200);
    expect((await roberto.get(deleghePath(ids.giuseppe))).status).toBe(404);
    const check = await untouched();
    const post = await register(roberto, ids.giuseppe, { ...marta, csrf: csrfOf(form.body) });
    expect(post.status).toBe(404);
    await check();
  });
});
