/**
 * The creditor's side of the payments hub as the Torino payments office meets it, over HTTP
 * against the real server (forms posted as a browser without JavaScript would): creating a
 * position with two instalments, refused input that writes nothing, publishing it (the citizen
 * sees the notice and a message), invalidating it (the citizen sees it as no longer payable),
 * another ente's operators kept out, and reconciliation with its CSV after a real checkout.
 */
import { readDb } from "../support/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { addDays, romeDay } from "../../app/rules/time";
import { formatNav } from "../../app/rules/nav";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";
import { csrfOf, pageText, request as httpRequest } from "../support/http";

let server: TestServer;
let operator: string;
let giovane: string;
let moncalieri: string;
let regione: string;
let auditor: string;

const GIOVANE = PERSONAS.giovane.codiceFiscale;
const TORINO_IBAN_SQL = "select iban, fiscal_code from entities where ipa_code = 'c_l219'";

/** One row of the server's database; the test expects it to exist. */
const one = <T>(sql: string, ...params: unknown[]): Promise<T> =>
  readDb(server.dbFile, async (db) => (await db.get<T>(sql, ...params)) as T);
const all = <T>(sql: string, ...params: unknown[]): Promise<T[]> =>
  readDb(server.dbFile, (db) => db.all<T>(sql, ...params));
const count = async (sql: string, ...args: unknown[]) => (await one<{ n: number }>(sql, ...args)).n;
const positionsCount = () => count("select count(*) as n from debt_positions");
const auditCount = (action: string) => count("select count(*) as n from audit_log where action = ?", action);

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  operator = (await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.torinoPagamenti.codiceFiscale }))
    .cookie;
  giovane = (await loginAs(server.url, { codiceFiscale: GIOVANE })).cookie;
  moncalieri = (await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.moncalieriAnagrafe.codiceFiscale }))
    .cookie;
  regione = (await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.regioneBollo.codiceFiscale })).cookie;
  auditor = (await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.torinoAuditor.codiceFiscale })).cookie;
});

afterAll(async () => {
  await server?.stop();
});

const request = (cookie: string, path: string, form?: Record<string, string>) =>
  httpRequest(server.url, cookie, path, form);

const NEW = "/operatore/posizioni/nuova";

function positionForm(over: Record<string, string> = {}): Record<string, string> {
  return {
    tipo: "F",
    cf: GIOVANE,
    nominativo: `${PERSONAS.giovane.surname} ${PERSONAS.giovane.name}`,
    servizio: "TARI",
    descrizione: "TARI 2026 - conguaglio utenza domestica",
    categoria: "9/0101101IM/",
    categoria_altra: "",
    modalita: "rate",
    iupd: "",
    validita: "",
    importo_1: "1.234,56",
    causale_1: "",
    scadenza_1: "2026-12-16",
    importo_2: "100,44",
    causale_2: "Seconda rata del conguaglio",
    scadenza_2: "31/01/2027",
    importo_3: "",
    causale_3: "",
    scadenza_3: "",
    ...over,
  };
}

async function createThroughForm(over: Record<string, string> = {}): Promise<number> {
  const page = await request(operator, NEW);
  expect(page.status).toBe(200);
  const res = await request(operator, NEW, {
    csrf: csrfOf(page.body, 'name="importo_1"'),
    ...positionForm(over),
  });
  expect(res.status, res.text.slice(0, 800)).toBe(303);
  const m = /^\/operatore\/posizioni\/(\d+)\?esito=creata$/.exec(res.location ?? "");
  expect(m).not.toBeNull();
  return Number(m![1]);
}

interface OptionRow {
  id: number;
  nav: string;
  iuv: string;
  amount_cents: number;
  due_date: string;
  instalment_number: number;
}
const optionsOf = (positionId: number) =>
  all<OptionRow>(
    "select * from payment_options where position_id = ? order by instalment_number",
    positionId,
  );
