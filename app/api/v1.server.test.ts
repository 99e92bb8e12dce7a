import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { csrfToken } from "~/auth/csrf.server";
import type { Session } from "~/auth/session.server";
import { loadConfig, type Config } from "~/env.server";
import { createTestDb, TEST_AUDIT_KEY, type TestDb } from "../../tests/support/payments-db";
import { presentedKey, sessionWriteAllowed, type ApiCaller } from "~/api/auth.server";
import { validateSchema } from "../../tests/support/openapi-contract";
import { issueErrors, newDebtPositionSchema } from "~/payments/position-schema.server";
import { navCheckDigits } from "~/rules/nav";
import { apiFieldPath } from "~/api/payments-json";
import { openApiDocument } from "~/api/openapi";
import { requestBodySchemas } from "~/api/schemas.server";
import { handleApiRequest, type ApiRequest } from "~/api/v1.server";

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
const operatorCaller = (roles: Array<"pagamenti" | "anagrafe">, enteId: number): ApiCaller => ({
  kind: "session",
  session,
  operator: { id: 1, enteId: enteId, officeId: null, name: "Marta", surname: "Giordano", roles },
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
      caller: { kind: "key", apiKeyId: 1, enteId: t.comuneId, label: "k", keyHash: "h" },
    });
    const regione = await call({
      caller: { kind: "key", apiKeyId: 2, enteId: t.regioneId, label: "k", keyHash: "h" },
    });
    expect((comune.body as { items: unknown[] }).items).toHaveLength(1);
    expect((regione.body as { items: unknown[] }).items).toHaveLength(0);
    const iupd = (comune.body as { items: Array<{ iupd: string }> }).items[0]!.iupd;
    const other = await call({
      path: `/debt-positions/${iupd}`,
      caller: { kind: "key", apiKeyId: 2, enteId: t.regioneId, label: "k", keyHash: "h" },
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
    const parsed = newDebtPositionSchema().safeParse({
      type: "F",
      fiscalCode: "mrtchr86c52l219h",
      fullName: "Y",
      service: "SERVIZI",
      paymentOption: [
        {
          amount: 5,
          description: "Rata",
          dueDate: "2026-12-31",
          transfer: [{ amount: 5, remittanceInformation: "x", category: "9/0201133IM/" }],
        },
      ],
    });
    expect(parsed.data).toMatchObject({
      debtorFiscalCode: "MRTCHR86C52L219H",
      debtorName: "Y",
      description: "Rata",
      options: [{ amountCents: 5, transfers: [{ idTransfer: 1, amountCents: 5, iban: null }] }],
    });
    expect(newDebtPositionSchema().safeParse([1]).error?.issues[0]?.message).toBe(
      "La posizione debitoria deve essere un oggetto.",
    );
  });
});

describe("properties the schemas do not name", () => {
  const keyOf = (): ApiCaller => ({
    kind: "key",
    apiKeyId: 1,
    enteId: t.comuneId,
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

  it("finds them at any depth, through nested objects and arrays", () => {
    const body = JSON.parse(
      '{"type":"F","debtor":"x","__proto__":{"a":1},"paymentOption":[{"amount":1,"transfer":[{"amount":1},{"colour":"red"}]},"x"]}',
    );
    const unknown = (value: unknown) =>
      issueErrors(newDebtPositionSchema().safeParse(value).error?.issues ?? []).unknown;
    expect(unknown(body).sort()).toEqual(["__proto__", "debtor", "paymentOption[0].transfer[1].colour"]);
    expect(unknown([{ a: 1 }])).toEqual([]);
  });

  it("generates the request schemas of openapi.json from the same zod schemas", () => {
    const doc = openApiDocument(config);
    const schemas = doc.components.schemas as Record<string, Record<string, unknown>>;
    for (const name of Object.keys(requestBodySchemas()))
      expect(schemas[name], name).toMatchObject({ type: "object", additionalProperties: false });
    expect(schemas.NewDebtPosition!.properties).toMatchObject({
      paymentOption: { items: { $ref: "#/components/schemas/NewPaymentOption" }, maxItems: 24 },
      service: { enum: expect.arrayContaining(["IMU", "SERVIZI"]) },
    });
    expect(schemas.InvalidateRequest).toMatchObject({
      required: ["reason"],
      properties: { reason: { type: "string", minLength: 5, maxLength: 500 } },
    });
    expect(JSON.stringify(schemas)).not.toContain("$id");

    const body = {
      iupd: "MENSA-2026-12",
      type: "F",
      fiscalCode: "MRTCHR86C52L219H",
      fullName: "Chiara Martinetti",
      service: "SERVIZI",
      description: "Refezione scolastica dicembre 2026",
      validityDate: "2026-12-01",
      switchToExpired: false,
      paymentOption: [
        {
          amount: 4550,
          description: "Refezione scolastica - dicembre 2026",
          dueDate: "2026-12-20",
          retentionDate: "2027-12-31",
          isPartialPayment: false,
          transfer: [
            {
              idTransfer: 1,
              amount: 4550,
              organizationFiscalCode: "00514490010",
              iban: "IT60X0542811101000000123456",
              remittanceInformation: "Refezione scolastica dicembre 2026",
              category: "9/0201133IM/",
            },
          ],
        },
      ],
    };
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const schemaOf = requestBodySchemas("2026-11-26");
    const cases: Array<[string, unknown]> = [
      ["NewDebtPosition", body],
      [
        "VerifyRequest",
        { noticeNumber: `3010000000000000${navCheckDigits("3010000000000000")}`, fiscalCode: "00514490010" },
      ],
      ["InvalidateRequest", { reason: "Creata per errore" }],
      ["PublishRequest", {}],
    ];
    for (const [name, valid] of cases) {
      const schema = schemaOf[name as keyof typeof schemaOf];
      // Valid per the document: accepted by the parser.
      expect(validateSchema(doc, ref(name), valid as never), name).toEqual([]);
      expect(schema.safeParse(valid).error?.issues ?? [], name).toEqual([]);
      // One property more: refused by both, naming it.
      const extra = { ...(valid as object), colore: "blu" };
      expect(validateSchema(doc, ref(name), extra as never), name).toEqual(["$.colore: not allowed"]);
      expect(issueErrors(schema.safeParse(extra).error?.issues ?? []).unknown, name).toEqual(["colore"]);
    }
    const deep = structuredClone(body);
    Object.assign(deep.paymentOption[0]!.transfer[0]!, { causale: "x" });
    expect(validateSchema(doc, ref("NewDebtPosition"), deep as never)).toEqual([
      "$.paymentOption[0].transfer[0].causale: not allowed",
    ]);
    expect(issueErrors(schemaOf.NewDebtPosition.safeParse(deep).error?.issues ?? []).unknown).toEqual([
      "paymentOption[0].transfer[0].causale",
    ]);
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
