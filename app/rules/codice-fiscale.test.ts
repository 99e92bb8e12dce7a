import { describe, expect, it } from "vitest";
import {
  applyOmocodia,
  checkCharacter,
  computeCodiceFiscale,
  decodeCodiceFiscale,
  deOmocodia,
  isValidCodiceFiscale,
  nameCode,
  normalizeCodiceFiscale,
  surnameCode,
  validateCodiceFiscale,
} from "~/rules/codice-fiscale";

const NOW = new Date("2025-06-01T12:00:00Z");

describe("normalizeCodiceFiscale", () => {
  it("trims, uppercases and removes spaces", () => {
    expect(normalizeCodiceFiscale("  mrnlcu00 a01 h501j ")).toBe(
      "MRNLCU00A01H501J",
    );
  });
});

describe("checkCharacter", () => {
  it("computes the check character of known codes", () => {
    expect(checkCharacter("MRNLCU00A01H501")).toBe("J");
    expect(checkCharacter("RSSMRA80H63H501")).toBe("X");
    expect(checkCharacter("BNZVCN32S10E573")).toBe("Z");
    expect(checkCharacter("BNZVCN32S10E57P")).toBe("V");
  });
  it("rejects wrong input", () => {
    expect(() => checkCharacter("ABC")).toThrow(RangeError);
    expect(() => checkCharacter("MRNLCU00A01H50!")).toThrow(RangeError);
  });
});

