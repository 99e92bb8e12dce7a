import { describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/config";
import { DELEGATION_AREA_LABEL, DELEGATION_AREA_SHORT, DELEGATION_STATE_LABEL } from "~/rules/delegation";
import { message } from "../../tests/support/messages";

// The delegations page and form show the domain's labels through the "delegations" namespace,
// keyed by code: every code has a message in every language, and the Italian one is the domain's.

const lookup = (locale: string, key: string) => message(locale, "delegations", key);

const tables: Record<string, Record<string, string>> = {
  state: DELEGATION_STATE_LABEL,
  area: DELEGATION_AREA_LABEL,
  areaShort: DELEGATION_AREA_SHORT,
};

describe("delegations namespace: the domain's labels by code", () => {
  it.each(Object.keys(tables))("%s: every code in every language, Italian as the domain says", (table) => {
    for (const [code, italian] of Object.entries(tables[table]!)) {
      const key = `${table}.${code}`;
      for (const locale of LOCALES) {
        expect(lookup(locale, key)?.trim(), `${locale}: ${key}`).toBeTruthy();
      }
      expect(lookup("it", key), key).toBe(italian);
    }
  });
});
