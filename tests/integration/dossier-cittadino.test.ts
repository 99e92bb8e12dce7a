import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONA_FAMIGLIA, PERSONA_GIOVANE } from "../../db/seed/personas";
import { readDb } from "../support/db";
import { formatEuroSymbol } from "../../app/rules/money";
import { csrfOf, send } from "../support/http";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";

/**
 * The Fascicolo del cittadino over HTTP: every page of the citizen's own dossier, another
 * citizen's ids, malformed input, the upload of an integration and the booking of a slot.
 */

let server: TestServer;
/** A second process on the same database, for the booking race. */
let server2: TestServer;
let famiglia: string;
let giovane: string;
let unknown: string;
const ids = { famiglia: 0, giovane: 0 };

async function one<T>(sql: string, ...params: unknown[]): Promise<T> {
  return readDb(server.dbFile, async (db) => (await db.get<T>(sql, ...params)) as T);
}
function all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return readDb(server.dbFile, (db) => db.all<T>(sql, ...params));
}

/** The header's logout form, whose anti-forgery token is the session's. */
const LOGOUT_FORM = 'action="/saml/logout"';

/** GET of a path on the first server (or of an absolute URL). */
const get = (url: string, cookie?: string) =>
  send(url.startsWith("http") ? url : server.url + url, { cookie });
/** POST of a form (url-encoded or multipart) to `base`, by default the first server. */
const post = (url: string, cookie: string, body: FormData | URLSearchParams, base = server.url) =>
  send(base + url, { cookie, body });

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  server2 = await startServer({ dataDir: server.dataDir, env: { RATE_LIMIT_FACTOR: "100" } });
  ids.famiglia = (
    await one<{ id: number }>(
      "select id from citizens where codice_fiscale = ?",
      PERSONA_FAMIGLIA.codiceFiscale,
    )
  ).id;
  ids.giovane = (
    await one<{ id: number }>(
      "select id from citizens where codice_fiscale = ?",
      PERSONA_GIOVANE.codiceFiscale,
    )
  ).id;
  [famiglia, giovane, unknown] = await Promise.all([
    loginAs(server.url, { codiceFiscale: PERSONA_FAMIGLIA.codiceFiscale }).then((r) => r.cookie),
    loginAs(server.url, { codiceFiscale: PERSONA_GIOVANE.codiceFiscale }).then((r) => r.cookie),
    // An operator who is not a resident: a valid SPID person the registry does not know.
    loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale }).then(
      (r) => r.cookie,
    ),
  ]);
});

afterAll(async () => {
  await server2?.stop();
  await server?.stop();
});

const PAGES = [
  "/area-personale",
  "/area-personale/anagrafe",
  "/area-personale/documenti",
  "/area-personale/pratiche",
  "/area-personale/messaggi",
  "/area-personale/appuntamenti",
  "/area-personale/appuntamenti/prenota",
];

describe("access", () => {
  it.each(
    PAGES.concat([
      "/area-personale/pratiche/1",
      "/area-personale/messaggi/1",
      "/area-personale/appuntamenti/1",
    ]),
  )("%s without a session redirects to the login and back", async (p) => {
    const page = await get(p);
    expect(page.status).toBe(303);
    expect(page.location).toContain("/saml/login");
    expect(decodeURIComponent(page.location ?? "")).toContain(p);
  });

  it("refuses actions without a session", async () => {
    const page = await post("/area-personale/appuntamenti/prenota", "", new URLSearchParams({ slot: "1" }));
    expect(page.status).toBe(303);
    expect(page.location).toContain("/saml/login");
  });
});

