/**
 * The taxpayer dossier and the citizen's own data over HTTP, against the real server and a fresh
 * copy of the seeded database: what each persona sees, malformed input, other citizens' data, the
 * F24 summary PDF, the JSON export, the deadlines calendar and the contact preferences.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { romeDay } from "../../app/rules/time";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { readDb } from "../support/db";
import { csrfOf, request } from "../support/http";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
type Who = keyof typeof PERSONAS | "sconosciuto";
const cookies: Partial<Record<Who, string>> = {};
/** A person SPID knows and the registry does not: an operator of the comune who lives elsewhere. */
const NOT_IN_REGISTRY = OPERATOR_PERSONAS.torinoAnagrafe;

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  for (const key of ["famiglia", "giovane", "pensionato"] as const) {
    cookies[key] = (
      await loginAs(server.url, { codiceFiscale: PERSONAS[key].codiceFiscale, level: 2 })
    ).cookie;
  }
  cookies.sconosciuto = (
    await loginAs(server.url, { codiceFiscale: NOT_IN_REGISTRY.codiceFiscale, level: 2 })
  ).cookie;
});
afterAll(async () => {
  await server?.stop();
});

const get = (persona: Who | null, path: string) =>
  request(server.url, persona ? cookies[persona]! : null, path);
const post = (persona: Who, path: string, fields: Record<string, string>) =>
  request(server.url, cookies[persona]!, path, fields);

