/**
 * Reading filters from URLs. Anything malformed is refused with a 4xx response carrying an
 * Italian message, never passed on to a query. Ids go through the portal's one parser
 * (~/http.server: parseId, requireId).
 */
import { badRequest, notFound, parseId } from "../../http.server";

/** An optional id filter of a query string: null when absent, "invalid" when not an id. */
export function parseOptionalId(value: string | null): number | null | "invalid" {
  if (value === null || value === "") return null;
  return parseId(value) ?? "invalid";
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
