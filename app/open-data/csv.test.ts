import { describe, expect, it } from "vitest";
import { openCsvField, toOpenCsv } from "~/open-data/csv";
import { csvRecords } from "../../tests/support/csv";

describe("open-data CSV", () => {
  it("comma-separated, CRLF, header first, quoting only where RFC 4180 needs it", () => {
    expect(
      toOpenCsv(
        ["mese", "ente", "importo_euro", "nota"],
        [
          ["2026-10", "Comune di Torino", "550.50", null],
          ["2026-11", 'Ufficio "A", piano 1', "1.00", "riga\nnuova"],
        ],
      ),
    ).toBe(
      'mese,ente,importo_euro,nota\r\n2026-10,Comune di Torino,550.50,\r\n2026-11,"Ufficio ""A"", piano 1",1.00,"riga\nnuova"\r\n',
    );
    expect(openCsvField("=1+1")).toBe("=1+1");
    expect(openCsvField(12)).toBe("12");
    expect(openCsvField(" spazio ")).toBe('" spazio "');
  });

  it("reads back as written with the portal's CSV reader", () => {
    const rows = [
      ["a,b", 'c"d', "", "é"],
      ["1", " 2", "3 ", "riga\r\nnuova"],
    ];
    expect(csvRecords(toOpenCsv(["w", "x", "y", "z"], rows)).map((r) => r.cells)).toEqual([
      ["w", "x", "y", "z"],
      ...rows,
    ]);
  });
});
