import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABEL } from "~/audit-actions";
import { LOCALES } from "~/i18n/config";
import { REASON_CATEGORIES, reasonCategoryLabel } from "~/operator/limits";
import { DOSSIER_SECTIONS, ROLE_LABEL } from "~/operator/sections";
import { message } from "../../tests/support/messages";

// "Chi ha visto i miei dati" shows the access log's labels through the "accesses" namespace,
// keyed by code: every code has a message in every language, and the Italian one is the label the
// operator area, the CSV export and the log's reader use.

const lookup = (locale: string, key: string) => message(locale, "accesses", key);

/** As the page names an action's message: the code's dots become underscores. */
const actionKey = (code: string) => `action.${code.replaceAll(".", "_")}`;

const tables: Record<string, Record<string, string>> = {
  action: Object.fromEntries(
    Object.entries(AUDIT_ACTION_LABEL).map(([code, label]) => [actionKey(code), label]),
  ),
  reasonCategory: Object.fromEntries(
    REASON_CATEGORIES.map((c) => [`reasonCategory.${c.value}`, reasonCategoryLabel(c.value)]),
  ),
  section: Object.fromEntries(
    Object.entries(DOSSIER_SECTIONS).map(([code, s]) => [`section.${code}`, s.label]),
  ),
  roles: Object.fromEntries(Object.entries(ROLE_LABEL).map(([code, label]) => [`roles.${code}`, label])),
};

describe("accesses namespace: the access log's labels by code", () => {
  it.each(Object.keys(tables))("%s: every code in every language, Italian as the domain says", (table) => {
    for (const [key, italian] of Object.entries(tables[table]!)) {
      for (const locale of LOCALES) {
        expect(lookup(locale, key)?.trim(), `${locale}: ${key}`).toBeTruthy();
      }
      expect(lookup("it", key), key).toBe(italian);
    }
  });

  it("no two action codes share a message key", () => {
    const keys = Object.keys(AUDIT_ACTION_LABEL).map(actionKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
