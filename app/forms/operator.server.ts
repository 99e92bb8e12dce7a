// Forms of the operator's area that the routes check before the domain modules act.
import { z } from "zod";
import { safeReturnPath } from "~/auth/return-path";
import { formId, formText, UNKNOWN_INTENT } from "~/form-data.server";
import { parseApiKeyLabel } from "~/operator/ente-admin.server";
import { CREDITOR_LIMITS } from "~/payments/creditor-input";
import { cleanNote, parseDocumentList } from "~/operator/worklist.server";

/** /operatore/scegli-ente: the operator post chosen (404 when not an id), and where to go next. */
export const enteChoiceSchema = z.object({
  operatore: formId("Operatore non trovato."),
  next: z.preprocess((value) => {
    const path = safeReturnPath(value);
    return path && path.startsWith("/operatore") ? path : "/operatore";
  }, z.string()),
});

/** /operatore/ente: the administrator's four buttons, each with its own fields. */
const roleChange = <const T extends string>(intent: T) =>
  z.object({ intent: z.literal(intent), operatore: formId("Operatore non valido."), ruolo: formText() });

export const enteAdminSchema = z.discriminatedUnion(
  "intent",
  [
    roleChange("aggiungi-ruolo"),
    roleChange("togli-ruolo"),
    z.object({
      intent: z.literal("crea-chiave"),
      etichetta: formText().transform((value, ctx) => {
        const label = parseApiKeyLabel(value);
        if (label.ok) return label.label;
        ctx.addIssue({ code: "custom", message: label.message });
        return z.NEVER;
      }),
    }),
    z.object({ intent: z.literal("revoca-chiave"), chiave: formId("Chiave non valida.") }),
  ],
  { error: UNKNOWN_INTENT },
);

const note = z.preprocess((value) => cleanNote(typeof value === "string" ? value : null), z.string());

/** /operatore/pratiche/:id: take charge, change the state, or ask the citizen for documents. */
export const praticaActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("prendi") }),
    z.object({ intent: z.literal("stato"), stato: formText(), nota: note }),
    z.object({
      intent: z.literal("integrazione"),
      documenti: z.preprocess(
        (value) => parseDocumentList(typeof value === "string" ? value : null),
        z.array(z.string()),
      ),
      nota_integrazione: note,
    }),
  ],
  { error: UNKNOWN_INTENT },
);

/**
 * /operatore/posizioni/:id: publish, or cancel with a reason. The reason is only cut here (to twice
 * its limit, so that an over-long one is still refused with the limit's message); whether it is
 * long enough is the payments module's rule, as for the API.
 */
export const positionActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("pubblica") }),
    z.object({ intent: z.literal("annulla"), motivo: formText(CREDITOR_LIMITS.reasonMax * 2) }),
  ],
  { error: UNKNOWN_INTENT },
);
