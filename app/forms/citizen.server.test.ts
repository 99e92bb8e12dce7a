import { describe, expect, it } from "vitest";
import { parseForm } from "~/form-data.server";
import { accessReportSchema, appointmentCancelSchema } from "~/forms/citizen.server";

describe("citizen forms", () => {
  it("cancels only with the cancel intent", () => {
    expect(parseForm(appointmentCancelSchema, { intent: "annulla" })).toEqual({
      ok: true,
      data: { intent: "annulla" },
    });
    expect(parseForm(appointmentCancelSchema, {})).toEqual({
      ok: false,
      errors: { intent: "Operazione non riconosciuta." },
    });
  });

  it("reads the reported access's id and passes the words on as sent", () => {
    expect(parseForm(accessReportSchema, { accesso: "12", testo: "Non ero io" })).toEqual({
      ok: true,
      data: { accesso: 12, testo: "Non ero io" },
    });
    expect(parseForm(accessReportSchema, { accesso: "12" })).toEqual({ ok: true, data: { accesso: 12 } });
    expect(parseForm(accessReportSchema, { accesso: "012" })).toMatchObject({ ok: false });
  });
});
