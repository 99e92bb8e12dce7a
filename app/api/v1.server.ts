// The payments API, version 1: routes, who may call each, and the handlers. Framework-agnostic:
// `router.server.ts` adapts Express requests to `ApiRequest` and writes `ApiResponse` back.
// Order of checks for every request: path (404), method (405), credentials (401), the caller's
// scope (404, so that another ente's resources are not confirmed), anti-forgery for cookie
// writes (403), content type (415), body size and syntax (413, 400), then the handler.
import type { Db } from "../../db/schema";
import { todayIso } from "~/clock.server";
import type { Config } from "~/env.server";
import type { CreditorActor, CreditorResult } from "~/payments/creditor.server";
import {
  createPosition,
  getPositionByIupd,
  invalidatePosition,
  listPositions,
  publishPosition,
  type PositionDetail,
} from "~/payments/creditor-positions.server";
import { listReceipts } from "~/payments/creditor-receipts.server";
import type { NewPositionInput } from "~/payments/creditor-input";
import { findNoticeForHolder } from "~/payments/positions.server";
import { getImport, startImport } from "~/payments/position-imports.server";
import { parseId } from "~/http.server";
import {
  IMPORT_UPLOAD_TEXT,
  ImportUploadMalformed,
  MAX_IMPORT_BYTES,
  readImportUpload,
} from "~/operator/position-import-upload.server";
import { issueErrors } from "~/payments/position-schema.server";
import { creditorOf, sessionWriteAllowed, type ApiCaller } from "~/api/auth.server";
import { openApiDocument } from "~/api/openapi";
import {
  apiFieldErrors,
  noticeVerificationJson,
  pageInfoJson,
  positionImportJson,
  positionJson,
  receiptJson,
} from "~/api/payments-json";
import {
  ApiProblem,
  invalidParamsOf,
  NOT_FOUND_DETAIL,
  problem,
  PROBLEM_CONTENT_TYPE,
  type InvalidParam,
} from "~/api/problem";
import { requestBodySchemas, type RequestBodyName } from "~/api/schemas.server";
import { listPositionsQuerySchema, listReceiptsQuerySchema, parseQuery } from "~/api/query-schemas.server";

export const API_PREFIX = "/api/v1";
/** Request bodies larger than this answer 413 (24 instalments of 5 transfers fit well within it). */
export const MAX_BODY_BYTES = 100 * 1024;

export interface ApiDeps {
  db: Db;
  config: Config;
  /** Called when an import has been recorded, so that this process starts on it at once. */
  onImportStarted?: () => void;
}

export interface ApiRequest {
  method: string;
  /** The path under /api/v1, starting with "/". */
  path: string;
  query: URLSearchParams;
  contentType: string | null;
  /** Whether the request carries a body (Content-Length > 0 or chunked). */
  hasBody: boolean;
  csrfToken: string | null;
  origin: string | null;
  /** The origin the request was addressed to (scheme and Host). */
  requestOrigin: string;
  caller: ApiCaller;
  /** Reads the raw body; throws ApiProblem (413, 415, 400) when it cannot. */
  readBody: () => Promise<Buffer | null>;
  /** The request as a fetch Request whose body streams, for uploads larger than MAX_BODY_BYTES. */
  streamedRequest?: () => Request;
}

export interface ApiResponse {
  status: number;
  contentType: string;
  body: unknown;
  headers?: Record<string, string>;
}

type Access = "public" | "authenticated" | "creditor";

interface HandlerContext {
  deps: ApiDeps;
  req: ApiRequest;
  params: string[];
  caller: ApiCaller;
  /** Set when access is "creditor". */
  by: CreditorActor | null;
  body: unknown;
  /** The body checked against the operation's schema; unknown properties have been refused already. */
  parsed?: BodyCheck;
}

type BodyCheck = { ok: true; value: unknown } | { ok: false; errors: Record<string, string> };

interface Operation {
  access: Access;
  /**
   * "required": JSON body needed; "optional": JSON when present; "upload": a multipart file the
   * handler streams itself (req.streamedRequest); absent: no body expected.
   */
  body?: "required" | "optional" | "upload";
  /** The body's schema (schemas.server.ts), also its name in openapi.json: properties it does not name are refused. */
  schema?: RequestBodyName;
  handle: (ctx: HandlerContext) => Promise<ApiResponse>;
}

interface Route {
  pattern: RegExp;
  methods: Partial<Record<"GET" | "POST", Operation>>;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): ApiResponse => ({
  status,
  contentType: "application/json",
  body,
  ...(headers ? { headers } : {}),
});

