import i18next from "i18next";
import { setI18n } from "react-i18next";
import { afterAll, describe, expect, it, vi } from "vitest";
import { serverI18n } from "~/i18n/resources.server";

// Making a server instance also makes it react-i18next's default; the other unit tests render
// with the global Italian instance of tests/support/i18n.ts.
afterAll(() => setI18n(i18next));

// The server's instances remember messages asked for by key alone; every answer must be the one
// i18next gives, whatever the language, namespace, prefix or values of the call.
describe("the server's messages", () => {
  it("are i18next's own answers, in each language, namespace and prefix", () => {
    const it = serverI18n("it");
    const en = serverI18n("en");
    for (let round = 0; round < 2; round++) {
      expect(it.getFixedT("it")("nav.home")).toBe("Home");
      expect(it.getFixedT("it", "area")("layout.title")).toBe("Area personale");
      expect(it.getFixedT("it", "registry")("anagrafe.title")).toBe("Dati anagrafici");
      expect(it.getFixedT("it", "area", "layout")("title")).toBe("Area personale");
      expect(it.getFixedT("it", "registry", "anagrafe")("title")).toBe("Dati anagrafici");
      expect(it.getFixedT("it", "area", "scrivania")("title")).toBe("Scrivania");
      expect(it.getFixedT("it", "area")("common:login")).toBe("Accedi all'area personale");
      expect(en.getFixedT("en")("tagline")).toBe(
        "Your data, your applications and your payments to the public administration",
      );
      expect(it.getFixedT("it")("tagline")).toMatch(/^I tuoi dati/);
    }
  });

  it("fill in each call's own values, counts and defaults", () => {
    const t = serverI18n("it").getFixedT("it");
    expect(t("language.current", { language: "Italiano" })).toBe(
      "Lingua della pagina: Italiano. Scegli un'altra lingua:",
    );
    expect(t("language.current", { language: "English" })).toBe(
      "Lingua della pagina: English. Scegli un'altra lingua:",
    );
    // A value that is null is filled in (as nothing), never answered with the remembered message.
    expect(t("language.current")).toBe("Lingua della pagina: {{language}}. Scegli un'altra lingua:");
    expect(t("language.current", { language: null })).toBe("Lingua della pagina: . Scegli un'altra lingua:");
    expect(t("nessuna.chiave", "Testo di riserva")).toBe("Testo di riserva");
    expect(t("nessuna.chiave", { defaultValue: "Altro testo" })).toBe("Altro testo");
  });

  it("look a plain key up once, and a call with values every time", () => {
    const instance = serverI18n("it");
    const { translator } = instance as unknown as { translator: { translate: (key: unknown) => unknown } };
    const lookUp = vi.spyOn(translator, "translate");
    try {
      // As useTranslation asks for it: no language of its own (null), the page's namespaces.
      const t = instance.getFixedT(null as unknown as string, ["area", "common"]);
      for (let i = 0; i < 5; i++) expect(t("documentKind.passaporto")).toBe("Passaporto");
      expect(
        lookUp.mock.calls.filter(([key]) => key === "documentKind.passaporto").length,
      ).toBeLessThanOrEqual(1);
      for (let i = 0; i < 3; i++) instance.getFixedT("it")("language.current", { language: String(i) });
      expect(lookUp.mock.calls.filter(([key]) => key === "language.current")).toHaveLength(3);
    } finally {
      lookUp.mockRestore();
    }
  });
});
