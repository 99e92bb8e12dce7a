// The API's JSON shapes, close to pagoPA's GPD (debt positions) and ctReceiptV2 (receipts), in
// camelCase. Amounts are integer euro cents everywhere, calendar dates RFC 3339 full-date
// (YYYY-MM-DD), instants RFC 3339 date-time in UTC. Each shape is a zod schema: its TypeScript type
// is inferred from it, and the OpenAPI document's components are generated from it
// (responseJsonSchemas), so what the API answers and what it documents are one thing.
import { z } from "zod";
import { invalidParamSchema, problemSchema } from "~/api/problem";
import type { PositionDetail } from "~/payments/creditor-positions.server";
import type { CreditorReceipt } from "~/payments/creditor-receipts.server";
import { CATEGORY_PATTERN, CREDITOR_LIMITS } from "~/payments/creditor-input";
import { IMPORT_STATE_LABEL, type PositionImport } from "~/payments/position-imports.server";
import type { HolderNotice } from "~/payments/positions.server";
import { checkPayable } from "~/payments/rules";
import { OPTION_STATUSES, POSITION_STATUSES, RECEIPT_OUTCOMES } from "~/rules/gpd";

const fiscalCodePA = z
  .string()
  .regex(/^\d{11}$/)
  .meta({ description: "Codice fiscale di un ente: 11 cifre." });
const cents = z
  .int()
  .min(1)
  .max(CREDITOR_LIMITS.maxAmountCents)
  .meta({ description: "Importo in centesimi di euro." });
const text = z.string().min(1).max(CREDITOR_LIMITS.text);
const noticeNumber = z
  .string()
  .regex(/^\d{18}$/)
  .meta({ description: "Codice avviso (18 cifre)." });
const date = z.iso.date();
const dateTime = z.iso.datetime({ offset: true });

export const pageInfoSchema = z.strictObject({
  page: z.int().min(1),
  pageSize: z.int().min(1),
  totalItems: z.int().min(0),
  totalPages: z.int().min(1),
});

export const transferJsonSchema = z.strictObject({
  idTransfer: z.int().min(1).max(CREDITOR_LIMITS.transfers),
  amount: cents,
  organizationFiscalCode: fiscalCodePA,
  iban: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/),
  remittanceInformation: text,
  category: z.string().regex(CATEGORY_PATTERN),
});

export const paymentOptionJsonSchema = z.strictObject({
  iuv: z.string().regex(/^\d{15,17}$/),
  nav: noticeNumber,
  amount: cents,
  description: text,
  dueDate: date,
  retentionDate: date.nullable(),
  isPartialPayment: z.boolean(),
  instalmentNumber: z.int().min(0).meta({ description: "0 per l'unica soluzione, 1..n per le rate." }),
  status: z.enum(OPTION_STATUSES),
  paymentDate: dateTime.nullable(),
  transfer: z.array(transferJsonSchema).min(1).max(CREDITOR_LIMITS.transfers),
});

export const debtPositionJsonSchema = z.strictObject({
  iupd: z.string(),
  organizationFiscalCode: fiscalCodePA,
  companyName: z.string(),
  type: z.enum(["F", "G"]),
  fiscalCode: z.string().regex(/^[A-Z0-9]{11,16}$/),
  fullName: z.string(),
  service: z.string(),
  description: z.string(),
  validityDate: date.nullable(),
  switchToExpired: z.boolean(),
  status: z.enum(POSITION_STATUSES),
  statusReason: z.string().nullable(),
  insertedDate: dateTime,
  publishDate: dateTime.nullable(),
  lastUpdatedDate: dateTime,
  paymentOption: z.array(paymentOptionJsonSchema).min(1),
});

export type DebtPositionJson = z.output<typeof debtPositionJsonSchema>;

export const VERIFY_STATUS = {
  PAYABLE: "Pagabile",
  PAID: "Già pagato",
  IN_PAYMENT: "In pagamento: un altro pagamento è in corso",
  NOT_PAYABLE: "Non più pagabile",
} as const;

type VerifyStatus = keyof typeof VERIFY_STATUS;

export const noticeVerificationJsonSchema = z.strictObject({
  noticeNumber,
  fiscalCode: fiscalCodePA,
  companyName: z.string(),
  description: z.string(),
  amount: cents,
  dueDate: date,
  isPartialPayment: z.boolean(),
  instalmentNumber: z.int().min(0),
  instalmentCount: z.int().min(0),
  status: z.enum(Object.keys(VERIFY_STATUS) as [VerifyStatus, ...VerifyStatus[]]),
  statusDescription: z.string(),
});

