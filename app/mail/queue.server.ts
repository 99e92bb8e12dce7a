import crypto from "node:crypto";
import type { ExpressionBuilder, Kysely, Transaction } from "kysely";
import { isPostgres } from "../../db/dialect";
import type { Database, Db, MailKind, MailState, Row } from "../../db/schema";
import type { ComposedMail } from "~/mail/messages";

/**
 * The outgoing mail queue (docs/decisions/026-outbound-mail.md). A message is a row, written in the
 * transaction of what caused it, so that a payment and its receipt mail commit or vanish together
 * and a failing mail server never blocks a page. The delivery job claims due rows with a lease (one
 * statement, so two processes never claim the same row), sends, and marks each sent or schedules
 * its retry with a growing delay. `dedupe_key` is unique: planning a message twice inserts it once.
 */

type Executor = Db | Transaction<Database> | Kysely<Database>;

export interface NewMail {
  kind: MailKind;
  citizenId: number | null;
  recipient: string;
  mail: ComposedMail;
  unsubscribeUrl?: string | null;
  attachment?: { kind: "ricevute"; ref: string } | null;
  /** The same key is queued once; e.g. `ricevuta:<checkout>`, `promemoria:<citizen>:<day>`. */
  dedupeKey: string;
  /** The portal's instant, recorded as the message's creation. */
  now: string;
}

