// The printable pagoPA notice (avviso di pagamento), A4, blocks in the order of the avviso spec:
// header with the object of the payment, creditor, recipient, amount and due date, where to pay,
// payment data (single solution, or instalments two or three to a page), and the postal slip with
// Poste's Data Matrix when the creditor has a postal account.
import { createPdf, pdfToBuffer } from "~/pdf.server";
import { buildPosteDataMatrix } from "~/rules/datamatrix";
import { POSITION_STATUS_LABEL } from "~/rules/gpd";
import { formatDateIt } from "~/rules/time";
import { formatEuro } from "~/rules/money";
import { formatNav } from "~/rules/nav";
import { buildQrPayload } from "~/rules/qr";
import { dataMatrixPng, qrModules } from "~/payments/codes.server";
import type { NoticeDetail } from "~/payments/positions.server";
import { checkPayable } from "~/payments/rules";

export const NOTICE_OBJECT_MAX = 90;

export interface NoticePaymentBlock {
  optionId: number;
  /** "Unica soluzione" or "Rata 2 di 3". */
  label: string;
  nav: string;
  amountCents: number;
  dueDate: string;
  description: string;
  qrPayload: string;
  /** Poste's 256-character content, when the creditor has a postal account. */
  dataMatrix: string | null;
}

export interface NoticeDocument {
  object: string;
  creditor: {
    name: string;
    fiscalCode: string;
    address: string;
    phone: string;
    email: string;
    pec: string;
    website: string;
  };
  recipient: { name: string; fiscalCode: string };
  postalAccount: string | null;
  /** What the first page states: the single solution, or the first instalment due. */
  amountCents: number;
  dueDate: string;
  single: NoticePaymentBlock | null;
  instalments: NoticePaymentBlock[];
  /** Set when nothing on the notice can be paid any more (paid, expired, cancelled). */
  statusNote: string | null;
}

/** Cuts at a word boundary to at most `max` characters, with an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The content of the notice, codes included; pure apart from the input, so it is tested on its own. */
export function buildNoticeDocument(detail: NoticeDetail): NoticeDocument {
  const payable = detail.options.filter(
    (o) =>
      checkPayable(
        {
          positionStatus: detail.positionStatus,
          optionStatus: o.status,
          isPartialPayment: o.isPartialPayment,
          reservedUntil: null,
          reservedBy: null,
        },
        new Date(0),
      ).ok,
  );
  const printed = payable.length ? payable : detail.options.filter((o) => o.optionId === detail.optionId);
  const instalmentTotal = detail.options.filter((o) => o.isPartialPayment === 1).length;
  const block = (o: NoticeDetail["options"][number]): NoticePaymentBlock => ({
    optionId: o.optionId,
    label: o.isPartialPayment ? `Rata ${o.instalmentNumber} di ${instalmentTotal}` : "Unica soluzione",
    nav: o.nav,
    amountCents: o.amountCents,
    dueDate: o.dueDate,
    description: o.description,
    qrPayload: buildQrPayload({
      nav: o.nav,
      creditorFiscalCode: detail.creditorFiscalCode,
      amountCents: o.amountCents,
    }),
    dataMatrix: detail.creditor.postalAccount
      ? buildPosteDataMatrix({
          nav: o.nav,
          postalAccount: detail.creditor.postalAccount,
          amountCents: o.amountCents,
          creditorFiscalCode: detail.creditorFiscalCode,
          debtorFiscalCode: detail.debtor.fiscalCode,
          debtorName: detail.debtor.name,
          causale: o.description,
        })
      : null,
  });
  const single = printed.find((o) => o.isPartialPayment === 0);
  const instalments = printed.filter((o) => o.isPartialPayment === 1);
  const first = single ?? instalments[0]!;
  return {
    object: truncateText(detail.position.description || detail.purpose, NOTICE_OBJECT_MAX),
    creditor: {
      name: detail.creditor.name,
      fiscalCode: detail.creditorFiscalCode,
      address: detail.creditor.address,
      phone: detail.creditor.phone,
      email: detail.creditor.email,
      pec: detail.creditor.pec,
      website: detail.creditor.website,
    },
    recipient: { name: detail.debtor.name, fiscalCode: detail.debtor.fiscalCode },
    postalAccount: detail.creditor.postalAccount,
    amountCents: first.amountCents,
    dueDate: first.dueDate,
    single: single ? block(single) : null,
    instalments: instalments.map(block),
    statusNote: payable.length
      ? null
      : `Avviso non più pagabile: ${POSITION_STATUS_LABEL[detail.positionStatus].toLowerCase()}.`,
  };
}

