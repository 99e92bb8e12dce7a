import { describe, expect, it } from "vitest";
import { parseMessageForm } from "~/operator/messages.server";
import { BODY_MAX, SUBJECT_MAX } from "~/operator/limits";

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("parseMessageForm", () => {
  it("gives the subject on one line, the text, and the optional links", () => {
    expect(
      parseMessageForm(
        form({ oggetto: " Avviso\n TARI ", testo: "Gentile signora, ...", avviso: "12", pratica: "" }),
      ),
    ).toEqual({
      ok: true,
      subject: "Avviso TARI",
      body: "Gentile signora, ...",
      paymentOptionId: 12,
      praticaId: null,
    });
  });

  it("names what is wrong in the page's words", () => {
    expect(parseMessageForm(form({ oggetto: "Ok", testo: "breve", pratica: "abc" }))).toEqual({
      ok: false,
      errors: {
        subject: `Scrivi un oggetto tra 10 e ${SUBJECT_MAX} caratteri.`,
        body: `Scrivi un testo tra 10 e ${BODY_MAX} caratteri.`,
        link: "Il collegamento scelto non è valido.",
      },
    });
  });
});
