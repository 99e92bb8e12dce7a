// Reconciliation of the ente's receipts: totals per Italian day and the CSV an accounting office
// reads in a spreadsheet.
import { sql } from "kysely";
import type { Db } from "../../db/schema";
import { romeDay } from "~/rules/time";
import { toCsv } from "~/operator/csv";
import { centsToDecimalString } from "~/rules/money";
import {
  receiptsOfEnte,
  type CreditorReceipt,
  type ReceiptRange,
} from "~/payments/creditor-receipts.server";

export interface DailyReceipts {
  /** Italian calendar day. */
  day: string;
  count: number;
  totalCents: number;
  feeCents: number;
}

/**
 * Receipts per Italian day in the range, for reconciliation: one query grouped by UTC hour (an
 * hour always falls within one Italian day, whose offset is whole hours), folded into days here.
 * Days without receipts are left out.
 */
export async function dailyReceiptTotals(
  db: Db,
  enteId: number,
  range: ReceiptRange,
): Promise<DailyReceipts[]> {
  const hour = sql<string>`substr(${sql.ref("r.payment_date_time")}, 1, 13)`;
  const rows = await receiptsOfEnte(db, enteId, range)
    .where("r.outcome", "=", "OK")
    .select((eb) => [
      hour.as("hour"),
      eb.fn.countAll<number>().as("n"),
      eb.fn.sum<number>("r.payment_amount_cents").as("total"),
      eb.fn.sum<number>("r.fee_cents").as("fees"),
    ])
    .groupBy(hour)
    .execute();
  const byDay = new Map<string, DailyReceipts>();
  for (const r of rows) {
    const day = romeDay(`${r.hour}:00:00.000Z`);
    const d = byDay.get(day) ?? { day, count: 0, totalCents: 0, feeCents: 0 };
    d.count += Number(r.n);
    d.totalCents += Number(r.total ?? 0);
    d.feeCents += Number(r.fees ?? 0);
    byDay.set(day, d);
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** Amounts as spreadsheets in the Italian locale read them: "1234,56". */
function csvAmount(cents: number): string {
  return centsToDecimalString(cents).replace(".", ",");
}

/** The receipts as a semicolon CSV with byte order mark (app/operator/csv.ts). */
export function receiptsCsv(rows: readonly CreditorReceipt[]): string {
  return toCsv(
    [
      "Data e ora del pagamento",
      "Giorno",
      "Codice avviso",
      "IUV",
      "IUPD",
      "Identificativo ricevuta",
      "Esito",
      "Importo (euro)",
      "Commissione (euro)",
      "Codice fiscale debitore",
      "Debitore",
      "Causale",
      "PSP",
      "Metodo di pagamento",
    ],
    rows.map((r) => [
      r.paymentDateTime,
      romeDay(r.paymentDateTime),
      r.noticeNumber,
      r.creditorReferenceId,
      r.iupd,
      r.receiptId,
      r.outcome,
      csvAmount(r.paymentAmountCents),
      csvAmount(r.feeCents),
      r.debtorFiscalCode,
      r.debtorName,
      r.description,
      r.pspCompanyName,
      r.paymentMethod,
    ]),
  );
}