describe("the famiglia persona's dossier", () => {
  it("Scrivania: amounts due with the overdue one, the pratica to integrate, unread messages, expiring card", async () => {
    const page = await get("/area-personale", famiglia);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<title>Scrivania - Fascicolo del cittadino</title>");
    expect(page.text).toContain("Chiara Martinetti");
    expect(page.text).toContain("Importi da pagare");
    expect(page.text).toMatch(/Scaduto il \d\d\/\d\d\/2026/);
    expect(page.text).toContain("Richiesta di riduzione TARI");
    const unread = (
      await one<{ n: number }>(
        "select count(*) as n from messages where citizen_id = ? and read_at is null",
        ids.famiglia,
      )
    ).n;
    expect(page.text).toContain(`Hai ${unread} messaggi non letti`);
    expect(page.text).toContain("Carta d'identità n.");
    expect(page.body).toContain('role="img"');
    expect(page.text).toContain("Mostra i dati del grafico in una tabella");
    expect(page.body).toMatch(/href="\/area-personale\/pagamenti\/\d+"/);
  });

  it("Anagrafe: data from SPID and from the registry, residence, the household with the minor child", async () => {
    const page = await get("/area-personale/anagrafe", famiglia);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Fonte: SPID");
    expect(page.text).toContain("Fonte: anagrafe");
    expect(page.text).toContain("Residenza");
    expect(page.text).toContain("Famiglia anagrafica");
    expect(page.text).toMatch(/Figlia \d+ anni minorenne/);
    expect(page.text).toContain("Coniuge");
  });

  it("Documenti: the identity card expiring within 90 days, with how to renew it", async () => {
    const page = await get("/area-personale/documenti", famiglia);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/Il documento scade tra \d+ giorni/);
    expect(page.body).toContain('href="/area-personale/appuntamenti/prenota?ufficio=');
  });

  it("Pratiche: list, filters and the detail of the pratica to integrate", async () => {
    const list = await get("/area-personale/pratiche", famiglia);
    expect(list.status).toBe(200);
    expect(list.text).toContain("Da integrare");
    const pratica = await one<{ id: number; protocol_number: string }>(
      "select id, protocol_number from pratiche where citizen_id = ? and status = 'da_integrare'",
      ids.famiglia,
    );
    const filtered = await get("/area-personale/pratiche?stato=accettata", famiglia);
    expect(filtered.status).toBe(200);
    expect(filtered.body).not.toContain(`/area-personale/pratiche/${pratica.id}"`);
    const detail = await get(`/area-personale/pratiche/${pratica.id}`, famiglia);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain(pratica.protocol_number);
    expect(detail.text).toContain("Tappe della pratica");
    expect(detail.text).toContain("Ufficio competente");
    expect(detail.text).toContain("Invia l'integrazione richiesta");
    expect(detail.text).toContain("Messaggi su questa pratica");
  });

  it("Messaggi: unread count, filters, and opening a message marks it read", async () => {
    const unreadBefore = (
      await one<{ n: number }>(
        "select count(*) as n from messages where citizen_id = ? and read_at is null",
        ids.famiglia,
      )
    ).n;
    const list = await get("/area-personale/messaggi", famiglia);
    expect(list.status).toBe(200);
    expect(list.text).toContain(`Hai ${unreadBefore} messaggi non letti`);
    const onlyUnread = await get("/area-personale/messaggi?stato=da-leggere", famiglia);
    expect(onlyUnread.text).toContain(`${unreadBefore} messaggi`);
    const msg = await one<{ id: number; subject: string }>(
      "select id, subject from messages where citizen_id = ? and read_at is null and payment_option_id is not null order by id limit 1",
      ids.famiglia,
    );
    const detail = await get(`/area-personale/messaggi/${msg.id}`, famiglia);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain(msg.subject);
    expect(detail.body).toMatch(/href="\/area-personale\/pagamenti\/\d+"/);
    expect(
      (await one<{ read_at: string | null }>("select read_at from messages where id = ?", msg.id)).read_at,
    ).not.toBeNull();
    // The menu's count already leaves out the message being opened.
    expect(detail.text).toContain(`Messaggi ${unreadBefore - 1} non letti`);

    const back = await post(
      `/area-personale/messaggi/${msg.id}`,
      famiglia,
      new URLSearchParams({ csrf: csrfOf(detail.body), intent: "da-leggere" }),
    );
    expect(back.status).toBe(303);
    expect(
      (await one<{ read_at: string | null }>("select read_at from messages where id = ?", msg.id)).read_at,
    ).toBeNull();
    const noToken = await post(
      `/area-personale/messaggi/${msg.id}`,
      famiglia,
      new URLSearchParams({ intent: "da-leggere" }),
    );
    expect(noToken.status).toBe(403);
  });

  it("Messaggi: App IO's model, a Markdown body, a due date in the calendar, a pay button with the amount", async () => {
    const sample = await one<{ sender_entity_id: number; payment_option_id: number }>(
      `select m.sender_entity_id, m.payment_option_id from messages m
       join payment_options po on po.id = m.payment_option_id
       where m.citizen_id = ? and po.status = 'PO_UNPAID' order by m.id limit 1`,
      ids.famiglia,
    );
    const option = await one<{ amount_cents: number }>(
      "select amount_cents from payment_options where id = ?",
      sample.payment_option_id,
    );
    const body =
      "Gentile cittadino,\nla informiamo che:\n- serve la **carta d'identità**\n- il modulo è _firmato_\n\n" +
      "Dettagli: [pagina del servizio](https://comune.example.it/servizio) e [altro](javascript:alert(1))";
    const ids2 = await readDb(server.dbFile, async (db) => {
      await db.run(
        `insert into messages (citizen_id, sender_entity_id, subject, body, sent_at, due_date, payment_option_id)
         values (?, ?, 'Documenti da portare allo sportello', ?, '2026-11-25T09:00:00.000Z', '2026-12-15', null),
                (?, ?, 'Avviso di pagamento da saldare', 'Paga entro la scadenza.', '2026-11-25T09:00:00.000Z', null, ?)`,
        ids.famiglia,
        sample.sender_entity_id,
        body,
        ids.famiglia,
        sample.sender_entity_id,
        sample.payment_option_id,
      );
      return db.all<{ id: number }>(
        "select id from messages where citizen_id = ? order by id desc limit 2",
        ids.famiglia,
      );
    });
    const [withPayment, withDue] = ids2.map((r) => Number(r.id));
    const page = await get(`/area-personale/messaggi/${withDue}`, famiglia);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<strong>carta d&#x27;identità</strong>");
    expect(page.body).toContain("<em>firmato</em>");
    expect(page.body).toMatch(/<li>serve la <strong>/);
    expect(page.body).toContain('href="https://comune.example.it/servizio"');
    expect(page.body).not.toContain('href="javascript:');
    expect(page.text).toContain("Scadenza indicata 15/12/2026");
    const paying = await get(`/area-personale/messaggi/${withPayment}`, famiglia);
    expect(paying.text).toContain(`Paga ${formatEuroSymbol(option.amount_cents)}`);
    const ics = await get("/area-personale/scadenze.ics", famiglia);
    const unfolded = ics.body.replace(/\r\n[ \t]/g, "");
    expect(unfolded).toContain(`UID:messaggio-${withDue}@`);
    expect(unfolded).toContain("SUMMARY:Scadenza indicata da ");
    expect(unfolded).not.toContain(`UID:messaggio-${withPayment}@`);
    await readDb(server.dbFile, (db) =>
      db.run("delete from messages where id in (?, ?)", withDue, withPayment),
    );
  });

  it("Appuntamenti: the booked appointment and the booking form prefilled with the citizen's data", async () => {
    const list = await get("/area-personale/appuntamenti", famiglia);
    expect(list.status).toBe(200);
    expect(list.text).toContain("Prossimi appuntamenti");
    const slot = await one<{ office_id: number; service: string; starts_at: string }>(
      `select s.office_id, s.service, s.starts_at from appointment_slots s
       where not exists (select 1 from appointments a where a.slot_id = s.id and a.status = 'prenotato')
       order by s.starts_at desc limit 1`,
    );
    const day = slot.starts_at.slice(0, 10);
    const q = new URLSearchParams({ ufficio: String(slot.office_id), servizio: slot.service, giorno: day });
    const form = await get(`/area-personale/appuntamenti/prenota?${q}`, famiglia);
    expect(form.status).toBe(200);
    expect(form.text).toContain(PERSONA_FAMIGLIA.codiceFiscale);
    expect(form.text).toContain("4. Orario e contatti");
    expect(form.text).toContain("Vai al riepilogo");
    expect(form.body).toMatch(/name="slot"/);
  });

  it("Prenota: starts from the offices of the citizen's comune, the first of them chosen; the others stay", async () => {
    const homeOffices = (c: number) =>
      all<{ id: number; name: string; ente: string }>(
        `select o.id, o.name, e.name as ente from offices o join entities e on e.id = o.entity_id
         join residences r on r.entity_id = o.entity_id and r.end_date is null
         where r.citizen_id = ? and exists (select 1 from appointment_slots s where s.office_id = o.id)
         order by o.name`,
        c,
      );
    for (const [who, cookie] of [
      [ids.famiglia, famiglia],
      [ids.giovane, giovane],
    ] as const) {
      const home = await homeOffices(who);
      expect(home.length).toBeGreaterThan(0);
      const page = await get("/area-personale/appuntamenti/prenota", cookie);
      expect(page.status).toBe(200);
      const select = /<select[^>]*id="ufficio"[\s\S]*?<\/select>/.exec(page.body)?.[0] ?? "";
      // The comune's group comes first and its first office is the one selected.
      const firstGroup = /<optgroup label="([^"]*)">([\s\S]*?)<\/optgroup>/.exec(select);
      expect(firstGroup?.[1]).toBe(`Il tuo comune: ${home[0]!.ente}`);
      expect([...firstGroup![2]!.matchAll(/value="(\d+)"/g)].map((m) => Number(m[1]))).toEqual(
        home.map((o) => o.id),
      );
      expect(select).toMatch(
        new RegExp(`<option (selected="" value="${home[0]!.id}"|value="${home[0]!.id}" selected="")`),
      );
      expect(select.match(/ selected=""/g)).toHaveLength(1);
      // Every bookable office is still offered.
      const bookable = await one<{ n: number }>(
        "select count(distinct office_id) as n from appointment_slots where starts_at > ?",
        new Date().toISOString(),
      );
      expect(select.match(/<option value="\d+"|<option selected="" value="\d+"/g)).toHaveLength(bookable.n);
    }
  });

  it("Documenti: the identity card's renewal link starts the booking at the anagrafe of the comune, on its service", async () => {
    const office = await one<{ id: number; service: string }>(
      `select o.id, s.service from offices o join residences r on r.entity_id = o.entity_id and r.end_date is null
       join appointment_slots s on s.office_id = o.id
       where r.citizen_id = ? and o.kind = 'anagrafe' limit 1`,
      ids.famiglia,
    );
    const page = await get("/area-personale/documenti", famiglia);
    const href = `/area-personale/appuntamenti/prenota?${new URLSearchParams({ ufficio: String(office.id), servizio: office.service })}`;
    const link = /<a[^>]*href="([^"]*)"[^>]*>Prenota un appuntamento per il rinnovo<\/a>/.exec(
      page.body,
    )?.[1];
    expect(link?.replace(/&amp;/g, "&").replace(/&#x27;/g, "'")).toBe(href);
    const booking = await get(href, famiglia);
    expect(booking.status).toBe(200);
    // Office and service already chosen: the citizen picks the day.
    expect(booking.text).toContain("3. Giorno");
    expect(booking.body).toMatch(/<select[^>]*id="giorno"/);
    expect(booking.text).not.toContain("Il servizio scelto prima non è offerto da questo ufficio");
    // A service the office does not offer is not taken on trust.
    const wrong = await get(
      `/area-personale/appuntamenti/prenota?${new URLSearchParams({ ufficio: String(office.id), servizio: "Assistenza bollo auto" })}`,
      famiglia,
    );
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain("Il servizio scelto prima non è offerto da questo ufficio");
    expect(wrong.body).not.toMatch(/<select[^>]*id="giorno"/);
  });

  it("Pratica: the request as presented, the integration's due date, and that date in the calendar", async () => {
    const pratica = await one<{ id: number; title: string; due_date: string }>(
      `select p.id, p.title, m.due_date from pratiche p join messages m on m.pratica_id = p.id
       where p.citizen_id = ? and p.status = 'da_integrare' and m.due_date is not null`,
      ids.famiglia,
    );
    const detail = await get(`/area-personale/pratiche/${pratica.id}`, famiglia);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain("La richiesta presentata");
    expect(detail.text).toContain(
      `Richiedente ${PERSONA_FAMIGLIA.name} ${PERSONA_FAMIGLIA.surname} , codice fiscale ${PERSONA_FAMIGLIA.codiceFiscale}`,
    );
    expect(detail.text).toContain(`Oggetto della domanda ${pratica.title}`);
    expect(detail.text).toMatch(/Inviata Il \d\d\/\d\d\/\d{4} alle \d\d:\d\d/);
    const due = pratica.due_date.split("-").reverse().join("/");
    expect(detail.text).toContain(`Termine per inviare l'integrazione ${due}`);

    const ics = await get("/area-personale/scadenze.ics", famiglia);
    expect(ics.status).toBe(200);
    const events = ics.body
      .replace(/\r\n[ \t]/g, "")
      .split("BEGIN:VEVENT")
      .slice(1);
    const integration = events.filter((e) => e.includes(`UID:integrazione-${pratica.id}@`));
    expect(integration).toHaveLength(1);
    expect(integration[0]).toContain(
      `SUMMARY:Invia i documenti richiesti per la pratica: ${pratica.title}\r\n`,
    );
    expect(integration[0]).toContain(`DTSTART;VALUE=DATE:${pratica.due_date.replace(/-/g, "")}\r\n`);
    expect(integration[0]).toContain(`/area-personale/pratiche/${pratica.id}`);
  });

  it("Pratica: the documents sent with the request, linked to their download", async () => {
    const pratica = await one<{ id: number; at: string }>(
      `select p.id, e.at from pratiche p join pratica_events e on e.pratica_id = p.id and e.status = 'inviata'
       where p.citizen_id = ? order by p.id limit 1`,
      ids.giovane,
    );
    const bytes = Buffer.from("%PDF-1.4\n%%EOF\n");
    const stored = ["0123456789abcdef0123456789abcdef.pdf", "fedcba9876543210fedcba9876543210.pdf"];
    fs.mkdirSync(path.join(server.dataDir, "uploads"), { recursive: true });
    for (const name of stored) fs.writeFileSync(path.join(server.dataDir, "uploads", name), bytes);
    const before = new Date(Date.parse(pratica.at) - 60_000).toISOString();
    const later = new Date(Date.parse(pratica.at) + 86_400_000).toISOString();
    await readDb(server.dbFile, async (db) => {
      await db.run(
        `insert into pratica_attachments (pratica_id, filename, stored_name, mime, size_bytes, uploaded_by, note, uploaded_at)
         values (?, 'Contratto di locazione.pdf', ?, 'application/pdf', ?, 'cittadino', null, ?),
                (?, 'Chiarimento ufficio.pdf', ?, 'application/pdf', ?, 'operatore', null, ?)`,
        pratica.id,
        stored[0],
        bytes.length,
        before,
        pratica.id,
        stored[1],
        bytes.length,
        later,
      );
    });
    const [sent, other] = await all<{ id: number }>(
      "select id from pratica_attachments where pratica_id = ? order by id",
      pratica.id,
    );
    const page = await get(`/area-personale/pratiche/${pratica.id}`, giovane);
    expect(page.status).toBe(200);
    const request =
      /<section[^>]*aria-labelledby="pr-richiesta"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? "";
    expect(request).toContain(`href="/area-personale/pratiche/${pratica.id}/allegati/${sent!.id}"`);
    expect(request).toContain("Contratto di locazione.pdf");
    // What came later is among the pratica's attachments, not among those of the request.
    expect(request).not.toContain("Chiarimento ufficio.pdf");
    expect(page.body).toContain(`href="/area-personale/pratiche/${pratica.id}/allegati/${other!.id}"`);
    const dl = await get(`/area-personale/pratiche/${pratica.id}/allegati/${sent!.id}`, giovane);
    expect(dl.status).toBe(200);
    expect(dl.buffer).toEqual(bytes);
  });
});