export type NoticeVerificationJson = z.output<typeof noticeVerificationJsonSchema>;

export const receiptTransferJsonSchema = z.strictObject({
  idTransfer: z.int().min(1),
  transferAmount: z.int().min(0),
  fiscalCodePA: z.string(),
  iban: z.string(),
  remittanceInformation: z.string(),
  transferCategory: z.string(),
});

export const receiptJsonSchema = z.strictObject({
  receiptId: z.string(),
  noticeNumber,
  fiscalCode: fiscalCodePA,
  outcome: z.enum(RECEIPT_OUTCOMES),
  creditorReferenceId: z.string(),
  paymentAmount: cents,
  description: z.string(),
  companyName: z.string(),
  debtor: z.strictObject({ fiscalCode: z.string(), fullName: z.string() }),
  payer: z.strictObject({ fiscalCode: z.string().nullable(), fullName: z.string().nullable() }).nullable(),
  idPSP: z.string(),
  pspCompanyName: z.string(),
  paymentMethod: z.string(),
  fee: z.int().min(0),
  paymentDateTime: dateTime,
  applicationDate: date,
  iupd: z.string(),
  transferList: z.array(receiptTransferJsonSchema),
});

export type ReceiptJson = z.output<typeof receiptJsonSchema>;

/** The import's state in the API: English codes, as the positions' GPD states. */
export const IMPORT_STATUS = {
  in_attesa: "PENDING",
  in_corso: "RUNNING",
  completata: "COMPLETED",
  non_riuscita: "FAILED",
} as const;

export const positionImportJsonSchema = z.strictObject({
  id: z.int().min(1),
  status: z.enum(IMPORT_STATUS),
  statusDescription: z.string(),
  fileName: z.string().nullable(),
  totalRows: z.int().min(1).meta({ description: "Posizioni nel file." }),
  processedRows: z.int().min(0).meta({ description: "Righe già elaborate." }),
  createdPositions: z.int().min(0),
  skippedPositions: z
    .int()
    .min(0)
    .meta({ description: "Righe il cui idPosizioneEnte l'ente aveva già: nessuna posizione creata." }),
  messagesSent: z.int().min(0),
  totalAmount: z.int().min(0).meta({ description: "Somma delle posizioni create, in centesimi di euro." }),
  error: z.string().nullable().meta({ description: "Perché l'importazione si è fermata (stato FAILED)." }),
  insertedDate: dateTime,
  startDate: dateTime.nullable(),
  endDate: dateTime.nullable(),
});

export type PositionImportJson = z.output<typeof positionImportJsonSchema>;

/** The response bodies, by their name in the OpenAPI document's components.schemas. */
export const RESPONSE_SCHEMAS = {
  Problem: problemSchema,
  InvalidParam: invalidParamSchema,
  PageInfo: pageInfoSchema,
  Transfer: transferJsonSchema,
  PaymentOption: paymentOptionJsonSchema,
  DebtPosition: debtPositionJsonSchema,
  DebtPositionList: z.strictObject({ items: z.array(debtPositionJsonSchema), pageInfo: pageInfoSchema }),
  NoticeVerification: noticeVerificationJsonSchema,
  ReceiptTransfer: receiptTransferJsonSchema,
  Receipt: receiptJsonSchema,
  ReceiptList: z.strictObject({ items: z.array(receiptJsonSchema), pageInfo: pageInfoSchema }),
  DebtPositionImport: positionImportJsonSchema,
};

export function pageInfoJson(p: { page: number; pageSize: number; total: number; pageCount: number }) {
  return {
    page: p.page,
    pageSize: p.pageSize,
    totalItems: p.total,
    totalPages: p.pageCount,
  } satisfies z.output<typeof pageInfoSchema>;
}

