import type { Db } from "../../db/schema";
import { DOCUMENT_KIND_LABEL } from "~/dossier/labels";
import { unsubscribeUrl, type MailLinks } from "~/mail/links.server";
import {
  DOCUMENT_NOTICE_DAYS,
  REMINDER_DAYS,
  reminderDigestMail,
  type ReminderAppointment,
  type ReminderDocument,
  type ReminderNotice,
  type ReminderPratica,
} from "~/mail/messages";
import { enqueueMail } from "~/mail/queue.server";
import { PAYABLE_STATUSES } from "~/rules/gpd";
import { addDays, romeDayStart } from "~/rules/time";

/**
 * The daily reminders: for each citizen with a confirmed address who wants reminders by email, one
 * digest a day with the notices due in their chosen number of days, those that fell due yesterday,
 * an identity card expiring in 60 days, tomorrow's appointments and the pratiche sent back to them
 * yesterday for documents (unless they stopped reminders), and the unread messages that arrived
 * yesterday (unless they stopped those).
 *
 * Idempotent: each digest's key is `promemoria:<citizen>:<day>`, so a run that stopped half-way
 * and runs again queues only what is missing; `mail_plans` records the days planned in full so that
 * later runs of the same day do nothing. The queries read only the day's due dates through their
 * indexes, never every resident.
 */

const CHUNK = 500;

/**
 * Lets the event loop turn between batches: on SQLite every query is synchronous, and the process
 * that plans also answers requests.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Digest {
  notices: ReminderNotice[];
  documents: ReminderDocument[];
  appointments: ReminderAppointment[];
  pratiche: ReminderPratica[];
  messageCount: number;
  senders: Set<string>;
}

const emptyDigest = (): Digest => ({
  notices: [],
  documents: [],
  appointments: [],
  pratiche: [],
  messageCount: 0,
  senders: new Set(),
});

export interface PlanResult {
  /** Digests queued by this run. */
  queued: number;
  /** False when the day had been planned already. */
  planned: boolean;
}

