/**
 * The payments API (/api/v1) over HTTP against the real server: keys created by the ente's admin,
 * credentials refused, a position created, published (the debtor sees it and is told), paid through
 * the checkout, listed among the receipts and refused for invalidation once paid; validation, body
 * and content-type errors; another ente's key; sessions of operators and citizens with and without
 * the anti-forgery header; unknown paths; the rate limit. Every API response the tests receive is
 * checked against /api/v1/openapi.json.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "../../db/connection";
import type { Db } from "../../db/schema";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { verifyAudit } from "../../app/audit.server";
import { createApiKey } from "../../app/operator/ente-admin.server";
import { formatNav, parseNav } from "../../app/rules/nav";
import { checkResponse, validateSchema, type ContractResponse } from "../support/openapi-contract";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";
import { WebClient, csrfOf, parseForms, request } from "../support/http";

let server: TestServer;
let handle: DbHandle;
let db: Db;
let auditKey: string;
let doc: Record<string, any>;

/** Keys: Torino's (created by its admin through /operatore/ente), the Region's (through the service). */
let torinoKey: string;
let revokedKey: string;
let regioneKey: string;
const cookies: Record<"admin" | "pagamenti" | "moncalieri" | "famiglia", string> = {
  admin: "",
  pagamenti: "",
  moncalieri: "",
  famiglia: "",
};

const FAMIGLIA = PERSONAS.famiglia.codiceFiscale;
const TORINO_CF = "00514490010";

/** Every API response, with the contract problems found for it. */
const checked: Array<{ what: string; problems: string[] }> = [];

interface ApiCall {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

async function api(
  method: string,
  p: string,
  opts: {
    key?: string;
    bearer?: boolean;
    cookie?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    base?: string;
    contract?: boolean;
  } = {},
): Promise<ApiCall> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) {
    if (opts.bearer === false) headers["x-api-key"] = opts.key;
    else headers.authorization = `Bearer ${opts.key}`;
  }
  if (opts.cookie) headers.cookie = opts.cookie;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const url = `${opts.base ?? server.url}/api/v1${p}`;
  const res = await fetch(url, { method, headers, body, redirect: "manual" });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (opts.contract !== false && doc) {
    const r: ContractResponse = {
      method,
      path: new URL(url).pathname.replace(/^\/api\/v1/, "") || "/",
      status: res.status,
      headers: res.headers,
      body: text,
    };
    const problems = checkResponse(doc, r);
    checked.push({ what: `${method} ${p} → ${res.status}`, problems });
    expect(problems, `${method} ${p} → ${res.status}: ${text.slice(0, 300)}`).toEqual([]);
  }
  return { status: res.status, headers: res.headers, text, json };
}

const page = (cookie: string, p: string, form?: Record<string, string>) =>
  request(server.url, cookie, p, form);

/** The session's anti-forgery token, from the header's logout form on page `p`. */
async function csrfFor(cookie: string, p: string): Promise<string> {
  return csrfOf((await page(cookie, p)).body, 'action="/saml/logout"');
}

async function adminCreatesKey(label: string): Promise<string> {
  const csrf = await csrfFor(cookies.admin, "/operatore/ente");
  const res = await page(cookies.admin, "/operatore/ente", { csrf, intent: "crea-chiave", etichetta: label });
  expect(res.status).toBe(200);
  const m = /fdc_[A-Za-z0-9_-]{43}/.exec(res.body);
  if (!m) throw new Error(`no key in the answer:\n${res.text.slice(0, 800)}`);
  return m[0];
}

