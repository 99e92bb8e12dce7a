import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { csrfToken } from "../auth/csrf.server";
import type { Session } from "../auth/session.server";
import { loadConfig, type Config } from "../env.server";
import { createTestDb, TEST_AUDIT_KEY, type TestDb } from "../payments/test-db";
import { presentedKey, sessionWriteAllowed, type ApiCaller } from "./auth.server";
import { apiFieldPath, positionInputFromBody } from "./payments-json";
import { openApiDocument } from "./openapi";
import { unknownProperties } from "./unknown-properties";
import { handleApiRequest, type ApiRequest } from "./v1.server";

let t: TestDb;
let config: Config;

beforeEach(async () => {
  t = await createTestDb();
  config = loadConfig({
    NODE_ENV: "test",
    DEMO: "true",
    DEMO_TODAY: "2026-11-26",
    PUBLIC_URL: "http://localhost:3000",
    SESSION_SECRET: "s".repeat(40),
    AUDIT_HMAC_KEY: TEST_AUDIT_KEY,
  });
});
afterEach(async () => {
  await t.close();
});

const session = {
  id: "a".repeat(64),
  csrf_secret: "segreto-della-sessione",
  fiscal_code: "GRDMRT85A63L219Y",
} as Session;
const operatorCaller = (roles: Array<"pagamenti" | "anagrafe">, entityId: number): ApiCaller => ({
  kind: "session",
  session,
  operator: { id: 1, entityId, officeId: null, name: "Marta", surname: "Giordano", roles },
});

function request(over: Partial<ApiRequest>): ApiRequest {
  return {
    method: "GET",
    path: "/debt-positions",
    query: new URLSearchParams(),
    contentType: null,
    hasBody: false,
    csrfToken: null,
    origin: null,
    requestOrigin: "http://localhost:3000",
    caller: { kind: "anonymous" },
    readBody: async () => null,
    ...over,
  };
}

const call = (over: Partial<ApiRequest>) => handleApiRequest({ db: t.db, config }, request(over));

describe("order of the checks", () => {
  it("answers an unknown path 404 and an unknown method 405 before asking for credentials", async () => {
    expect(await call({ path: "/posizioni" })).toMatchObject({
      status: 404,
      contentType: "application/problem+json",
      body: { code: "percorso_sconosciuto" },
    });
    expect(await call({ method: "DELETE" })).toMatchObject({
      status: 405,
      headers: { Allow: "GET, POST, HEAD" },
    });
    expect(await call({})).toMatchObject({ status: 401, body: { code: "autenticazione_richiesta" } });
    expect(await call({ caller: { kind: "bad_key", keyHash: "x" } })).toMatchObject({
      status: 401,
      body: { code: "chiave_non_valida" },
    });
  });

  it("hides the creditor endpoints from sessions without the payments role before checking the anti-forgery header", async () => {
    const anagrafe = operatorCaller(["anagrafe"], t.comuneId);
    expect(
      await call({ method: "POST", caller: anagrafe, hasBody: true, contentType: "text/plain" }),
    ).toMatchObject({
      status: 404,
    });
    const pagamenti = operatorCaller(["pagamenti"], t.comuneId);
    expect(
      await call({ method: "POST", caller: pagamenti, hasBody: true, contentType: "text/plain" }),
    ).toMatchObject({
      status: 403,
      body: { code: "csrf" },
    });
    expect(
      await call({
        method: "POST",
        caller: pagamenti,
        hasBody: true,
        contentType: "text/plain",
        csrfToken: csrfToken(session),
      }),
    ).toMatchObject({ status: 415 });
    const list = await call({ caller: pagamenti });
    expect(list).toMatchObject({ status: 200, body: { pageInfo: { totalItems: 0 } } });
  });

  it("gives a key only its ente's positions", async () => {
    await t.addPosition({ citizenId: t.citizenA, amounts: [100] });
    const comune = await call({
      caller: { kind: "key", apiKeyId: 1, entityId: t.comuneId, label: "k", keyHash: "h" },
    });
    const regione = await call({
      caller: { kind: "key", apiKeyId: 2, entityId: t.regioneId, label: "k", keyHash: "h" },
    });
    expect((comune.body as { items: unknown[] }).items).toHaveLength(1);
    expect((regione.body as { items: unknown[] }).items).toHaveLength(0);
    const iupd = (comune.body as { items: Array<{ iupd: string }> }).items[0]!.iupd;
    const other = await call({
      path: `/debt-positions/${iupd}`,
      caller: { kind: "key", apiKeyId: 2, entityId: t.regioneId, label: "k", keyHash: "h" },
    });
    expect(other.status).toBe(404);
  });
});

