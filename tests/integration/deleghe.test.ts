/**
 * Delegations and parents' ties over HTTP against the real server: creating, accepting and using a
 * delegation (messages to the delegator, the banner, the first-use message sent once), which
 * sections answer while acting and which are 404 (also other citizens' records), paying and
 * requesting a certificate on someone's behalf (receipt, certificate and audit rows naming both
 * people, "Chi ha agito per tuo conto"), revocation and expiry during a session, the demo's
 * delegation for pagamenti only, forged and malformed requests, a parent acting for a minor child,
 * the validation of a new delegation, renewal, renunciation and refusal, a delegate who is also a
 * resident and an operator (role switch, revocation), and the page without a session.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../app/rules/time";
import { OPERATOR_PERSONAS, PERSONA_DELEGATA, PERSONAS } from "../../db/seed/personas";
import { TEST_TODAY } from "../support/constants";
import { readDb } from "../support/db";
import { csrfOf, parseForms, WebClient, type FormFields, type PageResponse } from "../support/http";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";

const CHIARA = PERSONAS.famiglia;
const FEDERICO = PERSONAS.giovane;
const GIUSEPPE = PERSONAS.pensionato;
const ELENA = PERSONA_DELEGATA;

const DELEGHE = "/area-personale/deleghe";
/** Whoever was born after this day is a minor on the test database's today. */
const MINOR_AFTER = `${Number(TEST_TODAY.slice(0, 4)) - 18}${TEST_TODAY.slice(4)}`;
const TERMINATED = `${DELEGHE}?esito=delega-terminata`;

const FASCICOLO_PAGES = [
  "/area-personale/anagrafe",
  "/area-personale/appuntamenti",
  "/area-personale/documenti",
  "/area-personale/certificati",
  "/area-personale/pratiche",
  "/area-personale/messaggi",
];
/** The taxpayer's pages that answer for anyone (IMU and TARI need a year with data: see taxYearPages). */
const CONTRIBUENTE_PAGES = [
  "/area-personale/contribuente",
  "/area-personale/contribuente/immobili",
  "/area-personale/contribuente/veicoli",
  "/area-personale/contribuente/f24",
  "/area-personale/contribuente/rimborsi",
  "/area-personale/contribuente/accertamenti",
];
/** Pages that are never shown on someone else's behalf. */
const NEVER_ACTING = [
  "/area-personale/profilo",
  "/area-personale/accessi",
  "/area-personale/dati-spid",
  "/area-personale/i-miei-dati.json",
  "/area-personale/scadenze.ics",
];

let server: TestServer;
let chiara: WebClient;
let elena: WebClient;
let federico: WebClient;
let giuseppe: WebClient;

const ids = {
  chiara: 0,
  federico: 0,
  giuseppe: 0,
  /** Chiara's minor daughter, in her household. */
  daughter: 0,
  /** Giuseppe → Elena, pagamenti, active. */
  giuseppeToElena: 0,
  /** Federico → Elena, every area, waiting for acceptance. */
  federicoToElena: 0,
  /** Giuseppe → Federico, fascicolo, expired. */
  giuseppeToFederico: 0,
  /** Chiara → Elena, created by the first test. */
  chiaraToElena: 0,
};

async function one<T>(sql: string, ...params: unknown[]): Promise<T | undefined> {
  return readDb(server.dbFile, (db) => db.get<T>(sql, ...params));
}
async function all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return readDb(server.dbFile, (db) => db.all<T>(sql, ...params));
}
async function count(sql: string, ...params: unknown[]): Promise<number> {
  return Number((await one<{ n: number }>(sql, ...params))?.n ?? 0);
}

async function citizenId(codiceFiscale: string): Promise<number> {
  return (await one<{ id: number }>("select id from citizens where codice_fiscale = ?", codiceFiscale))!.id;
}

async function delegationId(delegatorId: number, delegateCf: string): Promise<number> {
  const row = await one<{ id: number }>(
    "select id from delegations where delegator_citizen_id = ? and delegate_fiscal_code = ? order by id desc",
    delegatorId,
    delegateCf,
  );
  return row!.id;
}

async function login(codiceFiscale: string): Promise<WebClient> {
  const { cookie } = await loginAs(server.url, { codiceFiscale, level: 2 });
  return new WebClient(server.url, cookie);
}

/** The session's anti-forgery token, read from the header's logout form on its delegations page. */
async function csrf(client: WebClient): Promise<string> {
  const page = await client.get(DELEGHE);
  expect(page.status).toBe(200);
  return csrfOf(page.body, 'action="/saml/logout"');
}

/** POSTs a form of the delegations page with the session's token. */
async function act(client: WebClient, form: FormFields): Promise<PageResponse> {
  return client.post(DELEGHE, { csrf: await csrf(client), ...form });
}

/** Starts acting for `persona` (a citizen id) on `delega` (a delegation id, "" for a parent's tie). */
function agisci(client: WebClient, persona: number, delega: number | ""): Promise<PageResponse> {
  return act(client, { intent: "agisci", persona: String(persona), delega: String(delega) });
}

async function subjects(citizen: number, like: string): Promise<string[]> {
  const rows = await all<{ subject: string }>(
    "select subject from messages where citizen_id = ? and subject like ? order by id",
    citizen,
    like,
  );
  return rows.map((r) => r.subject);
}

/** The value attribute of the input named `name` in the page. */
function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input\\b[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0];
  return tag ? /\bvalue="([^"]*)"/.exec(tag)?.[1] : undefined;
}

