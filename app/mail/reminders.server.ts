import type { Db } from "../../db/schema";
import { DOCUMENT_KIND_LABEL } from "~/dossier/labels";
import { unsubscribeUrl, type MailLinks } from "~/mail/links.server";
import {
  DOCUMENT_NOTICE_DAYS,
  REMINDER_DAYS,
  reminderDigestMail,
  reminderDueDates,
  type ReminderAppointment,
  type ReminderDocument,
  type ReminderNotice,
} from "~/mail/messages";
import { enqueueMail } from "~/mail/queue.server";
import { PAYABLE_STATUSES } from "~/rules/gpd";
import { addDays, romeDayStart } from "~/rules/time";

/**
 * The daily reminders: for each citizen with a confirmed address who wants reminders by email and
 * has not stopped them, one digest a day with the notices due in their chosen number of days, those
 * that fell due yesterday, an identity card expiring in 60 days and tomorrow's appointments.
 *
 * Idempotent: each digest's key is `promemoria:<citizen>:<day>`, so a run that stopped half-way
 * and runs again queues only what is missing; `mail_plans` records the days planned in full so that
 * later runs of the same day do nothing. The queries read only the day's due dates through their
 * indexes, never every resident.
 */

const CHUNK = 500;

interface Digest {
  notices: ReminderNotice[];
  documents: ReminderDocument[];
  appointments: ReminderAppointment[];
}

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
    if (!d) digests.set(citizenId, (d = { notices: [], documents: [], appointments: [] }));
    return d;
  };

  // Notices: due yesterday, or due within the longest notice a citizen may ask for (filtered below
  // by each citizen's own choice).
  const notices = await db
    .selectFrom("payment_options as po")
    .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
    .select([
      "dp.debtor_citizen_id as citizenId",
      "po.nav",
      "po.amount_cents",
      "po.due_date",
      "po.description",
      "po.creditor_fiscal_code",
      "dp.company_name",
    ])
    .where("po.due_date", ">=", addDays(day, -1))
    .where("po.due_date", "<=", addDays(day, REMINDER_DAYS.max))
    .where("po.status", "=", "PO_UNPAID")
    .where("dp.status", "in", PAYABLE_STATUSES)
    .where("dp.debtor_citizen_id", "is not", null)
    .orderBy("po.due_date")
    .orderBy("po.id")
    .execute();
  const noticeRows = new Map<number, typeof notices>();
  for (const n of notices) {
    const list = noticeRows.get(n.citizenId!) ?? [];
    list.push(n);
    noticeRows.set(n.citizenId!, list);
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

  const candidates = [...new Set([...noticeRows.keys(), ...digests.keys()])].sort((a, b) => a - b);
  let queued = 0;
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const ids = candidates.slice(i, i + CHUNK);
    const recipients = await db
      .selectFrom("citizens as c")
      .select(["c.id", "c.name", "c.email", "c.reminder_days_before"])
      .where("c.id", "in", ids)
      .where("c.email", "is not", null)
      .where("c.email_confirmed_at", "is not", null)
      .where("c.reminder_channel", "=", "email")
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("mail_opt_outs as m")
              .select("m.citizen_id")
              .whereRef("m.citizen_id", "=", "c.id")
              .where("m.kind", "=", "promemoria"),
          ),
        ),
      )
      .execute();
    await db.transaction().execute(async (trx) => {
      for (const r of recipients) {
        const due = reminderDueDates(day, r.reminder_days_before);
        const digest = digests.get(r.id) ?? { notices: [], documents: [], appointments: [] };
        for (const n of noticeRows.get(r.id) ?? [])
          if (n.due_date === due.upcoming || n.due_date === due.overdue)
            digest.notices.push({
              creditorName: n.company_name,
              description: n.description,
              nav: n.nav,
              creditorFiscalCode: n.creditor_fiscal_code,
              amountCents: Number(n.amount_cents),
              dueDate: n.due_date,
            });
        const unsubscribe = unsubscribeUrl(input.links, r.id, "promemoria");
        const mail = reminderDigestMail({
          portalName: input.links.portalName,
          publicUrl: input.links.publicUrl,
          name: r.name,
          today: day,
          ...digest,
          unsubscribeUrl: unsubscribe,
        });
        if (!mail) continue;
        const added = await enqueueMail(trx, {
          kind: "promemoria",
          citizenId: r.id,
          recipient: r.email!,
          mail,
          unsubscribeUrl: unsubscribe,
          dedupeKey: `promemoria:${r.id}:${day}`,
          now: input.now,
        });
        if (added) queued++;
      }
    });
  }
  await db
    .insertInto("mail_plans")
    .values({ day, planned: queued, finished_at: input.now })
    .onConflict((oc) => oc.column("day").doNothing())
    .execute();
  return { queued, planned: true };
}
