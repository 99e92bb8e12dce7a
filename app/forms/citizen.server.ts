// Forms of the citizen's area that post to a record named by the page: cancelling an appointment,
// reporting an access to the dossier. An id that is not one answers 404 (the page's record does
// not exist), an unknown intent 400.
import { z } from "zod";
import { formId, formIntent, formText } from "~/form-data.server";

/** /area-personale/appuntamenti/:id: the one thing the page does is cancel. */
export const appointmentCancelSchema = z.object({ intent: formIntent(["annulla"]) });

/**
 * /area-personale/accessi: which access is reported, and the citizen's words as sent (their
 * length and characters are checked by reportAccess, which also serves other callers).
 */
export const accessReportSchema = z.object({
  accesso: formId("Accesso non trovato."),
  testo: z.custom<FormDataEntryValue>().optional(),
});

/** /area-personale/messaggi/:id: the one thing the page does is mark the message unread. */
export const messageUnreadSchema = z.object({ intent: formIntent(["da-leggere"]) });

/** /area-personale/pagamenti/:id: the one thing the page does is start the payment. */
export const noticePaymentSchema = z.object({ intent: formIntent(["paga"]) });

/** /area-personale/cambia-ruolo: the role the person switches to (404 for anything else). */
export const roleSwitchSchema = z.object({ ruolo: z.enum(["operatore", "cittadino"]) });

/**
 * /area-personale/deleghe: what the page does. Each intent names the delegation (or, to act for a
 * minor child, the child's citizen id); creating one carries the fields, checked further by
 * createDelegation (app/rules/delegation.ts holds the rules).
 */
export const delegationActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("crea"),
    codiceFiscale: formText(20),
    nome: formText(81),
    cognome: formText(81),
    aree: z.array(z.string().max(20)).max(10).default([]),
    dal: formText(10),
    al: formText(10),
  }),
  z.object({
    intent: z.enum(["accetta", "rifiuta", "revoca", "rinuncia", "rinnova"]),
    delega: formId("Delega non trovata."),
  }),
  z.object({
    intent: z.literal("agisci"),
    persona: formId("Persona non trovata."),
    delega: z.preprocess(
      (v) => (v === "" || v === null || v === undefined ? null : v),
      formId("Delega non trovata").nullable(),
    ),
  }),
  z.object({ intent: z.literal("smetti") }),
]);