/** The ids of the notices a pagamenti list links to. */
function noticeIds(html: string): number[] {
  return [
    ...new Set([...html.matchAll(/href="\/area-personale\/pagamenti\/(\d+)"/g)].map((m) => Number(m[1]))),
  ];
}

/** The IMU and TARI pages of the years a citizen has assessments for. */
async function taxYearPages(citizen: number): Promise<string[]> {
  const imu = await all<{ year: number }>("select year from imu_assessments where citizen_id = ?", citizen);
  const tari = await all<{ year: number }>("select year from tari_assessments where citizen_id = ?", citizen);
  return [
    ...imu.map((r) => `/area-personale/contribuente/imu/${r.year}`),
    ...tari.map((r) => `/area-personale/contribuente/tari/${r.year}`),
  ];
}

/** The text of a page from one heading on. */
function after(text: string, heading: string): string {
  const at = text.indexOf(heading);
  expect(at, `"${heading}" on the page`).toBeGreaterThanOrEqual(0);
  return text.slice(at);
}

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  [ids.chiara, ids.federico, ids.giuseppe] = await Promise.all(
    [CHIARA, FEDERICO, GIUSEPPE].map((p) => citizenId(p.codiceFiscale)),
  );
  ids.daughter = (await one<{ id: number }>(
    `select k.citizen_id as id from household_members p
       join household_members k on k.household_id = p.household_id
       join citizens c on c.id = k.citizen_id
     where p.citizen_id = ? and p.until_date is null and k.until_date is null and k.relation = 'figlio'
       and c.birth_date > ?`,
    ids.chiara,
    MINOR_AFTER,
  ))!.id;
  ids.giuseppeToElena = await delegationId(ids.giuseppe, ELENA.codiceFiscale);
  ids.federicoToElena = await delegationId(ids.federico, ELENA.codiceFiscale);
  ids.giuseppeToFederico = await delegationId(ids.giuseppe, FEDERICO.codiceFiscale);
  [chiara, elena, federico, giuseppe] = await Promise.all(
    [CHIARA, ELENA, FEDERICO, GIUSEPPE].map((p) => login(p.codiceFiscale)),
  );
});
afterAll(async () => {
  await server?.stop();
});

describe("a delegation from creation to first use", () => {
  it("Chiara delegates Elena for pagamenti and fascicolo and is told so", async () => {
    const page = await chiara.get(DELEGHE);
    expect(page.status).toBe(200);
    const dal = inputValue(page.body, "dal");
    expect(dal).toBe(TEST_TODAY);
    const res = await chiara.post(DELEGHE, {
      csrf: csrfOf(page.body, 'value="crea"'),
      intent: "crea",
      codiceFiscale: ELENA.codiceFiscale.toLowerCase(),
      nome: ELENA.name,
      cognome: ELENA.surname,
      aree: ["pagamenti", "fascicolo"],
      dal: dal!,
      al: addDays(dal!, 100),
    });
    expect(res.status, res.text.slice(0, 400)).toBe(303);
    expect(res.location).toBe(`${DELEGHE}?esito=creata`);
    ids.chiaraToElena = await delegationId(ids.chiara, ELENA.codiceFiscale);
    const row = await one<Record<string, unknown>>(
      "select * from delegations where id = ?",
      ids.chiaraToElena,
    );
    expect(row).toMatchObject({
      delegate_fiscal_code: ELENA.codiceFiscale,
      areas: "fascicolo,pagamenti",
      starts_on: dal,
      ends_on: addDays(dal!, 100),
      channel: "online",
      accepted_at: null,
    });
    expect(await subjects(ids.chiara, "Hai delegato%")).toEqual(["Hai delegato Elena Ferrero"]);
    const given = await chiara.get(`${DELEGHE}?esito=creata`);
    expect(given.text).toContain("Delega creata");
    expect(after(given.text, "Chi può agire per te")).toContain("Elena Ferrero");
    expect(given.text).toContain("In attesa di accettazione");
  });

  it("Elena finds it among the delegations to accept and accepts it; Chiara is told", async () => {
    const page = await elena.get(DELEGHE);
    expect(page.status).toBe(200);
    const pending = after(page.text, "Deleghe da accettare");
    expect(pending).toContain("Chiara Martinetti ti ha delegato per fascicolo del cittadino, pagamenti");
    const accept = parseForms(page.body).find(
      (f) => f.fields.intent === "accetta" && f.fields.delega === String(ids.chiaraToElena),
    );
    expect(accept).toBeDefined();
    const res = await elena.post(DELEGHE, accept!.fields);
    expect(res.status, res.text.slice(0, 400)).toBe(303);
    expect(res.location).toBe(`${DELEGHE}?esito=accettata`);
    expect(
      (await one<{ accepted_at: string | null }>(
        "select accepted_at from delegations where id = ?",
        ids.chiaraToElena,
      ))!.accepted_at,
    ).not.toBeNull();
    expect(await subjects(ids.chiara, "%ha accettato%")).toEqual([
      "Elena Ferrero ha accettato la tua delega",
    ]);
    const now = await elena.get(DELEGHE);
    expect(after(now.text, "Per chi puoi agire")).toContain("Agisci per conto di Chiara Martinetti");
  });

  it("Elena acts for Chiara: banner, Chiara's header; the first use is told to Chiara once", async () => {
    const res = await agisci(elena, ids.chiara, ids.chiaraToElena);
    expect(res.status, res.text.slice(0, 400)).toBe(303);
    expect(res.location).toBe("/area-personale");
    const scrivania = await elena.get("/area-personale");
    expect(scrivania.status).toBe(200);
    expect(scrivania.text).toContain("Stai agendo per conto di Chiara Martinetti");
    expect(scrivania.text).toContain("delega per fascicolo del cittadino, pagamenti");
    expect(scrivania.body).toMatch(/<h1 class="portal-area-name">Chiara Martinetti<\/h1>/);
    expect(scrivania.text).toContain(`Codice fiscale ${CHIARA.codiceFiscale}`);
    expect(scrivania.text).not.toContain(ELENA.codiceFiscale);
    const firstUse = "%ha usato per la prima volta%";
    expect(await subjects(ids.chiara, firstUse)).toEqual([
      "Elena Ferrero ha usato per la prima volta la tua delega",
    ]);
    expect((await agisci(elena, ids.chiara, ids.chiaraToElena)).status).toBe(303);
    expect(await subjects(ids.chiara, firstUse)).toHaveLength(1);
    const session = await count(
      `select count(*) as n from sessions
         where fiscal_code = ? and acting_for_citizen_id = ? and acting_delegation_id = ?`,
      ELENA.codiceFiscale,
      ids.chiara,
      ids.chiaraToElena,
    );
    expect(session).toBe(1);
    const audit = await count(
      `select count(*) as n from audit_log where action = 'delegation.act' and actor_kind = 'delegato'
         and actor_fiscal_code = ? and subject_citizen_id = ?`,
      ELENA.codiceFiscale,
      ids.chiara,
    );
    expect(audit).toBe(2);
  });
});

