import { describe, expect, it } from "vitest";
import { ATTRIBUTE_LABELS, RECEIVED_DATA } from "~/auth/spid-labels";
import { DOCUMENT_KIND_LABEL, RELATION_LABEL } from "~/dossier/labels";
import { LOCALES } from "~/i18n/config";
import { message } from "../../tests/support/messages";

// The registry pages show the domain's label tables through the "registry" namespace, keyed by
// code: every code has a message in every language, and the Italian one is the domain's label.
// How one entered (credential and level) is the area's wording (area.test.ts).

const lookup = (locale: string, key: string) => message(locale, "registry", key);

/** key → the Italian label the domain gives it. */
const tables: Record<string, Record<string, string>> = {
  relation: Object.fromEntries(
    Object.entries(RELATION_LABEL).flatMap(([code, bySex]) => [
      [`relation.${code}.M`, bySex.M],
      [`relation.${code}.F`, bySex.F],
    ]),
  ),
  documentKind: Object.fromEntries(
    Object.entries(DOCUMENT_KIND_LABEL).map(([code, label]) => [`documentKind.${code}`, label]),
  ),
  renewal: Object.fromEntries(
    Object.keys(DOCUMENT_KIND_LABEL).map((code) => [`documents.renewal.${code}`, ""]),
  ),
  attribute: Object.fromEntries(
    Object.entries(ATTRIBUTE_LABELS).map(([code, label]) => [`attribute.${code}`, label]),
  ),
  received: Object.fromEntries(
    Object.entries(RECEIVED_DATA).map(([code, r]) => [`received.${code}.title`, r.title]),
  ),
};

describe("registry namespace: the domain's labels by code", () => {
  it.each(Object.keys(tables))("%s: every code in every language, Italian as the domain says", (table) => {
    for (const [key, italian] of Object.entries(tables[table]!)) {
      for (const locale of LOCALES) {
        expect(lookup(locale, key)?.trim(), `${locale}: ${key}`).toBeTruthy();
      }
      if (italian) expect(lookup("it", key), key).toBe(italian);
    }
  });
});
