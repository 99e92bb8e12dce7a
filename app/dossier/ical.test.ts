import { describe, expect, it } from "vitest";
import { escapeText, foldLine, formatIcsDate, formatIcsDateTime, serializeCalendar } from "~/dossier/ical";

function unfold(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((l) => l !== "");
}

describe("escapeText", () => {
  it("escapes backslash, semicolon, comma and line breaks", () => {
    expect(escapeText("a,b;c\\d")).toBe("a\\,b\\;c\\\\d");
    expect(escapeText("riga 1\nriga 2\r\nriga 3\rfine")).toBe("riga 1\\nriga 2\\nriga 3\\nfine");
  });

  it("escapes the backslash first, so that added escapes are not doubled", () => {
    expect(escapeText("\\,")).toBe("\\\\\\,");
  });
});

describe("foldLine", () => {
  it("leaves lines of up to 75 octets alone", () => {
    const line = "X".repeat(75);
    expect(foldLine(line)).toBe(line);
  });

  it("folds longer lines into chunks of at most 75 octets, continuations starting with a space", () => {
    const line = `SUMMARY:${"a".repeat(200)}`;
    const folded = foldLine(line);
    const chunks = folded.split("\r\n");
    expect(chunks.length).toBe(3);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk, "utf8")).toBeLessThanOrEqual(75);
    expect(chunks[0]!.length).toBe(75);
    expect(chunks[1]!.startsWith(" ")).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });

  it("counts octets, not characters, and never splits a multi-byte character", () => {
    const line = `SUMMARY:${"è".repeat(60)}€€€`;
    const folded = foldLine(line);
    for (const chunk of folded.split("\r\n")) {
      expect(Buffer.byteLength(chunk, "utf8")).toBeLessThanOrEqual(75);
      // A cut character would show up as a replacement character once decoded.
      expect(Buffer.from(chunk, "utf8").toString("utf8")).not.toContain("\uFFFD");
    }
    expect(folded.replace(/\r\n /g, "")).toBe(line);
  });
});

describe("dates", () => {
  it("formats calendar dates and UTC instants", () => {
    expect(formatIcsDate("2026-12-16")).toBe("20261216");
    expect(formatIcsDateTime("2026-12-01T09:30:00.000Z")).toBe("20261201T093000Z");
    expect(formatIcsDateTime("2026-12-01T10:30:00+01:00")).toBe("20261201T093000Z");
  });

  it("refuses what is not a date", () => {
    expect(() => formatIcsDate("16/12/2026")).toThrow(RangeError);
    expect(() => formatIcsDateTime("domani")).toThrow(RangeError);
  });
});

describe("serializeCalendar", () => {
  const text = serializeCalendar({
    prodId: "-//Regione Demo//Fascicolo del cittadino//IT",
    name: "Scadenze, pagamenti e appuntamenti",
    dtstamp: "2026-11-26T08:00:00.000Z",
    events: [
      {
        uid: "pagamento-12@portale.example",
        summary: "IMU 2026, saldo: € 667,80",
        description: "Comune di Torino; codice avviso 3012 4000 0001 2345 10\nPaga su pagoPA.",
        url: "https://portale.example/area-personale/pagamenti/12",
        start: { date: "2026-12-16" },
      },
      {
        uid: "appuntamento-3@portale.example",
        summary: "Appuntamento: rilascio carta d'identità elettronica",
        location: "Ufficio anagrafe, via Roma 1, Torino",
        start: { dateTime: "2026-12-01T09:00:00Z" },
        end: { dateTime: "2026-12-01T09:20:00Z" },
      },
    ],
  });

  it("uses CRLF everywhere and keeps every line within 75 octets", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  });

  it("balances BEGIN and END and writes the required properties", () => {
    const lines = unfold(text);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines).toContain("VERSION:2.0");
    expect(lines.filter((l) => l === "BEGIN:VEVENT").length).toBe(2);
    expect(lines.filter((l) => l === "END:VEVENT").length).toBe(2);
    expect(lines.filter((l) => l === "DTSTAMP:20261126T080000Z").length).toBe(2);
  });

  it("writes all-day events with VALUE=DATE and an exclusive end on the next day", () => {
    const lines = unfold(text);
    expect(lines).toContain("DTSTART;VALUE=DATE:20261216");
    expect(lines).toContain("DTEND;VALUE=DATE:20261217");
  });

  it("writes timed events in UTC", () => {
    const lines = unfold(text);
    expect(lines).toContain("DTSTART:20261201T090000Z");
    expect(lines).toContain("DTEND:20261201T092000Z");
  });

  it("escapes text values and leaves URIs as they are", () => {
    const lines = unfold(text);
    expect(lines).toContain("SUMMARY:IMU 2026\\, saldo: € 667\\,80");
    expect(lines).toContain(
      "DESCRIPTION:Comune di Torino\\; codice avviso 3012 4000 0001 2345 10\\nPaga su pagoPA.",
    );
    expect(lines).toContain("URL:https://portale.example/area-personale/pagamenti/12");
  });

  it("handles the end of the year for all-day events", () => {
    const lines = unfold(
      serializeCalendar({
        prodId: "x",
        dtstamp: "2026-11-26T00:00:00Z",
        events: [{ uid: "a@b", summary: "s", start: { date: "2026-12-31" } }],
      }),
    );
    expect(lines).toContain("DTEND;VALUE=DATE:20270101");
  });
});