describe("Fascicolo del contribuente: famiglia", () => {
  it("the overview shows the year's IMU, TARI and bollo with what is paid and due", async () => {
    const { status, text, body } = await get("famiglia", "/area-personale/contribuente");
    expect(status).toBe(200);
    expect(text).toContain("Fascicolo del contribuente");
    expect(text).toContain("Anno 2026");
    expect(text).toMatch(/IMU € 1\.335,60 € 667,80 € 667,80/);
    expect(text).toContain("Bollo auto € 219,30");
    expect(body).toContain('href="/area-personale/contribuente/imu/2026"');
    expect(body).toContain('href="/area-personale/contribuente/tari/2026"');
  });

  it("lists the properties with their cadastral data, share and main-home flag", async () => {
    const { status, text } = await get("famiglia", "/area-personale/contribuente/immobili");
    expect(status).toBe(200);
    expect(text).toContain("2 immobili a tuo nome");
    expect(text).toMatch(/Via Nizza 45 .*Torino .*A\/2 € 860,00 50% Sì/);
    expect(text).toMatch(/Via Garibaldi 18 .*A\/2 € 750,00 100% No/);
  });

  it("the IMU year shows the second home's computation and the instalments' derived state", async () => {
    const { status, text, body } = await get("famiglia", "/area-personale/contribuente/imu/2026");
    expect(status).toBe(200);
    expect(body).toContain('class="table-responsive"');
    // Step by step for the A/2 second home.
    expect(text).toContain("Rendita catastale (categoria A/2) € 750,00");
    expect(text).toContain("Rendita rivalutata del 5% (rendita × 1,05) € 787,50");
    expect(text).toContain("× 160");
    expect(text).toContain("€ 126.000,00");
    expect(text).toContain("Aliquota deliberata dal comune 1,06%");
    expect(text).toContain("12 mesi su 12");
    expect(text).toMatch(/IMU dovuta .*€ 1\.335,60/);
    // The main home is exempt, and says why.
    expect(text).toContain(
      "per le abitazioni principali diverse dalle categorie A/1, A/8 e A/9 l'IMU non è dovuta",
    );
    // Acconto paid (with its receipt), saldo due (with the notice to pay).
    expect(text).toMatch(/Acconto 3918 IMU altri fabbricati 16\/06\/2026 € 667,80 Pagata il \d\d\/06\/2026/);
    expect(text).toMatch(
      /Saldo 3918 IMU altri fabbricati 16\/12\/2026 € 667,80 Da pagare entro il 16\/12\/2026/,
    );
    expect(body).toMatch(/href="\/area-personale\/pagamenti\/ricevute\/\d+"/);
    expect(body).toMatch(/href="\/area-personale\/pagamenti\/\d+"/);
    // The F24 rows: codice ente, code, year.
    expect(text).toMatch(/L219 X 1 3918 2026 € 667,80/);
    expect(body).toContain('href="/area-personale/contribuente/imu/2026/f24.pdf"');
  });

  it("the F24 summary is a PDF naming the codes, honest about not being the official form", async () => {
    const { status, res, buffer } = await get("famiglia", "/area-personale/contribuente/imu/2026/f24.pdf");
    expect(status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(
      /attachment; filename="imu-2026-riepilogo-f24\.pdf"/,
    );
    expect(res.headers.get("cache-control")).toContain("no-store");
    expect(buffer.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const raw = buffer.toString("latin1");
    expect(raw).toContain("codice ente L219");
    expect(raw).toContain("codici tributo 3918");
  });

  it("TARI shows household size, surface, fixed and variable parts, TEFA and the overdue instalment", async () => {
    const { status, text } = await get("famiglia", "/area-personale/contribuente/tari/2026");
    expect(status).toBe(200);
    expect(text).toContain("3 componenti");
    expect(text).toContain("95 m²");
    expect(text).toMatch(/Quota fissa .*€ 119,70/);
    expect(text).toMatch(/Quota variabile .*€ 140,00/);
    expect(text).toMatch(/TEFA .*€ 12,99/);
    expect(text).toContain("Totale TARI 2026 € 272,69");
    expect(text).toMatch(/Rata 1 di 3 .*31\/05\/2026 € 90,89 Pagata/);
    expect(text).toMatch(/Rata 2 di 3 .*31\/07\/2026 € 90,89 Scaduta il 31\/07\/2026/);
    expect(text).toMatch(/Rata 3 di 3 .*02\/12\/2026 € 90,91 Da pagare entro il 02\/12\/2026/);
  });

  it("vehicles show power, Euro class and the computed bollo of 219,30, due", async () => {
    const { status, text } = await get("famiglia", "/area-personale/contribuente/veicoli");
    expect(status).toBe(200);
    expect(text).toContain("GF947AV");
    expect(text).toContain("85 kW");
    expect(text).toContain("Euro 6");
    expect(text).toMatch(/Bollo annuo € 219,30/);
    expect(text).toMatch(/2026 31\/12\/2026 € 219,30 Da pagare/);
  });

  it("accertamenti, F24 history and rimborsi answer with their content or an explained empty state", async () => {
    const notices = await get("famiglia", "/area-personale/contribuente/accertamenti");
    expect(notices.status).toBe(200);
    expect(notices.text).toMatch(
      /Non risultano avvisi di accertamento a tuo nome|Imposta .*Sanzioni .*Interessi/,
    );
    const f24 = await get("famiglia", "/area-personale/contribuente/f24");
    expect(f24.status).toBe(200);
    expect(f24.text).toMatch(/\d+ versament[oi]/);
    const refunds = await get("famiglia", "/area-personale/contribuente/rimborsi");
    expect(refunds.status).toBe(200);
    expect(refunds.text).toContain("Non risultano richieste di rimborso a tuo nome");
  });

  it("the F24 history filters by year and refuses a year that is not one", async () => {
    const all = await get("famiglia", "/area-personale/contribuente/f24");
    const year = /<option value="(\d{4})"/.exec(all.body)?.[1] ?? "2026";
    const one = await get("famiglia", `/area-personale/contribuente/f24?anno=${year}`);
    expect(one.status).toBe(200);
    expect(one.text).toMatch(
      new RegExp(`versament[oi] nel ${year}|Non risultano versamenti F24 nel ${year}`),
    );
    expect((await get("famiglia", "/area-personale/contribuente/f24?anno=duemila")).status).toBe(400);
    expect((await get("famiglia", "/area-personale/contribuente/f24?pagina=0")).status).toBe(400);
  });
});

describe("Fascicolo del contribuente: other personas and bad input", () => {
  it("pensionato sees his IMU refund, paid, with the account masked", async () => {
    const { status, text } = await get("pensionato", "/area-personale/contribuente/rimborsi");
    expect(status).toBe(200);
    expect(text).toContain("IMU 2025");
    expect(text).toContain("€ 234,00");
    expect(text).toContain("Rimborsato");
    expect(text).toMatch(/sul conto IT•+2740/);
    expect(text).not.toContain("IT58K0306933923000339442740");
  });

  it("pensionato's IMU is exempt: no instalments, and the reason", async () => {
    const { status, text } = await get("pensionato", "/area-personale/contribuente/imu/2026");
    expect(status).toBe(200);
    expect(text).toContain("l'IMU non è dovuta");
  });

  it('giovane: "Non risultano immobili a tuo nome"', async () => {
    const { status, text } = await get("giovane", "/area-personale/contribuente/immobili");
    expect(status).toBe(200);
    expect(text).toContain("Non risultano immobili a tuo nome");
    const imu = await get("giovane", "/area-personale/contribuente/imu/2026");
    expect(imu.status).toBe(200);
    expect(imu.text).toContain("Non risulta IMU calcolata a tuo nome per il 2026");
  });

  it.each(["abc", "20x6", "026", "99999", "1850"])(
    "a malformed year (%s) is a 404 with an Italian message",
    async (year) => {
      for (const tax of ["imu", "tari"]) {
        const { status, text } = await get("famiglia", `/area-personale/contribuente/${tax}/${year}`);
        expect(status).toBe(404);
        expect(text).toContain("L'anno indicato non è valido");
      }
      expect((await get("famiglia", `/area-personale/contribuente/imu/${year}/f24.pdf`)).status).toBe(404);
    },
  );

  it("an absent year is a 404 that says how to ask for one", async () => {
    const { status, text } = await get("famiglia", "/area-personale/contribuente/imu");
    expect(status).toBe(404);
    expect(text).toContain("Indica l'anno che vuoi consultare");
  });

  it("another citizen's taxes are not reachable: every page shows the session's own data", async () => {
    for (const path of [
      "/area-personale/contribuente/imu/2026",
      "/area-personale/contribuente/immobili",
      "/area-personale/contribuente/veicoli",
      "/area-personale/contribuente/tari/2026",
    ]) {
      const { text } = await get("giovane", path);
      expect(text).not.toContain("Via Garibaldi 18");
      expect(text).not.toContain("GF947AV");
      expect(text).not.toContain("1.335,60");
    }
    const pdf = await get("giovane", "/area-personale/contribuente/imu/2026/f24.pdf");
    expect(pdf.status).toBe(404);
  });

  it("without a session every page sends to the login and comes back", async () => {
    for (const path of [
      "/area-personale/contribuente",
      "/area-personale/contribuente/imu/2026",
      "/area-personale/contribuente/imu/2026/f24.pdf",
      "/area-personale/i-miei-dati.json",
      "/area-personale/scadenze.ics",
      "/area-personale/profilo",
    ]) {
      const { status, res } = await get(null, path);
      expect(status, path).toBe(303);
      expect(res.headers.get("location"), path).toContain(`/saml/login?next=${encodeURIComponent(path)}`);
    }
  });
});

describe("I miei dati (JSON)", () => {
  it("is the whole dossier as an attachment, not cached, with a schema version", async () => {
    const { status, res, body } = await get("famiglia", "/area-personale/i-miei-dati.json");
    expect(status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="i-miei-dati.json"');
    expect(res.headers.get("cache-control")).toContain("no-store");
    const doc = JSON.parse(body);
    expect(doc.schemaVersion).toBe(1);
    expect(romeDay(doc.generatedAt)).toBe("2026-11-26");
    expect(doc.spid.fiscalCode).toBe(PERSONAS.famiglia.codiceFiscale);
    expect(doc.registry.codiceFiscale).toBe(PERSONAS.famiglia.codiceFiscale);
    // The household as the registry has it: three members, the minor daughter among them.
    expect(doc.household.members).toHaveLength(3);
    expect(doc.household.members.map((m: { relation: string }) => m.relation).sort()).toEqual([
      "coniuge",
      "figlio",
      "intestatario",
    ]);
    // IMU with its lines and instalments in their derived state.
    const imu = doc.imu.find((a: { year: number }) => a.year === 2026);
    expect(imu.lines).toHaveLength(2);
    expect(
      imu.instalments.map((i: { label: string; amountCents: number; state: string }) => [
        i.label,
        i.amountCents,
        i.state,
      ]),
    ).toEqual([
      ["Acconto", 66_780, "pagata"],
      ["Saldo", 66_780, "da_pagare"],
    ]);
    expect(doc.tari[0].instalments.map((i: { state: string }) => i.state)).toEqual([
      "pagata",
      "scaduta",
      "da_pagare",
    ]);
    for (const section of [
      "residences",
      "identityDocuments",
      "pratiche",
      "messages",
      "properties",
      "vehicles",
      "payments",
      "accessLog",
    ]) {
      expect(Array.isArray(doc[section]), section).toBe(true);
    }
    expect(doc.payments.length).toBeGreaterThan(0);
    expect(doc.delegations).toEqual({ given: [], received: [] });
    expect(doc.properties).toHaveLength(2);
  });

  it("holds only the session's own data", async () => {
    const { body } = await get("giovane", "/area-personale/i-miei-dati.json");
    expect(body).not.toContain(PERSONAS.famiglia.codiceFiscale);
    expect(JSON.parse(body).properties).toEqual([]);
  });
});

describe("Scadenze (iCalendar)", () => {
  it("is a valid RFC 5545 calendar with the IMU saldo among the upcoming deadlines", async () => {
    const { status, res, body } = await get("famiglia", "/area-personale/scadenze.ics");
    expect(status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    // CRLF everywhere, no bare LF or CR, every line at most 75 octets.
    expect(body.endsWith("\r\n")).toBe(true);
    expect(body.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of body.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const lines = body
      .replace(/\r\n[ \t]/g, "")
      .split("\r\n")
      .filter(Boolean);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    // BEGIN/END balanced and properly nested.
    const stack: string[] = [];
    for (const l of lines) {
      if (l.startsWith("BEGIN:")) stack.push(l.slice(6));
      if (l.startsWith("END:")) expect(stack.pop()).toBe(l.slice(4));
    }
    expect(stack).toEqual([]);
    const events = body
      .replace(/\r\n[ \t]/g, "")
      .split("BEGIN:VEVENT")
      .slice(1);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e).toMatch(/\r\nUID:[a-z]+-\d+@127\.0\.0\.1\r\n/);
      expect(e).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
      expect(e).toMatch(/\r\nDTSTART(;VALUE=DATE:\d{8}|:\d{8}T\d{6}Z)\r\n/);
    }
    const saldo = events.find((e) => /SUMMARY:.*IMU 2026.*Saldo/.test(e));
    expect(saldo).toBeDefined();
    expect(saldo).toContain("DTSTART;VALUE=DATE:20261216");
    // Paid and overdue instalments are not upcoming deadlines.
    expect(events.some((e) => /SUMMARY:.*IMU 2026.*Acconto/.test(e))).toBe(false);
  });

  it("gives every item the same UID on every download", async () => {
    const uids = (b: string) => [...b.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]!.trim());
    const a = await get("famiglia", "/area-personale/scadenze.ics");
    const b = await get("famiglia", "/area-personale/scadenze.ics");
    expect(uids(a.body)).toEqual(uids(b.body));
    expect(new Set(uids(a.body)).size).toBe(uids(a.body).length);
  });
});

describe("Profilo e contatti", () => {
  it("shows SPID and registry data read-only, with their source", async () => {
    const { status, text, body } = await get("famiglia", "/area-personale/profilo");
    expect(status).toBe(200);
    expect(text).toContain("Fonte: SPID");
    expect(text).toContain("Fonte: anagrafe, Comune di Torino");
    expect(text).toContain(PERSONAS.famiglia.codiceFiscale);
    expect(body).toContain('name="email"');
    expect(body).not.toMatch(/name="(codiceFiscale|name|surname)"/);
  });

  it("saves valid preferences with their timestamp and an audit row", async () => {
    const page = await get("famiglia", "/area-personale/profilo");
    const saved = await post("famiglia", "/area-personale/profilo", {
      csrf: csrfOf(page.body),
      email: "chiara.martinetti@example.it",
      phone: "+39 333 123 4567",
      reminderChannel: "sms",
    });
    expect(saved.status).toBe(303);
    // A new address waits for the link sent to it.
    expect(saved.location).toBe("/area-personale/profilo?salvato=conferma");
    const after = await get("famiglia", "/area-personale/profilo?salvato=conferma");
    expect(after.text).toContain("Preferenze di contatto salvate.");
    expect(after.text).toContain("Ti abbiamo inviato un collegamento a chiara.martinetti@example.it");
    expect(after.body).toContain('value="chiara.martinetti@example.it"');
    expect(after.body).toContain('value="+393331234567"');
    const { row, audit } = await readDb(server.dbFile, async (db) => {
      const row = (await db.get<{
        id: number;
        email: string;
        email_pending: string;
        phone: string;
        reminder_channel: string;
        contacts_updated_at: string;
      }>(
        "select id, email, email_pending, phone, reminder_channel, contacts_updated_at from citizens where codice_fiscale = ?",
        PERSONAS.famiglia.codiceFiscale,
      ))!;
      const audit = await db.all<{ action: string; details: string }>(
        "select action, details from audit_log where subject_citizen_id = ? and action = 'profile.contacts.update'",
        row.id,
      );
      return { row, audit };
    });
    expect(row).toMatchObject({
      email_pending: "chiara.martinetti@example.it",
      phone: "+393331234567",
      reminder_channel: "sms",
    });
    expect(romeDay(row.contacts_updated_at)).toBe("2026-11-26");
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).not.toContain("example.it");
  });

  it("refuses an invalid email with 400 and an Italian message, keeping what was typed", async () => {
    const page = await get("famiglia", "/area-personale/profilo");
    const res = await post("famiglia", "/area-personale/profilo", {
      csrf: csrfOf(page.body),
      email: "chiara@",
      phone: "",
      reminderChannel: "email",
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain("L'indirizzo email non è valido");
    expect(res.body).toContain('value="chiara@"');
  });

  it("refuses SMS reminders without a phone, and a phone without +39", async () => {
    const page = await get("famiglia", "/area-personale/profilo");
    const token = csrfOf(page.body);
    const sms = await post("famiglia", "/area-personale/profilo", {
      csrf: token,
      email: "",
      phone: "",
      reminderChannel: "sms",
    });
    expect(sms.status).toBe(400);
    expect(sms.text).toContain("indica un numero di cellulare");
    const phone = await post("famiglia", "/area-personale/profilo", {
      csrf: token,
      email: "",
      phone: "3331234567",
      reminderChannel: "nessuno",
    });
    expect(phone.status).toBe(400);
    expect(phone.text).toContain("deve iniziare con +39");
  });

  it("refuses a form without the CSRF token (403) and changes nothing", async () => {
    const res = await post("pensionato", "/area-personale/profilo", {
      email: "intruso@example.it",
      phone: "",
      reminderChannel: "email",
    });
    expect(res.status).toBe(403);
    const wrong = await post("pensionato", "/area-personale/profilo", {
      csrf: csrfOf((await get("famiglia", "/area-personale/profilo")).body),
      email: "intruso@example.it",
      phone: "",
      reminderChannel: "email",
    });
    expect(wrong.status).toBe(403);
    const after = await get("pensionato", "/area-personale/profilo");
    expect(after.body).not.toContain("intruso@example.it");
  });
});

describe("a person the registry does not know", () => {
  it("sees explained empty states instead of errors", async () => {
    expect(NOT_IN_REGISTRY.alsoResident).toBe(false);
    const overview = await get("sconosciuto", "/area-personale/contribuente");
    expect(overview.status).toBe(200);
    expect(overview.text).toContain("Non risultano tributi a tuo nome");
    const properties = await get("sconosciuto", "/area-personale/contribuente/immobili");
    expect(properties.text).toContain("Non risultano immobili a tuo nome");
    const profile = await get("sconosciuto", "/area-personale/profilo");
    expect(profile.status).toBe(200);
    expect(profile.text).toContain("Fonte: SPID");
    expect(profile.body).not.toContain('name="email"');
  });

  it("gets a JSON document with their SPID data and empty sections, and an empty calendar", async () => {
    const { status, body } = await get("sconosciuto", "/area-personale/i-miei-dati.json");
    expect(status).toBe(200);
    const doc = JSON.parse(body);
    expect(doc.spid.fiscalCode).toBe(NOT_IN_REGISTRY.codiceFiscale);
    expect(doc.registry).toBeNull();
    expect(doc.household).toBeNull();
    for (const section of [
      "residences",
      "certificates",
      "pratiche",
      "properties",
      "imu",
      "tari",
      "payments",
      "accessLog",
    ]) {
      expect(doc[section], section).toEqual([]);
    }
    const ics = await get("sconosciuto", "/area-personale/scadenze.ics");
    expect(ics.status).toBe(200);
    expect(ics.body).toContain("BEGIN:VCALENDAR\r\n");
    expect(ics.body).not.toContain("BEGIN:VEVENT");
  });

  it("cannot save contact preferences: 422 with the reason", async () => {
    const page = await get("sconosciuto", "/area-personale/profilo");
    const res = await post("sconosciuto", "/area-personale/profilo", {
      csrf: csrfOf(page.body, 'action="/saml/logout"'),
      email: "silvia@example.it",
      phone: "",
      reminderChannel: "email",
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain("solo per le persone iscritte nell'anagrafe");
  });
});
