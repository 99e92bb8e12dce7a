import { describe, expect, it } from "vitest";
import {
  buildPosteDataMatrix,
  POSTE_DATAMATRIX_FIELDS,
  POSTE_DATAMATRIX_LENGTH,
} from "~/rules/datamatrix";

const INPUT = {
  nav: "302032002700000251",
  postalAccount: "1234567",
  amountCents: 102099,
  creditorFiscalCode: "03334231200",
  debtorFiscalCode: "RSSMRA80H63H501X",
  debtorName: "Maria Rossi",
  causale: "TARI 2025 rata unica",
};

function field(dm: string, name: keyof typeof POSTE_DATAMATRIX_FIELDS): string {
  const { start, length } = POSTE_DATAMATRIX_FIELDS[name];
  return dm.slice(start, start + length);
}

describe("buildPosteDataMatrix", () => {
  it("is exactly 256 characters with every fixed part in place", () => {
    const dm = buildPosteDataMatrix(INPUT);
    expect(POSTE_DATAMATRIX_LENGTH).toBe(256);
    expect(dm).toHaveLength(256);
    expect(dm.slice(0, 13)).toBe("codfase=NBPA;");
    expect(dm.slice(13, 15)).toBe("18");
    expect(dm.slice(15, 33)).toBe("302032002700000251");
    expect(dm.slice(33, 35)).toBe("12");
    expect(dm.slice(35, 47)).toBe("000001234567");
    expect(dm.slice(47, 49)).toBe("10");
    expect(dm.slice(49, 59)).toBe("0000102099");
    expect(dm.slice(59, 66)).toBe("38961P1");
    expect(dm.slice(66, 77)).toBe("03334231200");
    expect(dm.slice(77, 93)).toBe("RSSMRA80H63H501X");
    expect(dm.slice(93, 133)).toBe("Maria Rossi".padEnd(40, " "));
    expect(dm.slice(133, 243)).toBe("TARI 2025 rata unica".padEnd(110, " "));
    expect(dm.slice(243, 255)).toBe(" ".repeat(12));
    expect(dm.charAt(255)).toBe("A");
  });

  it("matches the exported field table", () => {
    const dm = buildPosteDataMatrix(INPUT);
    expect(field(dm, "nav")).toBe(INPUT.nav);
    expect(field(dm, "amountCents")).toBe("0000102099");
    expect(field(dm, "creditorFiscalCode")).toBe(INPUT.creditorFiscalCode);
    expect(field(dm, "debtorFiscalCode")).toBe(INPUT.debtorFiscalCode);
  });

  it("cuts long texts, pads an 11-digit debtor code and transliterates accents", () => {
    const dm = buildPosteDataMatrix({
      ...INPUT,
      debtorFiscalCode: "00743110157",
      debtorName: "Società Cooperativa Edilizia Piemontese Nuova Aurora",
      causale: "x".repeat(200),
      nav: "3020 3200 2700 0002 51",
    });
    expect(dm).toHaveLength(256);
    expect(field(dm, "nav")).toBe("302032002700000251");
    expect(field(dm, "debtorFiscalCode")).toBe("00743110157     ");
    expect(field(dm, "debtorName")).toBe(
      "Societa Cooperativa Edilizia Piemontese ",
    );
    expect(field(dm, "causale")).toBe("x".repeat(110));
    expect(dm.charAt(255)).toBe("A");
    expect(/^[\x20-\x7E]+$/.test(dm)).toBe(true);
  });

  it("refuses invalid data", () => {
    expect(() =>
      buildPosteDataMatrix({ ...INPUT, nav: "302032002700000252" }),
    ).toThrow(RangeError);
    expect(() =>
      buildPosteDataMatrix({ ...INPUT, postalAccount: "1234567890123" }),
    ).toThrow(RangeError);
    expect(() =>
      buildPosteDataMatrix({ ...INPUT, postalAccount: "12-34" }),
    ).toThrow(RangeError);
    expect(() => buildPosteDataMatrix({ ...INPUT, amountCents: 0 })).toThrow(
      RangeError,
    );
    expect(() =>
      buildPosteDataMatrix({ ...INPUT, amountCents: 10_000_000_000 }),
    ).toThrow(RangeError);
    expect(() =>
      buildPosteDataMatrix({ ...INPUT, creditorFiscalCode: "0333423120" }),
    ).toThrow(RangeError);
    expect(() =>
      buildPosteDataMatrix({ ...INPUT, debtorFiscalCode: "RSSMRA80" }),
    ).toThrow(RangeError);
  });
});
