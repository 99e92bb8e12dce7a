// The query parameters of /api/v1 as zod schemas, one object per operation: the handlers parse the
// query string with them, and `queryParameters` turns the same schemas into openapi.json's
// parameter objects, as `componentJsonSchemas` does for the bodies.
import { z } from "zod";
import { MAX_PAGE_SIZE } from "~/payments/creditor-positions.server";
import { parseReceiptRange } from "~/payments/creditor-receipts.server";
import { POSITION_STATUSES } from "~/rules/gpd";
import type { InvalidParam } from "~/api/problem";

export const RECEIPTS_API_MAX_PAGE_SIZE = 500;
const MAX_PAGE = 1_000_000;

/** An absent or empty parameter takes its default; anything but digits is not a number. */
function pageNumber(max: number, fallback: number) {
  const reason = `Indica un numero intero tra 1 e ${max}.`;
  return z.preprocess(
    (v) => (v === "" ? undefined : typeof v === "string" && !/^\d{1,9}$/.test(v) ? Number.NaN : v),
    z.coerce.number<string>({ error: reason }).int(reason).min(1, reason).max(max, reason).default(fallback),
  );
}

const absentIfEmpty = (v: unknown) => (v === "" ? undefined : v);

export const listPositionsQuerySchema = z.object({
  status: z.preprocess(
    absentIfEmpty,
    z
      .enum(POSITION_STATUSES, { error: `Stato non valido: uno tra ${POSITION_STATUSES.join(", ")}.` })
      .optional(),
  ),
  q: z
    .string()
    .max(100, "Al massimo 100 caratteri.")
    .optional()
    .meta({ description: "IUPD, codice avviso (NAV) o codice fiscale del debitore, esatto." }),
  page: pageNumber(MAX_PAGE, 1),
  pageSize: pageNumber(MAX_PAGE_SIZE, 20),
});

/** A day of the Italian calendar; when absent, the range's message says so. */
const day = z.preprocess((v) => v ?? "", z.string().meta({ format: "date" }));

export const listReceiptsQuerySchema = z
  .object({
    from: day,
    to: day,
    page: pageNumber(MAX_PAGE, 1),
    pageSize: pageNumber(RECEIPTS_API_MAX_PAGE_SIZE, 100),
  })
  .superRefine(
    (q, ctx) => {
      // The range is the receipts core's rule, shared with the reconciliation page.
      const range = parseReceiptRange(q.from, q.to);
      if (!range.ok)
        for (const [key, message] of Object.entries(range.errors))
          ctx.addIssue({ code: "custom", path: [key], message });
    },
    { when: () => true },
  );

type QuerySchema = typeof listPositionsQuerySchema | typeof listReceiptsQuerySchema;

/**
 * Parses a query string: the value, or one invalidParams entry per parameter at fault (its first
 * message), in the order the schema declares the parameters.
 */
export function parseQuery<S extends QuerySchema>(
  schema: S,
  query: URLSearchParams,
): { ok: true; value: z.output<S> } | { ok: false; errors: InvalidParam[] } {
  const names = Object.keys(schema.shape);
  const raw = Object.fromEntries(names.flatMap((n) => (query.has(n) ? [[n, query.get(n)]] : [])));
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data as z.output<S> };
  const errors: InvalidParam[] = [];
  for (const issue of r.error.issues) {
    const name = String(issue.path[0] ?? "");
    if (!errors.some((e) => e.name === name)) errors.push({ name, reason: issue.message });
  }
  errors.sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));
  return { ok: false, errors };
}

/** openapi.json's query parameter objects, generated from a schema (what a client sends). */
export function queryParameters(schema: QuerySchema, required: readonly string[] = []) {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { description, ...json } = z.toJSONSchema(field as z.ZodType, {
      target: "openapi-3.0",
      io: "input",
      unrepresentable: "throw",
    }) as Record<string, unknown>;
    return {
      name,
      in: "query",
      required: required.includes(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: json,
    };
  });
}