describe("validateCodiceFiscale", () => {
  it("accepts a man born on 1 January 2000 in Roma", () => {
    expect(validateCodiceFiscale("MRNLCU00A01H501J", NOW)).toEqual({
      ok: true,
      cf: "MRNLCU00A01H501J",
      birthDate: "2000-01-01",
      sex: "M",
      belfiore: "H501",
      omocodia: false,
    });
  });

  it("decodes a woman (day + 40)", () => {
    const r = validateCodiceFiscale("RSSMRA80H63H501X", NOW);
    expect(r).toMatchObject({
      ok: true,
      birthDate: "1980-06-23",
      sex: "F",
      belfiore: "H501",
    });
  });

  it("accepts lowercase input with spaces and returns it normalized", () => {
    const r = validateCodiceFiscale(" rssmra80 h63h501x ", NOW);
    expect(r.ok && r.cf).toBe("RSSMRA80H63H501X");
  });

  it("decodes an omocode as the same person as the original code", () => {
    const omo = validateCodiceFiscale("BNZVCN32S10E57PV", NOW);
    const orig = validateCodiceFiscale("BNZVCN32S10E573Z", NOW);
    expect(omo.ok && orig.ok).toBe(true);
    if (!omo.ok || !orig.ok) return;
    expect(omo.omocodia).toBe(true);
    expect(orig.omocodia).toBe(false);
    expect(omo.birthDate).toBe("1932-11-10");
    expect({ ...omo, cf: "", omocodia: false }).toEqual({
      ...orig,
      cf: "",
      omocodia: false,
    });
    expect(applyOmocodia(deOmocodia("BNZVCN32S10E57PV"), 0)).toBe(
      "BNZVCN32S10E573Z",
    );
  });

  it("picks the century from the current year", () => {
    const in2025 = new Date("2025-01-01T12:00:00Z");
    const r1 = validateCodiceFiscale("MRNLCU00A01H501J", in2025);
    expect(r1.ok && r1.birthDate).toBe("2000-01-01");
    // year 26 > 25 → 1926
    const cf26 = computeCodiceFiscale({
      surname: "Fo",
      name: "Dario",
      birthDate: "1926-03-24",
      sex: "M",
      belfiore: "H872",
    });
    const r2 = validateCodiceFiscale(cf26, in2025);
    expect(r2.ok && r2.birthDate).toBe("1926-03-24");
    // in 2026 the same code reads as 2026
    const r3 = validateCodiceFiscale(cf26, new Date("2026-12-31T12:00:00Z"));
    expect(r3.ok && r3.birthDate).toBe("2026-03-24");
  });

  it("rejects a wrong check character", () => {
    expect(validateCodiceFiscale("FOXDRA26C24H872A", NOW)).toEqual({
      ok: false,
      reason: "Il carattere di controllo non è corretto.",
    });
  });

  it("rejects day 32 even with a right check character", () => {
    expect(checkCharacter("CNTCHR83T32D969")).toBe("H");
    const r = validateCodiceFiscale("CNTCHR83T32D969H", NOW);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/giorno/);
  });

  it("rejects days not valid for their month, including 29 February of non-leap years", () => {
    const feb29 = (y: string) => {
      const first15 = `RSSMRA${y}B29H501`;
      return first15 + checkCharacter(first15);
    };
    expect(validateCodiceFiscale(feb29("80"), NOW).ok).toBe(true); // 1980 leap
    expect(validateCodiceFiscale(feb29("81"), NOW).ok).toBe(false);
    const apr31 = "RSSMRA80D31H501";
    expect(validateCodiceFiscale(apr31 + checkCharacter(apr31), NOW).ok).toBe(
      false,
    );
    const day40 = "RSSMRA80A40H501";
    expect(validateCodiceFiscale(day40 + checkCharacter(day40), NOW).ok).toBe(
      false,
    );
    const day72 = "RSSMRA80A72H501";
    expect(validateCodiceFiscale(day72 + checkCharacter(day72), NOW).ok).toBe(
      false,
    );
    const day00 = "RSSMRA80A00H501";
    expect(validateCodiceFiscale(day00 + checkCharacter(day00), NOW).ok).toBe(
      false,
    );
  });

  it("rejects bad length, charset, layout and month letter with Italian reasons", () => {
    const cases: [string, RegExp][] = [
      ["", /Inserisci/],
      ["MRNLCU00A01H501", /16 caratteri/],
      ["MRNLCU00A01H501JX", /16 caratteri/],
      ["MRNLCU00A01H50-J", /lettere e cifre/],
      ["1RNLCU00A01H501J", /struttura/],
      ["MRNLCUA0A01H501J", /struttura/], // A is not an omocodia letter
      ["MRNLCU00A01H50AJ", /struttura/],
      ["MRNLCU00F01H501J", /mese/], // F is not a month letter
    ];
    for (const [input, reason] of cases) {
      const r = validateCodiceFiscale(input, NOW);
      expect(r.ok, input).toBe(false);
      expect(!r.ok && r.reason, input).toMatch(reason);
    }
  });

  it("isValidCodiceFiscale and decodeCodiceFiscale agree with validate", () => {
    expect(isValidCodiceFiscale("MRNLCU00A01H501J")).toBe(true);
    expect(isValidCodiceFiscale("FOXDRA26C24H872A")).toBe(false);
    expect(decodeCodiceFiscale("RSSMRA80H63H501X", NOW)).toEqual(
      validateCodiceFiscale("RSSMRA80H63H501X", NOW),
    );
  });
});

describe("surname and name codes", () => {
  it("follows the consonants / vowels / X rules", () => {
    expect(surnameCode("Rossi")).toBe("RSS");
    expect(surnameCode("Fo")).toBe("FOX");
    expect(surnameCode("Re")).toBe("REX");
    expect(surnameCode("De Luca")).toBe("DLC");
    expect(surnameCode("D'Angelo")).toBe("DNG");
    expect(surnameCode("Pollà")).toBe("PLL");
    expect(surnameCode("Oio")).toBe("OIO");
    expect(nameCode("Alessandro")).toBe("LSN");
    expect(nameCode("Luca")).toBe("LCU");
    expect(nameCode("Mario")).toBe("MRA");
    expect(nameCode("Maria")).toBe("MRA");
    expect(nameCode("Gianfranco")).toBe("GFR");
    expect(nameCode("Niccolò")).toBe("NCL"); // N C C L: 1st, 3rd, 4th
    expect(nameCode("Ida")).toBe("DIA");
    expect(nameCode("Al")).toBe("LAX");
  });
  it("refuses names without letters", () => {
    expect(() => surnameCode("  '' ")).toThrow(RangeError);
    expect(() => nameCode("123")).toThrow(RangeError);
  });
});