export async function planReminders(
  db: Db,
  input: { day: string; now: string; links: MailLinks },
): Promise<PlanResult> {
  const done = await db
    .selectFrom("mail_plans")
    .select("day")
    .where("day", "=", input.day)
    .executeTakeFirst();
  if (done) return { queued: 0, planned: false };
  const { day } = input;
  const digests = new Map<number, Digest>();
  const digestOf = (citizenId: number) => {
    let d = digests.get(citizenId);
    if (!d) digests.set(citizenId, (d = emptyDigest()));
    return d;
  };

  // Notices: for each notice period a citizen may choose (1 to 30 days), those due that many days
  // from today of the citizens who chose it; and those of anyone that fell due yesterday. One
  // equality on the due date per query (its index), joined to the citizens who get reminders.
  const noticeRows = new Map<number, ReminderNotice[]>();
  const targets: Array<{ due: string; daysBefore: number | null }> = [
    { due: addDays(day, -1), daysBefore: null },
  ];
  for (let d = REMINDER_DAYS.min; d <= REMINDER_DAYS.max; d++)
    targets.push({ due: addDays(day, d), daysBefore: d });
  for (const target of targets) {
    let q = db
      .selectFrom("payment_options as po")
      .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
      .innerJoin("citizens as c", "c.id", "dp.debtor_citizen_id")
      .select([
        "c.id as citizenId",
        "po.nav",
        "po.amount_cents",
        "po.due_date",
        "po.description",
        "po.creditor_fiscal_code",
        "dp.company_name",
      ])
      .where("po.due_date", "=", target.due)
      .where("po.status", "=", "PO_UNPAID")
      .where("dp.status", "in", PAYABLE_STATUSES)
      // The notices the Scrivania lists (effectiveOptions): a position paid in instalments is
      // reminded of its instalments, not of the single payment they replace.
      .where((eb) =>
        eb.or([
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
        ]),
      )
      .where("c.email_confirmed_at", "is not", null)
      .where("c.reminder_channel", "=", "email");
    if (target.daysBefore !== null) q = q.where("c.reminder_days_before", "=", target.daysBefore);
    for (const n of await q.orderBy("po.id").execute()) {
      const list = noticeRows.get(n.citizenId) ?? [];
      list.push({
        creditorName: n.company_name,
        description: n.description,
        nav: n.nav,
        creditorFiscalCode: n.creditor_fiscal_code,
        amountCents: Number(n.amount_cents),
        dueDate: n.due_date,
      });
      noticeRows.set(n.citizenId, list);
    }
    await breathe();
  }

  const documents = await db
    .selectFrom("identity_documents")
    .select(["citizen_id", "kind", "expiry_date"])
    .where("expiry_date", "=", addDays(day, DOCUMENT_NOTICE_DAYS))
    .where("kind", "=", "carta_identita")
    .execute();
  for (const d of documents)
    digestOf(d.citizen_id).documents.push({ label: DOCUMENT_KIND_LABEL[d.kind], expiryDate: d.expiry_date });

  const appointments = await db
    .selectFrom("appointments as a")
    .innerJoin("appointment_slots as s", "s.id", "a.slot_id")
    .innerJoin("offices as o", "o.id", "s.office_id")
    .select(["a.citizen_id", "s.starts_at", "s.service", "o.name as office", "o.address"])
    .where("a.status", "=", "prenotato")
    .where("s.starts_at", ">=", romeDayStart(addDays(day, 1)))
    .where("s.starts_at", "<", romeDayStart(addDays(day, 2)))
    .orderBy("s.starts_at")
    .execute();
  for (const a of appointments)
    digestOf(a.citizen_id).appointments.push({
      office: `${a.office}, ${a.address}`,
      service: a.service,
      startsAt: a.starts_at,
    });

  // Pratiche the office sent back yesterday asking for documents, still waiting for them.
  const yesterday = { from: romeDayStart(addDays(day, -1)), to: romeDayStart(day) };
  const pratiche = await db
    .selectFrom("pratica_events as pe")
    .innerJoin("pratiche as p", "p.id", "pe.pratica_id")
    .innerJoin("entities as e", "e.id", "p.entity_id")
    .select(["p.id", "p.citizen_id", "p.title", "e.name as ente_name"])
    .where("pe.status", "=", "da_integrare")
    .where("pe.at", ">=", yesterday.from)
    .where("pe.at", "<", yesterday.to)
    .where("p.status", "=", "da_integrare")
    .execute();
  // The date the office gave for the documents: the latest due date of the pratica's messages,
  // read through the citizens' index of messages.
  const integrationDue = new Map<number, string>();
  for (let i = 0; i < pratiche.length; i += CHUNK) {
    const part = pratiche.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom("messages")
      .select(["pratica_id", (eb) => eb.fn.max("due_date").as("due")])
      .where(
        "citizen_id",
        "in",
        part.map((p) => p.citizen_id),
      )
      .where(
        "pratica_id",
        "in",
        part.map((p) => p.id),
      )
      .where("due_date", "is not", null)
      .groupBy("pratica_id")
      .execute();
    for (const r of rows) if (r.pratica_id !== null && r.due) integrationDue.set(r.pratica_id, r.due);
  }
  const seenPratiche = new Set<number>();
  for (const p of pratiche) {
    if (seenPratiche.has(p.id)) continue;
    seenPratiche.add(p.id);
    digestOf(p.citizen_id).pratiche.push({
      title: p.title,
      enteName: p.ente_name,
      dueDate: integrationDue.get(p.id) ?? null,
    });
  }

  // Messages that arrived yesterday and are still unread.
  const messages = await db
    .selectFrom("messages as m")
    .innerJoin("entities as e", "e.id", "m.sender_entity_id")
    .select(["m.citizen_id", "e.name as sender"])
    .where("m.sent_at", ">=", yesterday.from)
    .where("m.sent_at", "<", yesterday.to)
    .where("m.read_at", "is", null)
    .execute();
  for (const m of messages) {
    const d = digestOf(m.citizen_id);
    d.messageCount++;
    d.senders.add(m.sender);
  }

  const candidates = [...new Set([...noticeRows.keys(), ...digests.keys()])].sort((a, b) => a - b);
  let queued = 0;
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const ids = candidates.slice(i, i + CHUNK);
    const recipients = await db
      .selectFrom("citizens as c")
      .select(["c.id", "c.name", "c.email"])
      .where("c.id", "in", ids)
      .where("c.email", "is not", null)
      .where("c.email_confirmed_at", "is not", null)
      .where("c.reminder_channel", "=", "email")
      .execute();
    const stopped = new Set(
      recipients.length
        ? (
            await db
              .selectFrom("mail_opt_outs")
              .select(["citizen_id", "kind"])
              .where(
                "citizen_id",
                "in",
                recipients.map((r) => r.id),
              )
              .where("kind", "in", ["promemoria", "messaggi"])
              .execute()
          ).map((o) => `${o.citizen_id}:${o.kind}`)
        : [],
    );
    await db.transaction().execute(async (trx) => {
      for (const r of recipients) {
        const wantsReminders = !stopped.has(`${r.id}:promemoria`);
        const wantsMessages = !stopped.has(`${r.id}:messaggi`);
        const found = digests.get(r.id) ?? emptyDigest();
        // Overdue first, then by due date, as the queries ran.
        const notices = noticeRows.get(r.id) ?? [];
        const reminders = wantsReminders
          ? {
              notices,
              documents: found.documents,
              appointments: found.appointments,
              pratiche: found.pratiche,
            }
          : { notices: [], documents: [], appointments: [], pratiche: [] };
        const hasReminders =
          reminders.notices.length +
            reminders.documents.length +
            reminders.appointments.length +
            reminders.pratiche.length >
          0;
        const messageNews =
          wantsMessages && found.messageCount > 0
            ? { count: found.messageCount, senders: [...found.senders] }
            : null;
        const unsubscribe = {
          ...(hasReminders ? { promemoria: unsubscribeUrl(input.links, r.id, "promemoria") } : {}),
          ...(messageNews ? { messaggi: unsubscribeUrl(input.links, r.id, "messaggi") } : {}),
        };
        const mail = reminderDigestMail({
          portalName: input.links.portalName,
          publicUrl: input.links.publicUrl,
          name: r.name,
          today: day,
          ...reminders,
          messages: messageNews,
          unsubscribe,
        });
        if (!mail) continue;
        const added = await enqueueMail(trx, {
          kind: hasReminders ? "promemoria" : "messaggi",
          citizenId: r.id,
          recipient: r.email!,
          mail,
          unsubscribeUrl: unsubscribe.promemoria ?? unsubscribe.messaggi ?? null,
          dedupeKey: `promemoria:${r.id}:${day}`,
          now: input.now,
        });
        if (added) queued++;
      }
    });
    await breathe();
  }
  await db
    .insertInto("mail_plans")
    .values({ day, planned: queued, finished_at: input.now })
    .onConflict((oc) => oc.column("day").doNothing())
    .execute();
  return { queued, planned: true };
}
