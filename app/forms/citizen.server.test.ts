import { describe, expect, it } from "vitest";
import { parseForm } from "~/form-data.server";
import {
  accessReportSchema,
  appointmentCancelSchema,
  messageUnreadSchema,
  noticePaymentSchema,
  roleSwitchSchema,
} from "~/forms/citizen.server";

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

  it("accepts each page's one intent and the two roles, nothing else", () => {
    expect(parseForm(messageUnreadSchema, { intent: "da-leggere" }).ok).toBe(true);
    expect(parseForm(messageUnreadSchema, { intent: "elimina" })).toEqual({
      ok: false,
      errors: { intent: "Operazione non riconosciuta." },
    });
    expect(parseForm(noticePaymentSchema, { intent: "paga" }).ok).toBe(true);
    expect(parseForm(noticePaymentSchema, {})).toEqual({
      ok: false,
      errors: { intent: "Operazione non riconosciuta." },
    });
    expect(parseForm(roleSwitchSchema, { ruolo: "operatore" })).toEqual({
      ok: true,
      data: { ruolo: "operatore" },
    });
    expect(parseForm(roleSwitchSchema, { ruolo: "admin" }).ok).toBe(false);
  });
});