describe("a SPID person unknown to the registry", () => {
  it.each(PAGES)("%s answers 200 with an explained empty state", async (p) => {
    const page = await get(p, unknown);
    expect(page.status).toBe(200);
  });
  it("is told there is no registry data", async () => {
    expect((await get("/area-personale", unknown)).text).toContain(
      "Non risultano dati a tuo nome nei comuni aderenti",
    );
    expect((await get("/area-personale/anagrafe", unknown)).text).toContain(
      "Non risultano dati anagrafici a tuo nome nei comuni aderenti",
    );
    expect((await get("/area-personale/pratiche", unknown)).text).toContain("Non hai pratiche in corso");
  });
});

describe("another citizen's records", () => {
  it("answers 404 for their pratica, message, appointment and attachment", async () => {
    const pratica = await one<{ id: number }>(
      "select id from pratiche where citizen_id != ? limit 1",
      ids.famiglia,
    );
    const message = await one<{ id: number }>(
      "select id from messages where citizen_id != ? limit 1",
      ids.famiglia,
    );
    const appointment = await one<{ id: number }>(
      "select id from appointments where citizen_id != ? limit 1",
      ids.famiglia,
    );
    const readBefore = (
      await one<{ read_at: string | null }>("select read_at from messages where id = ?", message.id)
    ).read_at;
    for (const p of [
      `/area-personale/pratiche/${pratica.id}`,
      `/area-personale/messaggi/${message.id}`,
      `/area-personale/appuntamenti/${appointment.id}`,
      `/area-personale/pratiche/${pratica.id}/allegati/1`,
    ]) {
      const page = await get(p, famiglia);
      expect(page.status, p).toBe(404);
      expect(page.text, p).toMatch(/Pagina non trovata|non esiste o non è disponibile/);
    }
    // Opening someone else's message must not mark it read either.
    expect(
      (await one<{ read_at: string | null }>("select read_at from messages where id = ?", message.id))
        .read_at,
    ).toBe(readBefore);
  });

  it("does not let a citizen act on another's records", async () => {
    const pratica = await one<{ id: number }>(
      "select id from pratiche where citizen_id != ? limit 1",
      ids.famiglia,
    );
    const appointment = await one<{ id: number }>(
      "select id from appointments where citizen_id != ? and status = 'prenotato' limit 1",
      ids.famiglia,
    );
    const csrf = csrfOf((await get("/area-personale/appuntamenti/prenota", famiglia)).body, LOGOUT_FORM);
    const cancel = await post(
      `/area-personale/appuntamenti/${appointment.id}`,
      famiglia,
      new URLSearchParams({ csrf, intent: "annulla" }),
    );
    expect(cancel.status).toBe(404);
    expect(
      (await one<{ status: string }>("select status from appointments where id = ?", appointment.id)).status,
    ).toBe("prenotato");
    const form = new FormData();
    form.set("csrf", csrf);
    form.set("allegato", new Blob([Buffer.from("%PDF-1.4\n%%EOF\n")]), "x.pdf");
    const upload = await post(`/area-personale/pratiche/${pratica.id}`, famiglia, form);
    expect(upload.status).toBe(404);
  });
});

