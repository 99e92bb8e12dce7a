/**
 * Operators working a pratica open the files the citizen sent with it: only operators whose roles
 * cover the pratica's area, in the pratica's ente; every download is one row of the access log.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPERATOR_PERSONAS, PERSONAS } from "../../db/seed/personas";
import { readDb } from "../support/db";
import { csrfOf, request, send } from "../support/http";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;
const cookies: Record<string, string> = {};
let praticaId: number;
let attachmentId: number;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

function one<T>(sql: string, ...params: unknown[]): Promise<T> {
  return readDb(server.dbFile, async (db) => (await db.get<T>(sql, ...params)) as T);
}
const downloads = async () =>
  (
    await one<{ n: number }>(
      "select count(*) as n from audit_log where action = 'pratica.attachment.download'",
    )
  ).n;

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  const who = {
    famiglia: PERSONAS.famiglia.codiceFiscale,
    tributi: OPERATOR_PERSONAS.torinoTributi.codiceFiscale,
    anagrafe: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale,
    pagamenti: OPERATOR_PERSONAS.torinoPagamenti.codiceFiscale,
    moncalieri: OPERATOR_PERSONAS.moncalieriAnagrafe.codiceFiscale,
  };
  for (const [k, cf] of Object.entries(who))
    cookies[k] = (await loginAs(server.url, { codiceFiscale: cf })).cookie;

  // The citizen answers her tax pratica "da integrare" with a PDF, through the real form.
  praticaId = (
    await one<{ id: number }>(
      `select p.id from pratiche p join citizens c on c.id = p.citizen_id
     where c.codice_fiscale = ? and p.status = 'da_integrare' and p.area = 'tributi'`,
      PERSONAS.famiglia.codiceFiscale,
    )
  ).id;
  const page = await request(server.url, cookies.famiglia!, `/area-personale/pratiche/${praticaId}`);
  const csrf = csrfOf(page.body);
  const form = new FormData();
  form.set("csrf", csrf);
  form.set("nota", "Allego la visura catastale");
  form.set("allegato", new Blob([PDF], { type: "application/pdf" }), "visura catastale.pdf");
  const sent = await send(`${server.url}/area-personale/pratiche/${praticaId}`, {
    cookie: cookies.famiglia!,
    body: form,
    headers: { origin: server.url },
  });
  expect(sent.status).toBe(303);
  attachmentId = (
    await one<{ id: number }>("select id from pratica_attachments where pratica_id = ?", praticaId)
  ).id;
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

    const before = await downloads();
    const dl = await request(server.url, cookies.tributi!, href);
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-type")).toBe("application/pdf");
    expect(dl.headers.get("content-disposition")).toContain("visura%20catastale.pdf");
    expect(dl.headers.get("cache-control")).toContain("no-store");
    expect(dl.buffer).toEqual(PDF);
    expect(await downloads()).toBe(before + 1);
    const row = await one<{
      operator_id: number;
      subject_citizen_id: number;
      reason_category: string;
      details: string;
    }>(
      "select operator_id, subject_citizen_id, reason_category, details from audit_log where action = 'pratica.attachment.download' order by id desc limit 1",
    );
    expect(row.reason_category).toBe("istruttoria");
    expect(JSON.parse(row.details)).toEqual({ praticaId, attachmentId });
    expect(row.subject_citizen_id).toBe(
      (
        await one<{ id: number }>(
          "select id from citizens where codice_fiscale = ?",
          PERSONAS.famiglia.codiceFiscale,
        )
      ).id,
    );
  });

  it("answers the same 404 to everybody else, and logs nothing", async () => {
    const href = `/operatore/pratiche/${praticaId}/allegati/${attachmentId}`;
    const before = await downloads();
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
    expect(await downloads()).toBe(before);
  });

  it("sends a visitor without a session to the login", async () => {
    const r = await request(server.url, null, `/operatore/pratiche/${praticaId}/allegati/${attachmentId}`);
    expect([302, 303]).toContain(r.status);
    expect(r.location).toContain("/saml/login");
  });
});

describe("the name a downloaded attachment is offered under", () => {
  const PNG = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
  ]);

  /** The citizen answers the pratica again (its state put back by hand) with one file. */
  async function sendIntegration(name: string, bytes: Buffer, type: string): Promise<number> {
    await readDb(server.dbFile, (db) =>
      db.run("update pratiche set status = 'da_integrare' where id = ?", praticaId),
    );
    const page = await request(server.url, cookies.famiglia!, `/area-personale/pratiche/${praticaId}`);
    const csrf = csrfOf(page.body);
    const form = new FormData();
    form.set("csrf", csrf);
    form.set("nota", "");
    form.set("allegato", new Blob([new Uint8Array(bytes)], { type }), name);
    const sent = await send(`${server.url}/area-personale/pratiche/${praticaId}`, {
      cookie: cookies.famiglia!,
      body: form,
      headers: { origin: server.url },
    });
    expect(sent.status).toBe(303);
    return (
      await one<{ id: number }>(
        "select max(id) as id from pratica_attachments where pratica_id = ?",
        praticaId,
      )
    ).id;
  }

  async function offered(id: number): Promise<{ type: string | null; disposition: string | null }[]> {
    return Promise.all(
      [
        [cookies.famiglia!, `/area-personale/pratiche/${praticaId}/allegati/${id}`],
        [cookies.tributi!, `/operatore/pratiche/${praticaId}/allegati/${id}`],
      ].map(async ([cookie, href]) => {
        const r = await request(server.url, cookie!, href!);
        expect(r.status, href).toBe(200);
        return { type: r.headers.get("content-type"), disposition: r.headers.get("content-disposition") };
      }),
    );
  }

  it("is the detected type's extension, without bidi characters, for citizen and operator alike", async () => {
    // A PDF that is also an HTML page, named to end in .html behind a right-to-left override.
    const polyglot = Buffer.concat([PDF, Buffer.from("<html><script>alert(1)</script></html>\n")]);
    const id = await sendIntegration("x\u202elmth.html", polyglot, "text/html");
    expect(
      (await one<{ filename: string }>("select filename from pratica_attachments where id = ?", id)).filename,
    ).toBe("xlmth.pdf");
    for (const { type, disposition } of await offered(id)) {
      expect(type).toBe("application/pdf");
      expect(disposition).toBe(`attachment; filename="xlmth.pdf"; filename*=UTF-8''xlmth.pdf`);
    }

    const png = await sendIntegration("fattura.pdf", PNG, "application/pdf");
    for (const { type, disposition } of await offered(png)) {
      expect(type).toBe("image/png");
      expect(disposition).toBe(`attachment; filename="fattura.png"; filename*=UTF-8''fattura.png`);
    }
  });

  it("is cleaned at download too, for a name stored before names were cleaned", async () => {
    const storedName = `${crypto.randomBytes(16).toString("hex")}.pdf`;
    fs.writeFileSync(path.join(server.dataDir, "uploads", storedName), PDF);
    const id = await readDb(server.dbFile, async (db) => {
      const row = await db.get<{ id: number }>(
        `insert into pratica_attachments (pratica_id, filename, stored_name, mime, size_bytes, uploaded_by, note, uploaded_at)
         values (?, ?, ?, 'text/html', 1, 'cittadino', null, ?) returning id`,
        praticaId,
        "vecchio\u2067\u0007.html",
        storedName,
        new Date().toISOString(),
      );
      return row!.id;
    });
    for (const { type, disposition } of await offered(id)) {
      expect(type).toBe("application/pdf");
      expect(disposition).toBe(`attachment; filename="vecchio.pdf"; filename*=UTF-8''vecchio.pdf`);
    }
    // The pratica's pages list it without the isolate and the control character too.
    for (const [cookie, href] of [
      [cookies.famiglia!, `/area-personale/pratiche/${praticaId}`],
      [cookies.tributi!, `/operatore/pratiche/${praticaId}`],
    ]) {
      const page = await request(server.url, cookie!, href!);
      expect(page.status, href).toBe(200);
      expect(page.body, href).toContain("vecchio.html");
      expect(page.body.includes("\u2067") || page.body.includes("\u0007"), href).toBe(false);
    }
  });
});