function newPosition(overrides: Record<string, unknown> = {}, option: Record<string, unknown> = {}) {
  return {
    type: "F",
    fiscalCode: FAMIGLIA,
    fullName: "Chiara Martinetti",
    service: "SERVIZI",
    description: "Refezione scolastica novembre 2026",
    paymentOption: [
      {
        amount: 4550,
        description: "Refezione scolastica - novembre 2026",
        dueDate: "2026-12-20",
        isPartialPayment: false,
        transfer: [
          {
            idTransfer: 1,
            amount: 4550,
            remittanceInformation: "Refezione scolastica novembre 2026",
            category: "9/0201133IM/",
          },
        ],
        ...option,
      },
    ],
    ...overrides,
  };
}

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  handle = await openDatabase(server.databaseUrl);
  db = handle.db;
  auditKey = (
    JSON.parse(fs.readFileSync(path.join(server.dataDir, "secrets.json"), "utf8")) as { auditHmacKey: string }
  ).auditHmacKey;

  const described = await fetch(`${server.url}/api/v1/openapi.json`);
  expect(described.status).toBe(200);
  doc = (await described.json()) as Record<string, any>;

  cookies.admin = (
    await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.torinoAdmin.codiceFiscale })
  ).cookie;
  cookies.pagamenti = (
    await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.torinoPagamenti.codiceFiscale })
  ).cookie;
  cookies.moncalieri = (
    await loginAs(server.url, { codiceFiscale: OPERATOR_PERSONAS.moncalieriAnagrafe.codiceFiscale })
  ).cookie;
  cookies.famiglia = (await loginAs(server.url, { codiceFiscale: FAMIGLIA })).cookie;

  torinoKey = await adminCreatesKey("Gestionale dei servizi scolastici");
  revokedKey = await adminCreatesKey("Chiave da revocare");
  const revokedRow = await db
    .selectFrom("api_keys")
    .select("id")
    .where("prefix", "=", revokedKey.slice(0, 12))
    .executeTakeFirstOrThrow();
  const csrf = await csrfFor(cookies.admin, "/operatore/ente");
  const revoked = await page(cookies.admin, "/operatore/ente", {
    csrf,
    intent: "revoca-chiave",
    chiave: String(revokedRow.id),
  });
  expect(revoked.status).toBe(200);

  const bollo = await db
    .selectFrom("operators")
    .select(["id", "entity_id", "office_id"])
    .where("codice_fiscale", "=", OPERATOR_PERSONAS.regioneBollo.codiceFiscale)
    .executeTakeFirstOrThrow();
  regioneKey = (
    await createApiKey(db, auditKey, {
      actor: {
        id: bollo.id,
        enteId: bollo.entity_id,
        officeId: bollo.office_id,
        codiceFiscale: OPERATOR_PERSONAS.regioneBollo.codiceFiscale,
        roles: ["pagamenti"],
      },
      label: "Gestionale tasse automobilistiche",
      now: new Date(),
    })
  ).key;
});

afterAll(async () => {
  await handle?.close();
  await server?.stop();
});