export function problemResponse(
  p: ReturnType<typeof problem>,
  headers?: Record<string, string>,
): ApiResponse {
  return { status: p.status, contentType: PROBLEM_CONTENT_TYPE, body: p, ...(headers ? { headers } : {}) };
}

const notFound = () => new ApiProblem(problem(404, "non_trovato", NOT_FOUND_DETAIL));

function failureProblem(r: Extract<CreditorResult<unknown>, { ok: false }>): ApiProblem {
  return new ApiProblem(
    problem(
      r.status,
      r.code,
      r.message,
      r.errors ? { invalidParams: invalidParamsOf(apiFieldErrors(r.errors)) } : {},
    ),
  );
}

function invalid(
  params: InvalidParam[],
  detail = "Alcuni parametri della richiesta non sono validi.",
): ApiProblem {
  return new ApiProblem(problem(400, "dati_non_validi", detail, { invalidParams: params }));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The body's own problem (not an object at all), checked before anything else the handler does. */
function refuseNonObject(parsed: BodyCheck | undefined): void {
  if (parsed && !parsed.ok && "" in parsed.errors) throw invalid([{ name: "", reason: parsed.errors[""]! }]);
}

async function positionOf(ctx: HandlerContext): Promise<PositionDetail> {
  let iupd: string;
  try {
    iupd = decodeURIComponent(ctx.params[0]!);
  } catch {
    throw notFound();
  }
  const p = await getPositionByIupd(ctx.deps.db, enteOf(ctx.by!), iupd);
  if (!p) throw notFound();
  return p;
}

function enteOf(by: CreditorActor): number {
  return by.kind === "operatore" ? by.actor.enteId : by.enteId;
}

const positionLocation = (iupd: string) => `${API_PREFIX}/debt-positions/${encodeURIComponent(iupd)}`;
const importLocation = (id: number) => `${API_PREFIX}/debt-position-imports/${id}`;

/** The import file's part in the multipart body. */
export const IMPORT_FILE_PART = "file";

/** Receives a campaign's CSV file (multipart/form-data, part `file`): all rows checked, then imported in the background. */
async function importFile(ctx: HandlerContext): Promise<ApiResponse> {
  const { deps, req, by } = ctx;
  const mediaType = (req.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "multipart/form-data" || !req.streamedRequest)
    throw new ApiProblem(
      problem(
        415,
        "formato_non_supportato",
        `Invia il file come multipart/form-data, nella parte «${IMPORT_FILE_PART}».`,
      ),
    );
  let upload;
  try {
    upload = await readImportUpload(req.streamedRequest(), {
      fileField: IMPORT_FILE_PART,
      today: todayIso(deps.config),
    });
  } catch (err) {
    if (err instanceof ImportUploadMalformed)
      throw new ApiProblem(
        problem(400, "corpo_non_leggibile", "Il corpo multipart/form-data non è completo o non è leggibile."),
      );
    throw err;
  }
  if (upload.problem === "too_large")
    throw new ApiProblem(
      problem(413, "richiesta_troppo_grande", `Il file supera ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`),
    );
  if (upload.problem || !upload.file)
    throw new ApiProblem(
      problem(
        400,
        upload.problem === "encoding" ? "codifica_non_valida" : "file_mancante",
        IMPORT_UPLOAD_TEXT[upload.problem ?? "missing"],
      ),
    );
  const { file } = upload;
  if (file.report.errorCount > 0) {
    const { report } = file;
    throw new ApiProblem(
      problem(
        400,
        "file_non_valido",
        `Il file contiene ${report.errorCount} ${report.errorCount === 1 ? "errore" : "errori"} in ${report.rowsWithErrors} ${report.rowsWithErrors === 1 ? "riga" : "righe"}: nessuna posizione è stata importata.` +
          (report.errorCount > report.errors.length ? ` Sono elencati i primi ${report.errors.length}.` : ""),
        {
          invalidParams: report.errors.map((e) => ({
            name: e.column ?? "",
            reason: e.message,
            line: e.line,
          })),
        },
      ),
    );
  }
  const started = await startImport(deps.db, deps.config, by!, {
    filename: file.filename,
    text: file.text,
    sha256: file.sha256,
    rows: file.report.rows,
  });
  if (!started.ok) throw notFound();
  deps.onImportStarted?.();
  const created = await getImport(deps.db, enteOf(by!), started.id);
  return json(202, positionImportJson(created!), { Location: importLocation(started.id) });
}

const ROUTES: Route[] = [
  {
    pattern: /^\/openapi\.json$/,
    methods: {
      GET: {
        access: "public",
        handle: async ({ deps }) => json(200, openApiDocument(deps.config)),
      },
    },
  },
  {
    pattern: /^\/payment-notices\/verify$/,
    methods: {
      POST: {
        access: "authenticated",
        body: "required",
        schema: "VerifyRequest",
        handle: async ({ deps, parsed }) => {
          if (!parsed?.ok) throw invalid(invalidParamsOf(parsed?.errors ?? {}));
          const { noticeNumber: nav, fiscalCode: cf } = parsed.value as {
            noticeNumber: string;
            fiscalCode: string;
          };
          const notice = await findNoticeForHolder(deps.db, { nav, creditorFiscalCode: cf });
          if (!notice)
            throw new ApiProblem(
              problem(
                404,
                "avviso_non_trovato",
                "Nessun avviso con questo codice per questo ente creditore.",
              ),
            );
          return json(200, noticeVerificationJson(notice, new Date()));
        },
      },
    },
  },
  {
    pattern: /^\/debt-positions$/,
    methods: {
      GET: {
        access: "creditor",
        handle: async ({ deps, req, by }) => {
          const query = parseQuery(listPositionsQuerySchema, req.query);
          if (!query.ok) throw invalid(query.errors);
          const { status, q, page, pageSize } = query.value;
          const list = await listPositions(deps.db, enteOf(by!), {
            status: status ?? null,
            q: q ?? null,
            page,
            pageSize,
          });
          return json(200, { items: list.items.map(positionJson), pageInfo: pageInfoJson(list) });
        },
      },
      POST: {
        access: "creditor",
        body: "required",
        schema: "NewDebtPosition",
        handle: async ({ deps, parsed, by }) => {
          if (!parsed?.ok)
            throw invalid(
              invalidParamsOf(parsed?.errors ?? {}),
              "Alcuni dati della posizione debitoria non sono validi.",
            );
          const r = await createPosition(deps.db, deps.config, by!, parsed.value as NewPositionInput);
          if (!r.ok) throw failureProblem(r);
          return json(201, positionJson(r.value), { Location: positionLocation(r.value.iupd) });
        },
      },
    },
  },
  {
    pattern: /^\/debt-positions\/([^/]+)$/,
    methods: {
      GET: {
        access: "creditor",
        handle: async (ctx) => json(200, positionJson(await positionOf(ctx))),
      },
    },
  },
  {
    pattern: /^\/debt-positions\/([^/]+)\/publish$/,
    methods: {
      POST: {
        access: "creditor",
        body: "optional",
        schema: "PublishRequest",
        handle: async (ctx) => {
          const p = await positionOf(ctx);
          const r = await publishPosition(ctx.deps.db, ctx.deps.config, ctx.by!, p.id);
          if (!r.ok) throw failureProblem(r);
          return json(200, positionJson(r.value));
        },
      },
    },
  },
  {
    pattern: /^\/debt-positions\/([^/]+)\/invalidate$/,
    methods: {
      POST: {
        access: "creditor",
        body: "required",
        schema: "InvalidateRequest",
        handle: async (ctx) => {
          refuseNonObject(ctx.parsed);
          const p = await positionOf(ctx);
          // The reason is checked by the core with the same schema, after the 404 and before the 409.
          const reason = isRecord(ctx.body) ? ctx.body.reason : undefined;
          const r = await invalidatePosition(ctx.deps.db, ctx.deps.config, ctx.by!, p.id, reason);
          if (!r.ok) throw failureProblem(r);
          return json(200, positionJson(r.value));
        },
      },
    },
  },
  {
    pattern: /^\/debt-position-imports$/,
    methods: {
      POST: { access: "creditor", body: "upload", handle: importFile },
    },
  },
  {
    pattern: /^\/debt-position-imports\/([^/]+)$/,
    methods: {
      GET: {
        access: "creditor",
        handle: async ({ deps, params, by }) => {
          const id = parseId(params[0]);
          const found = id === null ? null : await getImport(deps.db, enteOf(by!), id);
          if (!found) throw notFound();
          return json(200, positionImportJson(found));
        },
      },
    },
  },
  {
    pattern: /^\/receipts$/,
    methods: {
      GET: {
        access: "creditor",
        handle: async ({ deps, req, by }) => {
          const query = parseQuery(listReceiptsQuerySchema, req.query);
          if (!query.ok) throw invalid(query.errors);
          const list = await listReceipts(deps.db, enteOf(by!), query.value);
          return json(200, { items: list.items.map(receiptJson), pageInfo: pageInfoJson(list) });
        },
      },
    },
  },
];

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/** Every path of a JSON value, in the order it was written. */
function documentPaths(v: unknown, path = ""): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => documentPaths(x, `${path}[${i}]`));
  if (!isRecord(v)) return [];
  return Object.keys(v).flatMap((k) => {
    const at = path ? `${path}.${k}` : k;
    return [at, ...documentPaths(v[k], at)];
  });
}

