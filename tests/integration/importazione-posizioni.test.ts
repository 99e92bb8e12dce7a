/**
 * A tax campaign over HTTP against the real server: the Torino payments office uploads a CSV file
 * of positions (multipart, as a browser without JavaScript sends it), follows the import on its
 * progress page, and the debtor who is a citizen finds the notice and one message. A file with bad
 * rows is refused with a report per row and imports nothing; the same file twice creates nothing
 * new; other roles, other entes and citizens get 404; the same import through /api/v1 with the
 * ente's key, every API answer checked against /api/v1/openapi.json. Results are read over HTTP
 * (pages and API); the database is read only for what no page shows (the audit rows, the claim)
 * and written only to leave an import as a stopped process would leave it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { computeCodiceFiscale } from "../../app/rules/codice-fiscale";
import { checkResponse } from "../support/openapi-contract";
import { loginAs } from "../support/saml-client";
import { readDb } from "../support/db";
import { startServer, type TestServer } from "../support/server";
import { csrfOf, pageText, request, send } from "../support/http";

let server: TestServer;
let doc: Record<string, any>;
const cookies = { pagamenti: "", anagrafe: "", admin: "", regione: "", giovane: "", famiglia: "" };
let apiKey = "";

const GIOVANE = PERSONAS.giovane.codiceFiscale;
const FAMIGLIA = PERSONAS.famiglia.codiceFiscale;
const IMPORT_PAGE = "/operatore/posizioni/importa";
const HEADER =
  "idPosizioneEnte;codiceFiscale;nominativo;servizio;causale;importo1;scadenza1;importo2;scadenza2";

/** A valid codice fiscale of nobody in the seed (the test's made-up households). */
function stranger(i: number): string {
  const day = 1 + (i % 28);
  const month = 1 + (Math.floor(i / 28) % 12);
  const year = 1940 + (Math.floor(i / 336) % 60);
  return computeCodiceFiscale({
    surname: "Provetta",
    name: "Campagnolo",
    birthDate: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    sex: i % 2 ? "F" : "M",
    belfiore: ["L219", "F335", "C860", "H355"][i % 4]!,
  });
}

function csv(lines: string[]): string {
  return `${[HEADER, ...lines].join("\r\n")}\r\n`;
}

const page = (cookie: string, p: string) => request(server.url, cookie, p);

/** Posts the file as the page's form does: the token first, then the file. */
async function upload(
  cookie: string,
  content: string | Uint8Array<ArrayBuffer>,
  opts: { token?: string | null; headers?: Record<string, string>; filename?: string } = {},
) {
  const token =
    opts.token === undefined ? csrfOf((await page(cookie, IMPORT_PAGE)).body, 'name="file"') : opts.token;
  const body = new FormData();
  if (token !== null) body.set("csrf", token);
  body.set("file", new Blob([content], { type: "text/csv" }), opts.filename ?? "tari-2026.csv");
  return send(server.url + IMPORT_PAGE, { cookie, body, headers: opts.headers });
}