// Layout: points on A4 (595 x 842).
const PAGE_W = 595.28;
const MARGIN = 40;
const CONTENT_W = PAGE_W - 2 * MARGIN;
const BLUE = "#0066CC";
const INK = "#17324D";
const GREY = "#5C6F82";
const LINE = "#C5C7C9";

type Doc = PDFKit.PDFDocument;

function label(doc: Doc, text: string, x: number, y: number, width?: number): void {
  doc
    .font("bold")
    .fontSize(7.5)
    .fillColor(GREY)
    .text(text.toUpperCase(), x, y, { width, characterSpacing: 0.4 });
}

function value(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  size = 10,
  font = "regular",
): number {
  doc.font(font).fontSize(size).fillColor(INK).text(text, x, y, { width });
  return doc.y;
}

function sectionTitle(doc: Doc, text: string, y: number): number {
  doc
    .font("bold")
    .fontSize(11)
    .fillColor(BLUE)
    .text(text.toUpperCase(), MARGIN, y, { width: CONTENT_W, characterSpacing: 0.3 });
  return doc.y + 4;
}

async function drawQr(doc: Doc, payload: string, x: number, y: number, size: number): Promise<void> {
  const qr = await qrModules(payload);
  const quiet = 2;
  const cell = size / (qr.size + 2 * quiet);
  doc.save().rect(x, y, size, size).fill("#FFFFFF");
  doc.fillColor("#000000");
  for (let r = 0; r < qr.size; r++) {
    for (let c = 0; c < qr.size; c++) {
      if (qr.dark(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell + 0.01, cell + 0.01);
    }
  }
  doc.fill("#000000").restore();
}

function header(doc: Doc, n: NoticeDocument): number {
  const top = MARGIN;
  doc
    .font("bold")
    .fontSize(9)
    .fillColor(GREY)
    .text("AVVISO DI PAGAMENTO", MARGIN, top, { characterSpacing: 0.6 });
  // The circuit's name in a badge at the top right (text, no logo file).
  const badgeW = 78;
  doc.roundedRect(PAGE_W - MARGIN - badgeW, top - 4, badgeW, 26, 4).fill(BLUE);
  doc
    .font("bold")
    .fontSize(15)
    .fillColor("#FFFFFF")
    .text("pagoPA", PAGE_W - MARGIN - badgeW, top + 1, { width: badgeW, align: "center" });
  doc
    .font("bold")
    .fontSize(16)
    .fillColor(INK)
    .text(n.object, MARGIN, top + 16, { width: CONTENT_W - badgeW - 16 });
  let y = Math.max(doc.y, top + 30) + 6;
  if (n.statusNote) {
    doc.font("bold").fontSize(10).fillColor("#A61919").text(n.statusNote, MARGIN, y, { width: CONTENT_W });
    y = doc.y + 4;
  }
  doc
    .moveTo(MARGIN, y)
    .lineTo(PAGE_W - MARGIN, y)
    .lineWidth(1)
    .strokeColor(BLUE)
    .stroke();
  return y + 12;
}

function parties(doc: Doc, n: NoticeDocument, y0: number): number {
  const colW = CONTENT_W / 2 - 10;
  const right = MARGIN + CONTENT_W / 2 + 10;
  label(doc, "Ente creditore", MARGIN, y0);
  let y = value(doc, n.creditor.name, MARGIN, y0 + 11, colW, 12, "bold");
  y = value(doc, `Codice fiscale ${n.creditor.fiscalCode}`, MARGIN, y + 1, colW, 9.5);
  y = value(doc, n.creditor.address, MARGIN, y + 1, colW, 9.5);
  const contacts = [n.creditor.phone && `Tel. ${n.creditor.phone}`, n.creditor.email]
    .filter(Boolean)
    .join(" · ");
  if (contacts) y = value(doc, contacts, MARGIN, y + 1, colW, 9.5);
  if (n.creditor.pec) y = value(doc, `PEC ${n.creditor.pec}`, MARGIN, y + 1, colW, 9.5);
  const leftBottom = y;

  label(doc, "Destinatario dell'avviso", right, y0);
  y = value(doc, n.recipient.name, right, y0 + 11, colW, 12, "bold");
  y = value(doc, `Codice fiscale ${n.recipient.fiscalCode}`, right, y + 1, colW, 9.5);
  const bottom = Math.max(leftBottom, y) + 12;
  doc
    .moveTo(MARGIN, bottom)
    .lineTo(PAGE_W - MARGIN, bottom)
    .lineWidth(0.5)
    .strokeColor(LINE)
    .stroke();
  return bottom + 12;
}

function amountBlock(doc: Doc, n: NoticeDocument, y0: number): number {
  let y = sectionTitle(doc, "Quanto e quando pagare?", y0);
  const amount = `${formatEuro(n.amountCents)} Euro`;
  doc.font("bold").fontSize(20).fillColor(INK).text(amount, MARGIN, y, { lineBreak: false });
  const amountWidth = doc.widthOfString(amount);
  // The date on the amount's baseline: a smaller face starts lower.
  doc
    .font("regular")
    .fontSize(14)
    .text(`entro il ${formatDateIt(n.dueDate)}`, MARGIN + amountWidth + 10, y + 6, { lineBreak: false });
  y += 30;
  const count = n.instalments.length;
  let text: string;
  if (n.single && count) {
    text = `Puoi pagare in un'unica soluzione oppure in ${count} rate: trovi i dati di ciascuna rata nelle pagine seguenti.`;
  } else if (count > 1) {
    text = `L'importo è diviso in ${count} rate: questa è la prima in scadenza. Trovi i dati di ciascuna rata nelle pagine seguenti.`;
  } else {
    text = "Paga entro la scadenza indicata.";
  }
  text +=
    " Al momento del pagamento l'importo viene verificato con l'ente creditore: può risultare diverso da quello stampato, per esempio per uno sgravio, interessi o sanzioni.";
  y = value(doc, text, MARGIN, y, CONTENT_W, 9.5);
  doc
    .moveTo(MARGIN, y + 10)
    .lineTo(PAGE_W - MARGIN, y + 10)
    .lineWidth(0.5)
    .strokeColor(LINE)
    .stroke();
  return y + 22;
}

function whereBlock(doc: Doc, y0: number): number {
  const y = sectionTitle(doc, "Dove pagare?", y0);
  const colW = CONTENT_W / 2 - 10;
  const right = MARGIN + CONTENT_W / 2 + 10;
  label(doc, "Online", MARGIN, y);
  const a = value(
    doc,
    "Nell'area personale del Fascicolo del cittadino (Polo regionale dei pagamenti), sul sito o nell'app della tua banca o di un altro prestatore di servizi di pagamento aderente a pagoPA: con carta, conto corrente o app.",
    MARGIN,
    y + 11,
    colW,
    9.5,
  );
  label(doc, "Sul territorio", right, y);
  const b = value(
    doc,
    "Agli sportelli di banche e uffici postali, agli sportelli automatici abilitati e presso tabaccherie, ricevitorie e supermercati aderenti a pagoPA. Porta con te questo avviso: basta il codice QR o il codice avviso.",
    right,
    y + 11,
    colW,
    9.5,
  );
  const bottom = Math.max(a, b) + 10;
  doc
    .moveTo(MARGIN, bottom)
    .lineTo(PAGE_W - MARGIN, bottom)
    .lineWidth(0.5)
    .strokeColor(LINE)
    .stroke();
  return bottom + 12;
}

const PAYMENT_BLOCK_H = 160;
const POSTAL_SLIP_H = 170;
/** The notice uses the page down to here; pdfkit would otherwise add pages on its own. */
const PAGE_MARGINS = { top: MARGIN, left: MARGIN, right: MARGIN, bottom: 20 };

async function paymentBlock(doc: Doc, n: NoticeDocument, b: NoticePaymentBlock, y: number): Promise<number> {
  doc
    .roundedRect(MARGIN, y, CONTENT_W, PAYMENT_BLOCK_H - 10, 4)
    .lineWidth(0.8)
    .strokeColor(BLUE)
    .stroke();
  const pad = 10;
  doc
    .font("bold")
    .fontSize(10)
    .fillColor(BLUE)
    .text(`PAGAMENTO CON pagoPA · ${b.label.toUpperCase()}`, MARGIN + pad, y + pad, { width: 300 });
  doc
    .font("bold")
    .fontSize(14)
    .fillColor(INK)
    .text(`${formatEuro(b.amountCents)} Euro`, MARGIN + CONTENT_W - 220 - pad, y + pad - 2, {
      width: 220,
      align: "right",
    });
  doc
    .font("regular")
    .fontSize(9.5)
    .fillColor(INK)
    .text(`entro il ${formatDateIt(b.dueDate)}`, MARGIN + CONTENT_W - 220 - pad, doc.y, {
      width: 220,
      align: "right",
    });
  const qrSize = 92;
  const qrX = MARGIN + pad;
  const qrY = y + 38;
  await drawQr(doc, b.qrPayload, qrX, qrY, qrSize);
  const x = qrX + qrSize + 16;
  const w = CONTENT_W - qrSize - 2 * pad - 16;
  const row = (name: string, text: string, ty: number, font = "regular", size = 9.5) => {
    label(doc, name, x, ty, 120);
    doc
      .font(font)
      .fontSize(size)
      .fillColor(INK)
      .text(text, x + 125, ty - 1, { width: w - 125 });
    return Math.max(doc.y, ty + 11) + 3;
  };
  let ty = qrY;
  ty = row("Destinatario", n.recipient.name, ty);
  ty = row("Ente creditore", n.creditor.name, ty);
  ty = row("Oggetto", truncateText(b.description, 110), ty);
  ty = row("Codice avviso", formatNav(b.nav), ty, "mono", 10.5);
  ty = row("Cod. fiscale ente", n.creditor.fiscalCode, ty, "mono", 10.5);
  doc
    .font("regular")
    .fontSize(8)
    .fillColor(GREY)
    .text(
      "Inquadra il codice QR con l'app della tua banca o di un altro prestatore aderente, oppure usa il codice avviso.",
      x,
      ty + 2,
      {
        width: w,
      },
    );
  return y + PAYMENT_BLOCK_H;
}

async function postalSlip(doc: Doc, n: NoticeDocument, b: NoticePaymentBlock, y: number): Promise<number> {
  const h = POSTAL_SLIP_H - 10;
  doc.rect(MARGIN, y, CONTENT_W, h).lineWidth(0.8).dash(3, { space: 2 }).strokeColor(INK).stroke().undash();
  const pad = 10;
  doc
    .font("bold")
    .fontSize(10)
    .fillColor(INK)
    .text(`BOLLETTINO POSTALE PA · ${b.label.toUpperCase()}`, MARGIN + pad, y + pad, { width: 320 });
  doc
    .font("bold")
    .fontSize(12)
    .fillColor(INK)
    .text(`Euro ${formatEuro(b.amountCents)}`, MARGIN + CONTENT_W - 220 - pad, y + pad - 1, {
      width: 220,
      align: "right",
    });
  const dmSize = 84;
  const dmX = MARGIN + CONTENT_W - pad - dmSize;
  const dmY = y + 36;
  const png = await dataMatrixPng(b.dataMatrix!);
  doc.image(png, dmX, dmY, { width: dmSize, height: dmSize });
  const x = MARGIN + pad;
  const w = CONTENT_W - dmSize - 3 * pad;
  const row = (name: string, text: string, ty: number, font = "regular", size = 9.5) => {
    label(doc, name, x, ty, 115);
    doc
      .font(font)
      .fontSize(size)
      .fillColor(INK)
      .text(text, x + 118, ty - 1, { width: w - 118 });
    return Math.max(doc.y, ty + 11) + 2;
  };
  let ty = y + 34;
  ty = row("Sul c/c n.", n.postalAccount!.padStart(12, "0"), ty, "mono", 10.5);
  ty = row("Intestato a", n.creditor.name, ty);
  ty = row("Destinatario", n.recipient.name, ty);
  ty = row("Oggetto", truncateText(b.description, 90), ty);
  ty = row("Codice avviso", formatNav(b.nav), ty, "mono", 10.5);
  ty = row("Tipo", "P1", ty, "mono", 10.5);
  row("Cod. fiscale ente", n.creditor.fiscalCode, ty, "mono", 10.5);
  doc
    .font("regular")
    .fontSize(8)
    .fillColor(GREY)
    .text(`entro il ${formatDateIt(b.dueDate)}`, dmX - 10, dmY + dmSize + 4, {
      width: dmSize + 10,
      align: "right",
    });
  return y + POSTAL_SLIP_H;
}

async function paymentWithSlip(
  doc: Doc,
  n: NoticeDocument,
  b: NoticePaymentBlock,
  y: number,
): Promise<number> {
  let next = await paymentBlock(doc, n, b, y);
  if (b.dataMatrix && n.postalAccount) next = await postalSlip(doc, n, b, next);
  return next;
}

/** Renders the notice to PDF bytes. */
export async function renderNoticePdf(n: NoticeDocument, meta: { author: string }): Promise<Buffer> {
  const doc = await createPdf({
    title: `Avviso di pagamento - ${n.object}`,
    subject: "Avviso di pagamento pagoPA",
    author: meta.author,
  });
  doc.page.margins = { ...PAGE_MARGINS };
  const footer = () => {
    doc
      .font("regular")
      .fontSize(7.5)
      .fillColor(GREY)
      .text(
        `${n.creditor.name} · codice fiscale ${n.creditor.fiscalCode} · ${n.creditor.website}`,
        MARGIN,
        842 - 34,
        {
          width: CONTENT_W,
          align: "center",
          lineBreak: false,
        },
      );
  };

  let y = header(doc, n);
  y = parties(doc, n, y);
  y = amountBlock(doc, n, y);
  y = whereBlock(doc, y);
  y = sectionTitle(doc, "Dati per il pagamento", y);
  const withSlip = !!n.postalAccount;
  if (n.single) {
    y = await paymentWithSlip(doc, n, n.single, y);
  } else {
    doc
      .font("regular")
      .fontSize(9.5)
      .fillColor(INK)
      .text(
        `Utilizza la parte dell'avviso relativa alla rata che vuoi pagare: ${n.instalments.length === 1 ? "la trovi" : `le ${n.instalments.length} rate sono`} nella pagina seguente${n.instalments.length > (withSlip ? 2 : 3) ? " e in quelle successive" : ""}.`,
        MARGIN,
        y,
        { width: CONTENT_W },
      );
  }
  footer();

  // Instalments: three to a page, two when each carries its postal slip.
  const perPage = withSlip ? 2 : 3;
  for (let i = 0; i < n.instalments.length; i += perPage) {
    doc.addPage({ size: "A4", margins: PAGE_MARGINS });
    let py = MARGIN;
    doc
      .font("bold")
      .fontSize(9)
      .fillColor(GREY)
      .text("AVVISO DI PAGAMENTO · PAGAMENTO RATEALE", MARGIN, py, { characterSpacing: 0.6 });
    doc
      .font("bold")
      .fontSize(12)
      .fillColor(INK)
      .text(n.object, MARGIN, doc.y + 2, { width: CONTENT_W });
    py = doc.y + 10;
    for (const b of n.instalments.slice(i, i + perPage)) {
      py = await paymentWithSlip(doc, n, b, py);
      py += withSlip ? 8 : 4;
    }
    footer();
  }
  return pdfToBuffer(doc);
}