/**
 * Checks the body against its schema. Properties the schema does not name answer 400 at once,
 * each by its path, before any other check of the body; other errors are left to the handler,
 * which decides when they count (after a 404, for instance).
 */
function checkBody(body: unknown, schemaName: RequestBodyName, config: Config): BodyCheck {
  const r = requestBodySchemas(todayIso(config))[schemaName].safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  const { errors, unknown } = issueErrors(r.error.issues);
  if (unknown.length) {
    const order = documentPaths(body);
    unknown.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    throw invalid(
      unknown.map((name) => ({ name, reason: "Proprietà non prevista dallo schema di questa richiesta." })),
      `Proprietà non previste dallo schema: ${unknown.join(", ")}. Toglile e invia di nuovo la richiesta.`,
    );
  }
  return { ok: false, errors };
}

async function readJson(req: ApiRequest, need: "required" | "optional"): Promise<unknown> {
  if (!req.hasBody) {
    if (need === "optional") return undefined;
    throw new ApiProblem(
      problem(400, "corpo_mancante", "Manca il corpo della richiesta: invia un oggetto JSON."),
    );
  }
  const mediaType = (req.contentType ?? "").split(";")[0]!.trim();
  if (!JSON_TYPE.test(mediaType))
    throw new ApiProblem(
      problem(
        415,
        "formato_non_supportato",
        "Invia il corpo della richiesta come JSON (Content-Type: application/json).",
      ),
    );
  const raw = await req.readBody();
  const text = raw ? raw.toString("utf8") : "";
  if (text.trim() === "") {
    if (need === "optional") return undefined;
    throw new ApiProblem(
      problem(400, "corpo_mancante", "Manca il corpo della richiesta: invia un oggetto JSON."),
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiProblem(problem(400, "json_non_valido", "Il corpo della richiesta non è JSON valido."));
  }
}

/** Answers one request under /api/v1. Refusals become problem responses; unexpected errors are thrown (the router answers 500). */
export async function handleApiRequest(deps: ApiDeps, req: ApiRequest): Promise<ApiResponse> {
  try {
    let match: { route: Route; params: string[] } | null = null;
    for (const route of ROUTES) {
      const m = route.pattern.exec(req.path);
      if (m) {
        match = { route, params: m.slice(1) };
        break;
      }
    }
    if (!match)
      throw new ApiProblem(
        problem(
          404,
          "percorso_sconosciuto",
          "Questo percorso non esiste nell'API v1: la descrizione è in /api/v1/openapi.json.",
        ),
      );
    const method = req.method === "HEAD" ? "GET" : req.method;
    const op = match.route.methods[method as "GET" | "POST"];
    if (!op) {
      const allow = Object.keys(match.route.methods);
      if (allow.includes("GET")) allow.push("HEAD");
      throw new ApiProblem(
        problem(
          405,
          "metodo_non_consentito",
          `Metodo ${req.method} non consentito su questo percorso: usa ${allow.join(", ")}.`,
        ),
        { Allow: allow.join(", ") },
      );
    }
    const caller = req.caller;
    let by: CreditorActor | null = null;
    if (op.access !== "public") {
      if (caller.kind === "anonymous")
        throw new ApiProblem(
          problem(
            401,
            "autenticazione_richiesta",
            "Servono le credenziali: la chiave dell'API dell'ente (Authorization: Bearer …) oppure una sessione del portale.",
          ),
          { "WWW-Authenticate": 'Bearer realm="api"' },
        );
      if (caller.kind === "bad_key")
        throw new ApiProblem(
          problem(401, "chiave_non_valida", "La chiave dell'API non è valida oppure è stata revocata."),
          { "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"' },
        );
      if (op.access === "creditor") {
        by = creditorOf(caller);
        if (!by) throw notFound();
      }
      if (method === "POST" && caller.kind === "session") {
        const ok = sessionWriteAllowed(
          caller.session,
          { csrfToken: req.csrfToken, origin: req.origin },
          deps.config,
          req.requestOrigin,
        );
        if (!ok)
          throw new ApiProblem(
            problem(
              403,
              "csrf",
              "Con la sessione del portale le richieste di modifica devono provenire dal portale e portare il token anti-falsificazione nell'intestazione X-CSRF-Token.",
            ),
          );
      }
    }
    const body = op.body && op.body !== "upload" ? await readJson(req, op.body) : undefined;
    const parsed = op.schema && body !== undefined ? checkBody(body, op.schema, deps.config) : undefined;
    return await op.handle({ deps, req, params: match.params, caller, by, body, parsed });
  } catch (err) {
    if (err instanceof ApiProblem) return problemResponse(err.problem, err.headers);
    throw err;
  }
}