describe("what answers while Elena acts for Chiara (pagamenti and fascicolo)", () => {
  it("the delegated sections answer, with Chiara's notices and pratiche", async () => {
    const list = await elena.get("/area-personale/pagamenti");
    expect(list.status).toBe(200);
    const notices = noticeIds(list.body);
    expect(notices.length).toBeGreaterThan(0);
    expect((await elena.get(`/area-personale/pagamenti/${notices[0]}`)).status).toBe(200);
    const pratica = await one<{ id: number }>("select id from pratiche where citizen_id = ?", ids.chiara);
    for (const p of [...FASCICOLO_PAGES, `/area-personale/pratiche/${pratica!.id}`]) {
      const res = await elena.get(p);
      expect(res.status, p).toBe(200);
      expect(res.text, p).toContain("Stai agendo per conto di Chiara Martinetti");
    }
    const anagrafe = await elena.get("/area-personale/anagrafe");
    expect(anagrafe.text).toContain(CHIARA.codiceFiscale);
  });

  it("the taxpayer's area is not delegated: 404 on every page Chiara herself sees", async () => {
    const pages = [...CONTRIBUENTE_PAGES, ...(await taxYearPages(ids.chiara))];
    expect(pages.length).toBeGreaterThan(CONTRIBUENTE_PAGES.length);
    for (const p of pages) {
      expect((await chiara.get(p)).status, `${p} for Chiara`).toBe(200);
      expect((await elena.get(p)).status, `${p} for Elena`).toBe(404);
    }
  });

  it("profile, access log, SPID data, data export, calendar: never on someone's behalf", async () => {
    for (const p of NEVER_ACTING) {
      expect((await chiara.get(p)).status, `${p} for Chiara`).toBe(200);
      expect((await elena.get(p)).status, `${p} for Elena`).toBe(404);
    }
  });

  it("the delegations page stays Elena's own", async () => {
    const page = await elena.get(DELEGHE);
    expect(page.status).toBe(200);
    // Elena's own lists: the delegations received, not those Chiara gave.
    expect(after(page.text, "Per chi puoi agire")).toContain("Stai agendo per suo conto");
    expect(page.text).toContain("Federico Colombo ti ha delegato");
    expect(page.text).toContain("Non risulti iscritto nell'anagrafe di un comune aderente");
  });

  it("other citizens' records are 404 while acting", async () => {
    const federicoPratica = await one<{ id: number }>(
      "select id from pratiche where citizen_id = ?",
      ids.federico,
    );
    const federicoReceipt = await one<{ id: number }>(
      "select id from receipts where debtor_fiscal_code = ? order by id",
      FEDERICO.codiceFiscale,
    );
    const federicoNotice = await one<{ id: number }>(
      `select po.id from payment_options po join debt_positions dp on dp.id = po.position_id
         where dp.debtor_fiscal_code = ? order by po.id`,
      FEDERICO.codiceFiscale,
    );
    for (const p of [
      `/area-personale/pratiche/${federicoPratica!.id}`,
      `/area-personale/pagamenti/ricevute/${federicoReceipt!.id}`,
      `/area-personale/pagamenti/${federicoNotice!.id}`,
    ])
      expect((await elena.get(p)).status, p).toBe(404);
  });
});

/** The notices of the area shown whose pages offer to pay them, each with its form's token. */
async function payableNotices(client: WebClient): Promise<{ id: number; csrf: string }[]> {
  const list = await client.get("/area-personale/pagamenti");
  expect(list.status).toBe(200);
  const out: { id: number; csrf: string }[] = [];
  for (const id of noticeIds(list.body)) {
    const page = await client.get(`/area-personale/pagamenti/${id}`);
    const form = parseForms(page.body).find((f) => f.html.includes('value="paga"') && "csrf" in f.fields);
    if (page.status === 200 && form) out.push({ id, csrf: form.fields.csrf! });
  }
  return out;
}

