import { describe, expect, it } from "vitest";
import { csvCell, csvLine, toCsv } from "~/operator/csv";

describe("csv", () => {
  it("quotes every cell and doubles inner quotes", () => {
    expect(csvCell('Disse "ciao"; poi uscì')).toBe('"Disse ""ciao""; poi uscì"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(42)).toBe('"42"');
  });

  it("neutralises cells a spreadsheet would read as formulas", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+39 011")).toBe('"\'+39 011"');
    expect(csvCell("-2")).toBe('"\'-2"');
    expect(csvCell("@SUM(A1)")).toBe('"\'@SUM(A1)"');
    expect(csvCell("\tx")).toBe('"\'\tx"');
    expect(csvCell("a=b")).toBe('"a=b"');
  });

  it("keeps line breaks inside quoted cells and ends lines with CRLF", () => {
    const out = toCsv(["a", "b"], [["riga\nsu due", "x"]]);
    expect(out.startsWith("\uFEFF")).toBe(true);
    expect(out).toBe('\uFEFF"a";"b"\r\n"riga\nsu due";"x"\r\n');
    expect(csvLine(["1", "2"])).toBe('"1";"2"');
  });
});
