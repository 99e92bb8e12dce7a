import { describe, expect, it } from "vitest";
import { CREDENTIAL_LABELS, levelLabel, RECEIVED_DATA } from "~/auth/spid-labels";
import { CERTIFICATE_KIND_LABEL, DOCUMENT_KIND_LABEL, REMINDER_CHANNEL_LABEL } from "~/dossier/labels";
import { LOCALES } from "~/i18n/config";
import { DELEGATION_AREA_SHORT } from "~/rules/delegation";
import { PAYMENT_OPTION_STATUS_LABEL } from "~/rules/gpd";
import { CREDENTIALS } from "~/rules/identity";
import { PAGE_FEEDBACK_CHOICES, PAGE_FEEDBACK_QUESTION } from "~/rules/page-feedback";
import { PRATICA_STATE_LABEL } from "~/rules/pratiche";
import { message } from "../../tests/support/messages";

// The Area personale shows the domain's Italian label tables through the "area" namespace, keyed
// by code (dynamic keys the key scan of messages.test.ts cannot see): every code has its message
// in every language, and the Italian message is the domain's label, so Italian pages read as before.

const lookup = (locale: string, key: string) => message(locale, "area", key);

/** Label tables of the domain and the object of the namespace that mirrors each. */
const TABLES: Array<[string, Record<string, string>]> = [
  ["documentKind", DOCUMENT_KIND_LABEL],
  ["certificateKind", CERTIFICATE_KIND_LABEL],
  ["praticaState", PRATICA_STATE_LABEL],
  ["paymentStatus", PAYMENT_OPTION_STATUS_LABEL],
  ["reminderChannel", REMINDER_CHANNEL_LABEL],
  ["credential", CREDENTIAL_LABELS],
  ["delegationArea", DELEGATION_AREA_SHORT],
  ["feedback.choice", PAGE_FEEDBACK_CHOICES],
  [
    "receivedData",
    Object.fromEntries(Object.entries(RECEIVED_DATA).map(([code, data]) => [code, data.link])),
  ],
];

describe("area: the domain's labels by code", () => {
  it.each(TABLES)(
    "%s: every code in every language, Italian equal to the domain's label",
    (object, table) => {
      for (const [code, label] of Object.entries(table)) {
        expect(lookup("it", `${object}.${code}`), `it: ${object}.${code}`).toBe(label);
        for (const locale of LOCALES) {
          expect(lookup(locale, `${object}.${code}`), `${locale}: ${object}.${code}`).toBeTruthy();
        }
      }
    },
  );

  it("level: every credential's levels 1-3, and the fallback, as levelLabel writes them in Italian", () => {
    for (const credential of CREDENTIALS) {
      for (const level of [1, 2, 3]) {
        expect(lookup("it", `level.${credential}.${level}`)).toBe(levelLabel(credential, level));
        for (const locale of LOCALES) expect(lookup(locale, `level.${credential}.${level}`)).toBeTruthy();
      }
      const other = lookup("it", "level.other")!
        .replace("{{credential}}", credential.toUpperCase())
        .replace("{{level}}", "7");
      expect(other).toBe(levelLabel(credential, 7));
    }
  });

  it("feedback: the question is the one app/rules/page-feedback.ts states", () => {
    expect(lookup("it", "feedback.question")).toBe(PAGE_FEEDBACK_QUESTION);
  });
});
