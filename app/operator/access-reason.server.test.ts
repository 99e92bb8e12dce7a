import { describe, expect, it } from "vitest";
import { parseReason } from "~/operator/access.server";
import { REASON_TEXT_MAX, REASON_TEXT_MIN } from "~/operator/limits";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("parseReason", () => {
  it("gives the category and the text on one line", () => {
    expect(parseReason(form({ categoria: "sportello", motivo: "  Richiesta   allo\nsportello  " }))).toEqual({
      ok: true,
      category: "sportello",
      text: "Richiesta allo sportello",
    });
  });

  it("says what is wrong in each field and gives back what was typed", () => {
    expect(parseReason(form({ categoria: "curiosita", motivo: " ab " }))).toEqual({
      ok: false,
      errors: {
        category: "Scegli la categoria del motivo dell'accesso.",
        text: `Descrivi il motivo dell'accesso con almeno ${REASON_TEXT_MIN} caratteri.`,
      },
      values: { category: "curiosita", text: "ab" },
    });
    expect(
      parseReason(form({ categoria: "sportello", motivo: "x".repeat(REASON_TEXT_MAX + 1) })),
    ).toMatchObject({
      ok: false,
      errors: { text: `Il motivo può contenere al massimo ${REASON_TEXT_MAX} caratteri.` },
    });
    expect(parseReason(new FormData())).toMatchObject({
      ok: false,
      errors: { category: expect.any(String), text: expect.stringContaining("almeno") },
    });
  });
});
