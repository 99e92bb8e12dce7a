import { describe, expect, it } from "vitest";
import { parseForm } from "~/form-data.server";
import { CART_LISTS, cartActionSchema } from "~/forms/cart.server";

function form(entries: Array<[string, string]>): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("cartActionSchema", () => {
  it("adds the notices ticked, once each", () => {
    expect(
      parseForm(
        cartActionSchema,
        form([
          ["intent", "aggiungi"],
          ["avviso", "4"],
          ["avviso", "9"],
          ["avviso", "4"],
        ]),
        CART_LISTS,
      ),
    ).toEqual({ ok: true, data: { intent: "aggiungi", avviso: [4, 9] } });
  });

  it("asks to tick a notice, and refuses an unknown intent", () => {
    expect(parseForm(cartActionSchema, form([["intent", "aggiungi"]]), CART_LISTS)).toEqual({
      ok: false,
      errors: { avviso: "Seleziona almeno un avviso da aggiungere al carrello." },
    });
    const r = parseForm(cartActionSchema, form([["intent", "compra"]]), CART_LISTS);
    expect(r.ok ? null : Object.values(r.errors)[0]).toBe("Operazione non riconosciuta.");
  });

  it("removes one notice, or nothing when the id is not one", () => {
    expect(
      parseForm(
        cartActionSchema,
        form([
          ["intent", "rimuovi"],
          ["avviso", "7"],
        ]),
        CART_LISTS,
      ),
    ).toEqual({
      ok: true,
      data: { intent: "rimuovi", avviso: 7 },
    });
    expect(
      parseForm(
        cartActionSchema,
        form([
          ["intent", "rimuovi"],
          ["avviso", "x"],
        ]),
        CART_LISTS,
      ),
    ).toEqual({
      ok: true,
      data: { intent: "rimuovi", avviso: null },
    });
  });
});
