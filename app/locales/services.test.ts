import { describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/config";
import { MESSAGES } from "~/locales";
import { CERTIFICATE_KIND_LABEL, CERTIFICATE_KINDS, CERTIFICATE_PURPOSES } from "~/dossier/labels";
import { PRATICA_STATE_LABEL, PRATICA_STATES } from "~/rules/pratiche";
import { whatToBring } from "~/rules/appointments";
import { MAX_ACTIVE_BOOKINGS, type Appointment } from "~/dossier/appointments.server";
import { PRATICA_TYPE_LABELS } from "~/dossier/practices.server";
import type { MessageTree as Tree } from "../../tests/support/messages";

// The citizen's pages show the domain's label tables (Italian, also used by PDFs, mails and the
// operator area) through their namespaces, keyed by code: every code must be there in every
// language, and the Italian text must be the domain's label, so that Italian pages do not change.

const messages = MESSAGES as unknown as Record<string, Record<string, Tree>>;

function group(locale: string, ns: string, key: string): Record<string, unknown> {
  const value = messages[locale]?.[ns]?.[key];
  return typeof value === "object" ? value : {};
}

function expectTable(ns: string, key: string, table: Record<string, string>) {
  for (const locale of LOCALES) {
    const texts = group(locale, ns, key);
    for (const code of Object.keys(table)) {
      const text = texts[code];
      expect(typeof text === "string" && text.trim() !== "", `${locale}/${ns}: ${key}.${code}`).toBe(true);
    }
  }
  expect(group("it", ns, key), `it/${ns}: ${key}`).toMatchObject(table);
}

describe("certificates", () => {
  it("every certificate kind has a label, Italian as in the domain", () => {
    expectTable("certificates", "kind", CERTIFICATE_KIND_LABEL);
  });

  it("every certificate kind has a hint", () => {
    expectTable(
      "certificates",
      "kindHint",
      Object.fromEntries(CERTIFICATE_KINDS.map((k) => [k, expect.any(String)])),
    );
  });

  it("every purpose has a label, Italian as printed on the certificate", () => {
    expectTable("certificates", "purpose", CERTIFICATE_PURPOSES);
  });
});

describe("pratiche", () => {
  it("every state has a label, Italian as in the domain", () => {
    expectTable("pratiche", "status", PRATICA_STATE_LABEL);
  });

  it("every state has its default next steps", () => {
    expectTable(
      "pratiche",
      "nextSteps",
      Object.fromEntries(PRATICA_STATES.map((s) => [s, expect.any(String)])),
    );
  });

  it("every named pratica type has a label, Italian as the server names it", () => {
    const types = PRATICA_TYPE_LABELS;
    expect(Object.keys(types).length).toBeGreaterThan(10);
    expectTable("pratiche", "type", types);
  });
});

describe("appointments", () => {
  // Every status an appointment can have: the compiler complains when one is added.
  const STATUSES = { prenotato: true, annullato: true, svolto: true } satisfies Record<
    Appointment["status"],
    true
  >;

  it("every status has a label, and a booked appointment whose time has gone is 'past'", () => {
    expectTable(
      "appointments",
      "status",
      Object.fromEntries([...Object.keys(STATUSES), "passed"].map((k) => [k, expect.any(String)])),
    );
  });

  it("what to bring, written by the server in Italian, has an English text for every service it knows", () => {
    const en = messages.en!.validation as Record<string, string>;
    for (const service of [
      "Rinnovo carta d'identità",
      "Assistenza IMU",
      "Sportello TARI",
      "Assistenza bollo auto",
      "Ritiro referti",
    ]) {
      const text = whatToBring(service);
      expect(text, service).not.toBeNull();
      expect(en[text!], service).toBeTruthy();
    }
  });

  it("the refusal that names the most bookings one may hold has its English text", () => {
    const en = messages.en!.validation as Record<string, string>;
    const key = `Hai già ${MAX_ACTIVE_BOOKINGS} appuntamenti prenotati: per prenotarne un altro annullane prima uno.`;
    expect(en[key]).toContain(String(MAX_ACTIVE_BOOKINGS));
  });
});