describe("the contract", () => {
  it("serves an OpenAPI 3 description of every endpoint, itself checked against the contract", async () => {
    const r = await api("GET", "/openapi.json");
    expect(r.status).toBe(200);
    expect(r.json.openapi).toMatch(/^3\.0\./);
    expect(Object.keys(r.json.paths).sort()).toEqual(
      [
        "/debt-position-imports",
        "/debt-position-imports/{id}",
        "/debt-positions",
        "/debt-positions/{iupd}",
        "/debt-positions/{iupd}/invalidate",
        "/debt-positions/{iupd}/publish",
        "/openapi.json",
        "/payment-notices/verify",
        "/receipts",
      ].sort(),
    );
    expect(Object.keys(r.json.components.securitySchemes).sort()).toEqual([
      "apiKeyHeader",
      "bearerAuth",
      "sessionCookie",
    ]);
    expect(r.json.servers[0].url).toBe(`${server.url}/api/v1`);
    expect(r.headers.get("cache-control")).toBe("no-store");
  });

  it("the checker is not blind: it reports a missing field, an extra field, a bad date and an undocumented status", () => {
    const position = {
      method: "GET",
      path: "/debt-positions/ABC",
      status: 200,
      headers: new Headers({
        "content-type": "application/json",
        "cache-control": "no-store",
        "x-ratelimit-limit": "10",
        "x-ratelimit-remaining": "9",
        "x-ratelimit-reset": "1",
      }),
    };
    expect(checkResponse(doc, { ...position, body: JSON.stringify({ iupd: "ABC" }) }).join("\n")).toMatch(
      /\$\.paymentOption: required/,
    );
    expect(checkResponse(doc, { ...position, status: 418, body: "{}" })).toEqual([
      "status 418 not documented for GET /debt-positions/{iupd}",
    ]);
    expect(
      validateSchema(
        doc,
        { $ref: "#/components/schemas/PageInfo" },
        {
          page: 1,
          pageSize: 1,
          totalItems: 0,
          totalPages: 1,
          extra: true,
        },
      ),
    ).toEqual(["$.extra: not allowed"]);
    expect(validateSchema(doc, { type: "string", format: "date" }, "2026-02-30")).toEqual([
      "$: not an RFC 3339 full-date",
    ]);
    expect(
      checkResponse(doc, {
        ...position,
        path: "/nope",
        status: 404,
        headers: new Headers({ "content-type": "text/html" }),
        body: "<html>",
      }),
    ).toEqual(["content type text/html, expected application/problem+json"]);
  });
});

describe("credentials", () => {
  it("answers 401 problem+json without credentials", async () => {
    for (const [method, p] of [
      ["GET", "/debt-positions"],
      ["GET", "/receipts?from=2026-11-01&to=2026-11-30"],
      ["POST", "/payment-notices/verify"],
    ] as const) {
      const r = await api(method, p, method === "POST" ? { body: {} } : {});
      expect(r.status).toBe(401);
      expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(r.headers.get("www-authenticate")).toBe('Bearer realm="api"');
      expect(r.json).toMatchObject({
        status: 401,
        title: "Autenticazione richiesta",
        code: "autenticazione_richiesta",
      });
    }
  });

  it("answers 401 to an unknown, malformed or revoked key, and to another scheme, without falling back to the cookie", async () => {
    const unknown = `fdc_${"A".repeat(43)}`;
    for (const opts of [
      { key: unknown },
      { key: unknown, bearer: false },
      { key: "fdc_corta" },
      { key: revokedKey },
      { key: revokedKey, cookie: cookies.pagamenti },
      { headers: { authorization: "Basic dXRlbnRlOnBhc3N3b3Jk" } },
    ]) {
      const r = await api("GET", "/debt-positions", opts);
      expect(r.status, JSON.stringify(opts)).toBe(401);
      expect(r.json.code).toBe("chiave_non_valida");
      expect(r.json.detail).toBe("La chiave dell'API non è valida oppure è stata revocata.");
    }
    const ok = await api("GET", "/debt-positions", { key: torinoKey, bearer: false });
    expect(ok.status).toBe(200);
  });

  it("records when a key was last used", async () => {
    await api("GET", "/debt-positions", { key: torinoKey });
    const row = await db
      .selectFrom("api_keys")
      .select(["last_used_at", "revoked_at"])
      .where("prefix", "=", torinoKey.slice(0, 12))
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
    expect(Date.now() - Date.parse(row.last_used_at!)).toBeLessThan(120_000);
  });
});

