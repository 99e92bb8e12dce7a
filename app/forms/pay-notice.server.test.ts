import { describe, expect, it } from "vitest";
import { parseForm } from "~/form-data.server";
import { noticeLookupSchema, payerSchema } from "~/forms/pay-notice.server";

describe("noticeLookupSchema", () => {
  it("accepts the codice avviso with spaces and the creditor's code with spaces", () => {
    const r = parseForm(noticeLookupSchema, { codice: "3012 4000 0001 2345 10", ente: "0051 4490 010" });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data.ente).toBe("00514490010");
  });

  it("says what is missing or wrong, field by field, in the page's words", () => {
    expect(parseForm(noticeLookupSchema, {})).toEqual({
      ok: false,
      errors: {
        codice: "Inserisci il codice avviso.",
        ente: "Inserisci il codice fiscale dell'ente creditore.",
      },
    });
    expect(parseForm(noticeLookupSchema, { codice: "12ab", ente: "123" })).toEqual({
      ok: false,
      errors: {
        codice: "Il codice avviso può contenere solo cifre.",
        ente: "Il codice fiscale dell'ente creditore è di 11 cifre.",
      },
    });
  });
});

describe("payerSchema", () => {
  it("takes no email as null and refuses a malformed one", () => {
    expect(parseForm(payerSchema, { email: "  " })).toEqual({ ok: true, data: { email: null } });
    expect(parseForm(payerSchema, {})).toEqual({ ok: true, data: { email: null } });
    expect(parseForm(payerSchema, { email: " a@b.it " })).toEqual({ ok: true, data: { email: "a@b.it" } });
    expect(parseForm(payerSchema, { email: "nome@" })).toEqual({
      ok: false,
      errors: { email: "L'indirizzo email non è valido: scrivilo nella forma nome@dominio.it." },
    });
  });
});