describe("computeCodiceFiscale", () => {
  it("computes known codes", () => {
    expect(
      computeCodiceFiscale({
        surname: "Rossi",
        name: "Maria",
        birthDate: "1980-06-23",
        sex: "F",
        belfiore: "H501",
      }),
    ).toBe("RSSMRA80H63H501X");
    expect(
      computeCodiceFiscale({
        surname: "Marini",
        name: "Luca",
        birthDate: "2000-01-01",
        sex: "M",
        belfiore: "h501",
      }),
    ).toBe("MRNLCU00A01H501J");
    expect(
      computeCodiceFiscale({
        surname: "Rossi",
        name: "Mario",
        birthDate: "1985-12-09",
        sex: "M",
        belfiore: "L219",
      }),
    ).toBe("RSSMRA85T09L219" + checkCharacter("RSSMRA85T09L219"));
    expect(
      computeCodiceFiscale({
        surname: "Fo",
        name: "Dario",
        birthDate: "1926-03-24",
        sex: "M",
        belfiore: "H872",
      }),
    ).toMatch(/^FOXDRA26C24H872[A-Z]$/);
  });

  it("produces omocodes replacing digits from the right and recomputing the check char", () => {
    const base = {
      surname: "Benzi",
      name: "Vincenzo",
      birthDate: "1932-11-10",
      sex: "M" as const,
      belfiore: "E573",
    };
    expect(nameCode("Vincenzo")).toBe("VCN");
    expect(computeCodiceFiscale(base)).toBe("BNZVCN32S10E573Z");
    expect(computeCodiceFiscale(base, 1)).toBe("BNZVCN32S10E57PV");
    expect(computeCodiceFiscale(base, 2).slice(0, 15)).toBe("BNZVCN32S10E5TP");
    const all = computeCodiceFiscale(base, 7);
    expect(all.slice(0, 15)).toBe("BNZVCNPNSMLERTP");
    for (let k = 0; k <= 7; k++) {
      const r = validateCodiceFiscale(computeCodiceFiscale(base, k), NOW);
      expect(r.ok && r.birthDate, `level ${k}`).toBe("1932-11-10");
      expect(r.ok && r.omocodia, `level ${k}`).toBe(k > 0);
      expect(r.ok && r.belfiore, `level ${k}`).toBe("E573");
    }
  });

  it("round-trips compute → validate", () => {
    const people = [
      {
        surname: "Bianchi",
        name: "Giulia",
        birthDate: "1999-02-28",
        sex: "F" as const,
        belfiore: "F205",
      },
      {
        surname: "Ferrari",
        name: "Alessandro",
        birthDate: "1970-10-31",
        sex: "M" as const,
        belfiore: "L219",
      },
      {
        surname: "Hoxha",
        name: "Elira",
        birthDate: "2004-02-29",
        sex: "F" as const,
        belfiore: "Z100",
      },
      {
        surname: "D'Amico",
        name: "Niccolò",
        birthDate: "1955-07-01",
        sex: "M" as const,
        belfiore: "D969",
      },
    ];
    for (const p of people) {
      const cf = computeCodiceFiscale(p);
      const r = validateCodiceFiscale(cf, NOW);
      expect(r, cf).toMatchObject({
        ok: true,
        birthDate: p.birthDate,
        sex: p.sex,
        belfiore: p.belfiore,
      });
    }
  });

  it("rejects invalid data", () => {
    const ok = {
      surname: "Rossi",
      name: "Mario",
      birthDate: "1980-01-01",
      sex: "M" as const,
      belfiore: "H501",
    };
    expect(() =>
      computeCodiceFiscale({ ...ok, birthDate: "1981-02-29" }),
    ).toThrow(RangeError);
    expect(() =>
      computeCodiceFiscale({ ...ok, birthDate: "01/01/1980" }),
    ).toThrow(RangeError);
    expect(() => computeCodiceFiscale({ ...ok, belfiore: "H50" })).toThrow(
      RangeError,
    );
    expect(() => computeCodiceFiscale(ok, 8)).toThrow(RangeError);
    expect(() => computeCodiceFiscale(ok, -1)).toThrow(RangeError);
  });
});