describe("malformed input", () => {
  it.each([
    ["/area-personale/pratiche/abc", 404],
    ["/area-personale/pratiche/0", 404],
    ["/area-personale/pratiche/99999999999", 404],
    ["/area-personale/pratiche/1%27%20or%201=1", 404],
    ["/area-personale/messaggi/-1", 404],
    ["/area-personale/appuntamenti/1.5", 404],
    ["/area-personale/pratiche?stato=chiusa", 400],
    ["/area-personale/pratiche?tipo=%3Cscript%3E", 400],
    ["/area-personale/pratiche?pagina=abc", 400],
    ["/area-personale/pratiche?pagina=-2", 400],
    ["/area-personale/pratiche?pagina=999", 404],
    ["/area-personale/messaggi?mittente=xyz", 400],
    ["/area-personale/messaggi?stato=tutti", 400],
    ["/area-personale/appuntamenti/prenota?ufficio=abc", 400],
    ["/area-personale/appuntamenti/prenota?ufficio=999999", 404],
    ["/area-personale/appuntamenti/prenota?ufficio=1&giorno=ieri", 400],
  ])("%s answers %i with an Italian page, never 500", async (p, status) => {
    const page = await get(p, famiglia);
    expect(page.status).toBe(status);
    expect(page.body).toContain('<html lang="it"');
    expect(page.text).not.toMatch(/at .+\.js:\d+|TypeError|SqliteError/);
  });

  it("answers a malformed attachment id with 404 and an Italian message", async () => {
    const page = await get("/area-personale/pratiche/1/allegati/xyz", famiglia);
    expect(page.status).toBe(404);
    expect(page.text).toContain("non è disponibile");
  });

  it("refuses a booking with a malformed slot or email (400) and keeps what was typed", async () => {
    const slot = await one<{ office_id: number; service: string; starts_at: string }>(
      `select s.office_id, s.service, s.starts_at from appointment_slots s
       where not exists (select 1 from appointments a where a.slot_id = s.id and a.status = 'prenotato')
       order by s.starts_at desc limit 1`,
    );
    const q = new URLSearchParams({
      ufficio: String(slot.office_id),
      servizio: slot.service,
      giorno: slot.starts_at.slice(0, 10),
    });
    const csrf = csrfOf((await get("/area-personale/appuntamenti/prenota", famiglia)).body, LOGOUT_FORM);
    const page = await post(
      `/area-personale/appuntamenti/prenota?${q}`,
      famiglia,
      new URLSearchParams({ csrf, slot: "abc", email: "non-una-email", telefono: "", note: "" }),
    );
    expect(page.status).toBe(400);
    expect(page.text).toContain("Scegli un orario tra quelli disponibili.");
    expect(page.text).toContain("Scrivi un indirizzo email valido");
    expect(page.body).toContain('value="non-una-email"');
  });
});

