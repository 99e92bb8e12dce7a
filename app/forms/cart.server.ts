// The cart's form (/area-personale/pagamenti/carrello): add the chosen notices, remove one, empty
// the cart, or pay it. `avviso` is read as a list (the notices ticked on the payments page).
import { z } from "zod";
import { UNKNOWN_INTENT } from "~/form-data.server";
import { parseId } from "~/http.server";
import { parseCart } from "~/payments/rules";

/** Fields read as lists by parseForm for this schema. */
export const CART_LISTS = ["avviso"] as const;

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

export const cartActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("aggiungi"),
      avviso: z.preprocess(asList, z.array(z.unknown())).transform((raw, ctx) => {
        const asked = parseCart(raw);
        if (asked.ok) return asked.ids;
        ctx.addIssue({
          code: "custom",
          message:
            asked.code === "carrello_vuoto"
              ? "Seleziona almeno un avviso da aggiungere al carrello."
              : asked.message,
        });
        return z.NEVER;
      }),
    }),
    // An id that is not one removes nothing.
    z.object({
      intent: z.literal("rimuovi"),
      avviso: z.preprocess((value) => parseId(asList(value)[0]), z.number().nullable()),
    }),
    z.object({ intent: z.literal("svuota") }),
    z.object({ intent: z.literal("paga") }),
  ],
  { error: UNKNOWN_INTENT },
);
