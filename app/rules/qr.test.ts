import { describe, expect, it } from "vitest";
import { buildQrPayload, parseQrPayload } from "~/rules/qr";

const EXAMPLE = "PAGOPA|002|302032002700000251|03334231200|2";

describe("buildQrPayload", () => {
  it("builds the documented example", () => {
    expect(
      buildQrPayload({
        nav: "302032002700000251",
        creditorFiscalCode: "03334231200",
        amountCents: 2,
      }),
    ).toBe(EXAMPLE);
    expect(
      buildQrPayload({
        nav: "301240000001234510",
        creditorFiscalCode: "00743110157",
        amountCents: 102099,
      }),
    ).toBe("PAGOPA|002|301240000001234510|00743110157|102099");
  });
  it("refuses invalid data", () => {
    const ok = {
      nav: "302032002700000251",
      creditorFiscalCode: "03334231200",
      amountCents: 100,
    };
    expect(() => buildQrPayload({ ...ok, nav: "302032002700000252" })).toThrow(
      RangeError,
    );
    expect(() =>
      buildQrPayload({ ...ok, nav: "3020 3200 2700 0002 51" }),
    ).toThrow(RangeError);
    expect(() =>
      buildQrPayload({ ...ok, creditorFiscalCode: "0333423120" }),
    ).toThrow(RangeError);
    expect(() => buildQrPayload({ ...ok, amountCents: 0 })).toThrow(RangeError);
    expect(() => buildQrPayload({ ...ok, amountCents: 12.5 })).toThrow(
      RangeError,
    );
    expect(() => buildQrPayload({ ...ok, amountCents: -5 })).toThrow(
      RangeError,
    );
  });
});

describe("parseQrPayload", () => {
  it("parses the documented example and round-trips", () => {
    expect(parseQrPayload(EXAMPLE)).toEqual({
      ok: true,
      value: {
        nav: "302032002700000251",
        creditorFiscalCode: "03334231200",
        amountCents: 2,
      },
    });
    const value = {
      nav: "001721265093769322",
      creditorFiscalCode: "00743110157",
      amountCents: 1_335_60,
    };
    expect(parseQrPayload(buildQrPayload(value))).toEqual({ ok: true, value });
  });

  it("refuses other prefixes, versions and malformed fields", () => {
    const bad = [
      "PAGOPA|001|302032002700000251|03334231200|2",
      "PAGOPB|002|302032002700000251|03334231200|2",
      "pagopa|002|302032002700000251|03334231200|2",
      "PAGOPA|002|302032002700000251|03334231200",
      "PAGOPA|002|302032002700000251|03334231200|2|X",
      "PAGOPA|002|30203200270000025A|03334231200|2",
      "PAGOPA|002|30203200270000025|03334231200|2",
      "PAGOPA|002|302032002700000252|03334231200|2",
      "PAGOPA|002|302032002700000251|0333423120A|2",
      "PAGOPA|002|302032002700000251|0333423120|2",
      "PAGOPA|002|302032002700000251|03334231200|2,50",
      "PAGOPA|002|302032002700000251|03334231200|-2",
      "PAGOPA|002|302032002700000251|03334231200|",
      "PAGOPA|002|302032002700000251|03334231200|0",
      "PAGOPA|002|302032002700000251|03334231200|123456789012",
      "",
    ];
    for (const s of bad) {
      const r = parseQrPayload(s);
      expect(r.ok, s).toBe(false);
      expect(!r.ok && r.reason.length, s).toBeGreaterThan(0);
    }
  });
});