describe("answering a pratica in da_integrare with a file", () => {
  let praticaId: number;
  let csrf: string;
  const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

  beforeAll(async () => {
    praticaId = (
      await one<{ id: number }>(
        "select id from pratiche where citizen_id = ? and status = 'da_integrare'",
        ids.famiglia,
      )
    ).id;
    csrf = csrfOf((await get(`/area-personale/pratiche/${praticaId}`, famiglia)).body);
  });

  function upload(
    bytes: Uint8Array<ArrayBuffer>,
    name: string,
    opts: { csrf?: string | null; note?: string } = {},
  ) {
    const form = new FormData();
    if (opts.csrf !== null) form.set("csrf", opts.csrf ?? csrf);
    form.set("nota", opts.note ?? "");
    form.set("allegato", new Blob([bytes], { type: "application/pdf" }), name);
    return post(`/area-personale/pratiche/${praticaId}`, famiglia, form);
  }
  const attachments = async () =>
    (
      await one<{ n: number }>(
        "select count(*) as n from pratica_attachments where pratica_id = ?",
        praticaId,
      )
    ).n;

  it("refuses a text file renamed .pdf, with a clear message", async () => {
    const page = await upload(Buffer.from("Questo non è un PDF"), "documento.pdf");
    expect(page.status).toBe(415);
    expect(page.text).toContain("Il file non è un PDF, un'immagine JPEG o un'immagine PNG");
    expect(await attachments()).toBe(0);
  });

  it("refuses a file over 10 MB", async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 10);
    PDF.copy(big);
    const page = await upload(big, "grande.pdf");
    expect(page.status).toBe(413);
    expect(page.text).toContain("supera la dimensione massima consentita di 10 MB");
    expect(await attachments()).toBe(0);
  });

  it("refuses a form without the CSRF token", async () => {
    const page = await upload(PDF, "isee.pdf", { csrf: null });
    expect(page.status).toBe(403);
    expect(await attachments()).toBe(0);
  });

  it("refuses a form without a file", async () => {
    const form = new FormData();
    form.set("csrf", csrf);
    form.set("nota", "solo una nota");
    const page = await post(`/area-personale/pratiche/${praticaId}`, famiglia, form);
    expect(page.status).toBe(400);
    expect(page.text).toContain("Scegli il file da allegare");
  });

  it("accepts a real PDF: file under data/uploads, attachment and milestone rows, state back to in lavorazione", async () => {
    const page = await upload(PDF, "ISEE 2026.pdf", { note: "Allego l'attestazione ISEE" });
    expect(page.status).toBe(303);
    expect(page.location).toContain(`/area-personale/pratiche/${praticaId}?integrazione=inviata`);
    const row = await one<{
      id: number;
      stored_name: string;
      filename: string;
      mime: string;
      size_bytes: number;
    }>(
      "select id, stored_name, filename, mime, size_bytes from pratica_attachments where pratica_id = ?",
      praticaId,
    );
    expect(row).toMatchObject({ filename: "ISEE 2026.pdf", mime: "application/pdf", size_bytes: PDF.length });
    expect(row.stored_name).toMatch(/^[0-9a-f]{32}\.pdf$/);
    const onDisk = path.join(server.dataDir, "uploads", row.stored_name);
    expect(fs.readFileSync(onDisk)).toEqual(PDF);
    expect(fs.readdirSync(path.join(server.dataDir, "uploads")).filter((f) => f.endsWith(".part"))).toEqual(
      [],
    );
    expect(
      (await one<{ status: string }>("select status from pratiche where id = ?", praticaId)).status,
    ).toBe("in_lavorazione");
    expect(
      await one<{ status: string; actor: string }>(
        "select status, actor from pratica_events where pratica_id = ? order by id desc limit 1",
        praticaId,
      ),
    ).toEqual({ status: "in_lavorazione", actor: "cittadino" });
    expect(
      (await one<{ action: string }>("select action from audit_log order by id desc limit 1")).action,
    ).toBe("pratica.integrazione");

    const dl = await get(`/area-personale/pratiche/${praticaId}/allegati/${row.id}`, famiglia);
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-type")).toBe("application/pdf");
    expect(dl.headers.get("content-disposition")).toContain("attachment");
    expect(dl.buffer).toEqual(PDF);
    const theirs = await get(`/area-personale/pratiche/${praticaId}/allegati/${row.id}`, giovane);
    expect(theirs.status).toBe(404);

    const detail = await get(`/area-personale/pratiche/${praticaId}?integrazione=inviata`, famiglia);
    expect(detail.text).toContain("Abbiamo ricevuto la tua integrazione");
    expect(detail.text).toContain("ISEE 2026.pdf");
  });

  it("refuses a second answer once the pratica is no longer waiting", async () => {
    const page = await upload(PDF, "altro.pdf");
    expect(page.status).toBe(409);
    expect(page.text).toContain("non è in attesa di integrazioni");
    expect(await attachments()).toBe(1);
  });
});

