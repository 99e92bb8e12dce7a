// The OpenAPI 3.0 description of /api/v1, served at /api/v1/openapi.json. The integration tests
// check every response they receive against it, so it is the contract, not a comment. No schema is
// written here: request bodies, query parameters and response bodies are generated from the zod
// schemas the API parses its input with (schemas.server.ts, query-schemas.server.ts) and types its
// answers with (payments-json.ts, problem.ts). Imported by server modules only, so zod stays on the
// server.
import { sessionCookieName } from "~/auth/session.server";
import type { Config } from "~/env.server";
import { IUPD_PATTERN } from "~/payments/creditor-input";
import { IMPORT_REPORT_MAX_ERRORS, MAX_IMPORT_BYTES } from "~/operator/position-import-csv";
import { componentJsonSchemas, requestBodySchemas } from "~/api/schemas.server";
import {
  listPositionsQuerySchema,
  listReceiptsQuerySchema,
  queryParameters,
} from "~/api/query-schemas.server";
import { RESPONSE_SCHEMAS } from "~/api/payments-json";

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (extra: Schema = {}): Schema => ({ type: "string", ...extra });
const int = (extra: Schema = {}): Schema => ({ type: "integer", ...extra });

let components: Record<string, Schema> | null = null;

/** components.schemas: what clients send (the bodies' input) and what the API answers. */
function componentSchemas(): Record<string, Schema> {
  components ??= {
    ...componentJsonSchemas(RESPONSE_SCHEMAS, "output"),
    ...componentJsonSchemas(requestBodySchemas(), "input"),
  };
  return components;
}

const RATE_HEADERS = {
  "X-RateLimit-Limit": { $ref: "#/components/headers/X-RateLimit-Limit" },
  "X-RateLimit-Remaining": { $ref: "#/components/headers/X-RateLimit-Remaining" },
  "X-RateLimit-Reset": { $ref: "#/components/headers/X-RateLimit-Reset" },
  "Cache-Control": { $ref: "#/components/headers/Cache-Control" },
};

function ok(description: string, schema: Schema, headers: Record<string, unknown> = {}) {
  return {
    description,
    headers: { ...RATE_HEADERS, ...headers },
    content: { "application/json": { schema } },
  };
}

const problemRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

function problemResponse(description: string, headers: Record<string, unknown> = RATE_HEADERS) {
  return {
    description,
    headers,
    content: { "application/problem+json": { schema: ref("Problem") } },
  };
}

function errors(...statuses: number[]) {
  const names: Record<number, string> = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
    429: "TooManyRequests",
    500: "InternalError",
  };
  return Object.fromEntries([...statuses, 429, 500].map((s) => [String(s), problemRef(names[s]!)]));
}

const iupdParam = {
  name: "iupd",
  in: "path",
  required: true,
  description: "Identificativo della posizione assegnato dall'ente (IUPD).",
  schema: str({ pattern: IUPD_PATTERN.source }),
};

