import { describe, expect, it } from "vitest";
import {
  listPositionsQuerySchema,
  listReceiptsQuerySchema,
  parseQuery,
  queryParameters,
} from "~/api/query-schemas.server";

const q = (s: string) => new URLSearchParams(s);

describe("the API's query parameters", () => {
  it("take their defaults when absent or empty", () => {
    expect(parseQuery(listPositionsQuerySchema, q("status=&page="))).toEqual({
      ok: true,
      value: { page: 1, pageSize: 20 },
    });
    expect(parseQuery(listReceiptsQuerySchema, q("from=2026-11-01&to=2026-11-30"))).toEqual({
      ok: true,
      value: { from: "2026-11-01", to: "2026-11-30", page: 1, pageSize: 100 },
    });
  });

  it("say what is wrong with each, in Italian, in the order of the parameters", () => {
    expect(
      parseQuery(listPositionsQuerySchema, q(`pageSize=101&page=1e3&q=${"x".repeat(101)}&status=PAGATO`)),
    ).toEqual({
      ok: false,
      errors: [
        {
          name: "status",
          reason:
            "Stato non valido: uno tra DRAFT, PUBLISHED, VALID, PARTIALLY_PAID, PAID, REPORTED, EXPIRED, INVALID.",
        },
        { name: "q", reason: "Al massimo 100 caratteri." },
        { name: "page", reason: "Indica un numero intero tra 1 e 1000000." },
        { name: "pageSize", reason: "Indica un numero intero tra 1 e 100." },
      ],
    });
    expect(parseQuery(listReceiptsQuerySchema, q("from=2026-1-1&pageSize=0"))).toEqual({
      ok: false,
      errors: [
        { name: "from", reason: "La data iniziale: indica una data valida nel formato AAAA-MM-GG." },
        { name: "to", reason: "Indica la data finale (AAAA-MM-GG)." },
        { name: "pageSize", reason: "Indica un numero intero tra 1 e 500." },
      ],
    });
    expect(parseQuery(listReceiptsQuerySchema, q("from=2026-12-01&to=2026-11-01"))).toEqual({
      ok: false,
      errors: [{ name: "to", reason: "La data finale non può precedere quella iniziale." }],
    });
  });

  it("are documented from the same schemas", () => {
    expect(queryParameters(listReceiptsQuerySchema, ["from", "to"])).toEqual([
      { name: "from", in: "query", required: true, schema: { type: "string", format: "date" } },
      { name: "to", in: "query", required: true, schema: { type: "string", format: "date" } },
      {
        name: "page",
        in: "query",
        required: false,
        schema: { type: "integer", minimum: 1, maximum: 1_000_000, default: 1 },
      },
      {
        name: "pageSize",
        in: "query",
        required: false,
        schema: { type: "integer", minimum: 1, maximum: 500, default: 100 },
      },
    ]);
  });
});