describe("credentials and names", () => {
  it("reads the key from Authorization: Bearer or X-API-Key, and nothing else", () => {
    expect(presentedKey({ authorization: "Bearer fdc_abc" })).toBe("fdc_abc");
    expect(presentedKey({ authorization: "bearer   fdc_abc " })).toBe("fdc_abc");
    expect(presentedKey({ authorization: "Basic Zm9vOmJhcg==" })).toBe("");
    expect(presentedKey({ apiKey: " fdc_xyz " })).toBe("fdc_xyz");
    expect(presentedKey({ cookie: "sid=abc" })).toBeNull();
  });

  it("accepts a cookie write only with the session's token and no foreign origin", () => {
    const token = csrfToken(session);
    const here = "http://localhost:3000";
    expect(sessionWriteAllowed(session, { csrfToken: token }, config, here)).toBe(true);
    expect(sessionWriteAllowed(session, { csrfToken: token, origin: here }, config, here)).toBe(true);
    expect(
      sessionWriteAllowed(session, { csrfToken: token, origin: "https://evil.example" }, config, here),
    ).toBe(false);
    expect(sessionWriteAllowed(session, { csrfToken: token, origin: "null" }, config, here)).toBe(false);
    expect(sessionWriteAllowed(session, { csrfToken: `${token}x` }, config, here)).toBe(false);
    expect(sessionWriteAllowed(session, {}, config, here)).toBe(false);
  });

  it("maps the core's field paths to the API's names and the body to the core's", () => {
    expect(apiFieldPath("debtorFiscalCode")).toBe("fiscalCode");
    expect(apiFieldPath("options[2].transfers[1].amountCents")).toBe("paymentOption[2].transfer[1].amount");
    expect(apiFieldPath("options[0].amountCents")).toBe("paymentOption[0].amount");
    expect(apiFieldPath("options[0].dueDate")).toBe("paymentOption[0].dueDate");
    expect(
      positionInputFromBody({
        fiscalCode: "X",
        fullName: "Y",
        paymentOption: [{ amount: 5, description: "Rata", transfer: [{ amount: 5, iban: "IT" }] }],
      }),
    ).toMatchObject({
      debtorFiscalCode: "X",
      debtorName: "Y",
      description: "Rata",
      options: [{ amountCents: 5, transfers: [{ amountCents: 5, iban: "IT" }] }],
    });
    expect(positionInputFromBody([1])).toEqual([1]);
  });
});

describe("properties the schemas do not name", () => {
  const keyOf = (): ApiCaller => ({
    kind: "key",
    apiKeyId: 1,
    entityId: t.comuneId,
    label: "k",
    keyHash: "h",
  });
  const postJson = (path: string, body: unknown) =>
    call({
      method: "POST",
      path,
      caller: keyOf(),
      hasBody: true,
      contentType: "application/json",
      readBody: async () => Buffer.from(JSON.stringify(body)),
    });
  const names = (r: { body: unknown }) =>
    ((r.body as { invalidParams?: Array<{ name: string }> }).invalidParams ?? []).map((p) => p.name);

  it("finds them at any depth, through $ref and arrays, and only where additionalProperties is false", () => {
    const schemas = openApiDocument(config).components.schemas as Record<string, unknown>;
    const ref = { $ref: "#/components/schemas/NewDebtPosition" };
    const body = JSON.parse(
      '{"type":"F","debtor":"x","__proto__":{"a":1},"paymentOption":[{"amount":1,"transfer":[{"amount":1},{"colour":"red"}]},"x"]}',
    );
    expect(unknownProperties(body, ref, schemas)).toEqual([
      "debtor",
      "__proto__",
      "paymentOption[0].transfer[1].colour",
    ]);
    expect(unknownProperties([{ a: 1 }], ref, schemas)).toEqual([]);
    expect(unknownProperties({ a: 1 }, { type: "object" }, schemas)).toEqual([]);
  });

  it("answers 400 problem+json naming each one, before any other check of the body", async () => {
    const verify = await postJson("/payment-notices/verify", {
      noticeNumber: "301000000000000000",
      fiscalCode: "00514490010",
      codiceAvviso: "x",
    });
    expect(verify).toMatchObject({
      status: 400,
      contentType: "application/problem+json",
      body: { code: "dati_non_validi", detail: expect.stringContaining("codiceAvviso") },
    });
    expect(names(verify)).toEqual(["codiceAvviso"]);

    const create = await postJson("/debt-positions", {
      type: "F",
      fiscalCode: "MRTCHR86C52L219H",
      fullName: "Chiara Martinetti",
      service: "SERVIZI",
      dueDate: "2026-12-31",
      paymentOption: [
        {
          amount: 100,
          description: "x",
          dueDate: "2026-12-31",
          transfer: [{ amount: 100, iban: "IT", causale: "y" }],
        },
      ],
    });
    expect(create.status).toBe(400);
    expect(names(create)).toEqual(["dueDate", "paymentOption[0].transfer[0].causale"]);

    const publish = await postJson("/debt-positions/NON-ESISTE/publish", { force: true });
    expect(publish.status).toBe(400);
    expect(names(publish)).toEqual(["force"]);
    const invalidate = await postJson("/debt-positions/NON-ESISTE/invalidate", {
      reason: "Errore",
      note: "x",
    });
    expect(names(invalidate)).toEqual(["note"]);
  });

  it("lets bodies within their schema through to the handlers", async () => {
    const verify = await postJson("/payment-notices/verify", {
      noticeNumber: "301000000000000000",
      fiscalCode: "00514490010",
    });
    // The handler's own check of the notice code answers, not the schema's.
    expect(names(verify)).toEqual(["noticeNumber"]);
    expect(JSON.stringify(verify.body)).not.toContain("non prevista");
    expect((await postJson("/debt-positions/NON-ESISTE/publish", {})).status).toBe(404);
  });
});
