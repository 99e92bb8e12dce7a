import type { Db } from "../../db/schema";
import type { OptionStatus } from "~/rules/gpd";
import { checkPayable } from "~/payments/rules";
import { paginate } from "~/pagination.server";

/** The citizen's inbox: messages from the administrations of the region. */

export const MESSAGES_PAGE_SIZE = 20;

export interface MessageFilters {
  senderId?: number;
  unreadOnly?: boolean;
  page: number;
}

export interface MessageListItem {
  id: number;
  subject: string;
  senderName: string;
  sentAt: string;
  read: boolean;
  dueDate: string | null;
  hasPayment: boolean;
  hasPratica: boolean;
}

export interface MessageList {
  items: MessageListItem[];
  total: number;
  page: number;
  pageCount: number;
}

export async function countUnread(db: Db, citizenId: number): Promise<number> {
  const { n } = await db
    .selectFrom("messages")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("citizen_id", "=", citizenId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** One page of the inbox, newest first (two queries: page and count). */
export async function listMessages(db: Db, citizenId: number, filters: MessageFilters): Promise<MessageList> {
  let base = db.selectFrom("messages as m").where("m.citizen_id", "=", citizenId);
  if (filters.senderId) base = base.where("m.sender_entity_id", "=", filters.senderId);
  if (filters.unreadOnly) base = base.where("m.read_at", "is", null);
  const { rows, total, page, pageCount } = await paginate(
    base
      .innerJoin("entities as e", "e.id", "m.sender_entity_id")
      .select([
        "m.id",
        "m.subject",
        "m.sent_at",
        "m.read_at",
        "m.due_date",
        "m.payment_option_id",
        "m.pratica_id",
        "e.name as sender_name",
      ])
      .orderBy("m.sent_at", "desc")
      .orderBy("m.id", "desc"),
    { page: filters.page, pageSize: MESSAGES_PAGE_SIZE },
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      subject: r.subject,
      senderName: r.sender_name,
      sentAt: r.sent_at,
      read: r.read_at !== null,
      dueDate: r.due_date,
      hasPayment: r.payment_option_id !== null,
      hasPratica: r.pratica_id !== null,
    })),
    total,
    page,
    pageCount,
  };
}

/** The administrations that have written to the citizen, for the sender filter. */
export async function listSenders(db: Db, citizenId: number): Promise<Array<{ id: number; name: string }>> {
  return db
    .selectFrom("entities as e")
    .select(["e.id", "e.name"])
    .where("e.id", "in", (eb) =>
      eb.selectFrom("messages as m").select("m.sender_entity_id").where("m.citizen_id", "=", citizenId),
    )
    .orderBy("e.name")
    .limit(200)
    .execute();
}

export interface MessageDetail {
  id: number;
  subject: string;
  body: string;
  sentAt: string;
  readAt: string | null;
  dueDate: string | null;
  senderName: string;
  senderEmail: string;
  officeName: string | null;
  payment: {
    optionId: number;
    description: string;
    amountCents: number;
    dueDate: string;
    status: OptionStatus;
    /** Payable now, as the checkout decides it (checkPayable): not paid, payable, not held by a payment. */
    payable: boolean;
    /** App IO's "invalid after due date": the creditor closes the notice once it is past due. */
    invalidAfterDueDate: boolean;
  } | null;
  pratica: { id: number; title: string; protocolNumber: string | null } | null;
}

/**
 * The citizen's messages in full. The linked payment is joined only when its position is the
 * citizen's own, and the linked pratica only when it is theirs: a message never leaks another
 * person's record even if it was written with a wrong link.
 */
function messageDetailQuery(db: Db, citizenId: number) {
  return db
    .selectFrom("messages as m")
    .innerJoin("entities as e", "e.id", "m.sender_entity_id")
    .leftJoin("offices as o", "o.id", "m.sender_office_id")
    .leftJoin("pratiche as p", (j) => j.onRef("p.id", "=", "m.pratica_id").on("p.citizen_id", "=", citizenId))
    .leftJoin("payment_options as po", "po.id", "m.payment_option_id")
    .leftJoin("debt_positions as dp", (j) =>
      j.onRef("dp.id", "=", "po.position_id").on("dp.debtor_citizen_id", "=", citizenId),
    )
    .select([
      "m.id",
      "m.subject",
      "m.body",
      "m.sent_at",
      "m.read_at",
      "m.due_date",
      "e.name as sender_name",
      "e.email as sender_email",
      "o.name as office_name",
      "p.id as pratica_id",
      "p.title as pratica_title",
      "p.protocol_number",
      "dp.id as position_id",
      "po.id as option_id",
      "po.description as option_description",
      "po.amount_cents",
      "po.due_date as option_due_date",
      "po.status as option_status",
      "po.reserved_until",
      "po.reserved_by",
      "po.is_partial_payment",
      "dp.status as position_status",
      "dp.switch_to_expired",
    ])
    .where("m.citizen_id", "=", citizenId);
}