/** Queues a message; false when its dedupe key was already queued (nothing written). */
export async function enqueueMail(db: Executor, m: NewMail): Promise<boolean> {
  const res = await db
    .insertInto("mail_queue")
    .values({
      kind: m.kind,
      citizen_id: m.citizenId,
      recipient: m.recipient,
      subject: m.mail.subject,
      text_body: m.mail.text,
      html_body: m.mail.html,
      unsubscribe_url: m.unsubscribeUrl ?? null,
      attachment_kind: m.attachment?.kind ?? null,
      attachment_ref: m.attachment?.ref ?? null,
      dedupe_key: m.dedupeKey,
      state: "in_coda",
      // Delivery goes by the real clock (as leases do), even when the demo pins the calendar date.
      next_attempt_at: new Date().toISOString(),
      leased_by: null,
      leased_until: null,
      last_error: null,
      transport: null,
      message_id: null,
      created_at: m.now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** After this many failed attempts a message is given up ("non_inviabile") and shown as such. */
export const MAX_ATTEMPTS = 8;

/** Wait before attempt n+1 after n failures: 1, 2, 4 ... minutes, at most 6 hours (times `factor`). */
export function retryDelayMs(failures: number, factor = 1): number {
  const minutes = Math.min(2 ** Math.max(0, failures - 1), 360);
  return Math.max(1, Math.round(minutes * 60_000 * factor));
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Claims up to `limit` due messages for `holder` until `leaseMs` from now: a row is due when it
 * waits in the queue, its next attempt has come and no live lease holds it. One UPDATE whose WHERE
 * is checked again on each row, so racing processes split the rows rather than share them.
 */
export async function claimDueMail(
  db: Db,
  holder: string,
  nowMs: number,
  opts: { limit?: number; leaseMs?: number } = {},
): Promise<Array<Row<"mail_queue">>> {
  const now = iso(nowMs);
  const due = (eb: ExpressionBuilder<Database, "mail_queue">) =>
    eb.and([
      eb("state", "=", "in_coda"),
      eb("next_attempt_at", "<=", now),
      eb.or([eb("leased_until", "is", null), eb("leased_until", "<=", now)]),
    ]);
  const dueIds = db
    .selectFrom("mail_queue")
    .select("id")
    .where(due)
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(opts.limit ?? 20);
  const lease = { leased_by: holder, leased_until: iso(nowMs + (opts.leaseMs ?? 120_000)) };
  if (isPostgres(db)) {
    // PostgreSQL: the rows are picked once, in a materialized CTE (a subquery under IN may be run
    // again and pick more than the limit), passing over rows another process is claiming rather
    // than waiting for them, so that two processes take different rows at once.
    return db
      .with(
        (w) => w("picked").materialized(),
        () => dueIds.forUpdate().skipLocked(),
      )
      .updateTable("mail_queue")
      .from("picked")
      .set(lease)
      .whereRef("mail_queue.id", "=", "picked.id")
      .where(due)
      .returningAll("mail_queue")
      .execute();
  }
  // SQLite writes one statement at a time: the WHERE, checked again, keeps claims apart.
  return db
    .updateTable("mail_queue")
    .set(lease)
    .where((eb) => eb.and([eb("id", "in", dueIds), due(eb)]))
    .returningAll()
    .execute();
}

export async function markSent(
  db: Db,
  id: number,
  holder: string,
  sent: { at: string; transport: string; messageId: string },
): Promise<boolean> {
  const res = await db
    .updateTable("mail_queue")
    .set({
      state: "inviato",
      sent_at: sent.at,
      transport: sent.transport,
      message_id: sent.messageId,
      leased_by: null,
      leased_until: null,
      last_error: null,
    })
    .where("id", "=", id)
    .where("leased_by", "=", holder)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function markFailed(
  db: Db,
  row: Pick<Row<"mail_queue">, "id" | "attempts">,
  holder: string,
  failure: { nowMs: number; error: string; retryFactor?: number },
): Promise<MailState> {
  const attempts = row.attempts + 1;
  const state: MailState = attempts >= MAX_ATTEMPTS ? "non_inviabile" : "in_coda";
  await db
    .updateTable("mail_queue")
    .set({
      state,
      attempts,
      last_error: failure.error.slice(0, 500),
      next_attempt_at: iso(failure.nowMs + retryDelayMs(attempts, failure.retryFactor)),
      leased_by: null,
      leased_until: null,
    })
    .where("id", "=", row.id)
    .where("leased_by", "=", holder)
    .execute();
  return state;
}

/** What a transport is handed: the row's content plus what is built only when sending. */
export interface OutgoingMail {
  id: number;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per row, so that a retry after a crash mid-send can be recognised as the same message. */
  messageId: string;
  unsubscribeUrl: string | null;
  attachments: Array<{ filename: string; content: Buffer; contentType: string }>;
}

export interface MailTransport {
  /** "smtp" or "posta-demo": written on the row once sent. */
  readonly name: string;
  send(mail: OutgoingMail): Promise<void>;
  close?(): void;
}

/** The Message-ID of a queued row: its id and key's hash, at the sender's domain. */
export function messageIdOf(row: Pick<Row<"mail_queue">, "id" | "dedupe_key">, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
  const hash = crypto.createHash("sha256").update(row.dedupe_key).digest("hex").slice(0, 16);
  return `<posta-${row.id}.${hash}@${domain}>`;
}

export interface DeliveryOptions {
  db: Db;
  transport: MailTransport;
  from: string;
  holder: string;
  /** Builds the attachments a row names (receipts' PDFs); a throw counts as a failed attempt. */
  attachmentsOf: (row: Row<"mail_queue">) => Promise<OutgoingMail["attachments"]>;
  now?: () => number;
  /** The portal's instant recorded as `sent_at` (pinned to the demo's date); default: the real one. */
  stamp?: () => string;
  /** Multiplies the retry delays (tests shorten them). */
  retryFactor?: number;
  limit?: number;
  onError?: (row: Row<"mail_queue">, err: unknown) => void;
}

/** One pass of the delivery job: claims due rows and sends them; returns how many were sent. */
export async function deliverDueMail(opts: DeliveryOptions): Promise<number> {
  const now = opts.now ?? Date.now;
  const rows = await claimDueMail(opts.db, opts.holder, now(), { limit: opts.limit });
  let sent = 0;
  for (const row of rows) {
    const messageId = messageIdOf(row, opts.from);
    try {
      await opts.transport.send({
        id: row.id,
        from: opts.from,
        to: row.recipient,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        messageId,
        unsubscribeUrl: row.unsubscribe_url,
        attachments: await opts.attachmentsOf(row),
      });
    } catch (err) {
      opts.onError?.(row, err);
      await markFailed(opts.db, row, opts.holder, {
        nowMs: now(),
        error: err instanceof Error ? err.message : String(err),
        retryFactor: opts.retryFactor,
      });
      continue;
    }
    if (
      await markSent(opts.db, row.id, opts.holder, {
        at: iso(now()),
        transport: opts.transport.name,
        messageId,
      })
    )
      sent++;
  }
  return sent;
}

export interface QueueSummary {
  counts: Record<MailState, number>;
  latest: Array<
    Pick<
      Row<"mail_queue">,
      | "id"
      | "kind"
      | "recipient"
      | "subject"
      | "state"
      | "attempts"
      | "next_attempt_at"
      | "last_error"
      | "created_at"
      | "sent_at"
      | "transport"
    >
  >;
}

/** The queue's state for the admin: counts per state and the latest messages. */
export async function summarizeQueue(
  db: Db,
  opts: { limit?: number; state?: MailState } = {},
): Promise<QueueSummary> {
  const counts: Record<MailState, number> = { in_coda: 0, inviato: 0, non_inviabile: 0 };
  const rows = await db
    .selectFrom("mail_queue")
    .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("state")
    .execute();
  for (const r of rows) counts[r.state] = Number(r.n);
  let q = db
    .selectFrom("mail_queue")
    .select([
      "id",
      "kind",
      "recipient",
      "subject",
      "state",
      "attempts",
      "next_attempt_at",
      "last_error",
      "created_at",
      "sent_at",
      "transport",
    ])
    .orderBy("id", "desc")
    .limit(opts.limit ?? 50);
  if (opts.state) q = q.where("state", "=", opts.state);
  return { counts, latest: await q.execute() };
}
