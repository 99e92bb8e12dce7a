import { describe, expect, it } from "vitest";
import { areaNavEntries } from "~/components/dossier/area-nav";
import { CATEGORIES } from "~/components/dossier/tax-chart";
import { LOCALES } from "~/i18n/config";
import { STOPPABLE_MAIL_KINDS } from "~/mail/messages";
import { message } from "../../../tests/support/messages";

// Keys the Area personale builds at run time (menu entries, mail kinds, the chart's categories),
// which the key scan of app/locales/messages.test.ts cannot see: each has its message everywhere.

const lookup = (locale: string, key: string) => message(locale, "area", key);

describe("area: keys built at run time", () => {
  it("the menu, the mail kinds and the chart's categories have their messages in every language", () => {
    const keys = areaNavEntries(3).flatMap((e) =>
      "links" in e ? [e.label, ...e.links.map((l) => l.label)] : [e.label],
    );
    keys.push(...STOPPABLE_MAIL_KINDS.map((k) => `profile.mailKind.${k}`));
    keys.push(...CATEGORIES.map((c) => `taxChart.category.${c}`));
    keys.push("nav.unread_one", "nav.unread_other");
    for (const locale of LOCALES) {
      for (const key of keys) expect(lookup(locale, key), `${locale}: ${key}`).toBeTruthy();
    }
  });
});