/** A notice of Chiara's left unpaid for the revocation tests, with Elena's token. */
let spareNotice: { id: number; csrf: string } | undefined;

describe("acting on Chiara's behalf", () => {
  it("Elena pays a notice of Chiara's: Chiara the debtor, Elena the payer and the actor", async () => {
    const notices = await payableNotices(elena);
    expect(notices.length).toBeGreaterThan(1);
    const [notice, spare] = notices;
    spareNotice = spare;
    const started = await elena.post(`/area-personale/pagamenti/${notice!.id}`, {
      csrf: notice!.csrf,
      intent: "paga",
    });
    expect(started.status, started.text.slice(0, 400)).toBe(303);
    expect(started.location).toMatch(/^\/checkout\/[0-9a-f]{32}$/);
    const checkout = await elena.get(started.location!);
    expect(checkout.status).toBe(200);
    const paid = await elena.post(started.location!, {
      csrf: csrfOf(checkout.body, 'name="esito"'),
      esito: "successo",
      metodo: "carta",
    });
    expect(paid.status).toBe(303);
    expect((await elena.get(started.location!)).text).toContain("Pagamento eseguito");

    const receipts = await all<{ debtor_fiscal_code: string; payer_fiscal_code: string | null }>(
      "select debtor_fiscal_code, payer_fiscal_code from receipts where option_id = ?",
      notice!.id,
    );
    expect(receipts).toEqual([
      { debtor_fiscal_code: CHIARA.codiceFiscale, payer_fiscal_code: ELENA.codiceFiscale },
    ]);
    const starts = await all<{ actor_kind: string; actor_fiscal_code: string; details: string }>(
      `select actor_kind, actor_fiscal_code, details from audit_log
         where action = 'payment.checkout.start' and subject_citizen_id = ?`,
      ids.chiara,
    );
    const start = starts.find((a) => JSON.parse(a.details).optionId === notice!.id);
    expect(start).toMatchObject({ actor_kind: "delegato", actor_fiscal_code: ELENA.codiceFiscale });
    // Chiara is told, once, by the creditor: who paid, how much, for what.
    const told = await all<{ body: string }>(
      "select body from messages where citizen_id = ? and subject = ?",
      ids.chiara,
      "Elena Ferrero ha pagato per tuo conto",
    );
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain(ELENA.codiceFiscale);
  });

  it("Chiara's access page lists Elena's actions under \"Chi ha agito per tuo conto\"", async () => {
    const page = await chiara.get("/area-personale/accessi");
    expect(page.status).toBe(200);
    const section = after(page.text, "Chi ha agito per tuo conto");
    expect(section).not.toContain("Nessuna persona delegata ha agito per tuo conto");
    expect(section).toContain("Elena Ferrero");
    expect(section).toContain(ELENA.codiceFiscale);
    expect(section).toContain("(pagamenti)");
  });

  it("Elena requests a certificate for Chiara (SPID level 2): Chiara's, logged as a delegate's", async () => {
    const form = await elena.get("/area-personale/certificati/richiedi");
    expect(form.status).toBe(200);
    const res = await elena.post("/area-personale/certificati/richiedi", {
      csrf: csrfOf(form.body, 'name="kind"'),
      kind: "residenza",
      purpose: "amministrativo",
    });
    expect(res.status, res.text.slice(0, 400)).toBe(303);
    const certificateId = Number(/\?emesso=(\d+)$/.exec(res.location ?? "")?.[1]);
    expect(certificateId).toBeGreaterThan(0);
    const certificate = await one<{ citizen_id: number; kind: string }>(
      "select citizen_id, kind from certificates where id = ?",
      certificateId,
    );
    expect(certificate).toEqual({ citizen_id: ids.chiara, kind: "residenza" });
    const audit = await all<{ actor_kind: string; actor_fiscal_code: string; details: string }>(
      `select actor_kind, actor_fiscal_code, details from audit_log
         where action = 'certificate.issue' and subject_citizen_id = ?`,
      ids.chiara,
    );
    expect(audit.find((a) => JSON.parse(a.details).certificateId === certificateId)).toMatchObject({
      actor_kind: "delegato",
      actor_fiscal_code: ELENA.codiceFiscale,
    });
    expect(
      await count(
        "select count(*) as n from messages where citizen_id = ? and subject = ?",
        ids.chiara,
        "Elena Ferrero ha richiesto per tuo conto un certificato",
      ),
    ).toBe(1);
  });
});

