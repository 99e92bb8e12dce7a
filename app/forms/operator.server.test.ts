import { describe, expect, it } from "vitest";
import { parseForm } from "~/form-data.server";
import { enteAdminSchema, enteChoiceSchema, positionActionSchema, praticaActionSchema } from "~/forms/operator.server";
import { CREDITOR_LIMITS } from "~/payments/creditor-input";

describe("enteAdminSchema", () => {
  it("reads each button's fields", () => {
    expect(parseForm(enteAdminSchema, { intent: "togli-ruolo", operatore: "7", ruolo: "pagamenti" })).toEqual(
      {
        ok: true,
        data: { intent: "togli-ruolo", operatore: 7, ruolo: "pagamenti" },
      },
    );
    expect(parseForm(enteAdminSchema, { intent: "crea-chiave", etichetta: "  Gestionale   TARI " })).toEqual({
      ok: true,
      data: { intent: "crea-chiave", etichetta: "Gestionale TARI" },
    });
  });

  it("refuses in the page's words", () => {
    const first = (input: Record<string, unknown>) => {
      const r = parseForm(enteAdminSchema, input);
      return r.ok ? null : Object.values(r.errors)[0];
    };
    expect(first({ intent: "cancella-tutto" })).toBe("Operazione non riconosciuta.");
    expect(first({})).toBe("Operazione non riconosciuta.");
    expect(first({ intent: "aggiungi-ruolo", operatore: "0" })).toBe("Operatore non valido.");
    expect(first({ intent: "revoca-chiave", chiave: "x" })).toBe("Chiave non valida.");
    expect(first({ intent: "aggiungi-ruolo" })).toBe("Operatore non valido.");
    expect(first({ intent: "crea-chiave" })).toMatch(/^Dai alla chiave un nome/);
    expect(first({ intent: "crea-chiave", etichetta: "ab" })).toMatch(
      /^Dai alla chiave un nome tra 3 e \d+ caratteri/,
    );
  });
});

describe("enteChoiceSchema", () => {
  it("goes back to an operator page only, the desk by default", () => {
    expect(parseForm(enteChoiceSchema, { operatore: "3" })).toEqual({
      ok: true,
      data: { operatore: 3, next: "/operatore" },
    });
    expect(parseForm(enteChoiceSchema, { operatore: "3", next: "/operatore/pratiche" })).toMatchObject({
      data: { next: "/operatore/pratiche" },
    });
    expect(parseForm(enteChoiceSchema, { operatore: "3", next: "https://esempio.it" })).toMatchObject({
      data: { next: "/operatore" },
    });
    expect(parseForm(enteChoiceSchema, {})).toMatchObject({ ok: false });
  });
});

describe("praticaActionSchema", () => {
  it("turns the documents asked for into a list, and refuses an unknown intent", () => {
    expect(
      parseForm(praticaActionSchema, {
        intent: "integrazione",
        documenti: "- ISEE\n\n• Documento d'identità",
      }),
    ).toEqual({
      ok: true,
      data: { intent: "integrazione", documenti: ["ISEE", "Documento d'identità"], nota_integrazione: "" },
    });
    expect(parseForm(praticaActionSchema, { intent: "chiudi" })).toMatchObject({ ok: false });
    const r = parseForm(praticaActionSchema, { intent: "chiudi" });
    expect(r.ok ? null : Object.values(r.errors)[0]).toBe("Operazione non riconosciuta.");
  });
});

describe("positionActionSchema", () => {
  it("reads the reason of a cancellation, cut to twice its limit, and refuses other intents", () => {
    expect(parseForm(positionActionSchema, { intent: "pubblica", motivo: "ignorato" })).toEqual({
      ok: true,
      data: { intent: "pubblica" },
    });
    expect(parseForm(positionActionSchema, { intent: "annulla" })).toEqual({
      ok: true,
      data: { intent: "annulla", motivo: "" },
    });
    const long = parseForm(positionActionSchema, { intent: "annulla", motivo: "x".repeat(5000) });
    expect(long.ok && long.data.intent === "annulla" ? long.data.motivo.length : null).toBe(
      CREDITOR_LIMITS.reasonMax * 2,
    );
    const r = parseForm(positionActionSchema, { intent: "elimina" });
    expect(r.ok ? null : Object.values(r.errors)[0]).toBe("Operazione non riconosciuta.");
  });
});
