/**
 * The payments hub over HTTP against the real server: paying a notice end to end, what every page
 * shows afterwards, failed, abandoned and expired checkouts, carts paid all or nothing, receipts
 * delivered twice or with the wrong amount, another citizen's notices, paying without login.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "../../db/connection";
import type { TaxKind, Db } from "../../db/schema";
import { PERSONAS } from "../../db/seed/personas";
import { verifyAudit } from "../../app/audit.server";
import type { PaymentsEnv } from "../../app/payments/context.server";
import { VISIBLE_POSITION_STATUSES } from "../../app/payments/positions.server";
import { applyReceipt, type ReceiptInput } from "../../app/payments/receipts.server";
import { formatEuro } from "../../app/rules/money";
import { formatNav } from "../../app/rules/nav";
import { formatDateIt } from "../../app/rules/time";
import { TEST_TODAY } from "../support/constants";
import { WebClient, csrfOf, pageText, parseForms } from "../support/http";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
let handle: DbHandle;
let db: Db;
let env: PaymentsEnv;

const FAMIGLIA = PERSONAS.famiglia.codiceFiscale;
const GIOVANE = PERSONAS.giovane.codiceFiscale;

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  handle = await openDatabase(server.databaseUrl);
  db = handle.db;
  const secrets = JSON.parse(fs.readFileSync(path.join(server.dataDir, "secrets.json"), "utf8")) as {
    auditHmacKey: string;
  };
  env = {
    auditKey: secrets.auditHmacKey,
    now: () => new Date(),
    stamp: () => new Date().toISOString(),
    today: () => "2026-11-26",
  };
});
afterAll(async () => {
  await handle?.close();
  await server?.stop();
});

async function citizen(cf: string): Promise<WebClient> {
  const { cookie } = await loginAs(server.url, { codiceFiscale: cf });
  return new WebClient(server.url, cookie);
}

async function optionOf(cf: string, service: string, instalment?: number) {
  let q = db
    .selectFrom("payment_options as po")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .selectAll("po")
    .select(["dp.status as position_status", "dp.id as pid"])
    .where("dp.debtor_fiscal_code", "=", cf)
    .where("dp.service", "=", service)
    .where("po.status", "=", "PO_UNPAID");
  if (instalment !== undefined) q = q.where("po.instalment_number", "=", instalment);
  return q.orderBy("po.due_date").executeTakeFirstOrThrow();
}

const option = (id: number) =>
  db.selectFrom("payment_options").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const receiptsOf = (id: number) =>
  db.selectFrom("receipts").selectAll().where("option_id", "=", id).execute();
const auditCount = async (action: string) =>
  Number(
    (
      await db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("action", "=", action)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** "Totale da pagare (4 importi): € 1.068,90" on the Scrivania. */
function amountsDue(text: string): { count: number; cents: number } {
  const m = /Totale da pagare \(\s*(\d+) import[io]\s*\):\s*€\s*([\d.]+,\d{2})/.exec(text);
  if (!m) throw new Error("the Scrivania shows no total of the amounts due");
  return { count: Number(m[1]), cents: Number(m[2]!.replace(/\./g, "").replace(",", "")) };
}

/** Starts paying one notice from its page; returns the checkout path. */
async function startFromDetail(b: WebClient, optionId: number) {
  const page = await b.get(`/area-personale/pagamenti/${optionId}`);
  expect(page.status).toBe(200);
  return b.post(`/area-personale/pagamenti/${optionId}`, {
    csrf: csrfOf(page.body, 'value="paga"'),
    intent: "paga",
  });
}

/** Chooses an outcome on the simulated checkout. */
async function finish(
  b: WebClient,
  checkoutPath: string,
  esito: "successo" | "fallimento" | "annulla",
  metodo = "carta",
) {
  const page = await b.get(checkoutPath);
  expect(page.status).toBe(200);
  const res = await b.post(checkoutPath, { csrf: csrfOf(page.body, 'name="esito"'), esito, metodo });
  expect(res.status).toBe(303);
  return b.get(checkoutPath);
}