describe("a position from creation to receipt", () => {
  let iupd: string;
  let nav: string;

  it("creates a DRAFT with a Torino notice code, invisible to the debtor", async () => {
    const r = await api("POST", "/debt-positions", { key: torinoKey, body: newPosition() });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      status: "DRAFT",
      organizationFiscalCode: TORINO_CF,
      companyName: "Comune di Torino",
      fiscalCode: FAMIGLIA,
      publishDate: null,
      paymentOption: [
        {
          amount: 4550,
          status: "PO_UNPAID",
          isPartialPayment: false,
          instalmentNumber: 0,
          transfer: [{ organizationFiscalCode: TORINO_CF, amount: 4550 }],
        },
      ],
    });
    iupd = r.json.iupd;
    nav = r.json.paymentOption[0].nav;
    expect(r.headers.get("location")).toBe(`/api/v1/debt-positions/${encodeURIComponent(iupd)}`);
    expect(parseNav(nav)).toMatchObject({ ok: true, value: { auxDigit: 3, segregationCode: "01" } });
    expect(r.json.paymentOption[0].iuv).toBe(nav.slice(1));

    const got = await api("GET", `/debt-positions/${encodeURIComponent(iupd)}`, { key: torinoKey });
    expect(got.json).toEqual(r.json);
    const citizen = await page(cookies.famiglia, "/area-personale/pagamenti");
    expect(citizen.status).toBe(200);
    expect(citizen.text).not.toContain(formatNav(nav));

    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "payments.position.create")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_kind: "api", operator_id: null });
    expect(JSON.parse(audit.details!)).toMatchObject({
      channel: "api",
      apiKeyLabel: "Gestionale dei servizi scolastici",
    });
  });

  it("publishes it: VALID, in the debtor's payments, with a message in their inbox", async () => {
    const r = await api("POST", `/debt-positions/${encodeURIComponent(iupd)}/publish`, { key: torinoKey });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe("VALID");
    expect(Date.parse(r.json.publishDate)).not.toBeNaN();
    const again = await api("POST", `/debt-positions/${encodeURIComponent(iupd)}/publish`, {
      key: torinoKey,
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("stato_non_valido");

    const citizen = await page(cookies.famiglia, "/area-personale/pagamenti");
    expect(citizen.text).toContain(formatNav(nav));
    expect(citizen.text).toContain("Refezione scolastica - novembre 2026");
    const inbox = await page(cookies.famiglia, "/area-personale/messaggi");
    expect(inbox.text).toContain("Nuovo avviso di pagamento: Refezione scolastica novembre 2026");
  });

  it("lets any holder of the notice verify it, without the debtor's data", async () => {
    const r = await api("POST", "/payment-notices/verify", {
      key: regioneKey,
      body: { noticeNumber: formatNav(nav), fiscalCode: TORINO_CF },
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      noticeNumber: nav,
      fiscalCode: TORINO_CF,
      companyName: "Comune di Torino",
      description: "Refezione scolastica - novembre 2026",
      amount: 4550,
      dueDate: "2026-12-20",
      isPartialPayment: false,
      instalmentNumber: 0,
      instalmentCount: 0,
      status: "PAYABLE",
      statusDescription: "Pagabile",
    });
    expect(r.text).not.toContain(FAMIGLIA);
    const wrongCheck = await api("POST", "/payment-notices/verify", {
      key: torinoKey,
      body: {
        noticeNumber: `${nav.slice(0, 16)}${nav.slice(16) === "00" ? "01" : "00"}`,
        fiscalCode: TORINO_CF,
      },
    });
    expect(wrongCheck.status).toBe(400);
    expect(wrongCheck.json.invalidParams).toEqual([
      { name: "noticeNumber", reason: "Le cifre di controllo del codice avviso non sono corrette." },
    ]);
    const otherCreditor = await api("POST", "/payment-notices/verify", {
      key: torinoKey,
      body: { noticeNumber: nav, fiscalCode: "80087670016" },
    });
    expect(otherCreditor.status).toBe(404);
    expect(otherCreditor.json.code).toBe("avviso_non_trovato");
  });

  it("keeps it from another ente's key", async () => {
    const get = await api("GET", `/debt-positions/${encodeURIComponent(iupd)}`, { key: regioneKey });
    expect(get.status).toBe(404);
    expect(get.json.detail).toBe(
      "La risorsa richiesta non esiste o non è accessibile con queste credenziali.",
    );
    for (const action of ["publish", "invalidate"]) {
      // publish takes no fields (an empty object at most), invalidate its reason.
      const r = await api("POST", `/debt-positions/${encodeURIComponent(iupd)}/${action}`, {
        key: regioneKey,
        body: action === "invalidate" ? { reason: "Tentativo da un altro ente" } : {},
      });
      expect(r.status).toBe(404);
    }
    const list = await api("GET", `/debt-positions?q=${encodeURIComponent(iupd)}`, { key: regioneKey });
    expect(list.json.pageInfo.totalItems).toBe(0);
    const byNav = await api("GET", `/debt-positions?q=${nav}`, { key: regioneKey });
    expect(byNav.json.items).toEqual([]);
    const own = await api("GET", `/debt-positions?q=${nav}`, { key: torinoKey });
    expect(own.json.items.map((p: { iupd: string }) => p.iupd)).toEqual([iupd]);
  });

  it("lists the receipt after the citizen pays through the checkout, and refuses to invalidate a paid position", async () => {
    const option = await db
      .selectFrom("payment_options")
      .select(["id", "iuv"])
      .where("nav", "=", nav)
      .executeTakeFirstOrThrow();
    const browser = new WebClient(server.url, cookies.famiglia);
    const detail = await browser.get(`/area-personale/pagamenti/${option.id}`);
    expect(detail.status).toBe(200);
    const payForm = parseForms(detail.body).find((f) => f.fields.intent === "paga");
    expect(payForm).toBeTruthy();
    const started = await browser.post(`/area-personale/pagamenti/${option.id}`, {
      csrf: payForm!.fields.csrf!,
      intent: "paga",
    });
    expect(started.status).toBe(303);
    const checkout = await browser.get(started.location!);
    const csrf = csrfOf(checkout.body, 'name="esito"');
    expect(csrf).toBeTruthy();
    const paid = await browser.post(started.location!, { csrf, esito: "successo", metodo: "carta" });
    expect(paid.status).toBe(303);

    const receipts = await api("GET", "/receipts?from=2026-11-26&to=2026-11-27", { key: torinoKey });
    expect(receipts.status).toBe(200);
    const mine = receipts.json.items.filter((r: { noticeNumber: string }) => r.noticeNumber === nav);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      fiscalCode: TORINO_CF,
      outcome: "OK",
      creditorReferenceId: option.iuv,
      paymentAmount: 4550,
      iupd,
      debtor: { fiscalCode: FAMIGLIA },
    });
    expect(receipts.json.items.every((r: { fiscalCode: string }) => r.fiscalCode === TORINO_CF)).toBe(true);
    const regione = await api("GET", "/receipts?from=2026-11-26&to=2026-11-27", { key: regioneKey });
    expect(regione.json.items.some((r: { noticeNumber: string }) => r.noticeNumber === nav)).toBe(false);

    const position = await api("GET", `/debt-positions/${encodeURIComponent(iupd)}`, { key: torinoKey });
    expect(position.json.status).toBe("PAID");
    expect(position.json.paymentOption[0].status).toBe("PO_PAID");
    expect(Date.parse(position.json.paymentOption[0].paymentDate)).not.toBeNaN();
    const invalidate = await api("POST", `/debt-positions/${encodeURIComponent(iupd)}/invalidate`, {
      key: torinoKey,
      body: { reason: "Pagamento già registrato per errore" },
    });
    expect(invalidate.status).toBe(409);
    expect(invalidate.json.detail).toBe("Una posizione in stato «Pagato» non può essere annullata.");
  });

  it("invalidates a published position, and the citizen sees it cancelled", async () => {
    const created = await api("POST", "/debt-positions", {
      key: torinoKey,
      body: newPosition({ iupd: "REFEZIONE-2026-11-BIS", description: "Refezione scolastica - conguaglio" }),
    });
    expect(created.status).toBe(201);
    expect(created.json.iupd).toBe("REFEZIONE-2026-11-BIS");
    const duplicate = await api("POST", "/debt-positions", {
      key: torinoKey,
      body: newPosition({ iupd: "REFEZIONE-2026-11-BIS" }),
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.code).toBe("iupd_esistente");
    const draftInvalidate = await api("POST", "/debt-positions/REFEZIONE-2026-11-BIS/invalidate", {
      key: torinoKey,
      body: { reason: "Creata per errore" },
    });
    expect(draftInvalidate.status).toBe(409);
    expect(
      (await api("POST", "/debt-positions/REFEZIONE-2026-11-BIS/publish", { key: torinoKey })).status,
    ).toBe(200);
    const noReason = await api("POST", "/debt-positions/REFEZIONE-2026-11-BIS/invalidate", {
      key: torinoKey,
      body: {},
    });
    expect(noReason.status).toBe(400);
    expect(noReason.json.invalidParams[0].name).toBe("reason");
    const r = await api("POST", "/debt-positions/REFEZIONE-2026-11-BIS/invalidate", {
      key: torinoKey,
      body: { reason: "Conguaglio già compreso nella retta di dicembre" },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: "INVALID",
      statusReason: "Conguaglio già compreso nella retta di dicembre",
    });
    const inbox = await page(cookies.famiglia, "/area-personale/messaggi");
    expect(inbox.text).toContain("Avviso di pagamento annullato: Refezione scolastica - conguaglio");
    const invalid = await api("GET", "/debt-positions?status=INVALID", { key: torinoKey });
    expect(invalid.json.items.map((p: { iupd: string }) => p.iupd)).toContain("REFEZIONE-2026-11-BIS");
  });

  it("keeps the audit chain intact", async () => {
    const v = await verifyAudit(db, auditKey, null);
    expect(v.ok).toBe(true);
    const actions = await db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "payments.position.%")
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(
      [
        "payments.position.create",
        "payments.position.create",
        "payments.position.invalidate",
        "payments.position.publish",
        "payments.position.publish",
      ].sort(),
    );
  });
});