/** Follows the progress page until the import has ended; returns the last page. */
async function waitForImport(cookie: string, path: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await page(cookie, path);
    expect(res.status).toBe(200);
    if (/Stato: (Completata|Non riuscita)/.test(res.text)) return res;
    if (Date.now() > deadline) throw new Error(`import not finished: ${res.text.slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The figure after a label of the progress page's summary. */
function figure(text: string, label: string): number {
  const m = new RegExp(`${label} ([\\d.]+)`).exec(text);
  if (!m) throw new Error(`no "${label}" in ${text.slice(0, 800)}`);
  return Number(m[1]!.replace(/\./g, ""));
}

async function countMessages(subject: string, cookie = cookies.giovane): Promise<number> {
  const inbox = await page(cookie, "/area-personale/messaggi");
  expect(inbox.status).toBe(200);
  return inbox.text.split(subject).length - 1;
}

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  const who = {
    pagamenti: OPERATOR_PERSONAS.torinoPagamenti.codiceFiscale,
    anagrafe: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale,
    admin: OPERATOR_PERSONAS.torinoAdmin.codiceFiscale,
    regione: OPERATOR_PERSONAS.regioneBollo.codiceFiscale,
    giovane: GIOVANE,
    famiglia: FAMIGLIA,
  };
  for (const [k, cf] of Object.entries(who))
    cookies[k as keyof typeof cookies] = (await loginAs(server.url, { codiceFiscale: cf })).cookie;
  const described = await fetch(`${server.url}/api/v1/openapi.json`);
  doc = (await described.json()) as Record<string, any>;
});

afterAll(async () => {
  await server?.stop();
});

const CAUSALE = "TARI 2026 - campagna utenze domestiche";
const GOOD = csv([
  `TARI26-0001;${GIOVANE};Colombo Federico;TARI;${CAUSALE};120,50;16/12/2026;120,50;2027-01-31`,
  `TARI26-0002;${stranger(1)};Provetta Campagnolo;TARI;${CAUSALE};98,00;16/12/2026;98,00;31/01/2027`,
  `TARI26-0003;${stranger(2)};"Provetta; Campagnola";TARI;${CAUSALE};310;2026-12-16;;`,
]);
let firstImport = "";

describe("importing a campaign from the operator's page", () => {
  it("shows the page with the columns to the payments office", async () => {
    const res = await page(cookies.pagamenti, IMPORT_PAGE);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect(res.text).toContain("Importa posizioni debitorie da file");
    for (const column of [
      "idPosizioneEnte",
      "codiceFiscale",
      "nominativo",
      "servizio",
      "causale",
      "importo1",
    ])
      expect(res.text).toContain(column);
    expect(res.body).toMatch(/enctype="multipart\/form-data"/i);
    const list = await page(cookies.pagamenti, "/operatore/posizioni");
    expect(list.body).toContain(`href="${IMPORT_PAGE}"`);
  });

  it("refuses a file with bad rows with a report per row, and imports nothing", async () => {
    const before = await page(cookies.pagamenti, IMPORT_PAGE);
    const bad = csv([
      `BAD-0001;${GIOVANE};Colombo Federico;TARI;${CAUSALE};120,50;16/12/2026;;`,
      `BAD-0002;CLMFRC99R04A479X;Colombo Federico;TARI;${CAUSALE};abc;16/12/2026;;`,
      `BAD-0003;${stranger(3)};Provetta Campagnolo;CANONE;${CAUSALE};10;2026-01-10;;`,
      `BAD-0001;${stranger(4)};Provetta Campagnolo;TARI;${CAUSALE};10;2026-12-20;;`,
      `BAD-0005;${stranger(5)};Provetta Campagnolo;TARI;${CAUSALE};10;2026-12-20`,
    ]);
    const res = await upload(cookies.pagamenti, bad);
    expect(res.status).toBe(400);
    expect(res.text).toContain("Il file contiene errori: nessuna posizione è stata importata.");
    expect(res.text).toContain("5 righe lette, 4 righe con errori, 6 errori.");
    const rows = [
      ...res.body.matchAll(/<tr><th scope="row">(\d+)<\/th><td>([^<]*)<\/td><td[^>]*>([^<]*)<\/td><\/tr>/g),
    ].map((m) => ({ line: Number(m[1]), column: m[2], message: pageText(m[3]!) }));
    expect(rows).toEqual([
      { line: 3, column: "codiceFiscale", message: "Il carattere di controllo non è corretto." },
      {
        line: 3,
        column: "importo1",
        message: "L'importo non è valido: scrivilo in euro, per esempio 1.234,56.",
      },
      {
        line: 4,
        column: "servizio",
        message:
          "Il servizio «CANONE» non è previsto: indica uno tra IMU, TARI, BOLLO, MULTA, TICKET, SERVIZI, ACCERTAMENTO.",
      },
      { line: 4, column: "scadenza1", message: "La scadenza non può essere già passata." },
      {
        line: 5,
        column: "idPosizioneEnte",
        message: "L'identificativo «BAD-0001» è già alla riga 2 di questo file: ogni posizione ha il suo.",
      },
      {
        line: 6,
        column: "tutta la riga",
        message: "La riga ha 7 campi, l'intestazione 9: controlla i separatori e le virgolette.",
      },
    ]);
    // Nothing written: not the good row, and no import in the list.
    const search = await page(cookies.pagamenti, "/operatore/posizioni?q=BAD-0001");
    expect(search.text).toContain("Nessuna posizione debitoria con questi criteri");
    const after = await page(cookies.pagamenti, IMPORT_PAGE);
    expect(after.text.match(/Importazioni recenti[\s\S]*/)?.[0]).toBe(
      before.text.match(/Importazioni recenti[\s\S]*/)?.[0],
    );
  });

  it("refuses a header it does not know, a file that is not UTF-8, an empty one, in Italian", async () => {
    const header = await upload(cookies.pagamenti, "idPosizione;codiceFiscale\r\nX;Y\r\n");
    expect(header.status).toBe(400);
    expect(header.text).toContain("La colonna «idPosizione» non è prevista.");
    expect(header.text).toContain("Manca la colonna obbligatoria «idPosizioneEnte».");
    const latin1 = await upload(
      cookies.pagamenti,
      new Uint8Array(Buffer.from(`${HEADER}\r\nX;${GIOVANE};Citt\xe0;TARI;c;1;2026-12-20;;\r\n`, "latin1")),
    );
    expect(latin1.status).toBe(400);
    expect(latin1.text).toContain("Il file non è in codifica UTF-8.");
    const empty = await upload(cookies.pagamenti, "");
    expect(empty.status).toBe(400);
    expect(empty.text).toContain("Scegli il file CSV delle posizioni da importare.");
  });

  it("refuses an upload without the anti-forgery token or from another site", async () => {
    const noToken = await upload(cookies.pagamenti, GOOD, { token: null });
    expect(noToken.status).toBe(403);
    const forged = await upload(cookies.pagamenti, GOOD, { token: "x".repeat(43) });
    expect(forged.status).toBe(403);
    const foreign = await upload(cookies.pagamenti, GOOD, { headers: { origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect(foreign.text).toContain("da un sito diverso da questo portale");
    const search = await page(cookies.pagamenti, "/operatore/posizioni?q=TARI26-0001");
    expect(search.text).toContain("Nessuna posizione debitoria con questi criteri");
  });

  it("imports a good file in the background: progress page, positions published, the citizen told once", async () => {
    const res = await upload(cookies.pagamenti, GOOD);
    expect(res.status, res.text.slice(0, 600)).toBe(303);
    expect(res.location).toMatch(/^\/operatore\/posizioni\/importa\/\d+$/);
    firstImport = res.location!;
    const done = await waitForImport(cookies.pagamenti, firstImport);
    expect(done.text).toContain("Stato: Completata");
    expect(done.text).toContain("Righe elaborate: 3 righe su 3 (100%).");
    expect(figure(done.text, "Posizioni create e pubblicate")).toBe(3);
    expect(figure(done.text, "Già presenti, non create di nuovo")).toBe(0);
    expect(figure(done.text, "Messaggi inviati ai debitori")).toBe(1);
    expect(done.text).toContain("€ 747,00");
    expect(done.body).toMatch(/role="progressbar"[^>]*aria-valuenow="100"/);
    expect(done.body).not.toContain('http-equiv="refresh"');
    expect(done.text).toContain("tari-2026.csv");

    // The operator's list: published and payable, with the ente's id.
    const list = await page(cookies.pagamenti, "/operatore/posizioni?q=TARI26-0001");
    expect(list.text).toContain("TARI26-0001");
    expect(list.text).toContain(CAUSALE);
    expect(list.text).toContain("Da pagare");
    const third = await page(cookies.pagamenti, "/operatore/posizioni?q=TARI26-0003");
    expect(third.text).toContain("Provetta; Campagnola");

    // The citizen: the notice among the payments, and one message about it.
    const payments = await page(cookies.giovane, "/area-personale/pagamenti");
    expect(payments.status).toBe(200);
    expect(payments.text).toContain(CAUSALE);
    expect(await countMessages(`Nuovo avviso di pagamento: ${CAUSALE}`)).toBe(1);

    // The import is listed on the page, with what it created.
    const importPage = await page(cookies.pagamenti, IMPORT_PAGE);
    expect(importPage.body).toContain(`href="${firstImport}"`);
  });

  it("creates nothing new when the same file is imported again", async () => {
    const res = await upload(cookies.pagamenti, GOOD);
    expect(res.status).toBe(303);
    expect(res.location).not.toBe(firstImport);
    const done = await waitForImport(cookies.pagamenti, res.location!);
    expect(done.text).toContain("Stato: Completata");
    expect(figure(done.text, "Posizioni create e pubblicate")).toBe(0);
    expect(figure(done.text, "Già presenti, non create di nuovo")).toBe(3);
    expect(figure(done.text, "Messaggi inviati ai debitori")).toBe(0);
    const list = await page(cookies.pagamenti, "/operatore/posizioni?q=TARI26-0001");
    expect(list.text).toMatch(/\b1 posizione \./);
    expect(await countMessages(`Nuovo avviso di pagamento: ${CAUSALE}`)).toBe(1);
  });

  it("imports a file larger than a form may be, and the progress page refreshes itself while it runs", async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) =>
        `TARI26-L${String(i).padStart(6, "0")};${stranger(100 + i)};Provetta Campagnolo ${i};TARI;TARI 2026 - utenze non domestiche;${(100 + (i % 400)).toFixed(2).replace(".", ",")};16/12/2026;50,00;31/01/2027`,
    );
    const content = csv(rows);
    expect(content.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await upload(cookies.pagamenti, content, { filename: "tari-non-domestiche.csv" });
    expect(res.status, res.text.slice(0, 600)).toBe(303);
    // 20,000 rows take a few seconds: both pages are asked for at once, while they are imported.
    const [first, paused] = await Promise.all([
      page(cookies.pagamenti, res.location!),
      page(cookies.pagamenti, `${res.location}?aggiorna=no`),
    ]);
    expect(first.text).toMatch(/Stato: (In attesa|In corso)/);
    expect(first.body).toMatch(/<meta http-equiv="refresh" content="3"\/?>/);
    expect(first.body).toMatch(/role="progressbar"[^>]*aria-valuemin="0" aria-valuemax="100"/);
    expect(first.text).toContain("Sospendi l'aggiornamento automatico");
    expect(paused.body).not.toContain('http-equiv="refresh"');
    if (/Stato: (In attesa|In corso)/.test(paused.text))
      expect(paused.text).toContain("Aggiorna ora e riattiva l'aggiornamento automatico");
    const done = await waitForImport(cookies.pagamenti, res.location!);
    expect(done.text).toContain("Stato: Completata");
    expect(figure(done.text, "Posizioni create e pubblicate")).toBe(20_000);
    const last = await page(cookies.pagamenti, "/operatore/posizioni?q=TARI26-L019999");
    expect(last.text).toContain("Da pagare");
  });

  it("sends a debtor with several positions in the file one message that lists them all", async () => {
    const causale = (n: number) => `Canone mensa scolastica 2026 - figlio ${n}`;
    const rows = [
      `MENSA26-0001;${FAMIGLIA};Martini Chiara;SERVIZI;${causale(1)};40,00;16/12/2026;;`,
      ...Array.from(
        { length: 5 },
        (_, i) =>
          `MENSA26-1${i};${stranger(50 + i)};Provetta Campagnolo;SERVIZI;${causale(9)};10;16/12/2026;;`,
      ),
      `MENSA26-0002;${FAMIGLIA};Martini Chiara;SERVIZI;${causale(2)};35,00;31/01/2027;;`,
    ];
    const file = `${HEADER};categoria\r\n${rows.map((r) => `${r};9/0201133IM/`).join("\r\n")}\r\n`;
    const res = await upload(cookies.pagamenti, file, { filename: "mensa.csv" });
    expect(res.status, res.text.slice(0, 600)).toBe(303);
    const done = await waitForImport(cookies.pagamenti, res.location!);
    expect(figure(done.text, "Posizioni create e pubblicate")).toBe(7);
    expect(figure(done.text, "Messaggi inviati ai debitori")).toBe(1);
    const inbox = await page(cookies.famiglia, "/area-personale/messaggi");
    const subject = `2 nuovi avvisi di pagamento: ${causale(1)}; ${causale(2)}`;
    expect(inbox.text.split(subject).length - 1).toBe(1);
    const id = Number(res.location!.split("/").pop());
    const stored = await readDb(server.dbFile, async (db) => ({
      messages: await db.all<{ body: string }>(
        `select m.body from messages m join citizens c on c.id = m.citizen_id
          where c.codice_fiscale = ? and m.subject = ?`,
        FAMIGLIA,
        subject,
      ),
      imp: await db.get<{ content: string | null; holder: string | null; leased_until: string | null }>(
        "select content, holder, leased_until from position_imports where id = ?",
        id,
      ),
      linked: await db.get<{ n: number }>("select count(*) as n from debt_positions where import_id = ?", id),
      audit: await db.all<{ details: string }>(
        "select details from audit_log where action = ? order by id",
        "payments.position.import",
      ),
    }));
    expect(stored.messages).toHaveLength(1);
    expect(stored.messages[0]!.body).toContain("ti ha inviato 2 avvisi di pagamento");
    expect(stored.messages[0]!.body).toContain("€ 40,00 entro il 16/12/2026");
    expect(stored.messages[0]!.body).toContain("€ 35,00 entro il 31/01/2027");
    // Done: the file is no longer kept and nobody holds the import.
    expect(stored.imp).toEqual({ content: null, holder: null, leased_until: null });
    expect(stored.linked!.n).toBe(7);
    // The batch's audit row, in the operator's name, says what it wrote.
    const mine = stored.audit.map((a) => JSON.parse(a.details)).filter((d) => d.importId === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      channel: "web",
      filename: "mensa.csv",
      created: 7,
      messages: 1,
      complete: true,
    });
  });

  it("refuses a file over the size limit with 413, before reading it", async () => {
    const big = new Uint8Array(new ArrayBuffer(51 * 1024 * 1024)).fill(0x61);
    const res = await upload(cookies.pagamenti, big);
    expect(res.status).toBe(413);
    expect(res.text).toContain("Il file supera la dimensione massima di 50 MB");
  });
});

describe("the background job across processes", () => {
  const RESUME = csv([
    `RIPRESA-0001;${stranger(900)};Provetta Campagnolo;TARI;TARI 2026 - ripresa;10;16/12/2026;;`,
    `RIPRESA-0002;${stranger(901)};Provetta Campagnolo;TARI;TARI 2026 - ripresa;20;16/12/2026;;`,
    `RIPRESA-0003;${stranger(902)};Provetta Campagnolo;TARI;TARI 2026 - ripresa;30;16/12/2026;;`,
  ]);

  /** Leaves an import as a process that stopped (or still runs) elsewhere would have left it. */
  async function leftImport(holder: string, leasedUntil: string, rowsDone: number): Promise<number> {
    return readDb(server.dbFile, async (db) => {
      const model = await db.get<{ entity_id: number; actor_json: string; validated_on: string }>(
        "select entity_id, actor_json, validated_on from position_imports where channel = ? order by id limit 1",
        "web",
      );
      const now = new Date().toISOString();
      await db.run(
        `insert into position_imports (entity_id, channel, actor_json, filename, content_sha256, content,
           validated_on, state, total_rows, rows_done, created_count, skipped_count, messages_count,
           total_cents, failures, holder, leased_until, created_at, started_at, updated_at)
         values (?, 'web', ?, ?, 'x', ?, ?, 'in_corso', 3, ?, 0, 0, 0, 0, 0, ?, ?, ?, ?, ?)`,
        model!.entity_id,
        model!.actor_json,
        `${holder}.csv`,
        RESUME.replaceAll("RIPRESA", holder.toUpperCase()),
        model!.validated_on,
        rowsDone,
        holder,
        leasedUntil,
        now,
        now,
        now,
      );
      const row = await db.get<{ id: number }>("select max(id) as id from position_imports");
      return row!.id;
    });
  }

  it("resumes an import whose process stopped, from the rows it had done, and leaves a held one alone", async () => {
    const stopped = await leftImport("fermo", new Date(Date.now() - 1000).toISOString(), 1);
    const held = await leftImport("vivo", new Date(Date.now() + 10 * 60_000).toISOString(), 0);
    const done = await waitForImport(cookies.pagamenti, `${IMPORT_PAGE}/${stopped}`);
    expect(done.text).toContain("Stato: Completata");
    expect(done.text).toContain("Righe elaborate: 3 righe su 3 (100%).");
    expect(figure(done.text, "Posizioni create e pubblicate")).toBe(2);
    // The first row counted as done by the stopped process is not created again here.
    expect((await page(cookies.pagamenti, "/operatore/posizioni?q=FERMO-0001")).text).toContain(
      "Nessuna posizione debitoria con questi criteri",
    );
    expect((await page(cookies.pagamenti, "/operatore/posizioni?q=FERMO-0003")).text).toContain("FERMO-0003");
    // The one another process holds waits for its lease to run out.
    const waiting = await page(cookies.pagamenti, `${IMPORT_PAGE}/${held}`);
    expect(waiting.text).toContain("Stato: In corso");
    expect(waiting.text).toContain("Righe elaborate: 0 righe su 3 (0%).");
    const holder = await readDb(server.dbFile, (db) =>
      db.get<{ holder: string }>("select holder from position_imports where id = ?", held),
    );
    expect(holder!.holder).toBe("vivo");
  });
});

describe("who may import", () => {
  it("answers 404 to an operator without the payments role, to a citizen, and for another ente's import", async () => {
    for (const cookie of [cookies.anagrafe, cookies.giovane]) {
      expect((await page(cookie, IMPORT_PAGE)).status).toBe(404);
      expect((await page(cookie, firstImport)).status).toBe(404);
      const body = new FormData();
      body.set("file", new Blob([GOOD]), "a.csv");
      const post = await send(server.url + IMPORT_PAGE, { cookie, body });
      expect(post.status).toBe(404);
    }
    // The Region's payments office may import, but not see Torino's import.
    expect((await page(cookies.regione, IMPORT_PAGE)).status).toBe(200);
    expect((await page(cookies.regione, firstImport)).status).toBe(404);
    expect((await page(cookies.pagamenti, "/operatore/posizioni/importa/2147483648")).status).toBe(404);
  });

  it("sends a visitor without a session to the login", async () => {
    const res = await request(server.url, null, IMPORT_PAGE);
    expect(res.status).toBe(303);
    expect(res.location).toContain("/saml/login");
  });
});

describe("importing through /api/v1", () => {
  async function api(
    method: string,
    path: string,
    init: { key?: string; cookie?: string; body?: BodyInit; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.key) headers.authorization = `Bearer ${init.key}`;
    if (init.cookie) headers.cookie = init.cookie;
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers,
      body: init.body,
      redirect: "manual",
    });
    const text = await res.text();
    const problems = checkResponse(doc, {
      method,
      path: path.split("?")[0]!,
      status: res.status,
      headers: res.headers,
      body: text,
    });
    expect(problems, `${method} ${path} → ${res.status}: ${text.slice(0, 300)}`).toEqual([]);
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
  }

  const fileBody = (content: string) => {
    const body = new FormData();
    body.set("file", new Blob([content], { type: "text/csv" }), "tari-api.csv");
    return body;
  };

  beforeAll(async () => {
    const csrf = csrfOf((await page(cookies.admin, "/operatore/ente")).body, 'action="/saml/logout"');
    const res = await request(server.url, cookies.admin, "/operatore/ente", {
      csrf,
      intent: "crea-chiave",
      etichetta: "Gestionale dei tributi",
    });
    apiKey = /fdc_[A-Za-z0-9_-]{43}/.exec(res.body)![0];
  });

  it("describes both endpoints in openapi.json", () => {
    expect(doc.paths["/debt-position-imports"].post.requestBody.content["multipart/form-data"]).toBeTruthy();
    expect(doc.paths["/debt-position-imports/{id}"].get).toBeTruthy();
    expect(doc.components.schemas.DebtPositionImport).toBeTruthy();
  });

  const API_CAUSALE = "TARI 2026 - acconto via gestionale";
  const API_FILE = csv([
    `API26-0001;${GIOVANE};Colombo Federico;TARI;${API_CAUSALE};55,00;16/12/2026;55,00;31/01/2027`,
    `API26-0002;${stranger(7)};Provetta Campagnolo;TARI;${API_CAUSALE};40,00;16/12/2026;;`,
  ]);

  it("accepts a good file (202 and Location), and its status says when it is done", async () => {
    const res = await api("POST", "/debt-position-imports", { key: apiKey, body: fileBody(API_FILE) });
    expect(res.status).toBe(202);
    expect(res.json.totalRows).toBe(2);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/api\/v1\/debt-position-imports\/\d+$/);
    const path = location.replace("/api/v1", "");
    let status = res.json;
    for (let i = 0; i < 200 && status.status !== "COMPLETED" && status.status !== "FAILED"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await api("GET", path, { key: apiKey })).json;
    }
    expect(status).toMatchObject({
      status: "COMPLETED",
      processedRows: 2,
      createdPositions: 2,
      skippedPositions: 0,
      messagesSent: 1,
      totalAmount: 15000,
      fileName: "tari-api.csv",
      error: null,
    });
    const position = await api("GET", "/debt-positions/API26-0001", { key: apiKey });
    expect(position.json.status).toBe("VALID");
    expect(position.json.paymentOption).toHaveLength(2);
    expect(await countMessages(`Nuovo avviso di pagamento: ${API_CAUSALE}`)).toBe(1);

    // Again: nothing new.
    const again = await api("POST", "/debt-position-imports", { key: apiKey, body: fileBody(API_FILE) });
    expect(again.status).toBe(202);
    const againPath = again.headers.get("location")!.replace("/api/v1", "");
    let second = again.json;
    for (let i = 0; i < 200 && second.status !== "COMPLETED"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      second = (await api("GET", againPath, { key: apiKey })).json;
    }
    expect(second).toMatchObject({
      status: "COMPLETED",
      createdPositions: 0,
      skippedPositions: 2,
      messagesSent: 0,
    });
    expect(await countMessages(`Nuovo avviso di pagamento: ${API_CAUSALE}`)).toBe(1);

    // The operator's page shows the API's import too; another ente's session does not reach it.
    const id = path.split("/").pop();
    const operatorPage = await page(cookies.pagamenti, `${IMPORT_PAGE}/${id}`);
    expect(operatorPage.text).toContain("tramite l'API");
    expect((await api("GET", path, { cookie: cookies.regione })).status).toBe(404);
  });

  it("answers 400 with the rows' errors, and imports nothing", async () => {
    const res = await api("POST", "/debt-position-imports", {
      key: apiKey,
      body: fileBody(csv([`API26-0100;${GIOVANE};Colombo Federico;TARI;x;0;16/12/2026;;`])),
    });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe("file_non_valido");
    expect(res.json.invalidParams).toEqual([
      { line: 2, name: "importo1", reason: "L'importo deve essere maggiore di zero." },
    ]);
    expect((await api("GET", "/debt-positions/API26-0100", { key: apiKey })).status).toBe(404);
  });

  it("refuses what is not a multipart file, callers without credentials, sessions without the token", async () => {
    const json = await api("POST", "/debt-position-imports", {
      key: apiKey,
      body: JSON.stringify({ file: API_FILE }),
      headers: { "content-type": "application/json" },
    });
    expect(json.status).toBe(415);
    const broken = await api("POST", "/debt-position-imports", {
      key: apiKey,
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc\r\n--xy',
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
    });
    expect(broken.status).toBe(400);
    const missing = await api("POST", "/debt-position-imports", { key: apiKey, body: new FormData() });
    expect(missing.status).toBe(400);
    expect((await api("POST", "/debt-position-imports", { body: fileBody(API_FILE) })).status).toBe(401);
    expect((await api("GET", "/debt-position-imports/1")).status).toBe(401);
    const session = await api("POST", "/debt-position-imports", {
      cookie: cookies.pagamenti,
      body: fileBody(API_FILE),
    });
    expect(session.status).toBe(403);
    expect((await api("GET", "/debt-position-imports/abc", { key: apiKey })).status).toBe(404);
    expect((await api("GET", "/debt-position-imports/2147483648", { key: apiKey })).status).toBe(404);
  });
});