export function openApiDocument(config: Pick<Config, "publicUrl" | "secure" | "org">) {
  return {
    openapi: "3.0.3",
    info: {
      title: "API dei pagamenti del Fascicolo del cittadino",
      version: "1.0.0",
      "x-summary": "Posizioni debitorie, avvisi e ricevute del Polo regionale dei pagamenti",
      description:
        "API per i gestionali degli enti creditori: creare, pubblicare e annullare posizioni debitorie " +
        "(modello GPD di pagoPA), verificare un avviso, leggere le ricevute per la riconciliazione.\n\n" +
        "Autenticazione: la chiave dell'API dell'ente (creata dall'amministratore dell'ente nella pagina " +
        "/operatore/ente) in `Authorization: Bearer <chiave>` oppure in `X-API-Key`. In alternativa, dal " +
        "browser, la sessione del portale di un operatore con ruolo pagamenti; con la sessione le richieste " +
        "POST devono portare il token anti-falsificazione in `X-CSRF-Token`.\n\n" +
        "Ogni chiave raggiunge solo le posizioni e le ricevute del proprio ente: una risorsa di un altro ente " +
        "risponde 404. Importi in centesimi di euro; date RFC 3339. Gli errori sono " +
        "`application/problem+json` (RFC 9457) con titolo e dettaglio in italiano. Un percorso sconosciuto " +
        "risponde 404 e un metodo non previsto su un percorso esistente 405 (intestazione `Allow`), " +
        "entrambi come problem+json. Ogni risposta porta le intestazioni X-RateLimit-*; oltre il limite la " +
        "risposta è 429 con Retry-After. Nessuna risposta va conservata in cache (`Cache-Control: no-store`).",
      contact: { name: config.org.name, email: config.org.email },
    },
    servers: [{ url: `${config.publicUrl}/api/v1` }],
    security: [{ bearerAuth: [] }, { apiKeyHeader: [] }, { sessionCookie: [] }],
    tags: [
      { name: "avvisi", description: "Verifica di un avviso di pagamento" },
      { name: "posizioni", description: "Posizioni debitorie dell'ente" },
      { name: "ricevute", description: "Ricevute di pagamento dell'ente" },
      {
        name: "importazioni",
        description: "Importazione di posizioni debitorie da file (campagne di riscossione)",
      },
      { name: "descrizione", description: "Questa descrizione" },
    ],
    paths: {
      "/openapi.json": {
        get: {
          tags: ["descrizione"],
          operationId: "getOpenApi",
          summary: "Descrizione OpenAPI di questa API",
          security: [],
          responses: {
            "200": ok("La descrizione OpenAPI 3.0", { type: "object" }),
            ...errors(),
          },
        },
      },
      "/payment-notices/verify": {
        post: {
          tags: ["avvisi"],
          operationId: "verifyPaymentNotice",
          summary: "Verifica un avviso dal codice avviso e dal codice fiscale dell'ente creditore",
          description:
            "Restituisce solo ciò che può sapere chi ha in mano l'avviso: ente creditore, causale, importo, " +
            "scadenza e stato. Qualsiasi chiave o sessione valida può verificare avvisi di qualsiasi ente.",
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref("VerifyRequest") } },
          },
          responses: {
            "200": ok("L'avviso", ref("NoticeVerification")),
            ...errors(400, 401, 403, 404, 413, 415),
          },
        },
      },
      "/debt-positions": {
        get: {
          tags: ["posizioni"],
          operationId: "listDebtPositions",
          summary: "Posizioni debitorie dell'ente, dalla più recente",
          parameters: queryParameters(listPositionsQuerySchema),
          responses: {
            "200": ok("Una pagina di posizioni", ref("DebtPositionList")),
            ...errors(400, 401, 404),
          },
        },
        post: {
          tags: ["posizioni"],
          operationId: "createDebtPosition",
          summary: "Crea una posizione debitoria in bozza (DRAFT)",
          description:
            "Il codice avviso (NAV, codice di segregazione dell'ente) e lo IUV di ogni opzione sono generati dal " +
            "portale. Senza iupd ne viene generato uno. Il primo trasferimento va all'ente; senza IBAN si usa " +
            "quello dell'ente beneficiario registrato nel portale.",
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref("NewDebtPosition") } },
          },
          responses: {
            "201": ok("La posizione creata", ref("DebtPosition"), {
              Location: { $ref: "#/components/headers/Location" },
            }),
            ...errors(400, 401, 403, 404, 409, 413, 415),
          },
        },
      },
      "/debt-positions/{iupd}": {
        get: {
          tags: ["posizioni"],
          operationId: "getDebtPosition",
          summary: "Una posizione debitoria dell'ente",
          parameters: [iupdParam],
          responses: {
            "200": ok("La posizione", ref("DebtPosition")),
            ...errors(401, 404),
          },
        },
      },
      "/debt-positions/{iupd}/publish": {
        post: {
          tags: ["posizioni"],
          operationId: "publishDebtPosition",
          summary: "Pubblica una posizione in bozza",
          description:
            "La posizione diventa VALID (pagabile e visibile al debitore, che riceve un messaggio) subito, " +
            "oppure resta PUBLISHED fino alla data di validità.",
          parameters: [iupdParam],
          requestBody: {
            required: false,
            content: { "application/json": { schema: ref("PublishRequest") } },
          },
          responses: {
            "200": ok("La posizione pubblicata", ref("DebtPosition")),
            ...errors(400, 401, 403, 404, 409, 413, 415),
          },
        },
      },
      "/debt-positions/{iupd}/invalidate": {
        post: {
          tags: ["posizioni"],
          operationId: "invalidateDebtPosition",
          summary: "Annulla una posizione pubblicata (PUBLISHED o VALID)",
          description: "Rifiutato (409) dagli altri stati e mentre un avviso della posizione è in pagamento.",
          parameters: [iupdParam],
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref("InvalidateRequest") } },
          },
          responses: {
            "200": ok("La posizione annullata", ref("DebtPosition")),
            ...errors(400, 401, 403, 404, 409, 413, 415),
          },
        },
      },
      "/debt-position-imports": {
        post: {
          tags: ["importazioni"],
          operationId: "importDebtPositions",
          summary: "Importa un file CSV di posizioni debitorie (una campagna di riscossione)",
          description:
            "Il file è lo stesso della pagina /operatore/posizioni/importa: CSV UTF-8, una posizione per riga, " +
            "colonne descritte in docs/importazione-posizioni.md (idPosizioneEnte, codiceFiscale, nominativo, " +
            "servizio, causale, importo1, scadenza1, ...). Tutte le righe sono controllate prima: se una sola ha " +
            "errori la risposta è 400 con un elemento di invalidParams per errore (line = riga del file, name = " +
            `colonna; al massimo ${IMPORT_REPORT_MAX_ERRORS}) e non viene importato nulla. Altrimenti la risposta è 202: ` +
            "l'importazione prosegue in background e il suo stato si legge all'indirizzo in Location. Le " +
            "posizioni sono create già pubblicate (VALID, o PUBLISHED fino alla data di validità) e il debitore " +
            "registrato nel portale riceve un messaggio. Una riga con un idPosizioneEnte già usato dall'ente non " +
            "crea nulla: importare di nuovo lo stesso file non crea posizioni nuove.",
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["file"],
                  properties: {
                    file: {
                      type: "string",
                      format: "binary",
                      description: `Il file CSV, al massimo ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`,
                    },
                  },
                },
              },
            },
          },
          responses: {
            "202": ok("Importazione accettata, in attesa di essere eseguita", ref("DebtPositionImport"), {
              Location: { $ref: "#/components/headers/Location" },
            }),
            ...errors(400, 401, 403, 404),
            "413": problemResponse(`File oltre ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`),
            "415": problemResponse("Il corpo della richiesta non è multipart/form-data."),
          },
        },
      },
      "/debt-position-imports/{id}": {
        get: {
          tags: ["importazioni"],
          operationId: "getDebtPositionImport",
          summary: "Stato e avanzamento di un'importazione dell'ente",
          parameters: [
            {
              name: "id",
              in: "path",
              required: true,
              description: "Numero dell'importazione, dalla risposta 202.",
              schema: int({ minimum: 1 }),
            },
          ],
          responses: {
            "200": ok("L'importazione", ref("DebtPositionImport")),
            ...errors(401, 404),
          },
        },
      },
      "/receipts": {
        get: {
          tags: ["ricevute"],
          operationId: "listReceipts",
          summary: "Ricevute dei pagamenti all'ente in un intervallo di giorni",
          description:
            "Giorni del calendario italiano, estremi inclusi, al massimo 366 giorni; dalla meno recente.",
          parameters: queryParameters(listReceiptsQuerySchema, ["from", "to"]),
          responses: {
            "200": ok("Una pagina di ricevute", ref("ReceiptList")),
            ...errors(400, 401, 404),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "Chiave dell'API dell'ente (fdc_ seguito da 43 caratteri).",
        },
        apiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key" },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: sessionCookieName(config),
          description:
            "Sessione del portale di un operatore con ruolo pagamenti. Le richieste POST devono portare anche " +
            "l'intestazione X-CSRF-Token con il token anti-falsificazione della sessione e, se presente, " +
            "un'intestazione Origin del portale.",
        },
      },
      headers: {
        "X-RateLimit-Limit": {
          description: "Richieste ammesse nella finestra di un minuto.",
          required: true,
          schema: int({ minimum: 1 }),
        },
        "X-RateLimit-Remaining": {
          description: "Richieste ancora ammesse nella finestra corrente.",
          required: true,
          schema: int({ minimum: 0 }),
        },
        "X-RateLimit-Reset": {
          description: "Istante (secondi dall'epoca Unix) in cui la finestra si rinnova.",
          required: true,
          schema: int({ minimum: 0 }),
        },
        "Retry-After": {
          description: "Secondi da attendere prima di riprovare.",
          required: true,
          schema: int({ minimum: 0 }),
        },
        "Cache-Control": {
          description: "Sempre no-store.",
          required: true,
          schema: str({ enum: ["no-store"] }),
        },
        Location: { description: "Indirizzo della posizione creata.", required: true, schema: str() },
        "WWW-Authenticate": {
          description: "Schema di autenticazione atteso.",
          required: true,
          schema: str(),
        },
      },
      responses: {
        BadRequest: problemResponse("Parametri o dati non validi: l'elenco è in invalidParams."),
        Unauthorized: problemResponse("Credenziali mancanti, chiave sconosciuta o revocata.", {
          ...RATE_HEADERS,
          "WWW-Authenticate": { $ref: "#/components/headers/WWW-Authenticate" },
        }),
        Forbidden: problemResponse(
          "Richiesta di modifica con la sessione del portale senza token anti-falsificazione o da un'altra origine.",
        ),
        NotFound: problemResponse("Risorsa inesistente o di un altro ente."),
        Conflict: problemResponse("Operazione in conflitto con lo stato della posizione."),
        PayloadTooLarge: problemResponse("Corpo della richiesta oltre 100 KiB."),
        UnsupportedMediaType: problemResponse("Il corpo della richiesta non è JSON."),
        TooManyRequests: problemResponse("Troppe richieste: riprovare dopo Retry-After secondi.", {
          ...RATE_HEADERS,
          "Retry-After": { $ref: "#/components/headers/Retry-After" },
        }),
        InternalError: problemResponse("Errore interno.", {
          "Cache-Control": { $ref: "#/components/headers/Cache-Control" },
        }),
      },
      schemas: componentSchemas(),
    },
  };
}