describe("bad requests", () => {
  it("answers 400 with the fields in the API's own names", async () => {
    const r = await api("POST", "/debt-positions", {
      key: torinoKey,
      body: newPosition(
        { fiscalCode: "MRTCHR86C52L219X", service: "PARCHEGGIO" },
        {
          dueDate: "2026-11-20",
          transfer: [{ amount: 4000, remittanceInformation: "x", category: "IMU" }],
        },
      ),
    });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe("dati_non_validi");
    const byName = Object.fromEntries(
      r.json.invalidParams.map((p: { name: string; reason: string }) => [p.name, p.reason]),
    );
    expect(byName).toMatchObject({
      fiscalCode: "Il carattere di controllo non è corretto.",
      service: expect.stringContaining("IMU, TARI"),
      "paymentOption[0].dueDate": "La scadenza non può essere già passata.",
      "paymentOption[0].transfer[0].category":
        "La categoria (tassonomia pagoPA) deve avere la forma 9/0101100IM/.",
    });
    const sum = await api("POST", "/debt-positions", {
      key: torinoKey,
      body: newPosition(
        {},
        { transfer: [{ amount: 4000, remittanceInformation: "x", category: "9/0201133IM/" }] },
      ),
    });
    expect(sum.json.invalidParams).toEqual([
      {
        name: "paymentOption[0].transfer",
        reason: "La somma dei trasferimenti (€ 40,00) deve essere uguale all'importo (€ 45,50).",
      },
    ]);
    const foreign = await api("POST", "/debt-positions", {
      key: torinoKey,
      body: newPosition(
        {},
        {
          transfer: [
            {
              amount: 4550,
              remittanceInformation: "x",
              category: "9/0201133IM/",
              organizationFiscalCode: "80087670016",
            },
          ],
        },
      ),
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json.invalidParams[0].name).toBe("paymentOption[0].transfer[0].organizationFiscalCode");
    const page0 = await api("GET", "/debt-positions?page=0&status=PAGATO", { key: torinoKey });
    expect(page0.status).toBe(400);
    expect(page0.json.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(["page", "status"]);
    const range = await api("GET", "/receipts?from=2026-12-01&to=2026-11-01", { key: torinoKey });
    expect(range.status).toBe(400);
    expect(range.json.invalidParams).toEqual([
      { name: "to", reason: "La data finale non può precedere quella iniziale." },
    ]);
    expect((await api("GET", "/receipts", { key: torinoKey })).status).toBe(400);
  });

  it("answers 400 to broken JSON, 415 to another content type, 413 to a body too large", async () => {
    const broken = await api("POST", "/debt-positions", {
      key: torinoKey,
      rawBody: '{"type": "F",',
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect(broken.json.code).toBe("json_non_valido");
    const form = await api("POST", "/debt-positions", {
      key: torinoKey,
      rawBody: "type=F",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect(form.json.title).toBe("Formato della richiesta non supportato");
    const empty = await api("POST", "/payment-notices/verify", { key: torinoKey });
    expect(empty.status).toBe(400);
    expect(empty.json.code).toBe("corpo_mancante");
    const big = await api("POST", "/debt-positions", {
      key: torinoKey,
      body: newPosition({ description: "x".repeat(200 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(big.json.detail).toBe("Il corpo della richiesta supera 100 KiB.");
  });

  it("answers 400 naming each property its schema does not allow (additionalProperties: false)", async () => {
    const r = await api("POST", "/debt-positions", {
      key: torinoKey,
      body: newPosition({ iupd: "REFEZIONE-SCONOSCIUTI", debtor: "Chiara" }, { colour: "blu" }),
    });
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(r.json.code).toBe("dati_non_validi");
    expect(r.json.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual([
      "debtor",
      "paymentOption[0].colour",
    ]);
    expect(r.json.detail).toContain("debtor");
    // Nothing was created.
    const created = await api("GET", "/debt-positions/REFEZIONE-SCONOSCIUTI", { key: torinoKey });
    expect(created.status).toBe(404);
    const verify = await api("POST", "/payment-notices/verify", {
      key: torinoKey,
      body: { noticeNumber: "301000000000000000", fiscalCode: TORINO_CF, iuv: "x" },
    });
    expect(verify.status).toBe(400);
    expect(verify.json.invalidParams).toEqual([
      { name: "iuv", reason: "Proprietà non prevista dallo schema di questa richiesta." },
    ]);
    const publish = await api("POST", "/debt-positions/REFEZIONE-SCONOSCIUTI/publish", {
      key: torinoKey,
      body: { now: true },
    });
    expect(publish.status).toBe(400);
    expect(publish.json.invalidParams[0].name).toBe("now");
  });

  it("answers unknown paths with 404 and unknown methods with 405, as problem+json", async () => {
    for (const p of ["/nope", "/debt-positions/a/b/c", ""]) {
      const r = await api("GET", p, { key: torinoKey });
      expect(r.status).toBe(404);
      expect(r.json.code).toBe("percorso_sconosciuto");
    }
    const v2 = await fetch(`${server.url}/api/v2/debt-positions`);
    expect(v2.status).toBe(404);
    expect(v2.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const del = await api("DELETE", "/debt-positions", { key: torinoKey });
    expect(del.status).toBe(405);
    expect(del.headers.get("allow")).toBe("GET, POST, HEAD");
    const put = await api("PUT", "/payment-notices/verify", { key: torinoKey, body: {} });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("POST");
  });
});

describe("portal sessions", () => {
  it("lets a Torino payments operator read and, with the anti-forgery header, write", async () => {
    const list = await api("GET", "/debt-positions?pageSize=5", { cookie: cookies.pagamenti });
    expect(list.status).toBe(200);
    expect(list.json.items.length).toBeGreaterThan(0);
    expect(
      list.json.items.every(
        (p: { organizationFiscalCode: string }) => p.organizationFiscalCode === TORINO_CF,
      ),
    ).toBe(true);
    const body = newPosition({ iupd: "SESSIONE-1" });
    const noToken = await api("POST", "/debt-positions", { cookie: cookies.pagamenti, body });
    expect(noToken.status).toBe(403);
    expect(noToken.json.code).toBe("csrf");
    const token = await csrfFor(cookies.pagamenti, "/operatore");
    const foreign = await api("POST", "/debt-positions", {
      cookie: cookies.pagamenti,
      body,
      headers: { "x-csrf-token": token, origin: "https://attacker.example" },
    });
    expect(foreign.status).toBe(403);
    const created = await api("POST", "/debt-positions", {
      cookie: cookies.pagamenti,
      body,
      headers: { "x-csrf-token": token, origin: server.url },
    });
    expect(created.status).toBe(201);
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "payments.position.create")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_kind: "operatore",
      actor_fiscal_code: OPERATOR_PERSONAS.torinoPagamenti.codiceFiscale,
    });
    expect(JSON.parse(audit.details!)).toMatchObject({ channel: "api", iupd: "SESSIONE-1" });
  });

  it("answers 404 to sessions without the payments role, and lets them verify a notice", async () => {
    for (const cookie of [cookies.famiglia, cookies.moncalieri, cookies.admin]) {
      expect((await api("GET", "/debt-positions", { cookie })).status).toBe(404);
      expect((await api("GET", "/receipts?from=2026-11-01&to=2026-11-30", { cookie })).status).toBe(404);
      expect((await api("GET", "/debt-positions/SESSIONE-1", { cookie })).status).toBe(404);
    }
    const imu = await db
      .selectFrom("payment_options as po")
      .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
      .select(["po.nav", "po.creditor_fiscal_code"])
      .where("dp.debtor_fiscal_code", "=", FAMIGLIA)
      .where("dp.status", "=", "VALID")
      .where("po.status", "=", "PO_UNPAID")
      .executeTakeFirstOrThrow();
    const token = await csrfFor(cookies.famiglia, "/area-personale");
    const verify = await api("POST", "/payment-notices/verify", {
      cookie: cookies.famiglia,
      body: { noticeNumber: imu.nav, fiscalCode: imu.creditor_fiscal_code },
      headers: { "x-csrf-token": token },
    });
    expect(verify.status).toBe(200);
    expect(verify.json.status).toBe("PAYABLE");
  });
});

describe("rate limit", () => {
  it("answers 429 problem+json with Retry-After once the limit is spent", async () => {
    const low = await startServer({ env: { RATE_LIMIT_FACTOR: "0.05" } });
    try {
      const seen: ApiCall[] = [];
      for (let i = 0; i < 4; i++) seen.push(await api("GET", "/openapi.json", { base: low.url }));
      expect(seen.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(seen.map((r) => r.headers.get("x-ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
      const limited = seen[3]!;
      expect(limited.headers.get("x-ratelimit-limit")).toBe("3");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(Number(limited.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
      expect(limited.json).toMatchObject({
        status: 429,
        title: "Troppe richieste",
        code: "troppe_richieste",
      });
      // An unknown key does not open a new bucket: guessing keys is limited per address.
      const guess = await api("GET", "/debt-positions", { base: low.url, key: `fdc_${"B".repeat(43)}` });
      expect(guess.status).toBe(429);
      // The limiter's own configuration checks found nothing to complain about.
      expect(low.output()).not.toMatch(/ERR_ERL|express-rate-limit/);
    } finally {
      await low.stop();
    }
  });
});

afterAll(() => {
  // Every API response above went through the contract check.
  expect(checked.length).toBeGreaterThan(60);
  expect(checked.filter((c) => c.problems.length)).toEqual([]);
  // No request ended in a 500, and the rate limiter found nothing wrong with its configuration.
  expect(server.output()).not.toMatch(/api request failed|unhandled|ERR_ERL/);
});
