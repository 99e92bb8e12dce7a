import type { Transaction } from "kysely";
import type { Database, Db, Row } from "../../db/schema";
import { mailAddressOf } from "~/mail/address.server";
import { unsubscribeUrl, type MailLinks } from "~/mail/links.server";
import { receiptMail } from "~/mail/messages";
import { enqueueMail, type OutgoingMail } from "~/mail/queue.server";
import { getCheckoutReceipts } from "~/payments/positions.server";
import { renderReceiptPdf } from "~/payments/receipt-pdf.server";

/**
 * The receipt by email after a payment: to the address the payer typed on /paga-un-avviso, or else
 * to the logged-in payer's confirmed address (unless they stopped receipts). Queued in the payment's
 * own transaction; the PDFs are rendered when the mail is sent, from the stored receipts.
 */

type Trx = Transaction<Database>;

export const receiptMailKey = (checkoutId: string) => `ricevuta:${checkoutId}`;

export async function queueReceiptMail(
  trx: Trx,
  input: {
    checkout: { id: string; citizenId: number | null; payerEmail: string | null };
    receipts: Array<
      Pick<
        Row<"receipts">,
        | "company_name"
        | "description"
        | "notice_number"
        | "payment_amount_cents"
        | "fee_cents"
        | "payment_date_time"
      >
    >;
    links: MailLinks;
    now: string;
  },
): Promise<boolean> {
  const { checkout, receipts } = input;
  if (receipts.length === 0) return false;
  let recipient = checkout.payerEmail;
  let unsubscribe: string | null = null;
  if (!recipient && checkout.citizenId !== null) {
    recipient = await mailAddressOf(trx, checkout.citizenId, "ricevuta");
    if (recipient) unsubscribe = unsubscribeUrl(input.links, checkout.citizenId, "ricevuta");
  }
  if (!recipient) return false;
  const mail = receiptMail({
    portalName: input.links.portalName,
    paidAt: receipts[0]!.payment_date_time,
    items: receipts.map((r) => ({
      creditorName: r.company_name,
      description: r.description,
      nav: r.notice_number,
      amountCents: r.payment_amount_cents,
    })),
    feeCents: receipts.reduce((sum, r) => sum + r.fee_cents, 0),
    unsubscribeUrl: unsubscribe,
  });
  return enqueueMail(trx, {
    kind: "ricevuta",
    // Only a mail to the citizen's own confirmed address is theirs; a typed address may be anyone's.
    citizenId: unsubscribe ? checkout.citizenId : null,
    recipient,
    mail,
    unsubscribeUrl: unsubscribe,
    attachment: { kind: "ricevute", ref: checkout.id },
    dedupeKey: receiptMailKey(checkout.id),
    now: input.now,
  });
}

/** The address a checkout's receipt was mailed to, if it was. */
export async function receiptMailAddress(db: Db, checkoutId: string): Promise<string | null> {
  const row = await db
    .selectFrom("mail_queue")
    .select("recipient")
    .where("dedupe_key", "=", receiptMailKey(checkoutId))
    .executeTakeFirst();
  return row?.recipient ?? null;
}

/**
 * Sends a checkout's receipt again to the address it was first mailed to, never to another one: a
 * paper notice found by someone else discloses nothing. At most once a day per checkout.
 */
export async function resendReceiptMail(
  db: Db,
  input: { checkoutId: string; day: string; now: string },
): Promise<"queued" | "already_today" | "no_address"> {
  return db.transaction().execute(async (trx) => {
    const first = await trx
      .selectFrom("mail_queue")
      .selectAll()
      .where("dedupe_key", "=", receiptMailKey(input.checkoutId))
      .executeTakeFirst();
    if (!first) return "no_address";
    const queued = await enqueueMail(trx, {
      kind: "ricevuta",
      citizenId: first.citizen_id,
      recipient: first.recipient,
      mail: { subject: first.subject, text: first.text_body, html: first.html_body },
      unsubscribeUrl: first.unsubscribe_url,
      attachment: { kind: "ricevute", ref: input.checkoutId },
      dedupeKey: `${receiptMailKey(input.checkoutId)}:di-nuovo:${input.day}`,
      now: input.now,
    });
    return queued ? "queued" : "already_today";
  });
}

/** The attachments a queued row names: the PDF of each receipt of the checkout. */
export async function mailAttachments(db: Db, row: Row<"mail_queue">): Promise<OutgoingMail["attachments"]> {
  if (row.attachment_kind !== "ricevute" || !row.attachment_ref) return [];
  const receipts = await getCheckoutReceipts(db, row.attachment_ref);
  // Sent to an address typed on the public page, a receipt leaves out the debtor, as the page does.
  const anonymous = row.citizen_id === null;
  return Promise.all(
    receipts.map(async (r) => ({
      filename: `ricevuta-${r.notice_number}.pdf`,
      contentType: "application/pdf",
      content: await renderReceiptPdf(r, { author: r.company_name, hideDebtor: anonymous }),
    })),
  );
}
