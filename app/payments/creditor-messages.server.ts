// The debtor's messages about a debt position: a notice became payable, a notice was withdrawn.
// Sent in the transaction of the change they tell about.
import { fitSubject } from "~/rules/message";
import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import { formatDateIt } from "~/rules/time";
import { formatEuroSymbol } from "~/rules/money";
import { formatNav } from "~/rules/nav";
import type { CreditorActor } from "~/payments/creditor.server";
import type { PositionDetail } from "~/payments/creditor-positions.server";

type Trx = Transaction<Database>;

/** What a notice's debtor needs to find it and pay it: the subject and text of the message. */
export interface PublishedNotice {
  creditorName: string;
  description: string;
  totalCents: number;
  options: ReadonlyArray<{ id: number; amountCents: number; dueDate: string; nav: string }>;
}

/**
 * The debtor's message when a notice becomes payable: linked to the first option, due on its date.
 * Also used by the bulk import (app/payments/position-imports.server.ts), which writes it in bulk.
 */
export function publishedMessage(p: PublishedNotice): {
  subject: string;
  body: string;
  dueDate: string;
  optionId: number;
} {
  const first = p.options[0]!;
  const amount =
    p.options.length === 1
      ? `L'importo di ${formatEuroSymbol(first.amountCents)} va pagato entro il ${formatDateIt(first.dueDate)}.`
      : `L'importo di ${formatEuroSymbol(p.totalCents)} si paga in ${p.options.length} rate: la prima, di ${formatEuroSymbol(first.amountCents)}, scade il ${formatDateIt(first.dueDate)}.`;
  const body =
    `${p.creditorName} ti ha inviato un avviso di pagamento: ${p.description}. ${amount} ` +
    `Codice avviso ${formatNav(first.nav)}. Puoi pagarlo con pagoPA dalla sezione Pagamenti dell'area personale.`;
  return {
    subject: fitSubject(`Nuovo avviso di pagamento: ${p.description}`),
    body,
    dueDate: first.dueDate,
    optionId: first.id,
  };
}

/** The debtor's message when a notice becomes payable: sender the ente, linked to the first option. */
export async function tellDebtorPublished(
  trx: Trx,
  by: CreditorActor | null,
  p: PositionDetail,
  stamp: string,
): Promise<number | null> {
  if (p.debtorCitizenId === null || p.options.length === 0) return null;
  return insertMessage(trx, by, p, { ...publishedMessage(p), stamp });
}

/** One message to the position's debtor (a citizen of the portal), sent by the ente and, for an operator, their office. */
export async function insertMessage(
  trx: Trx,
  by: CreditorActor | null,
  p: PositionDetail,
  m: { subject: string; body: string; dueDate: string | null; optionId: number | null; stamp: string },
): Promise<number> {
  const operator = by?.kind === "operatore" ? by.actor : null;
  const row = await trx
    .insertInto("messages")
    .values({
      citizen_id: p.debtorCitizenId!,
      sender_entity_id: p.enteId,
      sender_office_id: operator?.officeId ?? null,
      operator_id: operator?.id ?? null,
      subject: fitSubject(m.subject),
      body: m.body,
      sent_at: m.stamp,
      read_at: null,
      due_date: m.dueDate,
      payment_option_id: m.optionId,
      pratica_id: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
