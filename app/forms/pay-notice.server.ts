// The form of /paga-un-avviso: the notice's codice avviso and creditor's fiscal code (also read
// from the query string when the page is opened with them), and the payer's optional email.
import { z } from "zod";
import { formText } from "~/form-data.server";
import { isEmailAddress } from "~/rules/email.server";
import { parseNav } from "~/rules/nav";

/** The codice avviso and the creditor's fiscal code as typed: the NAV's 18 digits and 11 digits. */
export const noticeLookupSchema = z.object({
  codice: formText(64).transform((value, ctx) => {
    const parsed = parseNav(value);
    if (parsed.ok) return parsed.value.nav;
    ctx.addIssue({ code: "custom", message: parsed.reason });
    return z.NEVER;
  }),
  ente: formText(64)
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(
      z
        .string()
        .min(1, "Inserisci il codice fiscale dell'ente creditore.")
        .regex(/^\d{11}$/, "Il codice fiscale dell'ente creditore è di 11 cifre."),
    ),
});

/**
 * The rest of the payment form, checked once the notice is found (the notice's own fields are
 * looked up again with noticeLookupSchema): the payer's email, or null.
 */
export const payerSchema = z.object({
  email: formText()
    .transform((value) => value.trim().slice(0, 254))
    .refine(
      (value) => value === "" || isEmailAddress(value),
      "L'indirizzo email non è valido: scrivilo nella forma nome@dominio.it.",
    )
    .transform((value) => (value === "" ? null : value)),
});
