/**
 * Outbound mail against a real SMTP server started here (smtp-server on a free port) and the real
 * portal pointed at it with SMTP_URL: a citizen's new address waits for its link; a notice that
 * falls due gives exactly one reminder however many times the day is planned; an anonymous payment
 * with an address gets its receipt PDF attached, sent again only to that address; the link in a
 * reminder stops reminders in one click; a refusing server is retried until it accepts. A second
 * portal without SMTP_URL writes the same mails to the demo outbox at /demo-posta.
 */
import fs from "node:fs";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "../../db/connection";
import type { ExpressionBuilder } from "kysely";
import type { Database, Db } from "../../db/schema";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import type { MailLinks } from "../../app/mail/links.server";
import { maskEmail } from "../../app/mail/messages";
import { enqueueMail } from "../../app/mail/queue.server";
import { planReminders } from "../../app/mail/reminders.server";
import { formatNav } from "../../app/rules/nav";
import { WebClient, csrfOf, pageText } from "../support/http";
import { loginAs } from "../support/saml-client";
import { freePort, startServer, type TestServer } from "../support/server";

interface Received {
  to: string[];
  mail: ParsedMail;
}

const inbox: Received[] = [];
/** Recipients refused with a temporary error this many more times. */
const refusals = new Map<string, number>();
let smtp: SMTPServer;
let smtpPort: number;
let server: TestServer;
let handle: DbHandle;
let db: Db;
let links: MailLinks;

const CITIZEN = PERSONAS.giovane;
const ADDRESS = "giovane.prova@posta.test";

beforeAll(async () => {
  smtpPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const left = refusals.get(address.address) ?? 0;
      if (left > 0) {
        refusals.set(address.address, left - 1);
        const err = new Error("Casella temporaneamente non disponibile") as Error & { responseCode: number };
        err.responseCode = 451;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, "127.0.0.1", resolve));
  server = await startServer({
    env: {
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: '"Fascicolo del cittadino" <noreply@portale.test>',
      // Delivery every 0.3 s, retries after 1.2 s, 2.4 s...
      JOB_PERIOD_FACTOR: "0.02",
      RATE_LIMIT_FACTOR: "100",
    },
  });
  handle = await openDatabase(server.databaseUrl);
  db = handle.db;
  const secrets = JSON.parse(fs.readFileSync(path.join(server.dataDir, "secrets.json"), "utf8")) as {
    sessionSecret: string;
  };
  links = { publicUrl: server.url, portalName: "Fascicolo del cittadino", secret: secrets.sessionSecret };
}, 90_000);