export function positionJson(p: PositionDetail): DebtPositionJson {
  return {
    iupd: p.iupd,
    organizationFiscalCode: p.creditorFiscalCode,
    companyName: p.companyName,
    type: p.type,
    fiscalCode: p.debtorFiscalCode,
    fullName: p.debtorName,
    service: p.service,
    description: p.description,
    validityDate: p.validityDate,
    switchToExpired: p.switchToExpired,
    status: p.status,
    statusReason: p.statusReason,
    insertedDate: p.createdAt,
    publishDate: p.publishedAt,
    lastUpdatedDate: p.updatedAt,
    paymentOption: p.options.map((o) => ({
      iuv: o.iuv,
      nav: o.nav,
      amount: o.amountCents,
      description: o.description,
      dueDate: o.dueDate,
      retentionDate: o.retentionDate,
      isPartialPayment: o.isPartialPayment,
      instalmentNumber: o.instalmentNumber,
      status: o.status,
      paymentDate: o.paidAt,
      transfer: o.transfers.map((t) => ({
        idTransfer: t.idTransfer,
        amount: t.amountCents,
        organizationFiscalCode: t.organizationFiscalCode,
        iban: t.iban,
        remittanceInformation: t.remittanceInformation,
        category: t.category,
      })),
    })),
  };
}

export function receiptJson(r: CreditorReceipt): ReceiptJson {
  return {
    receiptId: r.receiptId,
    noticeNumber: r.noticeNumber,
    fiscalCode: r.creditorFiscalCode,
    outcome: r.outcome,
    creditorReferenceId: r.creditorReferenceId,
    paymentAmount: r.paymentAmountCents,
    description: r.description,
    companyName: r.companyName,
    debtor: { fiscalCode: r.debtorFiscalCode, fullName: r.debtorName },
    payer: r.payerFiscalCode || r.payerName ? { fiscalCode: r.payerFiscalCode, fullName: r.payerName } : null,
    idPSP: r.idPsp,
    pspCompanyName: r.pspCompanyName,
    paymentMethod: r.paymentMethod,
    fee: r.feeCents,
    paymentDateTime: r.paymentDateTime,
    applicationDate: r.applicationDate,
    iupd: r.iupd,
    transferList: r.transfers.map((t) => ({
      idTransfer: t.idTransfer,
      transferAmount: t.amountCents,
      fiscalCodePA: t.fiscalCodePA,
      iban: t.iban,
      remittanceInformation: t.remittanceInformation,
      transferCategory: t.transferCategory,
    })),
  };
}

/** What the holder of a printed notice may learn about it: no debtor. */
export function noticeVerificationJson(n: HolderNotice, now: Date): NoticeVerificationJson {
  const check = checkPayable(
    {
      positionStatus: n.positionStatus,
      optionStatus: n.optionStatus,
      isPartialPayment: n.isPartialPayment,
      reservedUntil: n.reservedUntil,
      reservedBy: n.reservedBy,
    },
    now,
  );
  const status: VerifyStatus = check.ok
    ? "PAYABLE"
    : check.code === "gia_pagato"
      ? "PAID"
      : check.code === "gia_in_pagamento"
        ? "IN_PAYMENT"
        : "NOT_PAYABLE";
  return {
    noticeNumber: n.nav,
    fiscalCode: n.creditorFiscalCode,
    companyName: n.creditorName,
    description: n.purpose,
    amount: n.amountCents,
    dueDate: n.dueDate,
    isPartialPayment: n.isPartialPayment === 1,
    instalmentNumber: n.instalmentNumber,
    instalmentCount: n.instalmentCount,
    status,
    statusDescription: VERIFY_STATUS[status],
  };
}

/** A field path of the core (`options[0].transfers[1].amountCents`) in the API's names (`paymentOption[0].transfer[1].amount`). */
export function apiFieldPath(path: string): string {
  return path
    .replace(/^debtorFiscalCode$/, "fiscalCode")
    .replace(/^debtorName$/, "fullName")
    .replace(/^options/, "paymentOption")
    .replace(/\.transfers/, ".transfer")
    .replace(/\.amountCents$/, ".amount");
}

export function apiFieldErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [apiFieldPath(k), v]));
}

export function positionImportJson(i: PositionImport): PositionImportJson {
  return {
    id: i.id,
    status: IMPORT_STATUS[i.state],
    statusDescription: IMPORT_STATE_LABEL[i.state],
    fileName: i.filename,
    totalRows: i.totalRows,
    processedRows: i.rowsDone,
    createdPositions: i.created,
    skippedPositions: i.skipped,
    messagesSent: i.messages,
    totalAmount: i.totalCents,
    error: i.state === "non_riuscita" ? i.error : null,
    insertedDate: i.createdAt,
    startDate: i.startedAt,
    endDate: i.finishedAt,
  };
}