describe("Chiara revokes while Elena is acting", () => {
  it("the revocation is recorded and Chiara is told", async () => {
    const res = await act(chiara, { intent: "revoca", delega: String(ids.chiaraToElena) });
    expect(res.status, res.text.slice(0, 400)).toBe(303);
    expect(res.location).toBe(`${DELEGHE}?esito=revocata`);
    const row = await one<{ revoked_at: string | null; revoked_by: string | null }>(
      "select revoked_at, revoked_by from delegations where id = ?",
      ids.chiaraToElena,
    );
    expect(row!.revoked_at).not.toBeNull();
    expect(row!.revoked_by).toBe("delegante");
    expect(await subjects(ids.chiara, "Hai revocato%")).toEqual(["Hai revocato la delega a Elena Ferrero"]);
  });

  it("Elena's very next GET of a section sends her to her delegations page with the notice", async () => {
    const res = await elena.get("/area-personale/pagamenti");
    expect(res.status).toBe(303);
    expect(res.location).toBe(TERMINATED);
  });

  it("a POST on Chiara's behalf is 404 and the session no longer acts for her", async () => {
    const before = await count("select count(*) as n from checkouts");
    const res = await elena.post(`/area-personale/pagamenti/${spareNotice!.id}`, {
      csrf: spareNotice!.csrf,
      intent: "paga",
    });
    expect(res.status).toBe(404);
    expect(await count("select count(*) as n from checkouts")).toBe(before);
    expect(
      await count(
        "select count(*) as n from sessions where fiscal_code = ? and acting_for_citizen_id is not null",
        ELENA.codiceFiscale,
      ),
    ).toBe(0);
    const own = await elena.get("/area-personale");
    expect(own.status).toBe(200);
    expect(own.text).not.toContain("Stai agendo per conto di");
    expect(own.text).not.toContain(CHIARA.codiceFiscale);
    // The revoked delegation cannot be used again.
    expect((await agisci(elena, ids.chiara, ids.chiaraToElena)).status).toBe(404);
  });
});

describe("the demo's delegation from Giuseppe to Elena (pagamenti only)", () => {
  it("pagamenti answers, every other section is 404", async () => {
    const res = await agisci(elena, ids.giuseppe, ids.giuseppeToElena);
    expect(res.status).toBe(303);
    expect(res.location).toBe("/area-personale");
    const list = await elena.get("/area-personale/pagamenti");
    expect(list.status).toBe(200);
    expect(list.text).toContain("Stai agendo per conto di Giuseppe Ferrero");
    for (const p of [...FASCICOLO_PAGES, ...CONTRIBUENTE_PAGES, ...NEVER_ACTING])
      expect((await elena.get(p)).status, p).toBe(404);
  });

  it("the Scrivania shows only the sections delegated", async () => {
    const page = await elena.get("/area-personale");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Stai consultando l'area personale di Giuseppe Ferrero");
    const sections = after(page.text, "Sezioni a cui puoi accedere");
    expect(sections).toContain("Pagamenti");
    for (const hidden of [
      "Dati anagrafici",
      "Messaggi",
      "Pratiche",
      "Certificati",
      "Fascicolo del contribuente",
    ])
      expect(sections, hidden).not.toContain(hidden);
    expect(page.body).not.toContain('href="/area-personale/anagrafe"');
    expect(page.body).not.toContain('href="/area-personale/contribuente"');
    expect(page.body).not.toContain('href="/area-personale/accessi"');
    expect(page.body).toContain('href="/area-personale/pagamenti"');
  });

  it("a delegation that expires during the session ends the acting at the next request", async () => {
    // The delegation's last day is moved to yesterday, as midnight would do.
    await readDb(server.dbFile, (db) =>
      db.run("update delegations set ends_on = ? where id = ?", addDays(TEST_TODAY, -1), ids.giuseppeToElena),
    );
    const res = await elena.get("/area-personale/pagamenti");
    expect(res.status).toBe(303);
    expect(res.location).toBe(TERMINATED);
    const page = await elena.get(TERMINATED);
    expect(page.status).toBe(200);
    expect(page.text).toContain("non è più valido: sei tornato nella tua area");
    expect(
      await count(
        "select count(*) as n from sessions where fiscal_code = ? and acting_for_citizen_id is not null",
        ELENA.codiceFiscale,
      ),
    ).toBe(0);
  });
});

