// The payment receipt as a PDF: the fields of pagoPA's receipt, as stored.
import { formatDateIt, formatDateTimeIt } from "~/rules/time";
import { createPdf, pdfToBuffer } from "~/pdf.server";
import { formatEuro } from "~/rules/money";
import { formatNav } from "~/rules/nav";
import type { ReceiptView } from "~/payments/positions.server";
import { parseStoredTransfers } from "~/payments/receipts.server";

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN;
const BLUE = "#0066CC";
const INK = "#17324D";
const GREY = "#5C6F82";

const METHOD_LABELS: Record<string, string> = {
  CP: "Carta di pagamento",
  BBT: "Bonifico / addebito in conto",
  APP: "App di pagamento",
  PPAL: "PayPal",
  BP: "Bancomat Pay",
  PO: "Pagamento presso PSP",
};

export function paymentMethodLabel(code: string): string {
  return METHOD_LABELS[code] ?? code;
}

/** "2026-11-26T10:04:05.123Z" -> "26/11/2026 alle 11:04", Italian time. */
export function formatInstant(iso: string): string {
  return formatDateTimeIt(iso);
}

/** Label/value pairs of a receipt, shared by the page and the PDF so they never disagree. */
export function receiptFields(r: ReceiptView, opts: { hideDebtor?: boolean } = {}): Array<[string, string]> {
  const fields: Array<[string, string]> = [
    ["Esito", r.outcome === "OK" ? "Pagamento eseguito" : "Pagamento non eseguito"],
    ["Importo pagato", `${formatEuro(r.payment_amount_cents)} Euro`],
    ["Commissione", `${formatEuro(r.fee_cents)} Euro`],
    ["Data e ora del pagamento", formatInstant(r.payment_date_time)],
    ["Data di applicazione", formatDateIt(r.application_date)],
    ["Oggetto", r.description],
    ["Ente creditore", r.company_name],
    ["Codice fiscale ente creditore", r.creditor_fiscal_code],
    ["Codice avviso", formatNav(r.notice_number)],
    ["Codice IUV (riferimento del creditore)", r.creditor_reference_id],
    // A payer who only holds the notice does not learn whose debt it is.
    [
      "Debitore",
      opts.hideDebtor ? "Dato riservato al debitore" : `${r.debtor_name} (${r.debtor_fiscal_code})`,
    ],
    [
      "Pagatore",
      r.payer_name
        ? `${r.payer_name}${r.payer_fiscal_code ? ` (${r.payer_fiscal_code})` : ""}`
        : "Pagatore non identificato",
    ],
    ["Prestatore di servizi di pagamento", `${r.psp_company_name} (${r.id_psp})`],
    ["Metodo di pagamento", paymentMethodLabel(r.payment_method)],
    ["Identificativo ricevuta", r.receipt_id],
  ];
  return fields;
}

export async function renderReceiptPdf(
  r: ReceiptView,
  meta: { author: string; hideDebtor?: boolean },
): Promise<Buffer> {
  const doc = await createPdf({
    title: `Ricevuta di pagamento ${r.receipt_id}`,
    subject: "Ricevuta di pagamento pagoPA",
    author: meta.author,
  });
  doc
    .font("bold")
    .fontSize(9)
    .fillColor(GREY)
    .text("RICEVUTA DI PAGAMENTO pagoPA", MARGIN, MARGIN, { characterSpacing: 0.6 });
  doc
    .font("bold")
    .fontSize(18)
    .fillColor(INK)
    .text(r.description, MARGIN, doc.y + 4, { width: WIDTH });
  doc
    .font("regular")
    .fontSize(11)
    .fillColor(INK)
    .text(`${formatEuro(r.payment_amount_cents)} Euro a ${r.company_name}`, MARGIN, doc.y + 4, {
      width: WIDTH,
    });
  let y = doc.y + 10;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + WIDTH, y)
    .lineWidth(1)
    .strokeColor(BLUE)
    .stroke();
  y += 14;
  for (const [name, text] of receiptFields(r, { hideDebtor: meta.hideDebtor })) {
    doc
      .font("bold")
      .fontSize(8)
      .fillColor(GREY)
      .text(name.toUpperCase(), MARGIN, y, { width: 170, characterSpacing: 0.3 });
    const labelBottom = doc.y;
    doc
      .font(name.startsWith("Codice") || name.startsWith("Identificativo") ? "mono" : "regular")
      .fontSize(10.5)
      .fillColor(INK)
      .text(text, MARGIN + 180, y - 1, { width: WIDTH - 180 });
    y = Math.max(doc.y, labelBottom) + 6;
  }
  const transfers = parseStoredTransfers(r.transfers_json);
  if (transfers.length) {
    y += 8;
    doc.font("bold").fontSize(11).fillColor(BLUE).text("TRASFERIMENTI", MARGIN, y);
    y = doc.y + 4;
    for (const t of transfers) {
      doc
        .font("regular")
        .fontSize(9.5)
        .fillColor(INK)
        .text(
          `${t.idTransfer}. ${formatEuro(t.amountCents)} Euro a ${t.fiscalCodePA} · IBAN ${t.iban} · ${t.remittanceInformation} · categoria ${t.transferCategory}`,
          MARGIN,
          y,
          { width: WIDTH },
        );
      y = doc.y + 3;
    }
  }
  y += 14;
  doc
    .font("regular")
    .fontSize(8.5)
    .fillColor(GREY)
    .text(
      "Questa ricevuta riporta i dati comunicati dal prestatore di servizi di pagamento attraverso il circuito pagoPA e conservati dal Polo regionale dei pagamenti.",
      MARGIN,
      y,
      { width: WIDTH },
    );
  return pdfToBuffer(doc);
}