describe("paying a notice", () => {
  it("pays the IMU balance end to end and every page changes with it", async () => {
    const b = await citizen(FAMIGLIA);
    const imu = await optionOf(FAMIGLIA, "IMU");
    const instalment = await db
      .selectFrom("tax_instalments")
      .selectAll()
      .where("payment_option_id", "=", imu.id)
      .executeTakeFirst();
    expect(instalment?.tax).toBe("IMU");

    const before = await b.get("/area-personale/pagamenti");
    expect(before.status).toBe(200);
    expect(before.text).toContain(formatNav(imu.nav));
    const scrivaniaBefore = await b.get("/area-personale");
    const imuPageBefore = await b.get(`/area-personale/contribuente/imu/${instalment!.year}`);

    const started = await startFromDetail(b, imu.id);
    expect(started.status).toBe(303);
    expect(started.location).toMatch(/^\/checkout\/[0-9a-f]{32}$/);
    const checkoutPage = await b.get(started.location!);
    expect(checkoutPage.text).toContain("Simulazione del circuito pagoPA — nessun addebito reale");
    expect(checkoutPage.text).toContain("667,80");
    expect((await option(imu.id)).reserved_by).toBe(started.location!.slice("/checkout/".length));

    const outcome = await finish(b, started.location!, "successo", "conto");
    expect(outcome.text).toContain("Pagamento eseguito");
    expect(outcome.text).toContain("1,00"); // the fee of the bank transfer

    // The money state: option paid, position settled (both IMU instalments paid), one receipt.
    expect(await option(imu.id)).toMatchObject({
      status: "PO_PAID",
      reserved_by: null,
      reserved_until: null,
    });
    const position = await db
      .selectFrom("debt_positions")
      .selectAll()
      .where("id", "=", imu.pid)
      .executeTakeFirstOrThrow();
    expect(position.status).toBe("PAID");
    const receipts = await receiptsOf(imu.id);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({
      outcome: "OK",
      notice_number: imu.nav,
      creditor_reference_id: imu.iuv,
      payment_amount_cents: imu.amount_cents,
      debtor_fiscal_code: FAMIGLIA,
      payer_fiscal_code: FAMIGLIA,
      payment_method: "BBT",
      fee_cents: 100,
    });
    // The tax instalment has no state of its own: read through its option, it is paid.
    const derived = await db
      .selectFrom("tax_instalments as ti")
      .innerJoin("payment_options as po", "po.id", "ti.payment_option_id")
      .select("po.status")
      .where("ti.id", "=", instalment!.id)
      .executeTakeFirstOrThrow();
    expect(derived.status).toBe("PO_PAID");

    // Every page that shows the notice shows it paid.
    const detail = await b.get(`/area-personale/pagamenti/${imu.id}`);
    expect(detail.text).toContain("Pagato");
    expect(detail.text).toContain("Vedi la ricevuta");
    expect(detail.text).not.toContain("Paga ora");
    const due = await b.get("/area-personale/pagamenti");
    expect(due.text).not.toContain(formatNav(imu.nav));
    const paid = await b.get("/area-personale/pagamenti?stato=pagati");
    expect(paid.text).toContain(formatNav(imu.nav));
    expect(paid.body).toContain(`/area-personale/pagamenti/ricevute/${receipts[0]!.id}`);
    // The Scrivania's "Totale da pagare" drops by this notice.
    const scrivania = await b.get("/area-personale");
    expect(scrivania.status).toBe(200);
    const dueBefore = amountsDue(scrivaniaBefore.text);
    const dueAfter = amountsDue(scrivania.text);
    expect(dueAfter).toEqual({ count: dueBefore.count - 1, cents: dueBefore.cents - imu.amount_cents });
    const imuPage = await b.get(`/area-personale/contribuente/imu/${instalment!.year}`);
    const countPaid = (s: string) => (s.match(/Pagata/g) ?? []).length;
    expect(countPaid(imuPage.text)).toBeGreaterThan(countPaid(imuPageBefore.text));

    // The receipt, as a page and as a PDF.
    const receiptPage = await b.get(`/area-personale/pagamenti/ricevute/${receipts[0]!.id}`);
    expect(receiptPage.status).toBe(200);
    expect(receiptPage.text).toContain(receipts[0]!.receipt_id);
    expect(receiptPage.text).toContain(formatNav(imu.nav));
    const pdf = await b.get(`/area-personale/pagamenti/ricevute/${receipts[0]!.id}/ricevuta.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.body.startsWith("%PDF-")).toBe(true);

    // Posting the success again (a double click, a replayed callback) changes nothing.
    const again = await b.post(started.location!, {
      csrf: csrfOf(checkoutPage.body, 'name="esito"'),
      esito: "successo",
      metodo: "carta",
    });
    expect(again.status).toBe(303);
    expect(await receiptsOf(imu.id)).toHaveLength(1);

    // And paying it again is refused before any payment starts.
    const list = await b.get("/area-personale/pagamenti");
    const refused = await b.post(`/area-personale/pagamenti/${imu.id}`, {
      csrf: csrfOf(list.body),
      intent: "paga",
    });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain("già pagato");
    expect((await verifyAudit(db, env.auditKey, null)).ok).toBe(true);
  });

  it("shows the notice with its QR code and serves the printable notice", async () => {
    const b = await citizen(FAMIGLIA);
    const bollo = await optionOf(FAMIGLIA, "BOLLO");
    const page = await b.get(`/area-personale/pagamenti/${bollo.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" class="portal-qr"/);
    expect(page.body).toMatch(/alt="Codice QR dell&#x27;avviso: codice avviso \d{18}/);
    expect(page.text).toContain(bollo.iuv);
    expect(page.text).toContain("219,30");
    const pdf = await b.get(`/area-personale/pagamenti/${bollo.id}/avviso.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toContain(`avviso-${bollo.nav}.pdf`);
    expect(pdf.headers.get("cache-control")).toContain("no-store");
  });
});

describe("paying from the lists, and what an overdue notice means", () => {
  /** The "Paga" forms of a page: the notice each one pays and its button's text, hidden part included. */
  function payForms(html: string) {
    return parseForms(html)
      .filter((f) => f.fields.intent === "paga" && /^\/area-personale\/pagamenti\/\d+$/.test(f.action))
      .map((f) => ({
        action: f.action,
        optionId: Number(f.action.split("/").pop()),
        label: pageText(/<button\b[\s\S]*?<\/button>/.exec(f.html)?.[0] ?? ""),
        csrf: f.fields.csrf!,
      }));
  }

  /** The citizen's notices that can be paid now, as the hub decides it, by option id. */
  async function payableOf(cf: string) {
    const rows = await db
      .selectFrom("payment_options as po")
      .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
      .select(["po.id", "po.amount_cents", "po.description", "po.is_partial_payment", "dp.status"])
      .where("dp.debtor_fiscal_code", "=", cf)
      .where("po.status", "=", "PO_UNPAID")
      .where("dp.status", "in", ["VALID", "PARTIALLY_PAID"])
      .execute();
    return new Map(
      rows
        .filter((r) => r.status === "VALID" || r.is_partial_payment === 1)
        .map((r) => [r.id, `Paga € ${formatEuro(r.amount_cents)} — ${r.description}`]),
    );
  }

  it("puts a button with the amount on every payable notice of the list and the Scrivania, none on the others", async () => {
    const b = await citizen(FAMIGLIA);
    const payable = await payableOf(FAMIGLIA);
    expect(payable.size).toBeGreaterThan(1);

    const list = await b.get("/area-personale/pagamenti");
    const onList = payForms(list.body);
    const noticesOnList = (list.body.match(/<li class="portal-notice[ "]/g) ?? []).length;
    expect(noticesOnList).toBeGreaterThan(1);
    expect(onList).toHaveLength(noticesOnList);
    for (const f of onList) expect(f.label).toBe(payable.get(f.optionId));
    // One Paga form per notice, each a form of its own beside the cart's (forms cannot nest).
    expect(new Set(onList.map((f) => f.optionId)).size).toBe(onList.length);

    for (const tab of ["pagati", "non-pagabili"]) {
      const page = await b.get(`/area-personale/pagamenti?stato=${tab}`);
      expect(page.status, tab).toBe(200);
      expect(payForms(page.body), tab).toEqual([]);
      expect(page.text, tab).not.toMatch(/Paga €/);
    }
    const paid = await b.get("/area-personale/pagamenti?stato=pagati");
    expect(paid.body).toMatch(/<li class="portal-notice[ "]/);

    const scrivania = await b.get("/area-personale");
    const onScrivania = payForms(scrivania.body);
    expect(onScrivania.length).toBe(Math.min(amountsDue(scrivania.text).count, 6));
    for (const f of onScrivania) expect(f.label).toBe(payable.get(f.optionId));
  });

  it("the Scrivania's button starts the notice's payment; while it runs the notice has no button", async () => {
    const b = await citizen(FAMIGLIA);
    const before = payForms((await b.get("/area-personale")).body);
    const target = before[before.length - 1]!;
    const started = await b.post(target.action, { csrf: target.csrf, intent: "paga" });
    expect(started.status).toBe(303);
    expect(started.location).toMatch(/^\/checkout\/[0-9a-f]{32}$/);
    expect((await option(target.optionId)).reserved_by).toBe(started.location!.slice("/checkout/".length));

    const during = await b.get("/area-personale");
    expect(payForms(during.body).map((f) => f.optionId)).not.toContain(target.optionId);
    expect(during.text).toContain("Pagamento in corso");
    const list = await b.get("/area-personale/pagamenti");
    expect(payForms(list.body).map((f) => f.optionId)).not.toContain(target.optionId);

    await finish(b, started.location!, "annulla");
    const after = await b.get("/area-personale");
    expect(payForms(after.body).map((f) => f.optionId)).toContain(target.optionId);
  });

  it("tells whether an overdue notice can still be paid, as its position decides", async () => {
    // Famiglia's overdue TARI instalment: a position paid in part never expires.
    const b = await citizen(FAMIGLIA);
    const tari = await optionOf(FAMIGLIA, "TARI");
    expect(tari.due_date < TEST_TODAY).toBe(true);
    const stillValid = `Scaduto il ${formatDateIt(tari.due_date)}: l'importo resta valido e puoi ancora pagarlo.`;
    expect((await b.get(`/area-personale/pagamenti/${tari.id}`)).text).toContain(stillValid);
    const list = await b.get("/area-personale/pagamenti");
    expect(list.text).toContain(stillValid);
    expect(payForms(list.body).map((f) => f.optionId)).toContain(tari.id);
    // A notice not yet due says nothing of the kind.
    const bollo = await optionOf(FAMIGLIA, "BOLLO");
    expect(bollo.due_date >= TEST_TODAY).toBe(true);
    expect((await b.get(`/area-personale/pagamenti/${bollo.id}`)).text).not.toContain("Scaduto il");

    // A valid position with an instalment past due and a later one still ahead.
    const overdue = await db
      .selectFrom("payment_options as po")
      .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
      .select(["po.id", "po.due_date", "po.position_id", "dp.debtor_fiscal_code", "dp.status_reason"])
      .where("dp.status", "=", "VALID")
      .where("dp.debtor_citizen_id", "is not", null)
      .where("po.status", "=", "PO_UNPAID")
      .where("po.due_date", "<", TEST_TODAY)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("payment_options as later")
            .select("later.id")
            .whereRef("later.position_id", "=", "po.position_id")
            .where("later.due_date", ">=", TEST_TODAY),
        ),
      )
      .orderBy("po.id")
      .executeTakeFirstOrThrow();
    const options = await db
      .selectFrom("payment_options")
      .select(["id", "due_date"])
      .where("position_id", "=", overdue.position_id)
      .execute();
    const lastDue = options
      .map((o) => o.due_date)
      .sort()
      .at(-1)!;
    const debtor = await citizen(overdue.debtor_fiscal_code);
    const detailPath = `/area-personale/pagamenti/${overdue.id}`;
    const since = `Scaduto il ${formatDateIt(overdue.due_date)}:`;
    const setPosition = (set: {
      status?: "VALID" | "EXPIRED";
      switch_to_expired?: 0 | 1;
      status_reason?: string | null;
    }) => db.updateTable("debt_positions").set(set).where("id", "=", overdue.position_id).execute();
    expect((await debtor.get(detailPath)).text).toContain(
      `${since} l'importo resta valido e puoi ancora pagarlo.`,
    );
    try {
      // The creditor asked for expiry after the last due date, still ahead: payable until then.
      await setPosition({ switch_to_expired: 1 });
      expect((await debtor.get(detailPath)).text).toContain(
        `${since} l'importo resta valido e puoi ancora pagarlo fino al ${formatDateIt(lastDue)}; dopo quella data l'avviso non sarà più pagabile.`,
      );
      // Every due date past: the hub is about to close it, and says so.
      await db
        .updateTable("payment_options")
        .set({ due_date: overdue.due_date })
        .where("position_id", "=", overdue.position_id)
        .execute();
      const closing = await debtor.get(detailPath);
      expect(closing.text).toContain(`${since} puoi ancora pagarlo per poco`);
      expect(closing.text).toContain("Paga ora");
      // Expired: not payable any more, and the citizen is told what to do.
      await setPosition({ status: "EXPIRED", status_reason: "Scaduto il termine di pagamento." });
      const expired = await debtor.get(detailPath);
      const notPayable = `${since} questo avviso non è più pagabile. Rivolgiti a`;
      expect(expired.text).toContain(notPayable);
      expect(expired.text).toContain("nuovo avviso con sanzioni e interessi");
      expect(expired.text).not.toContain("Paga ora");
      const tab = await debtor.get("/area-personale/pagamenti?stato=non-pagabili");
      expect(tab.text).toContain(notPayable);
      expect(payForms(tab.body)).toEqual([]);
    } finally {
      await setPosition({ status: "VALID", switch_to_expired: 0, status_reason: overdue.status_reason });
      for (const o of options)
        await db
          .updateTable("payment_options")
          .set({ due_date: o.due_date })
          .where("id", "=", o.id)
          .execute();
    }
  });
});

describe("checkouts that do not pay", () => {
  it("a failed and an abandoned checkout release the notice", async () => {
    const b = await citizen(GIOVANE);
    const fine = await optionOf(GIOVANE, "MULTA");
    for (const esito of ["fallimento", "annulla"] as const) {
      const started = await startFromDetail(b, fine.id);
      expect(started.status).toBe(303);
      expect((await option(fine.id)).reserved_by).not.toBeNull();
      const outcome = await finish(b, started.location!, esito);
      expect(outcome.text).toContain(esito === "annulla" ? "Pagamento annullato" : "Pagamento non riuscito");
      expect(outcome.text).toContain("nessun importo è stato addebitato");
      expect(await option(fine.id)).toMatchObject({
        status: "PO_UNPAID",
        reserved_by: null,
        reserved_until: null,
      });
      const id = started.location!.slice("/checkout/".length);
      const c = await db.selectFrom("checkouts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      expect(c.status).toBe(esito === "annulla" ? "annullato" : "fallito");
    }
    expect(await receiptsOf(fine.id)).toHaveLength(0);
    const detail = await b.get(`/area-personale/pagamenti/${fine.id}`);
    expect(detail.text).toContain("Paga ora");
  });

  it("an expired checkout cannot be completed: it is refused and the notice released", async () => {
    const b = await citizen(GIOVANE);
    const fine = await optionOf(GIOVANE, "MULTA");
    const started = await startFromDetail(b, fine.id);
    const checkoutPath = started.location!;
    const id = checkoutPath.slice("/checkout/".length);
    const page = await b.get(checkoutPath);
    // Time passes: the reservation and the checkout are past their end.
    const past = new Date(Date.now() - 60_000).toISOString();
    await db.updateTable("payment_options").set({ reserved_until: past }).where("id", "=", fine.id).execute();
    await db.updateTable("checkouts").set({ expires_at: past }).where("id", "=", id).execute();

    // Someone else may start paying it now: the old reservation no longer holds.
    const other = await citizen(GIOVANE);
    const second = await startFromDetail(other, fine.id);
    expect(second.status).toBe(303);
    await finish(other, second.location!, "annulla");

    const res = await b.post(checkoutPath, {
      csrf: csrfOf(page.body, 'name="esito"'),
      esito: "successo",
      metodo: "carta",
    });
    expect(res.status).toBe(303);
    const after = await b.get(checkoutPath);
    expect(after.text).toContain("Tempo per il pagamento scaduto");
    expect(
      (await db.selectFrom("checkouts").select("status").where("id", "=", id).executeTakeFirstOrThrow())
        .status,
    ).toBe("scaduto");
    expect(await option(fine.id)).toMatchObject({ status: "PO_UNPAID", reserved_by: null });
    expect(await receiptsOf(fine.id)).toHaveLength(0);
  });
});

describe("the cart", () => {
  it("pays nothing and reserves nothing when one notice of the cart cannot be paid", async () => {
    const b = await citizen(FAMIGLIA);
    const tari = await optionOf(FAMIGLIA, "TARI");
    const bollo = await optionOf(FAMIGLIA, "BOLLO");
    const list = await b.get("/area-personale/pagamenti");
    const added = await b.post("/area-personale/pagamenti/carrello", {
      csrf: csrfOf(list.body),
      intent: "aggiungi",
      avviso: [String(tari.id), String(bollo.id)],
    });
    expect(added.status).toBe(303);
    const cart = await b.get("/area-personale/pagamenti/carrello");
    expect(cart.text).toContain("2 avvisi");

    // Another payer, without login, starts paying the bollo first.
    const anon = new WebClient(server.url);
    const creditor = await db
      .selectFrom("payment_options")
      .select("creditor_fiscal_code")
      .where("id", "=", bollo.id)
      .executeTakeFirstOrThrow();
    const look = await anon.get(
      `/paga-un-avviso?codice=${formatNav(bollo.nav).replace(/ /g, "+")}&ente=${creditor.creditor_fiscal_code}`,
    );
    expect(look.status).toBe(200);
    const anonStart = await anon.post("/paga-un-avviso", {
      csrf: csrfOf(look.body, 'name="email"'),
      codice: bollo.nav,
      ente: creditor.creditor_fiscal_code,
      email: "",
    });
    expect(anonStart.status).toBe(303);

    const checkoutsBefore = await db.selectFrom("checkouts").select("id").execute();
    const pay = await b.post("/area-personale/pagamenti/carrello", {
      csrf: csrfOf(cart.body, 'value="paga"'),
      intent: "paga",
    });
    expect(pay.status).toBe(409);
    expect(pay.text).toContain("già in pagamento");
    expect(await option(tari.id)).toMatchObject({ status: "PO_UNPAID", reserved_by: null });
    expect(await db.selectFrom("checkouts").select("id").execute()).toHaveLength(checkoutsBefore.length);

    // The other payer gives up; with one notice cancelled by its creditor the cart is still refused.
    await finish(anon, anonStart.location!, "annulla");
    const bolloPosition = await db
      .selectFrom("payment_options")
      .select("position_id")
      .where("id", "=", bollo.id)
      .executeTakeFirstOrThrow();
    await db
      .updateTable("debt_positions")
      .set({ status: "INVALID", status_reason: "Annullato per prova" })
      .where("id", "=", bolloPosition.position_id)
      .execute();
    const pay2 = await b.post("/area-personale/pagamenti/carrello", {
      csrf: csrfOf(cart.body, 'value="paga"'),
      intent: "paga",
    });
    expect(pay2.status).toBe(409);
    expect(pay2.text).toContain("non è più pagabile");
    expect(await option(tari.id)).toMatchObject({ status: "PO_UNPAID", reserved_by: null });
    await db
      .updateTable("debt_positions")
      .set({ status: "VALID", status_reason: null })
      .where("id", "=", bolloPosition.position_id)
      .execute();
  });

  it("refuses more than five notices", async () => {
    const b = await citizen(FAMIGLIA);
    const list = await b.get("/area-personale/pagamenti");
    const res = await b.post("/area-personale/pagamenti/carrello", {
      csrf: csrfOf(list.body),
      intent: "aggiungi",
      avviso: ["1", "2", "3", "4", "5", "6"],
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain("al massimo 5 avvisi");
  });

  it("refuses a form without the anti-forgery token", async () => {
    const b = await citizen(FAMIGLIA);
    const bollo = await optionOf(FAMIGLIA, "BOLLO");
    const res = await b.post(`/area-personale/pagamenti/${bollo.id}`, { intent: "paga" });
    expect(res.status).toBe(403);
    expect((await option(bollo.id)).reserved_by).toBeNull();
  });
});

describe("receipts delivered by the payment circuit", () => {
  async function receiptFor(
    optionId: number,
    receiptId: string,
    amountCents?: number,
  ): Promise<ReceiptInput> {
    const o = await db
      .selectFrom("payment_options as po")
      .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
      .selectAll("po")
      .select(["dp.company_name", "dp.debtor_fiscal_code", "dp.debtor_name"])
      .where("po.id", "=", optionId)
      .executeTakeFirstOrThrow();
    return {
      receiptId,
      noticeNumber: o.nav,
      fiscalCode: o.creditor_fiscal_code,
      outcome: "OK",
      creditorReferenceId: o.iuv,
      paymentAmountCents: amountCents ?? o.amount_cents,
      description: o.description,
      companyName: o.company_name,
      debtor: { fiscalCode: o.debtor_fiscal_code, fullName: o.debtor_name },
      payer: null,
      idPsp: "DEMOPSP0BANCA",
      pspCompanyName: "Banca dimostrativa",
      paymentMethod: "BBT",
      feeCents: 100,
      paymentDateTime: new Date().toISOString(),
      applicationDate: "2026-11-26",
      transfers: [],
    };
  }

  it("applies the same receipt delivered twice once: one payment, one receipt row", async () => {
    const tari = await optionOf(FAMIGLIA, "TARI", 3);
    const r = await receiptFor(tari.id, "aa".repeat(16));
    const first = await applyReceipt(db, env, r);
    const second = await applyReceipt(db, env, r);
    expect(first).toMatchObject({ ok: true, outcome: "applied" });
    expect(second).toMatchObject({ ok: true, outcome: "duplicate" });
    expect(await receiptsOf(tari.id)).toHaveLength(1);
    expect(await auditCount("payment.receipt")).toBeGreaterThan(0);
    // A different receipt for the same notice is refused: no second payment.
    const other = await applyReceipt(db, env, await receiptFor(tari.id, "ab".repeat(16)));
    expect(other).toMatchObject({ ok: false, code: "gia_pagato" });
    expect(await receiptsOf(tari.id)).toHaveLength(1);
    // The server sees it paid.
    const b = await citizen(FAMIGLIA);
    expect((await b.get(`/area-personale/pagamenti/${tari.id}`)).text).toContain("Pagato");
  });

  it("refuses an amount that differs from the notice and records it in the audit log", async () => {
    const tari = await optionOf(FAMIGLIA, "TARI");
    const refusedBefore = await auditCount("payment.receipt.refused");
    const res = await applyReceipt(
      db,
      env,
      await receiptFor(tari.id, "ac".repeat(16), tari.amount_cents - 1),
    );
    expect(res).toMatchObject({ ok: false, code: "importo_errato" });
    expect(await receiptsOf(tari.id)).toHaveLength(0);
    expect((await option(tari.id)).status).toBe("PO_UNPAID");
    expect(await auditCount("payment.receipt.refused")).toBe(refusedBefore + 1);
    const row = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "payment.receipt.refused")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.details!)).toMatchObject({
      code: "importo_errato",
      amountCents: tari.amount_cents - 1,
      optionId: tari.id,
    });
    expect((await verifyAudit(db, env.auditKey, null)).ok).toBe(true);
  });
});

describe("who may see what", () => {
  it("answers 404 for another citizen's notice, its PDF, its payment and its receipt", async () => {
    const famiglia = await citizen(FAMIGLIA);
    const giovane = await citizen(GIOVANE);
    const bollo = await optionOf(FAMIGLIA, "BOLLO");
    const paidReceipt = await db
      .selectFrom("receipts as r")
      .innerJoin("payment_options as po", "po.id", "r.option_id")
      .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
      .select("r.id")
      .where("dp.debtor_fiscal_code", "=", FAMIGLIA)
      .executeTakeFirstOrThrow();
    expect((await famiglia.get(`/area-personale/pagamenti/${bollo.id}`)).status).toBe(200);
    expect((await giovane.get(`/area-personale/pagamenti/${bollo.id}`)).status).toBe(404);
    expect((await giovane.get(`/area-personale/pagamenti/${bollo.id}/avviso.pdf`)).status).toBe(404);
    expect((await giovane.get(`/area-personale/pagamenti/ricevute/${paidReceipt.id}`)).status).toBe(404);
    expect(
      (await giovane.get(`/area-personale/pagamenti/ricevute/${paidReceipt.id}/ricevuta.pdf`)).status,
    ).toBe(404);
    const page = await giovane.get("/area-personale/pagamenti");
    const res = await giovane.post(`/area-personale/pagamenti/${bollo.id}`, {
      csrf: csrfOf(page.body),
      intent: "paga",
    });
    expect(res.status).toBe(404);
    expect((await option(bollo.id)).reserved_by).toBeNull();
    const add = await giovane.post("/area-personale/pagamenti/carrello", {
      csrf: csrfOf(page.body),
      intent: "aggiungi",
      avviso: String(bollo.id),
    });
    expect(add.status).toBe(404);
  });

  it("sends a visitor without a session to the login", async () => {
    const res = await new WebClient(server.url).get("/area-personale/pagamenti");
    expect([302, 303]).toContain(res.status);
    expect(res.location).toContain("/saml/login");
  });

  it("answers bad input with an Italian message and a 4xx, never a 500", async () => {
    const b = await citizen(FAMIGLIA);
    for (const [p, status] of [
      ["/area-personale/pagamenti?stato=tutti", 400],
      ["/area-personale/pagamenti?anno=20x6", 400],
      ["/area-personale/pagamenti?ente=abc", 400],
      ["/area-personale/pagamenti/abc", 404],
      ["/area-personale/pagamenti/99999999", 404],
      ["/area-personale/pagamenti/ricevute/0", 404],
      ["/checkout/nonesiste", 404],
      [`/checkout/${"0".repeat(32)}`, 404],
    ] as const) {
      const res = await b.get(p);
      expect(res.status, p).toBe(status);
      expect(res.body).not.toMatch(/at .*\.js:\d+/);
    }
  });
});

describe("paying a notice without login", () => {
  it("validates the codice avviso and the creditor's fiscal code in Italian", async () => {
    const anon = new WebClient(server.url);
    const bad = await anon.get("/paga-un-avviso?codice=12345&ente=abc");
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Il codice avviso deve essere di 18 cifre.");
    expect(bad.text).toContain("Il codice fiscale dell'ente creditore è di 11 cifre.");
    const check = await anon.get("/paga-un-avviso?codice=302032002700000250&ente=03334231200");
    expect(check.status).toBe(400);
    expect(check.text).toContain("cifre di controllo");
    const unknown = await anon.get("/paga-un-avviso?codice=3020+3200+2700+0002+51&ente=03334231200");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("Avviso non trovato");
  });

  it("shows only what the holder of the notice may see, and pays it as an anonymous payer", async () => {
    const fine = await optionOf(GIOVANE, "MULTA");
    const anon = new WebClient(server.url);
    const found = await anon.get(
      `/paga-un-avviso?codice=${encodeURIComponent(formatNav(fine.nav))}&ente=${fine.creditor_fiscal_code}`,
    );
    expect(found.status).toBe(200);
    expect(found.text).toContain(fine.description);
    expect(found.text).toContain("Comune di");
    expect(found.text).not.toContain(PERSONAS.giovane.surname);
    expect(found.text).not.toContain(GIOVANE);

    const here = `/paga-un-avviso?codice=${fine.nav}&ente=${fine.creditor_fiscal_code}`;
    const bad = await anon.post(here, {
      csrf: csrfOf(found.body, 'name="email"'),
      codice: fine.nav,
      ente: fine.creditor_fiscal_code,
      email: "non-una-email",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("L'indirizzo email non è valido");
    const forged = await anon.post(here, {
      csrf: "x".repeat(43),
      codice: fine.nav,
      ente: fine.creditor_fiscal_code,
    });
    expect(forged.status).toBe(403);

    const started = await anon.post(here, {
      csrf: csrfOf(found.body, 'name="email"'),
      codice: fine.nav,
      ente: fine.creditor_fiscal_code,
      email: "pagatore@example.org",
    });
    expect(started.status).toBe(303);
    const outcome = await finish(anon, started.location!, "successo", "app");
    expect(outcome.text).toContain("Pagamento eseguito");
    const [receipt] = await receiptsOf(fine.id);
    expect(receipt).toMatchObject({ payer_fiscal_code: null, payment_method: "APP" });
    const checkout = await db
      .selectFrom("checkouts")
      .selectAll()
      .where("id", "=", started.location!.slice(10))
      .executeTakeFirstOrThrow();
    expect(checkout).toMatchObject({
      citizen_id: null,
      payer_email: "pagatore@example.org",
      status: "pagato",
    });

    const pdf = await anon.get(`${started.location}/ricevute/${receipt!.id}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");

    const paid = await anon.get(`/paga-un-avviso?codice=${fine.nav}&ente=${fine.creditor_fiscal_code}`);
    expect(paid.status).toBe(200);
    expect(paid.text).toContain("Avviso già pagato");
    expect(paid.body).not.toContain("Paga l&#x27;avviso");
  });
});

describe("from a notice to the taxpayer dossier", () => {
  const DOSSIER_LINK = /<a [^>]*href="([^"]+)"[^>]*>Vai al dettaglio nel fascicolo del contribuente<\/a>/;

  it("links each kind of tax instalment to its page, IMU and TARI of the instalment's year", async () => {
    const kinds: Array<{ tax: TaxKind; path: (year: number) => string; heading: (year: number) => string }> =
      [
        { tax: "IMU", path: (y) => `/area-personale/contribuente/imu/${y}`, heading: (y) => `IMU ${y}` },
        { tax: "TARI", path: (y) => `/area-personale/contribuente/tari/${y}`, heading: (y) => `TARI ${y}` },
        {
          tax: "BOLLO",
          path: () => "/area-personale/contribuente/veicoli",
          heading: () => "Veicoli e bollo auto",
        },
        {
          tax: "ACCERTAMENTO",
          path: () => "/area-personale/contribuente/accertamenti",
          heading: () => "Avvisi di accertamento",
        },
      ];
    for (const kind of kinds) {
      const instalment = await db
        .selectFrom("tax_instalments as ti")
        .innerJoin("payment_options as po", "po.id", "ti.payment_option_id")
        .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
        .innerJoin("citizens as c", "c.id", "dp.debtor_citizen_id")
        .select(["po.id as optionId", "ti.year", "c.codice_fiscale as cf"])
        .where("ti.tax", "=", kind.tax)
        .where("dp.status", "in", VISIBLE_POSITION_STATUSES)
        .orderBy("po.id")
        .limit(1)
        .executeTakeFirst();
      expect(instalment, `a ${kind.tax} instalment in the seed`).toBeDefined();
      const b = await citizen(instalment!.cf);
      const notice = await b.get(`/area-personale/pagamenti/${instalment!.optionId}`);
      expect(notice.status, kind.tax).toBe(200);
      const href = DOSSIER_LINK.exec(notice.body)?.[1];
      expect(href, kind.tax).toBe(kind.path(instalment!.year));
      const page = await b.get(href!);
      expect(page.status, `${kind.tax}: ${href}`).toBe(200);
      expect(page.text, href).not.toContain("Pagina non trovata");
      expect(page.text, href).toContain(kind.heading(instalment!.year));
    }
  });
});
