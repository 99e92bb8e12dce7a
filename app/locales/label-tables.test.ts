import { describe, expect, it } from "vitest";
import { CERTIFICATE_KIND_LABEL, CERTIFICATE_PURPOSES } from "~/dossier/labels";
import { MAIL_KIND_LABEL } from "~/mail/messages";
import { MESSAGES } from "~/locales";

// Pages show the domain's label tables through the message files, keyed by code: every code is in
// both languages, and in Italian the words are the domain's own.

const TABLES = [
  {
    name: "verify:certificateKind",
    table: CERTIFICATE_KIND_LABEL,
    it: MESSAGES.it.verify.certificateKind,
    en: MESSAGES.en.verify.certificateKind,
  },
  {
    name: "verify:certificatePurpose",
    table: CERTIFICATE_PURPOSES,
    it: MESSAGES.it.verify.certificatePurpose,
    en: MESSAGES.en.verify.certificatePurpose,
  },
  { name: "mail:kind", table: MAIL_KIND_LABEL, it: MESSAGES.it.mail.kind, en: MESSAGES.en.mail.kind },
];

describe("domain labels in the message files", () => {
  it.each(TABLES)("$name", ({ table, it: italian, en }) => {
    expect(italian).toEqual(table);
    expect(Object.keys(en).sort()).toEqual(Object.keys(table).sort());
    for (const text of Object.values(en)) expect(text.trim()).not.toBe("");
  });
});