describe("forged and malformed requests", () => {
  it("a delegation waiting for acceptance cannot be used", async () => {
    expect((await agisci(elena, ids.federico, ids.federicoToElena)).status).toBe(404);
  });

  it("an expired delegation cannot be used by its delegate", async () => {
    expect((await agisci(federico, ids.giuseppe, ids.giuseppeToFederico)).status).toBe(404);
  });

  it("someone else's delegation id cannot be used", async () => {
    expect((await agisci(elena, ids.federico, ids.giuseppeToFederico)).status).toBe(404);
    expect((await agisci(elena, ids.giuseppe, ids.giuseppeToFederico)).status).toBe(404);
    // Federico naming Giuseppe → Elena's delegation.
    expect((await agisci(federico, ids.giuseppe, ids.giuseppeToElena)).status).toBe(404);
    expect(
      await count(
        `select count(*) as n from sessions
           where fiscal_code in (?, ?) and acting_for_citizen_id is not null`,
        ELENA.codiceFiscale,
        FEDERICO.codiceFiscale,
      ),
    ).toBe(0);
  });

  it("a parent's tie does not reach a minor of another household", async () => {
    const other = await one<{ id: number }>(
      `select k.citizen_id as id from household_members k join citizens c on c.id = k.citizen_id
         where k.relation = 'figlio' and k.until_date is null and c.birth_date > ?
           and k.household_id not in (select household_id from household_members where citizen_id = ?)
         order by k.citizen_id`,
      MINOR_AFTER,
      ids.chiara,
    );
    expect(other).toBeDefined();
    expect((await agisci(chiara, other!.id, "")).status).toBe(404);
    // Nor does the parent's way reach an adult of her own household (her husband).
    const husband = await one<{ id: number }>(
      `select k.citizen_id as id from household_members p
         join household_members k on k.household_id = p.household_id
       where p.citizen_id = ? and p.until_date is null and k.until_date is null and k.relation = 'coniuge'`,
      ids.chiara,
    );
    expect((await agisci(chiara, husband!.id, "")).status).toBe(404);
    // A delegate is no parent: Elena cannot act for Chiara, nor for her daughter, without a delegation.
    expect((await agisci(elena, ids.chiara, "")).status).toBe(404);
    expect((await agisci(elena, ids.daughter, "")).status).toBe(404);
  });

  it("Chiara acts as a parent for her minor daughter, in every area", async () => {
    const parent = await login(CHIARA.codiceFiscale);
    const page = await parent.get(DELEGHE);
    const form = parseForms(page.body).find(
      (f) => f.fields.intent === "agisci" && f.fields.persona === String(ids.daughter),
    );
    expect(form, "the parent's 'Agisci per conto di' button").toBeDefined();
    expect(form!.fields.delega).toBe("");
    const res = await parent.post(DELEGHE, form!.fields);
    expect(res.status).toBe(303);
    expect(res.location).toBe("/area-personale");
    const scrivania = await parent.get("/area-personale");
    expect(scrivania.status).toBe(200);
    const daughter = await one<{ name: string; surname: string; codice_fiscale: string }>(
      "select name, surname, codice_fiscale from citizens where id = ?",
      ids.daughter,
    );
    expect(scrivania.text).toContain(
      `Stai agendo per conto di ${daughter!.name} ${daughter!.surname} (minorenne della tua famiglia`,
    );
    expect(scrivania.text).toContain(`Codice fiscale ${daughter!.codice_fiscale}`);
    for (const p of ["/area-personale/pagamenti", ...FASCICOLO_PAGES, ...CONTRIBUENTE_PAGES])
      expect((await parent.get(p)).status, p).toBe(200);
    for (const p of NEVER_ACTING) expect((await parent.get(p)).status, p).toBe(404);
    const started = await one<{ actor_kind: string; actor_fiscal_code: string; details: string }>(
      `select actor_kind, actor_fiscal_code, details from audit_log
         where action = 'delegation.act' and subject_citizen_id = ?`,
      ids.daughter,
    );
    expect(started).toMatchObject({ actor_kind: "delegato", actor_fiscal_code: CHIARA.codiceFiscale });
    expect(JSON.parse(started!.details)).toMatchObject({ delegationId: null, tie: "genitore" });
    // Back to her own area.
    const back = await act(parent, { intent: "smetti" });
    expect(back.status).toBe(303);
    expect((await parent.get("/area-personale/contribuente")).text).not.toContain("Stai agendo per conto di");
  });

  it("neither delegate nor delegator: accept, refuse, revoke, renounce and renew are 404", async () => {
    const cases: FormFields[] = [
      { intent: "accetta", delega: String(ids.federicoToElena) },
      { intent: "rifiuta", delega: String(ids.federicoToElena) },
      { intent: "revoca", delega: String(ids.giuseppeToElena) },
      { intent: "rinuncia", delega: String(ids.giuseppeToElena) },
      { intent: "rinnova", delega: String(ids.giuseppeToElena) },
    ];
    for (const form of cases) expect((await act(chiara, form)).status, form.intent as string).toBe(404);
    // Federico may not accept his own delegation to Elena, nor revoke Giuseppe's.
    expect((await act(federico, { intent: "accetta", delega: String(ids.federicoToElena) })).status).toBe(
      404,
    );
    expect((await act(federico, { intent: "revoca", delega: String(ids.giuseppeToFederico) })).status).toBe(
      404,
    );
    const row = await one<Record<string, unknown>>(
      "select accepted_at, refused_at, revoked_at from delegations where id = ?",
      ids.federicoToElena,
    );
    expect(row).toEqual({ accepted_at: null, refused_at: null, revoked_at: null });
  });

  it("an unknown or missing intent is 400", async () => {
    const unknown = await act(chiara, { intent: "cancella", delega: String(ids.chiaraToElena) });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("Operazione non riconosciuta.");
    expect((await act(chiara, { delega: String(ids.chiaraToElena) })).status).toBe(400);
  });

  it("a form without the anti-forgery token, or with another session's: 403, nothing changes", async () => {
    const missing = await federico.post(DELEGHE, { intent: "accetta", delega: String(ids.federicoToElena) });
    expect(missing.status).toBe(403);
    const foreign = await elena.post(DELEGHE, {
      csrf: await csrf(chiara),
      intent: "accetta",
      delega: String(ids.federicoToElena),
    });
    expect(foreign.status).toBe(403);
    expect(foreign.text).toContain("Ricarica la pagina e riprova");
    const noToken = await elena.post(DELEGHE, {
      intent: "agisci",
      persona: String(ids.federico),
      delega: String(ids.federicoToElena),
    });
    expect(noToken.status).toBe(403);
    expect(
      (await one<{ accepted_at: string | null }>(
        "select accepted_at from delegations where id = ?",
        ids.federicoToElena,
      ))!.accepted_at,
    ).toBeNull();
  });
});

