import { describe, expect, it } from "vitest";
import { parseForm } from "~/form-data.server";
import { certificateRequestSchema } from "~/forms/certificate.server";

describe("certificateRequestSchema", () => {
  it("accepts a known certificate and use", () => {
    expect(parseForm(certificateRequestSchema, { kind: "nascita", purpose: "scolastico" })).toEqual({
      ok: true,
      data: { kind: "nascita", purpose: "scolastico" },
    });
  });

  it("asks for each choice in Italian", () => {
    expect(parseForm(certificateRequestSchema, { kind: "passaporto", purpose: "toString" })).toEqual({
      ok: false,
      errors: {
        kind: "Scegli quale certificato ti serve.",
        purpose: "Scegli l'uso del certificato dall'elenco.",
      },
    });
  });
});
