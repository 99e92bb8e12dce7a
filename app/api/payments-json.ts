// The API's JSON shapes, close to pagoPA's GPD (debt positions) and ctReceiptV2 (receipts), in
// camelCase. Amounts are integer euro cents everywhere, calendar dates RFC 3339 full-date
// (YYYY-MM-DD), instants RFC 3339 date-time in UTC.
import type { PositionDetail } from "~/payments/creditor-positions.server";
import type { CreditorReceipt } from "~/payments/creditor-receipts.server";
import { IMPORT_STATE_LABEL, type PositionImport } from "~/payments/position-imports.server";
import type { HolderNotice } from "~/payments/positions.server";
import { checkPayable } from "~/payments/rules";

export interface TransferJson {
  idTransfer: number;
  amount: number;
  organizationFiscalCode: string;
  iban: string;
  remittanceInformation: string;
  category: string;
}

export interface PaymentOptionJson {
  iuv: string;
  nav: string;
  amount: number;
  description: string;
  dueDate: string;
  retentionDate: string | null;
  isPartialPayment: boolean;
  instalmentNumber: number;
  status: string;
  paymentDate: string | null;
  transfer: TransferJson[];
}

export interface DebtPositionJson {
  iupd: string;
  organizationFiscalCode: string;
  companyName: string;
  type: "F" | "G";
  fiscalCode: string;
  fullName: string;
  service: string;
  description: string;
  validityDate: string | null;
  switchToExpired: boolean;
  status: string;
  statusReason: string | null;
  insertedDate: string;
  publishDate: string | null;
  lastUpdatedDate: string;
  paymentOption: PaymentOptionJson[];
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

export function receiptJson(r: CreditorReceipt) {
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

export const VERIFY_STATUS = {
  PAYABLE: "Pagabile",
  PAID: "Già pagato",
  IN_PAYMENT: "In pagamento: un altro pagamento è in corso",
  NOT_PAYABLE: "Non più pagabile",
} as const;

/** What the holder of a printed notice may learn about it: no debtor. */
export function noticeVerificationJson(n: HolderNotice, now: Date) {
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
  const status: keyof typeof VERIFY_STATUS = check.ok
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

/** The import's state in the API: English codes, as the positions' GPD states. */
export const IMPORT_STATUS = {
  in_attesa: "PENDING",
  in_corso: "RUNNING",
  completata: "COMPLETED",
  non_riuscita: "FAILED",
} as const;

export function positionImportJson(i: PositionImport) {
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
