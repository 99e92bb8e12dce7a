import { describe, expect, it } from "vitest";
import { parseContactPreferences } from "~/dossier/profile.server";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("parseContactPreferences", () => {
  it("accepts an email, a phone as +39 and digits, and a channel", () => {
    const r = parseContactPreferences(
      form({ email: " chiara.martinetti@example.it ", phone: "+39 333 123.4567", reminderChannel: "sms" }),
    );
    expect(r).toEqual({
      ok: true,
      value: {
        email: "chiara.martinetti@example.it",
        phone: "+393331234567",
        reminderChannel: "sms",
        reminderDaysBefore: 7,
        mailKinds: undefined,
      },
    });
  });

  it("treats empty fields as not given", () => {
    expect(parseContactPreferences(form({ email: "", phone: "  ", reminderChannel: "nessuno" }))).toEqual({
      ok: true,
      value: {
        email: null,
        phone: null,
        reminderChannel: "nessuno",
        reminderDaysBefore: 7,
        mailKinds: undefined,
      },
    });
  });

  it("reads the reminder's notice and the kinds of mail ticked, and refuses others", () => {
    const f = form({
      email: "a@b.it",
      phone: "",
      reminderChannel: "email",
      reminderDaysBefore: "3",
      mailKindsOffered: "1",
    });
    f.append("mailKinds", "ricevuta");
    const r = parseContactPreferences(f);
    expect(r.ok && r.value).toMatchObject({ reminderDaysBefore: 3, mailKinds: ["ricevuta"] });
    // Nothing ticked stops every kind; a form without the choice changes none.
    const none = parseContactPreferences(
      form({ email: "", phone: "", reminderChannel: "nessuno", mailKindsOffered: "1" }),
    );
    expect(none.ok && none.value.mailKinds).toEqual([]);
    for (const days of ["0", "31", "abc", "2.5"]) {
      const bad = parseContactPreferences(
        form({ email: "", phone: "", reminderChannel: "nessuno", reminderDaysBefore: days }),
      );
      expect(bad.ok, days).toBe(false);
      if (!bad.ok) expect(bad.errors.reminderDaysBefore).toMatch(/da 1 a 30/);
    }
    const spam = form({ email: "", phone: "", reminderChannel: "nessuno", mailKindsOffered: "1" });
    spam.append("mailKinds", "pubblicità");
    const refused = parseContactPreferences(spam);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors.mailKinds).toMatch(/tipi di email/);
  });

  it("refuses an invalid email with an Italian message", () => {
    const r = parseContactPreferences(form({ email: "chiara@", phone: "", reminderChannel: "nessuno" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.email).toMatch(/non è valido/);
  });

  it("refuses phones without +39 or with letters", () => {
    for (const phone of ["3331234567", "+39 333 12ab567", "+41 79 123 45 67", "+39123"]) {
      const r = parseContactPreferences(form({ email: "", phone, reminderChannel: "nessuno" }));
      expect(r.ok, phone).toBe(false);
      if (!r.ok) expect(r.errors.phone).toMatch(/\+39/);
    }
  });

  it("requires a phone for SMS and an email for email reminders", () => {
    const sms = parseContactPreferences(form({ email: "a@b.it", phone: "", reminderChannel: "sms" }));
    expect(sms.ok).toBe(false);
    if (!sms.ok) expect(sms.errors.phone).toMatch(/SMS/);
    const mail = parseContactPreferences(
      form({ email: "", phone: "+393331234567", reminderChannel: "email" }),
    );
    expect(mail.ok).toBe(false);
    if (!mail.ok) expect(mail.errors.email).toMatch(/email/);
  });

  it("refuses an unknown channel", () => {
    const r = parseContactPreferences(form({ email: "", phone: "", reminderChannel: "piccione" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.reminderChannel).toMatch(/Scegli/);
  });
});
