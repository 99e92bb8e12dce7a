/**
 * Operators working a pratica open the files the citizen sent with it: only operators whose roles
 * cover the pratica's area, in the pratica's ente; every download is one row of the access log.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { request } from "../support/http";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
const cookies: Record<string, string> = {};
let praticaId: number;
let attachmentId: number;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

function one<T>(sql: string, ...params: unknown[]): T {
  const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}
const downloads = () =>
  one<{ n: number }>("select count(*) as n from audit_log where action = 'pratica.attachment.download'").n;

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  const who = {
    famiglia: PERSONAS.famiglia.codiceFiscale,
    tributi: OPERATOR_PERSONAS.torinoTributi.codiceFiscale,
    anagrafe: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale,
    pagamenti: OPERATOR_PERSONAS.torinoPagamenti.codiceFiscale,
    moncalieri: OPERATOR_PERSONAS.moncalieriAnagrafe.codiceFiscale,
  };
  for (const [k, cf] of Object.entries(who)) cookies[k] = (await loginAs(server.url, { fiscalCode: cf })).cookie;

  // The citizen answers her tax pratica "da integrare" with a PDF, through the real form.
  praticaId = one<{ id: number }>(
    `select p.id from pratiche p join citizens c on c.id = p.citizen_id
     where c.codice_fiscale = ? and p.status = 'da_integrare' and p.area = 'tributi'`,
    PERSONAS.famiglia.codiceFiscale,
  ).id;
  const page = await request(server.url, cookies.famiglia!, `/area-personale/pratiche/${praticaId}`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const form = new FormData();
  form.set("csrf", csrf);
  form.set("nota", "Allego la visura catastale");
  form.set("allegato", new Blob([PDF], { type: "application/pdf" }), "visura catastale.pdf");
  const sent = await fetch(`${server.url}/area-personale/pratiche/${praticaId}`, {
    method: "POST",
    headers: { cookie: cookies.famiglia!, origin: server.url },
    body: form,
    redirect: "manual",
  });
  expect(sent.status).toBe(303);
  attachmentId = one<{ id: number }>("select id from pratica_attachments where pratica_id = ?", praticaId).id;
});

afterAll(async () => {
  await server?.stop();
});

describe("attachments of a pratica in the operator area", () => {
  it("lets the tax office open the citizen's file from the pratica's page, and logs it once", async () => {
    const page = await request(server.url, cookies.tributi!, `/operatore/pratiche/${praticaId}`);
    expect(page.status).toBe(200);
    const href = `/operatore/pratiche/${praticaId}/allegati/${attachmentId}`;
    expect(page.body).toContain(`href="${href}"`);

    const before = downloads();
    const dl = await request(server.url, cookies.tributi!, href);
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-type")).toBe("application/pdf");
    expect(dl.headers.get("content-disposition")).toContain("visura%20catastale.pdf");
    expect(dl.headers.get("cache-control")).toContain("no-store");
    expect(dl.buffer).toEqual(PDF);
    expect(downloads()).toBe(before + 1);
    const row = one<{ operator_id: number; subject_citizen_id: number; reason_category: string; details: string }>(
      "select operator_id, subject_citizen_id, reason_category, details from audit_log where action = 'pratica.attachment.download' order by id desc limit 1",
    );
    expect(row.reason_category).toBe("istruttoria");
    expect(JSON.parse(row.details)).toEqual({ praticaId, attachmentId });
    expect(row.subject_citizen_id).toBe(
      one<{ id: number }>("select id from citizens where codice_fiscale = ?", PERSONAS.famiglia.codiceFiscale).id,
    );
  });

  it("answers the same 404 to everybody else, and logs nothing", async () => {
    const href = `/operatore/pratiche/${praticaId}/allegati/${attachmentId}`;
    const before = downloads();
    for (const who of ["anagrafe", "pagamenti", "moncalieri", "famiglia"]) {
      const r = await request(server.url, cookies[who]!, href);
      expect(r.status, who).toBe(404);
      expect(r.text).toContain("non esiste o non è disponibile");
    }
    for (const bad of [
      `/operatore/pratiche/${praticaId}/allegati/${attachmentId + 1000}`,
      `/operatore/pratiche/${praticaId + 1}/allegati/${attachmentId}`,
      `/operatore/pratiche/${praticaId}/allegati/abc`,
      `/operatore/pratiche/0/allegati/${attachmentId}`,
    ]) {
      expect((await request(server.url, cookies.tributi!, bad)).status, bad).toBe(404);
    }
    expect(downloads()).toBe(before);
  });

  it("sends a visitor without a session to the login", async () => {
    const r = await request(server.url, null, `/operatore/pratiche/${praticaId}/allegati/${attachmentId}`);
    expect([302, 303]).toContain(r.status);
    expect(r.location).toContain("/saml/login");
  });
});