describe("validation of a new delegation", () => {
  const valid = {
    intent: "crea",
    codiceFiscale: FEDERICO.codiceFiscale,
    nome: FEDERICO.name,
    cognome: FEDERICO.surname,
    aree: ["pagamenti"],
    dal: TEST_TODAY,
    al: addDays(TEST_TODAY, 30),
  };

  it.each([
    [
      "an invalid codice fiscale",
      { codiceFiscale: "MRTCHR86C52L219X" },
      "Codice fiscale della persona da delegare non valido",
    ],
    ["one's own codice fiscale", { codiceFiscale: CHIARA.codiceFiscale }, "Non puoi delegare te stesso"],
    ["no area", { aree: [] }, "Scegli almeno una delle aree da delegare."],
    ["an unknown area", { aree: ["pagamenti", "profilo"] }, "Scegli almeno una delle aree da delegare."],
    ["a period over a year", { al: addDays(TEST_TODAY, 366) }, "Una delega dura al massimo un anno"],
    [
      "a start in the past",
      { dal: addDays(TEST_TODAY, -1) },
      "La delega non può iniziare in un giorno già passato.",
    ],
    [
      "an end before the start",
      { al: addDays(TEST_TODAY, -2) },
      "La delega deve finire dopo il giorno in cui inizia.",
    ],
  ])("%s is 400 with the reason, nothing inserted", async (_what, change, message) => {
    const before = await count("select count(*) as n from delegations");
    const res = await act(chiara, { ...valid, ...change });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Controlla i dati della delega.");
    expect(res.text).toContain(message);
    expect(await count("select count(*) as n from delegations")).toBe(before);
  });

  it("a year to the day is allowed", async () => {
    const res = await act(chiara, { ...valid, al: addDays(TEST_TODAY, 365) });
    expect(res.status, res.text.slice(0, 400)).toBe(303);
    const id = await delegationId(ids.chiara, FEDERICO.codiceFiscale);
    const row = await one<{ ends_on: string }>("select ends_on from delegations where id = ?", id);
    expect(row!.ends_on).toBe(addDays(TEST_TODAY, 365));
  });

  it("a second delegation to someone with one pending or active is 409, nothing inserted", async () => {
    const before = await count("select count(*) as n from delegations");
    // Federico → Elena is pending; Chiara → Federico was just created (pending).
    for (const [client, delegate] of [
      [federico, ELENA],
      [chiara, FEDERICO],
    ] as const) {
      const res = await act(client, {
        ...valid,
        codiceFiscale: delegate.codiceFiscale,
        nome: delegate.name,
        cognome: delegate.surname,
      });
      expect(res.status).toBe(409);
      expect(res.text).toContain("Questa persona ha già una tua delega attiva o in attesa di accettazione");
    }
    expect(await count("select count(*) as n from delegations")).toBe(before);
  });
});

describe("renewal, renunciation and refusal", () => {
  it("Giuseppe renews his expired delegation to Federico for a year from today", async () => {
    const res = await act(giuseppe, { intent: "rinnova", delega: String(ids.giuseppeToFederico) });
    expect(res.status, res.text.slice(0, 400)).toBe(303);
    expect(res.location).toBe(`${DELEGHE}?esito=rinnovata`);
    const row = await one<Record<string, unknown>>(
      `select starts_on, ends_on, accepted_at, revoked_at, refused_at, expiry_notified_at
         from delegations where id = ?`,
      ids.giuseppeToFederico,
    );
    expect(row).toMatchObject({
      starts_on: TEST_TODAY,
      ends_on: addDays(TEST_TODAY, 365),
      revoked_at: null,
      refused_at: null,
      expiry_notified_at: null,
    });
    expect(row!.accepted_at).not.toBeNull();
    const page = await giuseppe.get(DELEGHE);
    const given = after(page.text, "Chi può agire per te");
    expect(given).toMatch(/Federico Colombo[\s\S]*Attiva/);
    // Active again: Federico may act for Giuseppe in the fascicolo.
    expect((await agisci(federico, ids.giuseppe, ids.giuseppeToFederico)).status).toBe(303);
    const anagrafe = await federico.get("/area-personale/anagrafe");
    expect(anagrafe.status).toBe(200);
    expect(anagrafe.text).toContain("Stai agendo per conto di Giuseppe Ferrero");
    expect((await federico.get("/area-personale/pagamenti")).status).toBe(404);
    expect((await act(federico, { intent: "smetti" })).status).toBe(303);
  });

  it("Federico renounces the renewed delegation: Giuseppe is told, it cannot be used again", async () => {
    const res = await act(federico, { intent: "rinuncia", delega: String(ids.giuseppeToFederico) });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${DELEGHE}?esito=rinuncia`);
    expect(await one("select revoked_by from delegations where id = ?", ids.giuseppeToFederico)).toEqual({
      revoked_by: "delegato",
    });
    expect(await subjects(ids.giuseppe, "%ha rinunciato%")).toEqual([
      "Federico Colombo ha rinunciato alla tua delega",
    ]);
    expect((await agisci(federico, ids.giuseppe, ids.giuseppeToFederico)).status).toBe(404);
  });

  it("Elena refuses Federico's delegation: Federico is told, it can no longer be accepted", async () => {
    const res = await act(elena, { intent: "rifiuta", delega: String(ids.federicoToElena) });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${DELEGHE}?esito=rifiutata`);
    expect(await subjects(ids.federico, "%ha rifiutato%")).toEqual([
      "Elena Ferrero ha rifiutato la tua delega",
    ]);
    const again = await act(elena, { intent: "accetta", delega: String(ids.federicoToElena) });
    expect(again.status).toBe(409);
    expect(again.text).toContain("Questa delega non è più in attesa di una risposta.");
    expect((await agisci(elena, ids.federico, ids.federicoToElena)).status).toBe(404);
  });

  it("a revoked delegation is not renewed (409)", async () => {
    const res = await act(chiara, { intent: "rinnova", delega: String(ids.chiaraToElena) });
    expect(res.status).toBe(409);
    expect(res.text).toContain("Si rinnova solo una delega attiva o scaduta.");
  });
});

