import { describe, expect, it } from "vitest";
import {
  canonicalContent,
  contentHash,
  orderMembers,
  subjectInitials,
  type CertifiedContent,
} from "~/rules/certificate-content";
import { SAMPLE } from "../../tests/support/certificate-sample";

describe("certified content", () => {
  it("lists household members head first, then partner, then children", () => {
    expect(orderMembers(SAMPLE.household!.members).map((m) => m.name)).toEqual(["Luca", "Chiara", "Sofia"]);
  });

  it("hashes the same content to the same value whatever the order members come in", () => {
    const shuffled = {
      ...SAMPLE,
      household: { ...SAMPLE.household!, members: [...SAMPLE.household!.members].reverse() },
    };
    expect(contentHash(shuffled)).toBe(contentHash(SAMPLE));
    expect(contentHash(SAMPLE)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not depend on the key order of the objects", () => {
    const reordered = JSON.parse(JSON.stringify(SAMPLE, Object.keys(SAMPLE).reverse())) as CertifiedContent;
    expect(canonicalContent({ ...reordered, ...SAMPLE })).toBe(canonicalContent(SAMPLE));
  });

  it("changes when anything certified changes", () => {
    const base = contentHash(SAMPLE);
    expect(
      contentHash({ ...SAMPLE, residence: { ...SAMPLE.residence!, address: "Via Nizza 121" } }),
    ).not.toBe(base);
    expect(contentHash({ ...SAMPLE, verificationCode: "TQON5JULACMGO5XIUN3Z" })).not.toBe(base);
    expect(contentHash({ ...SAMPLE, purpose: "Esente da bollo: uso scolastico" })).not.toBe(base);
    const members = SAMPLE.household!.members.map((m) =>
      m.name === "Sofia" ? { ...m, relation: "altro" as const } : m,
    );
    expect(contentHash({ ...SAMPLE, household: { ...SAMPLE.household!, members } })).not.toBe(base);
  });

  it("does not hash what is printed but not certified (the issuer's address)", () => {
    expect(contentHash({ ...SAMPLE, issuer: { ...SAMPLE.issuer, address: "altrove" } })).toBe(
      contentHash(SAMPLE),
    );
  });
});

describe("subjectInitials", () => {
  it("keeps only the initials of name and surname", () => {
    expect(subjectInitials("Chiara", "Martinetti")).toBe("C. M.");
    expect(subjectInitials(" élodie", "d'Angelo")).toBe("É. D.");
  });
});
