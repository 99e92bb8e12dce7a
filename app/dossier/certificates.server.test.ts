import { describe, expect, it } from "vitest";
import { SAMPLE } from "../../tests/support/certificate-sample";
import { contentHash } from "~/rules/certificate-content";
import { isCertificatePurpose, renderCertificatePdf } from "~/dossier/certificates.server";

describe("renderCertificatePdf", { timeout: 30_000 }, () => {
  const input = {
    content: SAMPLE,
    issuedAt: "2026-11-26T09:15:00.000Z",
    contentHash: contentHash(SAMPLE),
    verifyUrl: "https://portale.example/verifica/TQON5JULACMGO5XIUN3Y",
    portalName: "Fascicolo del cittadino",
    demo: true,
  };

  it("renders a one-page A4 PDF", async () => {
    const pdf = await renderCertificatePdf(input);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1").match(/\/Type \/Page\b/g)?.length).toBe(1);
    expect(pdf.toString("latin1")).toContain("/MediaBox [0 0 595.28 841.89]");
  });

  it("gives the same bytes every time for the same certificate", async () => {
    const a = await renderCertificatePdf(input);
    await new Promise((r) => setTimeout(r, 20));
    const b = await renderCertificatePdf(input);
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it("renders the other kinds too", async () => {
    for (const kind of ["residenza", "nascita"] as const) {
      const content = {
        ...SAMPLE,
        kind,
        household: null,
        residence: kind === "nascita" ? null : SAMPLE.residence,
      };
      const pdf = await renderCertificatePdf({ ...input, content, contentHash: contentHash(content) });
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
  });
});

describe("purposes", () => {
  it("accepts only the listed ones", () => {
    expect(isCertificatePurpose("amministrativo")).toBe(true);
    expect(isCertificatePurpose("toString")).toBe(false);
    expect(isCertificatePurpose("")).toBe(false);
  });
});