describe("booking and cancelling", () => {
  it("shows a summary that books nothing; Modifica keeps what was typed; only the confirmation books", async () => {
    const slot = await one<{
      id: number;
      office_id: number;
      service: string;
      starts_at: string;
      office: string;
      address: string;
    }>(
      `select s.id, s.office_id, s.service, s.starts_at, o.name as office, o.address from appointment_slots s
       join offices o on o.id = s.office_id
       where o.kind = 'anagrafe' and s.starts_at > ?
         and not exists (select 1 from appointments a where a.slot_id = s.id and a.status = 'prenotato')
       order by s.starts_at desc limit 1`,
      new Date().toISOString(),
    );
    const q = new URLSearchParams({
      ufficio: String(slot.office_id),
      servizio: slot.service,
      giorno: slot.starts_at.slice(0, 10),
    });
    const url = `/area-personale/appuntamenti/prenota?${q}`;
    const csrf = csrfOf((await get(url, famiglia)).body, LOGOUT_FORM);
    const count = async () =>
      (await one<{ n: number }>("select count(*) as n from appointments where citizen_id = ?", ids.famiglia))
        .n;
    const audits = async () =>
      (
        await one<{ n: number }>(
          "select count(*) as n from audit_log where action = 'appuntamento.prenotazione'",
        )
      ).n;
    const before = { bookings: await count(), audits: await audits() };
    const fields = {
      csrf,
      slot: String(slot.id),
      email: "chiara@example.it",
      telefono: "011 7654321",
      note: "Rinnovo CIE",
    };

    const summary = await post(url, famiglia, new URLSearchParams({ ...fields, intent: "riepilogo" }));
    expect(summary.status).toBe(200);
    expect(summary.text).toContain("5. Riepilogo");
    expect(summary.text).toContain(slot.office);
    expect(summary.text).toContain(slot.address);
    expect(summary.text).toContain(slot.service);
    expect(summary.text).toContain("Cosa portare");
    expect(summary.text).toContain("fototessera");
    expect(summary.text).toContain("chiara@example.it");
    expect(summary.text).toMatch(/Giorno e ora \S+ \d{1,2} \S+ \d{4} , dalle \d\d:\d\d alle \d\d:\d\d/);
    expect(summary.text).toContain("Conferma prenotazione");
    expect(summary.text).toContain("Modifica");
    expect(summary.body).toContain(`name="slot" value="${slot.id}"`);
    // A form without an intent is a summary too: nothing is written before the confirmation.
    const noIntent = await post(url, famiglia, new URLSearchParams(fields));
    expect(noIntent.status).toBe(200);
    expect(noIntent.text).toContain("5. Riepilogo");
    expect({ bookings: await count(), audits: await audits() }).toEqual(before);

    const edit = await post(url, famiglia, new URLSearchParams({ ...fields, intent: "modifica" }));
    expect(edit.status).toBe(200);
    expect(edit.text).toContain("Vai al riepilogo");
    expect(edit.body).toContain('value="011 7654321"');
    expect(edit.body).toMatch(new RegExp(`<input[^>]*id="slot-${slot.id}"[^>]*checked=""`));
    expect(await count()).toBe(before.bookings);

    const unknownIntent = await post(
      url,
      famiglia,
      new URLSearchParams({ ...fields, intent: "prenota-tutto" }),
    );
    expect(unknownIntent.status).toBe(400);
    expect(unknownIntent.text).toContain("Operazione non riconosciuta.");
    const noSlot = await post(
      url,
      famiglia,
      new URLSearchParams({ ...fields, slot: "99999999", intent: "riepilogo" }),
    );
    expect(noSlot.status).toBe(400);
    expect(noSlot.text).toContain("Scegli un orario tra quelli disponibili.");
    expect(await count()).toBe(before.bookings);

    const confirmed = await post(url, famiglia, new URLSearchParams({ ...fields, intent: "conferma" }));
    expect(confirmed.status).toBe(303);
    expect(await count()).toBe(before.bookings + 1);
    expect(await audits()).toBe(before.audits + 1);
    const row = await one<{ slot_id: number; notes: string }>(
      "select slot_id, notes from appointments where citizen_id = ? order by id desc limit 1",
      ids.famiglia,
    );
    expect(row).toEqual({
      slot_id: slot.id,
      notes: "Email: chiara@example.it\nTelefono: 011 7654321\nNote: Rinnovo CIE",
    });
    // The summary of a slot just taken says so, and still writes nothing.
    const taken = await post(
      url,
      giovane,
      new URLSearchParams({
        ...fields,
        csrf: csrfOf((await get(url, giovane)).body, LOGOUT_FORM),
        intent: "riepilogo",
      }),
    );
    expect(taken.status).toBe(409);
    expect(taken.text).toContain("Orario non più disponibile");
    // Free the slot and the persona's booking count for the tests that follow.
    const id = Number(/\/appuntamenti\/(\d+)/.exec(confirmed.location ?? "")?.[1]);
    const cancelled = await post(
      `/area-personale/appuntamenti/${id}`,
      famiglia,
      new URLSearchParams({ csrf, intent: "annulla" }),
    );
    expect(cancelled.status).toBe(303);
  });

  it("lets exactly one of two citizens racing for the same slot book it, on two server processes", async () => {
    const slot = await one<{ id: number; office_id: number; service: string; starts_at: string }>(
      `select s.id, s.office_id, s.service, s.starts_at from appointment_slots s
       where not exists (select 1 from appointments a where a.slot_id = s.id and a.status = 'prenotato')
       order by s.starts_at desc limit 1`,
    );
    const [csrfA, csrfB] = await Promise.all(
      [famiglia, giovane].map(async (c) =>
        csrfOf((await get("/area-personale/appuntamenti/prenota", c)).body, LOGOUT_FORM),
      ),
    );
    const body = (csrf: string) =>
      new URLSearchParams({
        csrf,
        intent: "conferma",
        slot: String(slot.id),
        email: "",
        telefono: "",
        note: "",
      });
    const [a, b] = await Promise.all([
      post("/area-personale/appuntamenti/prenota", famiglia, body(csrfA), server.url),
      post("/area-personale/appuntamenti/prenota", giovane, body(csrfB), server2.url),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([303, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.text).toContain("Orario non più disponibile");
    const active = await all<{ citizen_id: number }>(
      "select citizen_id from appointments where slot_id = ? and status = 'prenotato'",
      slot.id,
    );
    expect(active).toHaveLength(1);
    const audit = await one<{ n: number }>(
      "select count(*) as n from audit_log where action = 'appuntamento.prenotazione' and details like ?",
      `%"slotId":${slot.id},%`,
    );
    expect(audit.n).toBe(1);
  });

  it("books with contacts and cancels; the slot is free again", async () => {
    const slot = await one<{ id: number }>(
      `select s.id from appointment_slots s
       where not exists (select 1 from appointments a where a.slot_id = s.id and a.status = 'prenotato')
       order by s.starts_at desc limit 1`,
    );
    const csrf = csrfOf((await get("/area-personale/appuntamenti/prenota", giovane)).body, LOGOUT_FORM);
    const booked = await post(
      "/area-personale/appuntamenti/prenota",
      giovane,
      new URLSearchParams({
        csrf,
        intent: "conferma",
        slot: String(slot.id),
        email: "federico@example.it",
        telefono: "011 1234567",
        note: "Rinnovo",
      }),
    );
    expect(booked.status).toBe(303);
    const id = Number(/\/appuntamenti\/(\d+)/.exec(booked.location ?? "")?.[1]);
    const confirm = await get(`/area-personale/appuntamenti/${id}?prenotato=1`, giovane);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain("Prenotazione confermata");
    expect(confirm.text).toContain("federico@example.it");

    const noToken = await post(
      `/area-personale/appuntamenti/${id}`,
      giovane,
      new URLSearchParams({ intent: "annulla" }),
    );
    expect(noToken.status).toBe(403);
    const cancelled = await post(
      `/area-personale/appuntamenti/${id}`,
      giovane,
      new URLSearchParams({ csrf, intent: "annulla" }),
    );
    expect(cancelled.status).toBe(303);
    expect(cancelled.location).toContain("/area-personale/appuntamenti?annullato=1");
    expect(
      await one<{ status: string; cancelled_at: string | null }>(
        "select status, cancelled_at from appointments where id = ?",
        id,
      ),
    ).toMatchObject({
      status: "annullato",
    });
    expect(
      (await one<{ action: string }>("select action from audit_log order by id desc limit 1")).action,
    ).toBe("appuntamento.annullamento");
    const twice = await post(
      `/area-personale/appuntamenti/${id}`,
      giovane,
      new URLSearchParams({ csrf, intent: "annulla" }),
    );
    expect(twice.status).toBe(409);

    const rebook = await post(
      "/area-personale/appuntamenti/prenota",
      famiglia,
      new URLSearchParams({
        csrf: csrfOf((await get("/area-personale/appuntamenti/prenota", famiglia)).body, LOGOUT_FORM),
        intent: "conferma",
        slot: String(slot.id),
      }),
    );
    expect(rebook.status).toBe(303);
  });
});

/**
 * The page's text as it flows on screen and reaches a screen reader: inline elements (a badge, a
 * link, a visually hidden span) add no space of their own, block elements do. pageText puts a
 * space at every tag, so it cannot see two words glued together.
 */
function flowText(html: string): string {
  const inline = new Set([
    "a",
    "abbr",
    "b",
    "code",
    "em",
    "i",
    "mark",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "svg",
    "time",
    "use",
  ]);
  return html
    .replace(/<head\b[\s\S]*?<\/head>/i, "")
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, "")
    .replace(/<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, "")
    .replace(/<\/?([a-zA-Z][\w-]*)[^>]*>/g, (_, tag: string) => (inline.has(tag.toLowerCase()) ? "" : " "))
    .replace(/&nbsp;|&#160;/g, " ")
    .replace(/&#x27;|&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

describe("words on the page are not glued to their neighbours", () => {
  const GLUED =
    /(?:Da leggere|Letto|Nel carrello|minorenne|sostituito)[A-Za-zÀ-ÿ0-9]|[a-zà-ÿ](?:Da leggere|Nel carrello|minorenne|sostituito)/;

  it("Messaggi: a badge, then the sender, then the day", async () => {
    const page = await get("/area-personale/messaggi", famiglia);
    expect(page.status).toBe(200);
    const text = flowText(page.body);
    expect(text).toContain("Da leggere Comune di Torino ·");
    expect(text).not.toMatch(GLUED);
    // The menu's unread count reads as words too.
    expect(text).toMatch(/Messaggi \d+ non lett[oi]/);
  });

  it("a pratica's messages, the household, the documents, the notices", async () => {
    const pratica = await one<{ id: number } | undefined>(
      "select p.id from pratiche p join messages m on m.pratica_id = p.id where p.citizen_id = ? and m.read_at is null order by p.id limit 1",
      ids.famiglia,
    );
    const paths = [
      "/area-personale/anagrafe",
      "/area-personale/documenti",
      "/area-personale/pagamenti",
      "/area-personale",
    ];
    if (pratica) paths.push(`/area-personale/pratiche/${pratica.id}`);
    for (const p of paths) {
      const page = await get(p, famiglia);
      expect(page.status, p).toBe(200);
      expect(flowText(page.body), p).not.toMatch(GLUED);
    }
    expect(flowText((await get("/area-personale/anagrafe", famiglia)).body)).toMatch(/\d+ anni minorenne/);
    if (pratica)
      expect(flowText((await get(`/area-personale/pratiche/${pratica.id}`, famiglia)).body)).toMatch(
        /\S Da leggere/,
      );
  });

  it("the empty cart says where to choose the notices, once", async () => {
    const page = await get("/area-personale/pagamenti/carrello", famiglia);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Il carrello è vuoto");
    expect(page.text).toContain(
      "Nell'elenco degli avvisi da pagare seleziona quelli che vuoi pagare insieme e aggiungili al carrello.",
    );
    expect(page.text).not.toContain("tra quelli da pagare");
  });
});
