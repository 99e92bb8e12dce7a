// Request plumbing shared by every route: ids from URLs and forms, query-string filters, the 4xx
// answers of loaders and actions, and the one reader of form bodies
// (docs/decisions/007-requests-and-errors.md). Anything a client can send that is not what a page
// expects is a 4xx in the portal's Italian error page, never a 500.
import type { AppLoadContext } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";

/** Largest value of the id columns (PostgreSQL `integer`); beyond it a query would fail, not miss. */
export const MAX_ID = 2_147_483_647;

/**
 * The one id parser of the portal, for URL segments, query parameters and form fields: a decimal
 * integer from 1 to MAX_ID without sign, leading zeros or spaces, else null.
 */
export function parseId(value: unknown): number | null {
  if (typeof value !== "string" || !/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const n = Number(value);
  return n <= MAX_ID ? n : null;
}

/** parseId for a record the URL names: anything else is a page that does not exist (404). */
export function requireId(value: unknown): number {
  const id = parseId(value);
  if (id === null) throw notFound();
  return id;
}

const NO_STORE = { "Cache-Control": "no-store" } as const;

/** 404 without saying whether the thing exists (PORTAL.md "Who may see what"). */
export function notFound(): Response {
  return new Response("Pagina non trovata", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE },
  });
}

/**
 * A refusal with an Italian message meant for the user: the error page shows `message` (see
 * components/error-boundary.tsx). 400 by default; also used for 403, 413 and 415.
 */
export function badRequest(message: string, status = 400): Response {
  return new Response(JSON.stringify({ message }), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...NO_STORE },
  });
}

export function throwBadRequest(message: string): never {
  throw badRequest(message);
}

export function throwNotFound(): never {
  throw notFound();
}

// ---- query strings ----------------------------------------------------------------------------
// Anything malformed in a filter is refused with a 4xx carrying an Italian message, never passed
// on to a query.

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

// ---- forms ------------------------------------------------------------------------------------

/** Ordinary forms are small; files travel only through the upload route's streaming parser. */
export const MAX_FORM_BYTES = 1024 * 1024;
/** Past the limit the rest is read and dropped so that the 413 reaches the sender; beyond this, cut. */
const DRAIN_LIMIT_BYTES = 16 * MAX_FORM_BYTES;

export const FORM_MESSAGES = {
  foreignOrigin:
    "La richiesta è stata inviata da un sito diverso da questo portale e non è stata accettata. Se stavi usando il portale, torna alla pagina e riprova.",
  unsupported:
    "I dati non sono arrivati nel formato di un modulo del portale. Torna alla pagina e invia di nuovo il modulo.",
  malformed: "Il modulo inviato non è completo o non è leggibile. Ricarica la pagina e riprova.",
  tooLarge: "I dati inviati superano la dimensione consentita per un modulo.",
} as const;

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"] as const;

/** The media type of a Content-Type header, lower-cased, without parameters. */
function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Whether an Origin header names the portal: its public URL, or the address the request was sent
 * to (a demo on localhost, a test server). `null` (sent by browsers for opaque origins) never does.
 */
export function isPortalOrigin(origin: string, publicUrl: string, requestOrigin: string): boolean {
  return origin === new URL(publicUrl).origin || origin === requestOrigin;
}

type FormContext = Pick<AppLoadContext, "config"> & { foreignOrigin?: boolean };

/**
 * Checks what can be checked before reading a form: it comes from the portal's own pages (403
 * otherwise) and is a form (415 otherwise; `multipart` accepts only multipart/form-data, for file
 * uploads). Throws the answer.
 */
export function checkFormRequest(
  request: Request,
  context: FormContext,
  accept: "form" | "multipart" = "form",
): void {
  const origin = request.headers.get("Origin");
  const foreign =
    context.foreignOrigin === true ||
    (origin !== null && !isPortalOrigin(origin, context.config.publicUrl, new URL(request.url).origin));
  if (foreign) throw badRequest(FORM_MESSAGES.foreignOrigin, 403);
  const type = mediaType(request.headers.get("Content-Type"));
  const accepted: readonly string[] = accept === "multipart" ? ["multipart/form-data"] : FORM_TYPES;
  if (!accepted.includes(type)) throw badRequest(FORM_MESSAGES.unsupported, 415);
}

/** The body, at most `limit` bytes; null when larger (read and dropped up to the drain limit). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get("Content-Length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > DRAIN_LIMIT_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) return null;
  const out = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The one reader of form bodies for every action: 403 for a foreign Origin, 415 for anything but
 * an url-encoded or multipart form, 413 past MAX_FORM_BYTES, 400 for a body that does not parse.
 * The anti-forgery token is still the action's to check (verifyCsrf, verifyFormToken).
 */
export async function readForm(request: Request, context: FormContext): Promise<FormData> {
  checkFormRequest(request, context);
  const body = await readLimited(request, MAX_FORM_BYTES);
  if (body === null) throw badRequest(FORM_MESSAGES.tooLarge, 413);
  const type = request.headers.get("Content-Type") as string;
  if (mediaType(type) === "multipart/form-data" && !/;\s*boundary=/i.test(type)) {
    throw badRequest(FORM_MESSAGES.malformed);
  }
  try {
    return await new Response(body, { headers: { "Content-Type": type } }).formData();
  } catch {
    throw badRequest(FORM_MESSAGES.malformed);
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Express middleware in front of the Remix handler. Remix answers a write whose Origin differs
 * from Host with a bare 500 of its own (and never looks at PUBLIC_URL); the portal takes the check
 * over: the Origin header is compared here with the portal's origins, then removed, and the
 * verdict reaches the actions as `context.foreignOrigin`, which readForm turns into a 403 page.
 */
export function originCheck(publicUrl: string) {
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction): void => {
    if (!SAFE_METHODS.has(req.method)) {
      const origin = req.headers.origin;
      if (origin !== undefined) {
        res.locals.foreignOrigin = !isPortalOrigin(
          origin,
          publicUrl,
          `${req.protocol}://${req.get("host") ?? ""}`,
        );
        delete req.headers.origin;
      }
    }
    next();
  };
}
