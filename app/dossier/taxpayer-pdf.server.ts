import { createPdf, pdfToBuffer } from "~/pdf.server";
import { formatDateIt, formatDayIt } from "~/rules/time";
import { formatEuro } from "~/rules/money";
import type { F24ImuRow, ImuAssessment, InstalmentState } from "~/dossier/taxpayer.server";

/**
 * The IMU "prospetto di calcolo e riepilogo F24": the year's computation per property and the
 * rows of the F24 section "IMU e altri tributi locali", as a printable A4 page. It is a summary to
 * copy from, and says so: it is not the official F24 form.
 */

export const F24_SUMMARY_TITLE = "Prospetto di calcolo e riepilogo F24 (non è un modello F24 ufficiale)";

const INK = "#1a1a1a";
const MUTED = "#4d4d4d";
const PRIMARY = "#0066cc";
const RULE = "#b3b3b3";

interface Column {
  header: string;
  width: number;
  align?: "left" | "right" | "center";
}

/** A simple ruled table that starts a new page (repeating the header) when it runs out of room. */
function drawTable(
  doc: PDFKit.PDFDocument,
  columns: Column[],
  rows: string[][],
  opts: { boldLast?: boolean } = {},
) {
  const left = doc.page.margins.left;
  const totalWidth = columns.reduce((s, c) => s + c.width, 0);
  const pad = 3;
  const rowHeight = (cells: string[], font: string, size: number) => {
    doc.font(font).fontSize(size);
    return (
      Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i]!.width - 2 * pad }))) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], font: string, size: number, fill?: string) => {
    const h = rowHeight(cells, font, size);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    if (fill) doc.rect(left, y, totalWidth, h).fill(fill);
    let x = left;
    doc.font(font).fontSize(size).fillColor(INK);
    cells.forEach((cell, i) => {
      const col = columns[i]!;
      doc.text(cell, x + pad, y + pad, { width: col.width - 2 * pad, align: col.align ?? "left" });
      x += col.width;
    });
    doc
      .moveTo(left, y + h)
      .lineTo(left + totalWidth, y + h)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = left;
    doc.y = y + h;
  };
  const drawHeader = () =>
    drawRow(
      columns.map((c) => c.header),
      "bold",
      7.5,
      "#e6f0fa",
    );
  drawHeader();
  rows.forEach((r, i) => drawRow(r, opts.boldLast && i === rows.length - 1 ? "bold" : "regular", 8.5));
  doc.moveDown(0.8);
}

function stateText(state: InstalmentState, dueDate: string): string {
  switch (state.kind) {
    case "pagata":
      return state.paidAt ? `Pagata il ${formatDayIt(state.paidAt)}` : "Pagata";
    case "da_pagare":
      return `Da pagare entro il ${formatDateIt(dueDate)}`;
    case "scaduta":
      return `Scaduta il ${formatDateIt(dueDate)}`;
    case "annullata":
      return "Annullata";
  }
}

function percent(bp: number, digits: number): string {
  return `${(bp / 100).toLocaleString("it-IT", { minimumFractionDigits: digits, maximumFractionDigits: 2 })}%`;
}

