import { describe, expect, it } from "vitest";
import { fitSubject, MESSAGE_SUBJECT, parseInline, parseMarkdown, safeHref } from "~/rules/message";

describe("App IO's message subject", () => {
  it("keeps a subject within 120 characters, cutting with an ellipsis", () => {
    expect(fitSubject("  Nuovo   avviso di pagamento ")).toBe("Nuovo avviso di pagamento");
    const long = fitSubject(`Nuovi avvisi: ${"TARI 2026 rata unica; ".repeat(10)}`);
    expect(long).toHaveLength(MESSAGE_SUBJECT.max);
    expect(long.endsWith("…")).toBe(true);
    expect(fitSubject("x".repeat(120))).toBe("x".repeat(120));
  });
});

describe("the Markdown subset of a message body", () => {
  it("reads plain text as written: paragraphs by blank lines, lines kept apart", () => {
    expect(parseMarkdown("Gentile signora,\nla informiamo.\n\nCordiali saluti")).toEqual([
      {
        kind: "p",
        lines: [[{ kind: "text", text: "Gentile signora," }], [{ kind: "text", text: "la informiamo." }]],
      },
      { kind: "p", lines: [[{ kind: "text", text: "Cordiali saluti" }]] },
    ]);
  });

  it("makes lists, bold, italics and links", () => {
    const blocks = parseMarkdown(
      "Porta con te:\n- la **carta d'identità**\n- la _ricevuta_\n\nInfo: [sito](https://comune.example.it/x)",
    );
    expect(blocks[0]).toEqual({ kind: "p", lines: [[{ kind: "text", text: "Porta con te:" }]] });
    expect(blocks[1]).toEqual({
      kind: "ul",
      items: [
        [
          { kind: "text", text: "la " },
          { kind: "strong", text: "carta d'identità" },
        ],
        [
          { kind: "text", text: "la " },
          { kind: "em", text: "ricevuta" },
        ],
      ],
    });
    expect(blocks[2]).toEqual({
      kind: "p",
      lines: [
        [
          { kind: "text", text: "Info: " },
          { kind: "link", text: "sito", href: "https://comune.example.it/x" },
        ],
      ],
    });
  });

  it("never makes a link of a script or data address, and leaves snake_case words alone", () => {
    expect(parseInline("[clic](javascript:alert(1))")).toEqual([
      { kind: "text", text: "[clic](javascript:alert(1)" },
      { kind: "text", text: ")" },
    ]);
    expect(safeHref("data:text/html,x")).toBeNull();
    expect(safeHref("//altro.example.it")).toBeNull();
    expect(safeHref("/area-personale/pagamenti")).toBe("/area-personale/pagamenti");
    expect(safeHref("mailto:tributi@comune.example.it")).toBe("mailto:tributi@comune.example.it");
    expect(parseInline("codice_fiscale_del_figlio")).toEqual([
      { kind: "text", text: "codice_fiscale_del_figlio" },
    ]);
  });
});