describe("a delegate who is a resident and an operator too", () => {
  const ROBERTO = OPERATOR_PERSONAS.torinoTributi;
  let roberto = 0;
  let delegation = 0;

  /** A new session of Roberto's acting for Giuseppe on his delegation. */
  async function robertoActingForGiuseppe(): Promise<WebClient> {
    const client = await login(ROBERTO.codiceFiscale);
    expect((await agisci(client, ids.giuseppe, delegation)).status).toBe(303);
    const page = await client.get("/area-personale/anagrafe");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Stai agendo per conto di Giuseppe Ferrero");
    return client;
  }

  beforeAll(async () => {
    // Giuseppe delegates Roberto for the fascicolo and Roberto accepts.
    roberto = await citizenId(ROBERTO.codiceFiscale);
    const created = await act(giuseppe, {
      intent: "crea",
      codiceFiscale: ROBERTO.codiceFiscale,
      nome: ROBERTO.name,
      cognome: ROBERTO.surname,
      aree: ["fascicolo"],
      dal: TEST_TODAY,
      al: addDays(TEST_TODAY, 30),
    });
    expect(created.status, created.text.slice(0, 400)).toBe(303);
    delegation = await delegationId(ids.giuseppe, ROBERTO.codiceFiscale);
    const client = await login(ROBERTO.codiceFiscale);
    expect((await act(client, { intent: "accetta", delega: String(delegation) })).status).toBe(303);
  });

  it("cannot switch to the operator area while acting for someone (cambia-ruolo is 404)", async () => {
    const client = await robertoActingForGiuseppe();
    const res = await client.post("/area-personale/cambia-ruolo", {
      csrf: await csrf(client),
      ruolo: "operatore",
    });
    expect(res.status).toBe(404);
    const sessions = await all<{ acting_as: string }>(
      "select acting_as from sessions where fiscal_code = ? and acting_for_citizen_id is not null",
      ROBERTO.codiceFiscale,
    );
    expect(sessions).toEqual([{ acting_as: "cittadino" }]);
  });

  it("after Giuseppe revokes, the form opened for Giuseppe issues no certificate to Roberto", async () => {
    const client = await robertoActingForGiuseppe();
    const form = await client.get("/area-personale/certificati/richiedi");
    expect(form.status).toBe(200);
    expect(form.text).toContain("Stai agendo per conto di Giuseppe Ferrero");
    expect((await act(giuseppe, { intent: "revoca", delega: String(delegation) })).status).toBe(303);
    const certificates = "select count(*) as n from certificates where citizen_id in (?, ?)";
    const before = await count(certificates, roberto, ids.giuseppe);
    const res = await client.post("/area-personale/certificati/richiedi", {
      csrf: csrfOf(form.body, 'name="kind"'),
      kind: "residenza",
      purpose: "amministrativo",
    });
    expect(res.status, `answered ${res.status} ${res.location ?? ""}`).toBe(404);
    expect(await count(certificates, roberto, ids.giuseppe)).toBe(before);
  });
});

describe("without a session", () => {
  it("the delegations page sends to the login and back", async () => {
    const res = await new WebClient(server.url).get(DELEGHE);
    expect(res.status).toBe(303);
    const location = new URL(res.location!, server.url);
    expect(location.pathname).toBe("/saml/login");
    expect(location.searchParams.get("next")).toBe(DELEGHE);
  });

  it("a POST of the form also sends to the login", async () => {
    const res = await new WebClient(server.url).post(DELEGHE, {
      intent: "agisci",
      persona: String(ids.giuseppe),
      delega: String(ids.giuseppeToElena),
    });
    expect(res.status).toBe(303);
    expect(new URL(res.location!, server.url).pathname).toBe("/saml/login");
  });
});

describe("the data export", () => {
  it("lists the delegations given and, also for someone the registry does not know, those received", async () => {
    const given = await all<{ id: number; delegate_fiscal_code: string }>(
      "select id, delegate_fiscal_code from delegations where delegator_citizen_id = ? order by id desc",
      ids.giuseppe,
    );
    expect(given.length).toBeGreaterThan(0);
    const mine = await (await login(GIUSEPPE.codiceFiscale)).get("/area-personale/i-miei-dati.json");
    expect(mine.status).toBe(200);
    const doc = JSON.parse(mine.body);
    expect(
      doc.delegations.given.map((d: { id: number; delegate: { codiceFiscale: string } }) => [
        d.id,
        d.delegate.codiceFiscale,
      ]),
    ).toEqual(given.map((g) => [g.id, g.delegate_fiscal_code]));

    const received = await all<{ id: number }>(
      "select id from delegations where delegate_fiscal_code = ? order by id desc",
      ELENA.codiceFiscale,
    );
    expect(received.length).toBeGreaterThan(0);
    const hers = JSON.parse(
      (await (await login(ELENA.codiceFiscale)).get("/area-personale/i-miei-dati.json")).body,
    );
    expect(hers.registry).toBeNull();
    expect(hers.delegations.given).toEqual([]);
    expect(hers.delegations.received.map((d: { id: number }) => d.id)).toEqual(received.map((r) => r.id));
  });
});