const positionRow = (id: number) =>
  one<{
    status: string;
    status_reason: string | null;
    iupd: string;
    debtor_citizen_id: number | null;
    entity_id: number;
  }>("select * from debt_positions where id = ?", id);

async function post(cookie: string, path: string, marker: string, form: Record<string, string>) {
  const page = await request(cookie, path);
  expect(page.status).toBe(200);
  return request(cookie, path, { csrf: csrfOf(page.body, marker), ...form });
}

let positionId: number;
let options: OptionRow[];

describe("creating, publishing and invalidating a position", () => {
  it("refuses bad input with the Italian messages next to the fields, and writes nothing", async () => {
    const page = await request(operator, NEW);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toContain("no-store");
    expect(page.text).toContain("Nuova posizione debitoria");
    const before = { positions: await positionsCount(), audit: await auditCount("payments.position.create") };

    const bad = await request(operator, NEW, {
      csrf: csrfOf(page.body, 'name="importo_1"'),
      ...positionForm({ cf: "CLMFRC99R04A479X", importo_1: "abc", scadenza_2: "2026-01-10" }),
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("La posizione non è stata creata: correggi i campi indicati.");
    expect(bad.text).toContain("Il carattere di controllo non è corretto.");
    expect(bad.text).toContain("L'importo non è valido: scrivilo in euro, per esempio 1.234,56.");
    expect(bad.text).toContain("La scadenza non può essere già passata.");
    // The summary links to the fields, the fields point to their messages, the values stay.
    expect(bad.body).toContain('href="#cf"');
    expect(bad.body).toContain('href="#importo-1"');
    expect(bad.body).toContain('href="#scadenza-2"');
    expect(bad.body).toMatch(/id="cf"[^>]*aria-invalid="true"[^>]*aria-describedby="cf-aiuto cf-errore"/);
    expect(bad.body).toContain('id="cf-errore"');
    expect(bad.body).toContain('value="CLMFRC99R04A479X"');
    expect(bad.body).toContain('value="abc"');

    const noToken = await request(operator, NEW, positionForm());
    expect(noToken.status).toBe(403);

    expect(await positionsCount()).toBe(before.positions);
    expect(await auditCount("payments.position.create")).toBe(before.audit);
  });

  it("takes the category from the service and refuses one that contradicts it; names fields by their labels", async () => {
    const submit = async (over: Record<string, string>) => {
      const page = await request(operator, NEW);
      return request(operator, NEW, { csrf: csrfOf(page.body, 'name="importo_1"'), ...positionForm(over) });
    };
    const summary = (body: string) => pageText(/id="riepilogo-errori"[\s\S]*?<\/div>/.exec(body)?.[0] ?? "");
    const single = { modalita: "unica", importo_2: "", causale_2: "", scadenza_2: "" };
    const canteen = {
      ...single,
      descrizione: "Refezione scolastica novembre 2026",
      importo_1: "45,50",
      scadenza_1: "2026-12-20",
    };
    const form = await request(operator, NEW);
    expect(form.text).toContain("Quella del servizio scelto");
    const before = { positions: await positionsCount(), audit: await auditCount("payments.position.create") };

    // A school canteen under IMU, with the canteen's own code: refused at the code's field.
    const underImu = await submit({
      ...canteen,
      servizio: "IMU",
      categoria: "altra",
      categoria_altra: "9/0201133IM/",
    });
    expect(underImu.status).toBe(400);
    expect(summary(underImu.body)).toContain(
      "La categoria 9/0201133IM/ non corrisponde al servizio IMU: usa IMU - Imposta municipale propria (9/0101100IM/).",
    );
    expect(underImu.body).toContain('href="#categoria-altra"');
    // Under the ente's services, it cannot borrow IMU's code either.
    const borrowed = await submit({ ...canteen, servizio: "SERVIZI", categoria: "9/0101100IM/" });
    expect(borrowed.status).toBe(400);
    expect(summary(borrowed.body)).toContain("è riservata al servizio IMU");
    expect(borrowed.body).toContain('href="#categoria"');
    // The summary speaks of the fields as their labels do.
    const unnamed = await submit({ nominativo: "", descrizione: "" });
    expect(unnamed.status).toBe(400);
    expect(summary(unnamed.body)).toContain("Indica cognome e nome, o la ragione sociale.");
    expect(summary(unnamed.body)).toContain("Indica la causale.");
    expect(summary(unnamed.body)).not.toMatch(/descrizione|nome del debitore/);
    expect(await positionsCount()).toBe(before.positions);
    expect(await auditCount("payments.position.create")).toBe(before.audit);

    // IMU left to its service gets IMU's code; the canteen under the ente's services keeps its own.
    const categoriesOf = async (id: number) =>
      (
        await all<{ category: string }>(
          "select t.category from transfers t join payment_options po on po.id = t.option_id where po.position_id = ?",
          id,
        )
      ).map((r) => r.category);
    const imu = await createThroughForm({
      ...single,
      servizio: "IMU",
      categoria: "",
      descrizione: "IMU 2026 - saldo seconda casa",
      importo_1: "667,80",
      scadenza_1: "2026-12-16",
    });
    expect(await categoriesOf(imu)).toEqual(["9/0101100IM/"]);
    const mensa = await createThroughForm({
      ...canteen,
      servizio: "SERVIZI",
      categoria: "altra",
      categoria_altra: "9/0201133IM/",
    });
    expect(await categoriesOf(mensa)).toEqual(["9/0201133IM/"]);
  });

  it("creates a DRAFT position with two instalments through the form", async () => {
    const before = await auditCount("payments.position.create");
    positionId = await createThroughForm();
    const p = await positionRow(positionId);
    const torino = await one<{ iban: string; fiscal_code: string }>(TORINO_IBAN_SQL);
    expect(p.status).toBe("DRAFT");
    options = await optionsOf(positionId);
    expect(options.map((o) => [o.instalment_number, o.amount_cents, o.due_date])).toEqual([
      [1, 123456, "2026-12-16"],
      [2, 10044, "2027-01-31"],
    ]);
    // Aux digit 3 and Torino's segregation code 01.
    for (const o of options) expect(o.nav).toMatch(/^301\d{15}$/);
    const transfers = await all<{
      amount_cents: number;
      iban: string;
      organization_fiscal_code: string;
      category: string;
      remittance_information: string;
    }>(
      "select * from transfers where option_id in (?, ?) order by option_id",
      options[0]!.id,
      options[1]!.id,
    );
    expect(transfers).toHaveLength(2);
    expect(transfers.map((t) => t.amount_cents)).toEqual([123456, 10044]);
    for (const t of transfers) {
      expect(t.iban).toBe(torino.iban);
      expect(t.organization_fiscal_code).toBe(torino.fiscal_code);
      expect(t.category).toBe("9/0101101IM/");
    }
    expect(transfers[1]!.remittance_information).toBe("Seconda rata del conguaglio");
    expect(await auditCount("payments.position.create")).toBe(before + 1);

    const detail = await request(operator, `/operatore/posizioni/${positionId}?esito=creata`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain("Posizione creata in bozza.");
    expect(detail.text).toContain("Stato: Bozza");
    expect(detail.text).toContain(formatNav(options[0]!.nav));
    expect(detail.text).toContain(formatNav(options[1]!.nav));
    expect(detail.text).toContain(options[1]!.iuv);
    expect(detail.text).toContain("€ 1.335,00");
    expect(detail.text).toContain("Creata in bozza");
    expect(detail.text).toContain("TARI - Tassa sui rifiuti (9/0101101IM/)");
    expect(detail.body).toContain('value="pubblica"');
    expect(detail.body).not.toContain('value="annulla"');
    expect(detail.body).not.toMatch(/rel="prefetch"|prefetch="intent"|prefetch="render"/);
    expect(detail.headers.get("cache-control")).toContain("no-store");

    // Not yet visible to the citizen.
    const citizen = await request(giovane, "/area-personale/pagamenti");
    expect(citizen.status).toBe(200);
    expect(citizen.text).not.toContain(formatNav(options[0]!.nav));
  });

  it("lists and finds the position by IUPD, NAV and codice fiscale, and refuses a bad filter", async () => {
    const { iupd } = await positionRow(positionId);
    for (const q of [iupd, formatNav(options[1]!.nav), GIOVANE.toLowerCase()]) {
      const r = await request(operator, `/operatore/posizioni?q=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      expect(r.body).toContain(`href="/operatore/posizioni/${positionId}"`);
    }
    const drafts = await request(operator, "/operatore/posizioni?stato=DRAFT");
    expect(drafts.body).toContain(`href="/operatore/posizioni/${positionId}"`);
    const valid = await request(operator, "/operatore/posizioni?stato=VALID");
    expect(valid.body).not.toContain(`href="/operatore/posizioni/${positionId}"`);
    const all = await request(operator, "/operatore/posizioni");
    expect(all.status).toBe(200);
    expect(all.text).toContain(iupd);
    expect(all.text).toContain("Bozza");
    expect(all.body).toContain('href="/operatore/posizioni/nuova"');
    const bogus = await request(operator, "/operatore/posizioni?stato=PAGATA");
    expect(bogus.status).toBe(400);
    expect(bogus.text).toContain("Lo stato scelto per filtrare le posizioni non esiste.");
    const wild = await request(operator, `/operatore/posizioni?q=${encodeURIComponent("%' or 1=1 --")}`);
    expect(wild.status).toBe(400);
    const page = await request(operator, "/operatore/posizioni?pagina=abc");
    expect(page.status).toBe(400);
  });

  it("publishes it: the citizen sees the notice and a new message", async () => {
    const messagesBefore = await count(
      "select count(*) as n from messages where citizen_id = (select id from citizens where codice_fiscale = ?)",
      GIOVANE,
    );
    const res = await post(operator, `/operatore/posizioni/${positionId}`, 'value="pubblica"', {
      intent: "pubblica",
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/operatore/posizioni/${positionId}?esito=pubblicata`);
    expect((await positionRow(positionId)).status).toBe("VALID");
    const shown = await request(operator, res.location!);
    expect(shown.text).toContain(
      "Posizione pubblicata: ora è pagabile e il debitore ha ricevuto un messaggio",
    );
    expect(shown.text).toContain("Stato: Da pagare");
    expect(shown.text).toContain("Pubblicata e resa pagabile");

    // Publishing twice: the core's 409, in Italian.
    const again = await request(operator, `/operatore/posizioni/${positionId}`, {
      csrf: csrfOf(shown.body, 'value="annulla"'),
      intent: "pubblica",
    });
    expect(again.status).toBe(409);
    expect(again.text).toContain(
      "Operazione non consentita: pubblicazione di una posizione in stato «Da pagare».",
    );

    const notices = await request(giovane, "/area-personale/pagamenti");
    expect(notices.text).toContain(formatNav(options[0]!.nav));
    const messages = await request(giovane, "/area-personale/messaggi");
    expect(messages.text).toContain("Nuovo avviso di pagamento: TARI 2026 - conguaglio utenza domestica");
    expect(
      await count(
        "select count(*) as n from messages where citizen_id = (select id from citizens where codice_fiscale = ?)",
        GIOVANE,
      ),
    ).toBe(messagesBefore + 1);
  });

  it("invalidates it with a reason: the citizen finds it under «Non più pagabili»", async () => {
    const path = `/operatore/posizioni/${positionId}`;
    const empty = await post(operator, path, 'value="annulla"', { intent: "annulla", motivo: "  " });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain("Scrivi il motivo dell'annullamento: tra 5 e 500 caratteri.");
    expect(empty.body).toMatch(/id="motivo"[^>]*aria-invalid="true"/);
    expect((await positionRow(positionId)).status).toBe("VALID");

    const reason = "Importo ricalcolato dopo la variazione della superficie";
    const done = await post(operator, path, 'value="annulla"', { intent: "annulla", motivo: reason });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${path}?esito=annullata`);
    expect(await positionRow(positionId)).toMatchObject({ status: "INVALID", status_reason: reason });
    const shown = await request(operator, done.location!);
    expect(shown.text).toContain("Stato: Annullato");
    expect(shown.text).toContain(`Motivo: ${reason}`);
    expect(shown.body).not.toContain('value="annulla"');
    expect(shown.body).not.toContain('value="pubblica"');

    // Once more, through a form of the earlier page: refused by the state machine.
    const twice = await request(operator, path, {
      // The page has no form left but the header's logout one: its token is the session's.
      csrf: csrfOf(shown.body, 'action="/saml/logout"'),
      intent: "annulla",
      motivo: reason,
    });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain("Una posizione in stato «Annullato» non può essere annullata.");

    const due = await request(giovane, "/area-personale/pagamenti");
    expect(due.text).not.toContain(formatNav(options[0]!.nav));
    const gone = await request(giovane, "/area-personale/pagamenti?stato=non-pagabili");
    expect(gone.status).toBe(200);
    expect(gone.text).toContain(formatNav(options[0]!.nav));
    const messages = await request(giovane, "/area-personale/messaggi");
    expect(messages.text).toContain("Avviso di pagamento annullato: TARI 2026 - conguaglio utenza domestica");
  });

  it("refuses a second position with the same IUPD with a 409 on the field", async () => {
    const iupd = "TARI-CONG-2026-0001";
    await createThroughForm({ iupd, modalita: "unica", importo_2: "", causale_2: "", scadenza_2: "" });
    const before = await positionsCount();
    const page = await request(operator, NEW);
    const dup = await request(operator, NEW, {
      csrf: csrfOf(page.body, 'name="importo_1"'),
      ...positionForm({ iupd, modalita: "unica", importo_2: "", causale_2: "", scadenza_2: "" }),
    });
    expect(dup.status).toBe(409);
    expect(dup.text).toContain(`L'ente ha già una posizione debitoria con identificativo «${iupd}».`);
    expect(dup.body).toContain('href="#iupd"');
    expect(await positionsCount()).toBe(before);
  });
});

describe("what the ente's other pages show", () => {
  it("shows a seeded instalment plan partly paid, with its receipts and history", async () => {
    const seeded = await one<{ id: number; paid: number }>(
      `select dp.id, count(r.id) as paid from debt_positions dp
       join entities e on e.id = dp.entity_id
       join payment_options po on po.position_id = dp.id
       join receipts r on r.option_id = po.id
       where e.ipa_code = 'c_l219' and dp.status = 'PARTIALLY_PAID'
       group by dp.id order by dp.id limit 1`,
    );
    const receiptIds = await all<{ receipt_id: string }>(
      "select r.receipt_id from receipts r join payment_options po on po.id = r.option_id where po.position_id = ?",
      seeded.id,
    );
    const r = await request(operator, `/operatore/posizioni/${seeded.id}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain("Stato: Pagato in parte");
    expect(r.text).toContain("Pagamenti ricevuti");
    for (const { receipt_id } of receiptIds) expect(r.text).toContain(receipt_id);
    expect(r.text.match(/Pagamento ricevuto/g) ?? []).toHaveLength(seeded.paid);
    // Partly paid: neither publishable nor cancellable.
    expect(r.body).not.toContain('value="annulla"');
    expect(r.body).not.toContain('value="pubblica"');
  });

  it("names the payments office's operations in Italian in the auditor's log", async () => {
    const log = await request(auditor, "/operatore/registro-accessi?azione=payments.position.publish");
    expect(log.status).toBe(200);
    expect(log.text).toContain("Posizione debitoria pubblicata");
    expect(log.text).toContain(
      `${OPERATOR_PERSONAS.torinoPagamenti.surname} ${OPERATOR_PERSONAS.torinoPagamenti.name}`,
    );
    expect(log.text).not.toContain("payments.position");
  });
});

describe("another ente's operators", () => {
  it("cannot open or act on Torino's position: 404, the same page as a position that does not exist", async () => {
    for (const cookie of [moncalieri, regione]) {
      const missing = await request(cookie, "/operatore/posizioni/99999999");
      expect(missing.status).toBe(404);
      const r = await request(cookie, `/operatore/posizioni/${positionId}`);
      expect(r.status).toBe(404);
      expect(r.text).toBe(missing.text);
      expect(r.text).not.toContain((await positionRow(positionId)).iupd);
      for (const intent of ["pubblica", "annulla"]) {
        const p = await request(cookie, `/operatore/posizioni/${positionId}`, {
          csrf: "x",
          intent,
          motivo: "Tentativo fuori ambito",
        });
        expect(p.status).toBe(404);
      }
    }
    // The Region's own list does not show it either, not even searched by its IUPD.
    const list = await request(
      regione,
      `/operatore/posizioni?q=${encodeURIComponent((await positionRow(positionId)).iupd)}`,
    );
    expect(list.status).toBe(200);
    expect(list.body).not.toContain(`/operatore/posizioni/${positionId}"`);
    expect(list.text).toContain("Nessuna posizione debitoria con questi criteri");
  });

  it("answers 404 to a malformed id", async () => {
    for (const id of ["abc", "0", "-1", "1.5", "99999999999999999999"]) {
      const r = await request(operator, `/operatore/posizioni/${id}`);
      expect(r.status, id).toBe(404);
    }
  });
});

describe("reconciliation", () => {
  it("shows a receipt after the citizen pays, per day and in the list, and exports it as CSV", async () => {
    const id = await createThroughForm({
      servizio: "SERVIZI",
      descrizione: "Occupazione di suolo pubblico 2026",
      categoria: "altra",
      categoria_altra: "9/0101105IM/",
      modalita: "unica",
      importo_1: "12,34",
      scadenza_1: "2026-12-31",
      importo_2: "",
      causale_2: "",
      scadenza_2: "",
    });
    const published = await post(operator, `/operatore/posizioni/${id}`, 'value="pubblica"', {
      intent: "pubblica",
    });
    expect(published.status).toBe(303);
    const [option] = await optionsOf(id);
    expect(option!.amount_cents).toBe(1234);

    // The citizen pays it through the simulated checkout.
    const notice = await request(giovane, `/area-personale/pagamenti/${option!.id}`);
    expect(notice.status).toBe(200);
    const started = await request(giovane, `/area-personale/pagamenti/${option!.id}`, {
      csrf: csrfOf(notice.body, 'value="paga"'),
      intent: "paga",
    });
    expect(started.status).toBe(303);
    expect(started.location).toMatch(/^\/checkout\/[0-9a-f]{32}$/);
    // The checkout binds its form to a cookie of its own, as a browser would keep it.
    const checkout = await request(giovane, started.location!);
    const formCookies = checkout.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const paid = await request(formCookies ? `${giovane}; ${formCookies}` : giovane, started.location!, {
      csrf: csrfOf(checkout.body, 'name="esito"'),
      esito: "successo",
      metodo: "carta",
    });
    expect(paid.status).toBe(303);
    const receipt = await one<{
      id: number;
      receipt_id: string;
      payment_date_time: string;
      psp_company_name: string;
    }>("select * from receipts where option_id = ?", option!.id);
    expect(receipt).toBeTruthy();
    const day = romeDay(receipt.payment_date_time);
    const qs = `da=${addDays(day, -1)}&a=${day}`;

    const page = await request(operator, `/operatore/riconciliazione?${qs}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toContain("no-store");
    expect(page.text).toContain(formatNav(option!.nav));
    expect(page.text).toContain(option!.iuv);
    expect(page.text).toContain(receipt.receipt_id);
    expect(page.text).toContain(receipt.psp_company_name);
    expect(page.text).toContain(`${PERSONAS.giovane.surname} ${PERSONAS.giovane.name}`);
    expect(page.text).toContain("€ 12,34");
    expect(page.text).toMatch(/Totale del periodo 1 € 12,34/);
    expect(page.body).toContain(`href="/operatore/riconciliazione.csv?${qs.replace("&", "&amp;")}"`);

    // The default range ends at the portal's today and spans 30 days.
    const byDefault = await request(operator, "/operatore/riconciliazione");
    expect(byDefault.status).toBe(200);
    expect(byDefault.body).toContain('value="2026-10-28"');
    expect(byDefault.body).toContain('value="2026-11-26"');

    // The position's page shows it paid, with its receipt.
    const detail = await request(operator, `/operatore/posizioni/${id}`);
    expect(detail.text).toContain("Stato: Pagato");
    expect(detail.text).toContain("Pagamento ricevuto");
    expect(detail.text).toContain(receipt.receipt_id);

    const csv = await request(operator, `/operatore/riconciliazione.csv?${qs}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(
      `attachment; filename="riconciliazione-${addDays(day, -1)}-${day}.csv"`,
    );
    expect(csv.headers.get("cache-control")).toContain("no-store");
    const bytes = (await request(operator, `/operatore/riconciliazione.csv?${qs}`)).buffer;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte order mark
    const lines = csv.body.split("\r\n");
    expect(lines[0]).toContain('"Codice avviso";"IUV"');
    const row = lines.find((l) => l.includes(receipt.receipt_id));
    expect(row).toBeDefined();
    expect(row).toContain(`"${option!.nav}"`);
    expect(row).toContain('"12,34"');
    expect(row).toContain(`"${GIOVANE}"`);
  });

  it("refuses an invalid range with an Italian 400, on the page and for the CSV", async () => {
    const reversed = await request(operator, "/operatore/riconciliazione?da=2026-11-20&a=2026-11-01");
    expect(reversed.status).toBe(400);
    expect(reversed.text).toContain("La data finale non può precedere quella iniziale.");
    expect(reversed.body).toContain('href="#a"');
    expect(reversed.body).toMatch(/id="a"[^>]*aria-invalid="true"/);
    expect(reversed.body).not.toContain("riconciliazione.csv");
    const malformed = await request(operator, "/operatore/riconciliazione?da=31-02-2026");
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain("La data iniziale: indica una data valida nel formato AAAA-MM-GG.");
    const tooLong = await request(operator, "/operatore/riconciliazione.csv?da=2024-01-01&a=2026-11-26");
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(tooLong.body).toContain("L'intervallo può coprire al massimo 366 giorni.");
  });

  it("shows only the ente's own receipts: the seeded Torino payments of September, none of the Region's", async () => {
    const torino = await request(operator, "/operatore/riconciliazione?da=2026-09-01&a=2026-09-30");
    const region = await request(regione, "/operatore/riconciliazione?da=2026-09-01&a=2026-09-30");
    expect(torino.status).toBe(200);
    expect(region.status).toBe(200);
    const navsOf = (enteIpa: string) =>
      all<{ nav: string }>(
        `select r.notice_number as nav from receipts r
         join payment_options po on po.id = r.option_id
         join debt_positions dp on dp.id = po.position_id
         join entities e on e.id = dp.entity_id
         where e.ipa_code = ? and r.payment_date_time >= '2026-09-01' and r.payment_date_time < '2026-09-30'
         order by r.payment_date_time limit 3`,
        enteIpa,
      );
    const torinoNavs = await navsOf("c_l219");
    expect(torinoNavs.length).toBeGreaterThan(0);
    for (const { nav } of torinoNavs) {
      expect(torino.text).toContain(formatNav(nav));
      expect(region.text).not.toContain(formatNav(nav));
    }
  });
});
