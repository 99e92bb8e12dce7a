import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { AFTER_DUE_KINDS, instalmentText, PAY_STATE_CODE } from "~/components/payments/notice-parts";
import { MESSAGES } from "~/locales";
import type { CheckoutStatus } from "~/payments/checkout.server";
import { createSimulatedProvider } from "~/payments/psp.server";
import { paymentMethodLabel, receiptFields } from "~/payments/receipt-pdf.server";
import type { ReceiptView } from "~/payments/positions.server";
import { instalmentLabel, noticeState, REFUSAL_MESSAGES } from "~/payments/rules";
import {
  PAYMENT_OPTION_STATUS_LABEL,
  POSITION_STATUS_LABEL,
  type OptionStatus,
  type PositionStatus,
} from "~/rules/gpd";
import { messageAt as lookup } from "../../../tests/support/messages";

// The payment pages show domain labels (written in Italian for PDFs, mails and the operator area)
// through the "payments" messages, keyed by code: every code has its message in every language,
// and the Italian message is the domain's label, so that Italian pages read as before.

const it_ = MESSAGES.it.payments;
const en = MESSAGES.en.payments;
const validation = MESSAGES.en.validation as Record<string, string>;

/** Every label noticeState writes, over every status, instalment, reservation and due date. */
function noticeStateLabels(): Set<string> {
  const labels = new Set<string>();
  const now = new Date("2026-06-15T10:00:00Z");
  for (const positionStatus of Object.keys(POSITION_STATUS_LABEL) as PositionStatus[]) {
    for (const optionStatus of Object.keys(PAYMENT_OPTION_STATUS_LABEL) as OptionStatus[]) {
      for (const isPartialPayment of [0, 1] as const) {
        for (const reservedUntil of [null, "2026-06-15T10:10:00Z"]) {
          for (const dueDate of ["2026-06-01", "2026-07-01"]) {
            const state = noticeState(
              { positionStatus, optionStatus, isPartialPayment, reservedUntil, reservedBy: "altro", dueDate },
              "2026-06-15",
              now,
            );
            labels.add(state.label);
          }
        }
      }
    }
  }
  return labels;
}

describe("payments messages keyed by domain codes", () => {
  it("every state label of noticeState has a code, with its message in both languages", () => {
    const labels = noticeStateLabels();
    expect(labels.size).toBeGreaterThan(4);
    for (const label of labels) {
      const code = PAY_STATE_CODE[label];
      expect(code, label).toBeDefined();
      expect(lookup(it_, `state.${code}`), label).toBe(label);
      expect(lookup(en, `state.${code}`), label).toBeTruthy();
    }
  });

  it("every code of the state table has its message, Italian equal to the label", () => {
    for (const [label, code] of Object.entries(PAY_STATE_CODE)) {
      expect(lookup(it_, `state.${code}`)).toBe(label);
      expect(lookup(en, `state.${code}`), code).toBeTruthy();
    }
    expect(Object.keys(it_.state).sort()).toEqual([...new Set(Object.values(PAY_STATE_CODE))].sort());
  });

  it("every kind of after-due-date rule has its note in both languages", () => {
    for (const kind of Object.keys(AFTER_DUE_KINDS)) {
      expect(lookup(it_, `parts.afterDue.${kind}`), kind).toBeTruthy();
      expect(lookup(en, `parts.afterDue.${kind}`), kind).toBeTruthy();
    }
  });

  it("every checkout status has its page title in both languages", () => {
    const statuses = [
      "in_corso",
      "pagato",
      "fallito",
      "annullato",
      "scaduto",
    ] as const satisfies readonly CheckoutStatus[];
    // A status added to the type and not here fails to compile.
    const all: Record<CheckoutStatus, true> = {
      in_corso: true,
      pagato: true,
      fallito: true,
      annullato: true,
      scaduto: true,
    };
    expect(Object.keys(all).sort()).toEqual([...statuses].sort());
    for (const status of statuses) {
      expect(lookup(it_, `checkout.title.${status}`), status).toBeTruthy();
      expect(lookup(en, `checkout.title.${status}`), status).toBeTruthy();
    }
  });

  it("the simulated payment methods: Italian as the provider writes them, English for each", () => {
    for (const m of createSimulatedProvider().methods()) {
      expect(lookup(it_, `checkout.methods.${m.code}.label`)).toBe(m.label);
      expect(lookup(it_, `checkout.methods.${m.code}.description`)).toBe(m.description);
      expect(lookup(en, `checkout.methods.${m.code}.label`), m.code).toBeTruthy();
      expect(lookup(en, `checkout.methods.${m.code}.description`), m.code).toBeTruthy();
    }
  });

  it("receipt methods: Italian as the receipt's label, English for each", () => {
    for (const code of Object.keys(it_.receipt.methods)) {
      expect(lookup(it_, `receipt.methods.${code}`)).toBe(paymentMethodLabel(code));
      expect(lookup(en, `receipt.methods.${code}`), code).toBeTruthy();
    }
    for (const code of ["CP", "BBT", "APP", "PPAL", "BP", "PO"]) {
      expect(paymentMethodLabel(code)).not.toBe(code);
      expect(lookup(it_, `receipt.methods.${code}`), code).toBeDefined();
    }
  });

  it("receipt fields: the Italian names, in order, are the receipt's (page and PDF)", () => {
    const sample = {
      outcome: "OK",
      payment_amount_cents: 1000,
      fee_cents: 100,
      payment_date_time: "2026-06-15T10:00:00Z",
      application_date: "2026-06-15",
      description: "TARI",
      company_name: "Comune",
      creditor_fiscal_code: "00000000000",
      notice_number: "301240000001234510",
      creditor_reference_id: "01240000001234510",
      debtor_name: "Mario Rossi",
      debtor_fiscal_code: "RSSMRA80A01H501U",
      payer_name: null,
      payer_fiscal_code: null,
      psp_company_name: "PSP",
      id_psp: "PSP1",
      payment_method: "CP",
      receipt_id: "abc",
    } as unknown as ReceiptView;
    expect(Object.values(it_.receipt.fields)).toEqual(receiptFields(sample).map(([label]) => label));
    const values = new Map(receiptFields(sample, { hideDebtor: true }));
    expect(values.get("Debitore")).toBe(it_.receipt.values.debtorHidden);
    expect(values.get("Pagatore")).toBe(it_.receipt.values.payerUnknown);
    expect(values.get("Esito")).toBe(it_.receipt.values.ok);
  });

  it("instalments: the Italian words are instalmentLabel's", () => {
    const i18n = i18next.createInstance();
    void i18n.init({ lng: "it", resources: MESSAGES, initImmediate: false, fallbackLng: false });
    const t = i18n.getFixedT("it", "payments");
    for (const [number, count, partial] of [
      [0, 0, 0],
      [1, 3, 0],
      [1, 3, 1],
      [2, 3, 1],
      [2, 0, 1],
      [0, 3, 1],
    ] as const) {
      expect(instalmentText(t, { number, count, partial })).toBe(instalmentLabel(number, count, partial));
    }
  });

  it("refusals of a payment are translated for the pages that show them", () => {
    for (const message of Object.values(REFUSAL_MESSAGES)) {
      expect(validation[message], message).toBeTruthy();
    }
  });
});
