import { describe, expect, it } from "vitest";
import { csvRecords } from "../tests/support/csv";

describe("CsvReader", () => {
  const text = 'a;b;c\r\n1;"x; ""y""\r\nz";3\r\n\r\n4; 5 ;"6"\n';

  it("reads quoted fields with separators, quotes and line breaks, and keeps each record's line", () => {
    expect(csvRecords(text)).toEqual([
      { line: 1, cells: ["a", "b", "c"] },
      { line: 2, cells: ["1", 'x; "y"\r\nz', "3"] },
      { line: 5, cells: ["4", "5", "6"] },
    ]);
  });

  it("gives the same records whatever the chunks the text arrives in", () => {
    for (const chunk of [1, 2, 3, 7]) expect(csvRecords(text, chunk)).toEqual(csvRecords(text));
  });

  it("chooses the comma when the header has more commas than semicolons", () => {
    expect(csvRecords("a,b\n1;2,3\n")).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1;2", "3"] },
    ]);
  });

  it("marks a quote left open and text after a closing quote", () => {
    expect(csvRecords('a;b\n"x"y;2\n')[1]!.syntaxError).toContain("Dopo la virgoletta");
    expect(csvRecords('a;b\n1;"open\n')[1]!.syntaxError).toContain("non è chiuso");
  });
});