type MessageDetailRow = Awaited<ReturnType<ReturnType<typeof messageDetailQuery>["executeTakeFirstOrThrow"]>>;

function toMessageDetail(r: MessageDetailRow): MessageDetail {
  return {
    id: r.id,
    subject: r.subject,
    body: r.body,
    sentAt: r.sent_at,
    readAt: r.read_at,
    dueDate: r.due_date,
    senderName: r.sender_name,
    senderEmail: r.sender_email,
    officeName: r.office_name,
    payment:
      r.position_id !== null && r.option_id !== null
        ? {
            optionId: r.option_id,
            description: r.option_description ?? "",
            amountCents: r.amount_cents ?? 0,
            dueDate: r.option_due_date ?? "",
            status: r.option_status ?? "PO_UNPAID",
            payable:
              r.option_status !== null &&
              r.position_status !== null &&
              checkPayable(
                {
                  positionStatus: r.position_status,
                  optionStatus: r.option_status,
                  isPartialPayment: r.is_partial_payment ? 1 : 0,
                  reservedUntil: r.reserved_until,
                  reservedBy: r.reserved_by,
                },
                new Date(),
              ).ok,
            invalidAfterDueDate: Number(r.switch_to_expired) === 1,
          }
        : null,
    pratica:
      r.pratica_id !== null
        ? { id: r.pratica_id, title: r.pratica_title ?? "", protocolNumber: r.protocol_number }
        : null,
  };
}

/** One message of the citizen, with its links checked as `messageDetailQuery` says; undefined if not theirs. */
export async function getMessage(
  db: Db,
  citizenId: number,
  messageId: number,
): Promise<MessageDetail | undefined> {
  const r = await messageDetailQuery(db, citizenId).where("m.id", "=", messageId).executeTakeFirst();
  return r ? toMessageDetail(r) : undefined;
}

/** Every message of the citizen in full, newest first, in one query (the data export). */
export async function listMessageDetails(db: Db, citizenId: number): Promise<MessageDetail[]> {
  const rows = await messageDetailQuery(db, citizenId)
    .orderBy("m.sent_at", "desc")
    .orderBy("m.id", "desc")
    .execute();
  return rows.map(toMessageDetail);
}

/**
 * Marks one of the citizen's messages as read. Idempotent: only a message still unread changes,
 * and repeating it changes nothing.
 */
export async function markMessageRead(
  db: Db,
  citizenId: number,
  messageId: number,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable("messages")
    .set({ read_at: now })
    .where("id", "=", messageId)
    .where("citizen_id", "=", citizenId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Puts a message back among the unread, as mail programs allow. */
export async function markMessageUnread(db: Db, citizenId: number, messageId: number): Promise<boolean> {
  const res = await db
    .updateTable("messages")
    .set({ read_at: null })
    .where("id", "=", messageId)
    .where("citizen_id", "=", citizenId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Messages about one of the citizen's pratiche, newest first. */
export async function getMessagesForPratica(
  db: Db,
  citizenId: number,
  praticaId: number,
): Promise<Array<{ id: number; subject: string; sentAt: string; read: boolean; senderName: string }>> {
  const rows = await db
    .selectFrom("messages as m")
    .innerJoin("entities as e", "e.id", "m.sender_entity_id")
    .select(["m.id", "m.subject", "m.sent_at", "m.read_at", "e.name as sender_name"])
    .where("m.citizen_id", "=", citizenId)
    .where("m.pratica_id", "=", praticaId)
    .orderBy("m.sent_at", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subject: r.subject,
    sentAt: r.sent_at,
    read: r.read_at !== null,
    senderName: r.sender_name,
  }));
}

/**
 * The due dates messages state, from `today` on, for the calendar: only those not already there
 * (a message linked to a notice shares its due date; one linked to a pratica, its integration's).
 */
export async function listMessageDueDates(
  db: Db,
  citizenId: number,
  today: string,
): Promise<Array<{ id: number; subject: string; dueDate: string; senderName: string }>> {
  const rows = await db
    .selectFrom("messages as m")
    .innerJoin("entities as e", "e.id", "m.sender_entity_id")
    .select(["m.id", "m.subject", "m.due_date", "e.name as sender_name"])
    .where("m.citizen_id", "=", citizenId)
    .where("m.due_date", ">=", today)
    .where("m.payment_option_id", "is", null)
    .where("m.pratica_id", "is", null)
    .orderBy("m.due_date")
    .limit(100)
    .execute();
  return rows.map((r) => ({ id: r.id, subject: r.subject, dueDate: r.due_date!, senderName: r.sender_name }));
}
