import { describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/config";
import {
  F24_CODE_LABEL,
  f24CodeLabel,
  NOTICE_STATUS_LABEL,
  REFUND_STATUS_LABEL,
  VEHICLE_KIND_LABEL,
} from "~/dossier/labels";
import { INSTALMENT_STATE_LABEL } from "~/dossier/taxpayer.server";
import { MESSAGES } from "~/locales";
import { REFUND_STATES } from "~/rules/refunds";
import { messageAt as lookup } from "../../tests/support/messages";

// The taxpayer pages show the domain's label tables (which stay Italian for PDFs, mails and the
// operator area) through the "taxpayer" namespace, keyed by code: t(`refundStatus.${code}`). Such
// dynamic keys escape the key scan of messages.test.ts, so every code is checked here, and the
// Italian message must be the domain's label word for word.

const ns = (locale: string) =>
  (MESSAGES as unknown as Record<string, Record<string, unknown>>)[locale]!.taxpayer;

const TABLES: Array<[string, Record<string, string>]> = [
  ["refundStatus", REFUND_STATUS_LABEL],
  ["noticeStatus", NOTICE_STATUS_LABEL],
  ["vehicleKind", VEHICLE_KIND_LABEL],
  ["f24Codes", F24_CODE_LABEL],
  ["instalment.state", INSTALMENT_STATE_LABEL],
];

describe("taxpayer messages for the domain's label tables", () => {
  it.each(TABLES)("%s: every code in both languages, Italian equal to the domain label", (prefix, table) => {
    expect(Object.keys(table).length).toBeGreaterThan(0);
    for (const [code, label] of Object.entries(table)) {
      expect(lookup(ns("it"), `${prefix}.${code}`), `it: ${prefix}.${code}`).toBe(label);
      for (const locale of LOCALES) {
        expect(lookup(ns(locale), `${prefix}.${code}`), `${locale}: ${prefix}.${code}`).toBeTruthy();
      }
    }
  });

  it("every refund state of the rules has a label and a message", () => {
    for (const state of REFUND_STATES) {
      expect(REFUND_STATUS_LABEL[state]).toBeTruthy();
      for (const locale of LOCALES) expect(lookup(ns(locale), `refundStatus.${state}`)).toBeTruthy();
    }
  });

  it("an F24 code without a label reads as the domain's fallback", () => {
    expect(lookup(ns("it"), "f24Codes.other")).toBe(f24CodeLabel("0000"));
    for (const locale of LOCALES) expect(lookup(ns(locale), "f24Codes.other")).toBeTruthy();
  });
});

describe("taxpayer messages asked for by code", () => {
  it("every section of the dossier's navigation has its label", () => {
    // The keys of taxpayerSections (app/components/taxpayer/taxpayer-nav.tsx), which this test may not import.
    const sections = ["riepilogo", "immobili", "imu", "tari", "veicoli", "accertamenti", "f24", "rimborsi"];
    for (const key of sections) {
      for (const locale of LOCALES)
        expect(lookup(ns(locale), `nav.${key}`), `${locale}: nav.${key}`).toBeTruthy();
    }
  });

  it("every tax of the overview has a name and a link text", () => {
    for (const tax of ["IMU", "TARI", "BOLLO"]) {
      for (const locale of LOCALES) {
        expect(lookup(ns(locale), `overview.tax.${tax}`), `${locale}: overview.tax.${tax}`).toBeTruthy();
        expect(
          lookup(ns(locale), `overview.detail.${tax}`),
          `${locale}: overview.detail.${tax}`,
        ).toBeTruthy();
      }
    }
  });
});
