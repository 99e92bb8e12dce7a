// Forms of the operator's area that the routes check before the domain modules act.
import { z } from "zod";
import { safeReturnPath } from "~/auth/return-path";
import { formId } from "~/form-data.server";

/** /operatore/scegli-ente: the operator post chosen (404 when not an id), and where to go next. */
export const enteChoiceSchema = z.object({
  operatore: formId("Operatore non trovato."),
  next: z.unknown().transform((value) => {
    const path = safeReturnPath(value);
    return path && path.startsWith("/operatore") ? path : "/operatore";
  }),
});