afterAll(async () => {
  await handle?.close();
  await server?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

const mailsTo = (address: string) => inbox.filter((m) => m.to.includes(address));

async function waitForMail(address: string, count: number, timeoutMs = 20_000): Promise<Received[]> {
  const deadline = Date.now() + timeoutMs;
  while (mailsTo(address).length < count) {
    if (Date.now() > deadline)
      throw new Error(`${count} email a ${address} attese, ${mailsTo(address).length} arrivate`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return mailsTo(address);
}

/** A notice the reminders speak of: an instalment, or a single payment with no instalments. */
type WithOptions = Database & { po: Database["payment_options"]; dp: Database["debt_positions"] };

function remindedNotice(eb: ExpressionBuilder<WithOptions, "po" | "dp">) {
  return eb.or([
    eb("po.is_partial_payment", "=", 1),
    eb.not(
      eb.exists(
        eb
          .selectFrom("payment_options as inst")
          .select("inst.id")
          .whereRef("inst.position_id", "=", "po.position_id")
          .where("inst.is_partial_payment", "=", 1),
      ),
    ),
  ]);
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the queued message with `key` is in `state`, in the database `on` (default: the SMTP portal's). */
async function waitForRow(key: string, state: string, on: Db = db): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const row = await on
      .selectFrom("mail_queue")
      .select("state")
      .where("dedupe_key", "=", key)
      .executeTakeFirst();
    if (row?.state === state) return;
    if (Date.now() > deadline) throw new Error(`${key}: stato ${row?.state ?? "assente"}, atteso ${state}`);
    await pause(100);
  }
}

async function citizenClient(cf: string): Promise<WebClient> {
  const { cookie } = await loginAs(server.url, { codiceFiscale: cf });
  return new WebClient(server.url, cookie);
}

async function citizenId(cf: string): Promise<number> {
  const row = await db
    .selectFrom("citizens")
    .select("id")
    .where("codice_fiscale", "=", cf)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A payable notice of `debtorId` (or of anyone else when `debtorId` is negative). */
async function payableOption(debtorId: number, other = false) {
  let q = db
    .selectFrom("payment_options as po")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .select([
      "po.id",
      "po.nav",
      "po.amount_cents",
      "po.creditor_fiscal_code",
      "po.due_date",
      "dp.debtor_citizen_id",
    ])
    .where("po.status", "=", "PO_UNPAID")
    .where("dp.status", "=", "VALID")
    .where(remindedNotice)
    .where("po.reserved_by", "is", null)
    .orderBy("po.id");
  q = other
    ? q.where("dp.debtor_citizen_id", "!=", debtorId)
    : q.where("dp.debtor_citizen_id", "=", debtorId);
  return q.executeTakeFirstOrThrow();
}

describe("outbound mail through SMTP", () => {
  it("sends the confirmation link to a new address, which receives nothing until confirmed", async () => {
    const b = await citizenClient(CITIZEN.codiceFiscale);
    const profile = await b.get("/area-personale/profilo");
    expect(profile.status).toBe(200);
    const saved = await b.post("/area-personale/profilo", {
      csrf: csrfOf(profile.body, 'name="email"'),
      email: ADDRESS,
      phone: "",
      reminderChannel: "email",
      reminderDaysBefore: "7",
      mailKindsOffered: "1",
      mailKinds: ["promemoria", "messaggi", "ricevuta"],
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe("/area-personale/profilo?salvato=conferma");
    const id = await citizenId(CITIZEN.codiceFiscale);
    const pending = await db
      .selectFrom("citizens")
      .select(["email", "email_pending", "email_confirmed_at", "email_token_hash"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(pending.email_pending).toBe(ADDRESS);
    expect(pending.email).not.toBe(ADDRESS);

    const [confirmation] = await waitForMail(ADDRESS, 1);
    const mail = confirmation!.mail;
    expect(mail.subject).toBe("Conferma il tuo indirizzo email");
    expect(mail.from?.text).toContain("noreply@portale.test");
    expect(mail.text).toContain("Il collegamento vale 24 ore");
    expect(mail.html).toContain("Conferma l&#39;indirizzo");
    const link = /\/conferma-email\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
    expect(link).not.toBeNull();
    // The token itself is never stored, only its hash.
    expect(pending.email_token_hash).not.toContain(link![1]);

    // Opening the link changes nothing; the button does, once.
    const page = await new WebClient(server.url).get(`/conferma-email?token=${link![1]}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Conferma l'indirizzo");
    expect(
      (
        await db
          .selectFrom("citizens")
          .select("email_confirmed_at")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).email_confirmed_at,
    ).toBe(pending.email_confirmed_at);
    const confirm = await new WebClient(server.url).post("/conferma-email", { token: link![1] });
    expect(confirm.status).toBe(303);
    const after = await db
      .selectFrom("citizens")
      .select(["email", "email_pending", "email_confirmed_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ email: ADDRESS, email_pending: null });
    expect(after.email_confirmed_at).not.toBeNull();
    const again = await new WebClient(server.url).post("/conferma-email", { token: link![1] });
    expect(again.status).toBe(400);
    expect(again.text).toContain("non è valido o è già stato usato");
    const bad = await new WebClient(server.url).get("/conferma-email?token=abc");
    expect(bad.status).toBe(400);
  });

  it("makes a notice fall due and plans the day twice: exactly one reminder arrives", async () => {
    const id = await citizenId(CITIZEN.codiceFiscale);
    const notice = await payableOption(id);
    const day = "2027-01-11";
    await db
      .updateTable("payment_options")
      .set({ due_date: "2027-01-18" })
      .where("id", "=", notice.id)
      .execute();
    // Yesterday a message arrived, still unread, and a pratica was sent back for documents.
    const sender = await db
      .selectFrom("entities")
      .select(["id", "name"])
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("messages")
      .values({
        citizen_id: id,
        sender_entity_id: sender.id,
        sender_office_id: null,
        operator_id: null,
        subject: "Comunicazione di prova",
        body: "Testo",
        sent_at: "2027-01-10T09:00:00.000Z",
        read_at: null,
        due_date: null,
        payment_option_id: null,
        pratica_id: null,
      })
      .execute();
    const pratica = await db
      .selectFrom("pratiche")
      .select(["id", "title"])
      .where("citizen_id", "=", id)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await db.updateTable("pratiche").set({ status: "da_integrare" }).where("id", "=", pratica.id).execute();
    await db
      .insertInto("pratica_events")
      .values({
        pratica_id: pratica.id,
        status: "da_integrare",
        note: "Manca la planimetria",
        actor: "operatore",
        operator_id: null,
        at: "2027-01-10T15:00:00.000Z",
      })
      .execute();
    const first = await planReminders(db, { day, now: "2027-01-11T05:00:00.000Z", links });
    const second = await planReminders(db, { day, now: "2027-01-11T06:00:00.000Z", links });
    expect(first.planned).toBe(true);
    expect(first.queued).toBeGreaterThanOrEqual(1);
    expect(second).toEqual({ queued: 0, planned: false });

    const before = mailsTo(ADDRESS).length;
    const received = await waitForMail(ADDRESS, before + 1);
    // Several delivery rounds later there is still one.
    await pause(1500);
    const reminders = mailsTo(ADDRESS).filter((m) => m.mail.subject?.startsWith("Promemoria"));
    expect(reminders).toHaveLength(1);
    const reminder = received.at(-1)!.mail;
    expect(reminder.subject).toBe("Promemoria: 3 scadenze da ricordare");
    expect(reminder.text).toContain("Un avviso è in scadenza:");
    expect(reminder.text).toContain(`- ${pratica.title} (`);
    expect(reminder.text).toContain(`Hai un nuovo messaggio da ${sender.name}.`);
    expect(reminder.text).toContain(formatNav(notice.nav));
    expect(reminder.text).toContain(
      `/paga-un-avviso?codice=${notice.nav}&ente=${notice.creditor_fiscal_code}`,
    );
    expect(reminder.html).toContain("Paga €");
    const header = (key: string) =>
      (reminder.headerLines.find((h) => h.key === key)?.line ?? "").replace(/\r?\n\s+/g, " ");
    expect(header("list-unsubscribe")).toMatch(
      /^List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+\/posta\/disiscrizione\?c=\d+&k=promemoria&t=[\w-]+>$/,
    );
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(reminder.messageId).toMatch(/^<posta-\d+\.[0-9a-f]{16}@portale\.test>$/);

    const rows = await db
      .selectFrom("mail_queue")
      .select(["state", "attempts", "transport"])
      .where("dedupe_key", "=", `promemoria:${id}:${day}`)
      .execute();
    expect(rows).toEqual([{ state: "inviato", attempts: 0, transport: "smtp" }]);
  });

  it("stops reminders in one click from the mail's own header", async () => {
    const id = await citizenId(CITIZEN.codiceFiscale);
    const reminder = mailsTo(ADDRESS).find((m) => m.mail.subject?.startsWith("Promemoria"))!.mail;
    const url = /https?:\/\/[^\s>"]+\/posta\/disiscrizione\?[^\s>"]+/.exec(reminder.text ?? "")![0];
    const target = new URL(url);
    // A forged signature is refused.
    const forged = await new WebClient(server.url).post(
      `${target.pathname}?c=${id}&k=promemoria&t=${"x".repeat(43)}`,
      { "List-Unsubscribe": "One-Click" },
    );
    expect(forged.status).toBe(400);
    const res = await new WebClient(server.url).post(`${target.pathname}${target.search}`, {
      "List-Unsubscribe": "One-Click",
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain("non riceverai più promemoria");
    const stopped = await db.selectFrom("mail_opt_outs").selectAll().where("citizen_id", "=", id).execute();
    expect(stopped.map((s) => s.kind)).toEqual(["promemoria"]);

    // The next day with a notice due plans nothing for them.
    const notice = await payableOption(id);
    await db
      .updateTable("payment_options")
      .set({ due_date: "2027-01-19" })
      .where("id", "=", notice.id)
      .execute();
    await planReminders(db, { day: "2027-01-12", now: "2027-01-12T05:00:00.000Z", links });
    const queued = await db
      .selectFrom("mail_queue")
      .select("id")
      .where("dedupe_key", "=", `promemoria:${id}:2027-01-12`)
      .execute();
    expect(queued).toHaveLength(0);
  });

  it("mails the receipt PDF to an anonymous payer's address and sends it again only there", async () => {
    const id = await citizenId(CITIZEN.codiceFiscale);
    const notice = await payableOption(id, true);
    const payer = "pagatore.anonimo@posta.test";
    const anon = new WebClient(server.url);
    const lookPath = `/paga-un-avviso?codice=${notice.nav}&ente=${notice.creditor_fiscal_code}`;
    const look = await anon.get(lookPath);
    expect(look.status).toBe(200);
    const start = await anon.post("/paga-un-avviso", {
      csrf: csrfOf(look.body, 'name="email"'),
      codice: notice.nav,
      ente: notice.creditor_fiscal_code,
      email: payer,
    });
    expect(start.status).toBe(303);
    const checkout = await anon.get(start.location!);
    const paid = await anon.post(start.location!, {
      csrf: csrfOf(checkout.body, 'name="esito"'),
      esito: "successo",
      metodo: "carta",
    });
    expect(paid.status).toBe(303);

    const [receipt] = await waitForMail(payer, 1);
    const mail = receipt!.mail;
    expect(mail.subject).toMatch(/^Ricevuta di pagamento: /);
    expect(mail.text).toContain(formatNav(notice.nav));
    expect(mail.html).toContain("In allegato trovi la ricevuta");
    expect(mail.attachments).toHaveLength(1);
    const pdf = mail.attachments[0]!;
    expect(pdf.filename).toBe(`ricevuta-${notice.nav}.pdf`);
    expect(pdf.contentType).toBe("application/pdf");
    expect(pdf.content.subarray(0, 5).toString()).toBe("%PDF-");
    // Sent to a typed address, the mail has no link to stop mail: it is not a citizen's subscription.
    expect(mail.headerLines.some((h) => h.key === "list-unsubscribe")).toBe(false);

    // "Avviso già pagato": the receipt again, to the masked first address only, once a day.
    const paidPage = await anon.get(lookPath);
    expect(paidPage.text).toContain("Avviso già pagato");
    expect(paidPage.text).toContain("Invia di nuovo la ricevuta a p***o@p***.test");
    expect(paidPage.text).not.toContain(payer);
    const resend = await anon.post(lookPath, {
      csrf: csrfOf(paidPage.body, 'value="reinvia-ricevuta"'),
      codice: notice.nav,
      ente: notice.creditor_fiscal_code,
      intent: "reinvia-ricevuta",
      // An address typed here is ignored: the receipt goes where it went the first time.
      email: "altro@posta.test",
    });
    expect(resend.status).toBe(200);
    expect(resend.text).toContain("Ricevuta inviata di nuovo a p***o@p***.test");
    const twice = await anon.post(lookPath, {
      csrf: csrfOf(paidPage.body, 'value="reinvia-ricevuta"'),
      codice: notice.nav,
      ente: notice.creditor_fiscal_code,
      intent: "reinvia-ricevuta",
    });
    expect(twice.status).toBe(429);
    const both = await waitForMail(payer, 2);
    expect(both[1]!.mail.attachments[0]!.filename).toBe(`ricevuta-${notice.nav}.pdf`);
    expect(mailsTo("altro@posta.test")).toHaveLength(0);
  });

  it("retries a refusing server with backoff until it accepts, never twice", async () => {
    const address = "occupato@posta.test";
    refusals.set(address, 2);
    await enqueueMail(db, {
      kind: "promemoria",
      citizenId: null,
      recipient: address,
      mail: { subject: "Prova di nuovo tentativo", text: "Testo", html: "<p>Testo</p>" },
      dedupeKey: "prova:nuovo-tentativo",
      now: new Date().toISOString(),
    });
    const [got] = await waitForMail(address, 1, 30_000);
    expect(got!.mail.subject).toBe("Prova di nuovo tentativo");
    // The row is marked right after the server accepted the message.
    await waitForRow("prova:nuovo-tentativo", "inviato");
    const row = await db
      .selectFrom("mail_queue")
      .select(["state", "attempts", "last_error"])
      .where("dedupe_key", "=", "prova:nuovo-tentativo")
      .executeTakeFirstOrThrow();
    expect(row.state).toBe("inviato");
    expect(row.attempts).toBe(2);
    await pause(1000);
    expect(mailsTo(address)).toHaveLength(1);
  });

  it("shows the queue to the ente's admin only, with masked addresses", async () => {
    const admin = await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.torinoAdmin.codiceFiscale });
    const page = await new WebClient(server.url, admin.cookie).get("/operatore/posta");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Posta in uscita");
    expect(page.text).toContain("server SMTP configurato");
    const latest = await db
      .selectFrom("mail_queue")
      .select("recipient")
      .orderBy("id", "desc")
      .limit(5)
      .execute();
    for (const { recipient } of latest) {
      expect(page.text).toContain(`${maskEmail(recipient)} `);
      expect(page.text).not.toContain(recipient);
    }
    const other = await loginAs(server.url, {
      codiceFiscale: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale,
    });
    expect((await new WebClient(server.url, other.cookie).get("/operatore/posta")).status).toBe(404);
    const citizen = await citizenClient(PERSONAS.famiglia.codiceFiscale);
    expect((await citizen.get("/operatore/posta")).status).toBe(404);
  });
});

describe("the demo outbox", () => {
  let demo: TestServer;
  let demoHandle: DbHandle;
  beforeAll(async () => {
    demo = await startServer({ env: { JOB_PERIOD_FACTOR: "0.02" } });
    demoHandle = await openDatabase(demo.databaseUrl);
  }, 90_000);
  afterAll(async () => {
    await demoHandle?.close();
    await demo?.stop();
  });

  it("shows a reminder and a receipt with its PDF, written by the portal without a mail server", async () => {
    const ddb = demoHandle.db;
    const secrets = JSON.parse(fs.readFileSync(path.join(demo.dataDir, "secrets.json"), "utf8")) as {
      sessionSecret: string;
    };
    const famiglia = await ddb
      .selectFrom("citizens")
      .select(["id", "email"])
      .where("codice_fiscale", "=", PERSONAS.famiglia.codiceFiscale)
      .executeTakeFirstOrThrow();
    await ddb
      .updateTable("citizens")
      .set({
        email: "famiglia@posta.test",
        email_confirmed_at: "2026-11-01T10:00:00.000Z",
        reminder_channel: "email",
      })
      .where("id", "=", famiglia.id)
      .execute();
    const notice = await ddb
      .selectFrom("payment_options as po")
      .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
      .select(["po.id", "po.nav", "po.creditor_fiscal_code"])
      .where("dp.debtor_citizen_id", "=", famiglia.id)
      .where("po.status", "=", "PO_UNPAID")
      .where("dp.status", "=", "VALID")
      .where(remindedNotice)
      .orderBy("po.id")
      .executeTakeFirstOrThrow();
    await ddb
      .updateTable("payment_options")
      .set({ due_date: "2027-02-08" })
      .where("id", "=", notice.id)
      .execute();
    await planReminders(ddb, {
      day: "2027-02-01",
      now: "2027-02-01T05:00:00.000Z",
      links: { publicUrl: demo.url, portalName: "Fascicolo del cittadino", secret: secrets.sessionSecret },
    });

    const anon = new WebClient(demo.url);
    const lookPath = `/paga-un-avviso?codice=${notice.nav}&ente=${notice.creditor_fiscal_code}`;
    const look = await anon.get(lookPath);
    const start = await anon.post("/paga-un-avviso", {
      csrf: csrfOf(look.body, 'name="email"'),
      codice: notice.nav,
      ente: notice.creditor_fiscal_code,
      email: "demo.pagatore@posta.test",
    });
    expect(start.status).toBe(303);
    const checkout = await anon.get(start.location!);
    expect(
      (
        await anon.post(start.location!, {
          csrf: csrfOf(checkout.body, 'name="esito"'),
          esito: "successo",
          metodo: "carta",
        })
      ).status,
    ).toBe(303);

    // Both written to the outbox by the delivery job, then shown.
    await waitForRow(`promemoria:${famiglia.id}:2027-02-01`, "inviato", ddb);
    const receiptRow = await ddb
      .selectFrom("mail_queue")
      .select("dedupe_key")
      .where("recipient", "=", "demo.pagatore@posta.test")
      .executeTakeFirstOrThrow();
    await waitForRow(receiptRow.dedupe_key, "inviato", ddb);
    const page = await anon.get("/demo-posta");
    expect(page.status).toBe(200);
    const text = pageText(page.body);
    expect(text).toContain("Promemoria: avviso in scadenza il 08/02/2027");
    expect(text).toContain("A: famiglia@posta.test");
    expect(text).toContain("con la ricevuta in PDF allegata");
    const row = await ddb
      .selectFrom("mail_queue")
      .select(["id", "transport"])
      .where("recipient", "=", "demo.pagatore@posta.test")
      .executeTakeFirstOrThrow();
    expect(row.transport).toBe("posta-demo");
    const eml = await anon.get(`/demo-posta/${row.id}.eml`);
    expect(eml.status).toBe(200);
    const parsed = await simpleParser(eml.body);
    expect(parsed.attachments[0]?.contentType).toBe("application/pdf");
    expect(parsed.attachments[0]?.content.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await anon.get("/demo-posta/999999.eml")).status).toBe(404);
  });
});
