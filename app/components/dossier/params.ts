/**
 * Reading ids and filters from URLs. Anything malformed is refused with a 4xx response carrying an
 * Italian message, never passed on to a query.
 */

function badRequest(message: string): Response {
  return new Response(JSON.stringify({ message }), {
    status: 400,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

function notFound(): Response {
  return new Response(JSON.stringify({ message: "La pagina che cerchi non esiste o non è disponibile con il tuo accesso." }), {
    status: 404,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** A positive integer id from a route parameter; anything else is a page that does not exist. */
export function parseId(value: string | undefined): number {
  if (!value || !/^[1-9][0-9]{0,9}$/.test(value)) throw notFound();
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n > 2_147_483_647) throw notFound();
  return n;
}

/** Like parseId, but null instead of throwing (for optional query parameters). */
export function parseOptionalId(value: string | null): number | null | "invalid" {
  if (value === null || value === "") return null;
  if (!/^[1-9][0-9]{0,9}$/.test(value)) return "invalid";
  const n = Number(value);
  return n > 2_147_483_647 ? "invalid" : n;
}

export const MAX_PAGE = 10_000;

/** `pagina` from the query string: 1 when absent, 400 when not a page number. */
export function parsePage(params: URLSearchParams): number {
  const raw = params.get("pagina");
  if (raw === null || raw === "") return 1;
  if (!/^[1-9][0-9]{0,4}$/.test(raw) || Number(raw) > MAX_PAGE) {
    throw badRequest("Il numero di pagina indicato non è valido.");
  }
  return Number(raw);
}

export function throwBadRequest(message: string): never {
  throw badRequest(message);
}

export function throwNotFound(): never {
  throw notFound();
}