export async function renderImuF24Summary(p: {
  year: number;
  taxpayer: { codiceFiscale: string; name: string };
  assessments: ImuAssessment[];
  rows: F24ImuRow[];
  generatedOn: string;
  portalName: string;
}): Promise<Buffer> {
  // The subject names the codes in plain ASCII, so that the document says what it holds even to
  // tools that do not render it (indexers, tests).
  const enti = [...new Set(p.rows.map((r) => r.codiceEnte).filter(Boolean))].join(", ");
  const codes = [...new Set(p.rows.map((r) => r.codiceTributo))].join(", ");
  const doc = await createPdf({
    title: `${F24_SUMMARY_TITLE} - IMU ${p.year}`,
    subject: `IMU ${p.year} - riepilogo F24 - codice ente ${enti || "-"} - codici tributo ${codes || "-"}`,
    author: p.portalName,
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font("bold").fontSize(15).fillColor(PRIMARY).text(`IMU ${p.year}`, { width });
  doc.font("bold").fontSize(12).fillColor(INK).text(F24_SUMMARY_TITLE, { width });
  doc.moveDown(0.4);
  doc.font("regular").fontSize(10).fillColor(INK);
  doc.text(`Contribuente: ${p.taxpayer.name} - codice fiscale ${p.taxpayer.codiceFiscale}`, { width });
  doc.text(`Prospetto generato il ${formatDateIt(p.generatedOn)} da ${p.portalName}.`, { width });
  doc.moveDown(0.8);

  for (const a of p.assessments) {
    doc
      .font("bold")
      .fontSize(11)
      .fillColor(INK)
      .text(`${a.comune}${a.belfiore ? ` (codice ente ${a.belfiore})` : ""}`, {
        width,
      });
    doc.moveDown(0.3);
    drawTable(
      doc,
      [
        { header: "Immobile", width: 120 },
        { header: "Cat.", width: 32 },
        { header: "Rendita", width: 50, align: "right" },
        { header: "Rival. +5%", width: 50, align: "right" },
        { header: "Molt.", width: 30, align: "right" },
        { header: "Base imponibile", width: 62, align: "right" },
        { header: "Aliquota", width: 40, align: "right" },
        { header: "Mesi", width: 28, align: "right" },
        { header: "Quota", width: 38, align: "right" },
        { header: "IMU", width: width - 450, align: "right" },
      ],
      [
        ...a.lines.map((l) => [
          `${l.address}\nfg. ${l.foglio} part. ${l.particella} sub. ${l.subalterno}${l.mainHome ? "\nabitazione principale" : ""}`,
          l.category,
          formatEuro(l.renditaCents),
          formatEuro(l.revaluedCents),
          String(l.multiplier),
          formatEuro(l.baseCents),
          l.exempt ? "-" : percent(l.rateBp, 2),
          l.exempt ? "-" : String(l.monthsHeld),
          percent(l.shareBp, 0),
          l.exempt ? "esente" : formatEuro(l.amountCents),
        ]),
        ["Totale", "", "", "", "", "", "", "", "", formatEuro(a.amountCents)],
      ],
      { boldLast: true },
    );
    if (a.lines.some((l) => l.exempt && l.mainHome)) {
      doc
        .font("regular")
        .fontSize(8.5)
        .fillColor(MUTED)
        .text("Abitazione principale non di lusso (categoria diversa da A/1, A/8, A/9): IMU non dovuta.", {
          width,
        });
      doc.moveDown(0.6);
    }
  }

  doc.font("bold").fontSize(11).fillColor(INK).text("Sezione IMU e altri tributi locali", { width });
  doc.moveDown(0.3);
  if (p.rows.length === 0) {
    doc.font("regular").fontSize(10).text("Nessun importo da versare per l'anno.", { width });
  } else {
    drawTable(
      doc,
      [
        { header: "Codice ente / codice comune", width: 50 },
        { header: "Ravv.", width: 26, align: "center" },
        { header: "Immob. variati", width: 36, align: "center" },
        { header: "Acc.", width: 24, align: "center" },
        { header: "Saldo", width: 28, align: "center" },
        { header: "Numero immobili", width: 40, align: "right" },
        { header: "Codice tributo", width: 38 },
        { header: "Rateazione / mese rif.", width: 44 },
        { header: "Anno di riferimento", width: 44 },
        { header: "Importi a debito versati", width: 58, align: "right" },
        { header: "Stato", width: width - 388 },
      ],
      [
        ...p.rows.map((r) => [
          r.codiceEnte,
          "",
          "",
          r.acconto ? "X" : "",
          r.saldo ? "X" : "",
          String(r.numeroImmobili),
          r.codiceTributo,
          "",
          String(r.annoRiferimento),
          formatEuro(r.importoCents),
          stateText(r.state, r.dueDate),
        ]),
        [
          "Totale",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          formatEuro(p.rows.reduce((s, r) => s + r.importoCents, 0)),
          "",
        ],
      ],
      { boldLast: true },
    );
  }

  doc.font("regular").fontSize(8.5).fillColor(MUTED);
  doc.text(
    "Questo prospetto non è un modello F24 ufficiale e non vale come quietanza. Riporta i dati da trascrivere nella " +
      "sezione «IMU e altri tributi locali» del modello F24 se scegli di pagare in banca, alla posta o con l'home " +
      "banking. In alternativa puoi pagare ogni rata con pagoPA dall'area personale. Non pagare due volte la stessa " +
      "rata: le rate già pagate sono indicate nella colonna Stato.",
    left,
    doc.y,
    { width },
  );
  return pdfToBuffer(doc);
}
