/**
 * Certificates over HTTP against the real server: issuing needs SPID level 2, the PDF downloads at
 * once and later identical, the public verification page confirms a genuine code with initials
 * only and refuses altered, unknown and malformed codes; other citizens' certificates stay hidden.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERSONAS } from "../../db/seed/personas";
import { readDb } from "../support/db";
import { loginAs } from "../support/saml-client";
import { startServer, type TestServer } from "../support/server";
import { csrfOf, request as httpRequest } from "../support/http";

let server: TestServer;
let famigliaL1: string;
let famigliaL2: string;
let giovaneL2: string;

beforeAll(async () => {
  server = await startServer({ env: { RATE_LIMIT_FACTOR: "100" } });
  famigliaL1 = (await loginAs(server.url, { codiceFiscale: PERSONAS.famiglia.codiceFiscale, level: 1 })).cookie;
  famigliaL2 = (await loginAs(server.url, { codiceFiscale: PERSONAS.famiglia.codiceFiscale, level: 2 })).cookie;
  giovaneL2 = (await loginAs(server.url, { codiceFiscale: PERSONAS.giovane.codiceFiscale, level: 2 })).cookie;
});
afterAll(async () => {
  await server?.stop();
});

const request = (cookie: string | null, path: string, form?: Record<string, string>) =>
  httpRequest(server.url, cookie, path, form);

/** Issues a certificate as the given level-2 session; returns its id. */
async function issue(cookie: string, kind: string, purpose = "amministrativo"): Promise<number> {
  const page = await request(cookie, "/area-personale/certificati/richiedi");
  expect(page.status).toBe(200);
  const res = await request(cookie, "/area-personale/certificati/richiedi", {
    csrf: csrfOf(page.body),
    kind,
    purpose,
  });
  expect(res.status, res.text.slice(0, 500)).toBe(303);
  const id = /\?emesso=(\d+)$/.exec(res.location ?? "")?.[1];
  expect(id).toBeDefined();
  return Number(id);
}

async function readCertificate(id: number) {
  const row = await readDb(server.dbFile, (db) =>
    db.get<{
      id: number;
      citizen_id: number;
      kind: string;
      verification_code: string;
      content_hash: string;
      subject_initials: string;
      purpose: string;
    }>("select * from certificates where id = ?", id),
  );
  return row!;
}

let issuedId = 0;
let code = "";

describe("requesting a certificate", () => {
  it("at SPID level 1 the form sends to a new login at level 2 and back here", async () => {
    const res = await request(famigliaL1, "/area-personale/certificati/richiedi");
    expect(res.status).toBe(303);
    const location = new URL(res.location!, server.url);
    expect(location.pathname).toBe("/saml/login");
    expect(location.searchParams.get("level")).toBe("2");
    expect(location.searchParams.get("next")).toBe("/area-personale/certificati/richiedi");
    expect(location.searchParams.get("idp")).toBeTruthy();
  });

  it("at SPID level 1 posting the form or downloading a PDF also asks for level 2", async () => {
    const post = await request(famigliaL1, "/area-personale/certificati/richiedi", {
      kind: "residenza",
      purpose: "amministrativo",
    });
    expect(post.status).toBe(303);
    expect(new URL(post.location!, server.url).searchParams.get("level")).toBe("2");
    const pdf = await request(famigliaL1, "/area-personale/certificati/1/pdf");
    expect(pdf.status).toBe(303);
    expect(new URL(pdf.location!, server.url).searchParams.get("level")).toBe("2");
  });

  it("the list is readable at level 1 and says level 2 will be needed", async () => {
    const res = await request(famigliaL1, "/area-personale/certificati");
    expect(res.status).toBe(200);
    expect(res.text).toContain("ti chiederemo un accesso di livello 2");
  });

  it("refuses a form without the CSRF token (403) and an unknown kind (400)", async () => {
    const noToken = await request(famigliaL2, "/area-personale/certificati/richiedi", {
      kind: "residenza",
      purpose: "amministrativo",
    });
    expect(noToken.status).toBe(403);
    const page = await request(famigliaL2, "/area-personale/certificati/richiedi");
    const bad = await request(famigliaL2, "/area-personale/certificati/richiedi", {
      csrf: csrfOf(page.body),
      kind: "porto_d_armi",
      purpose: "amministrativo",
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("Scegli quale certificato ti serve.");
  });

  it("at level 2 issues the certificate with a code, the content hash, the initials and an audit row", async () => {
    issuedId = await issue(famigliaL2, "stato_famiglia");
    const row = await readCertificate(issuedId);
    code = row.verification_code;
    expect(row.kind).toBe("stato_famiglia");
    expect(code).toMatch(/^[A-Z2-7]{20}$/);
    expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.subject_initials).toBe("C. M.");
    expect(row.purpose).toBe("Uso amministrativo");
    const audit = await readDb(server.dbFile, (db) =>
      db.all<{ actor_kind: string; details: string }>(
        "select actor_kind, action, details from audit_log where action = 'certificate.issue' and subject_citizen_id = ?",
        row.citizen_id,
      ),
    );
    expect(audit.some((a) => JSON.parse(a.details).certificateId === issuedId)).toBe(true);
    const list = await request(famigliaL2, `/area-personale/certificati?emesso=${issuedId}`);
    expect(list.text).toContain("Certificato emesso");
    expect(list.text).toContain(code.match(/.{4}/g)!.join("-"));
    expect(list.body).toContain(`href="/area-personale/certificati/${issuedId}/pdf"`);
  });

  it("the PDF downloads at once, and later as the very same document", async () => {
    const first = await request(famigliaL2, `/area-personale/certificati/${issuedId}/pdf`);
    expect(first.status).toBe(200);
    expect(first.res.headers.get("content-type")).toBe("application/pdf");
    expect(first.res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="certificato-stato-famiglia-[A-Z2-7]{20}\.pdf"$/,
    );
    expect(first.res.headers.get("cache-control")).toContain("no-store");
    expect(first.buffer.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(first.buffer.length).toBeGreaterThan(5000);
    await new Promise((r) => setTimeout(r, 1100));
    const again = await request(famigliaL2, `/area-personale/certificati/${issuedId}/pdf`);
    expect(Buffer.compare(first.buffer, again.buffer)).toBe(0);
  });

  it("issues the other kinds too", async () => {
    for (const kind of ["residenza", "nascita"]) {
      const id = await issue(famigliaL2, kind, "scolastico");
      const pdf = await request(famigliaL2, `/area-personale/certificati/${id}/pdf`);
      expect(pdf.status).toBe(200);
      expect((await readCertificate(id)).purpose).toBe("Esente da bollo: uso scolastico");
    }
  });

  it("another citizen's certificate is a 404, whatever the id", async () => {
    const res = await request(giovaneL2, `/area-personale/certificati/${issuedId}/pdf`);
    expect(res.status).toBe(404);
    for (const id of ["0", "abc", "99999999", "-1", "1e3"]) {
      expect((await request(famigliaL2, `/area-personale/certificati/${id}/pdf`)).status, id).toBe(404);
    }
    const list = await request(giovaneL2, "/area-personale/certificati");
    expect(list.body).not.toContain(`/area-personale/certificati/${issuedId}/pdf`);
  });
});

describe("the giovane persona's seeded certificate", () => {
  async function seededCertificate() {
    const row = await readDb(server.dbFile, (db) =>
      db.get<{
        id: number;
        kind: string;
        verification_code: string;
        issued_at: string;
      }>(
        `select c.id, c.kind, c.verification_code, c.issued_at from certificates c
           join citizens z on z.id = c.citizen_id where z.codice_fiscale = ? order by c.id limit 1`,
        PERSONAS.giovane.codiceFiscale,
      ),
    );
    return row!;
  }

  it("downloads as a PDF: the seed hashed what the portal rebuilds", async () => {
    const seeded = await seededCertificate();
    expect(seeded.kind).toBe("residenza");
    const list = await request(giovaneL2, "/area-personale/certificati");
    expect(list.body).toContain(`href="/area-personale/certificati/${seeded.id}/pdf"`);
    const pdf = await request(giovaneL2, `/area-personale/certificati/${seeded.id}/pdf`);
    expect(pdf.status, pdf.text.slice(0, 300)).toBe(200);
    expect(pdf.res.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.res.headers.get("content-disposition")).toBe(
      `attachment; filename="certificato-residenza-${seeded.verification_code}.pdf"`,
    );
    expect(pdf.buffer.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("is valid at /verifica/<code>, with the persona's initials", async () => {
    const seeded = await seededCertificate();
    const res = await request(null, `/verifica/${seeded.verification_code}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain("Certificato valido");
    expect(res.text).toContain("Certificato di residenza");
    expect(res.text).toContain("Comune di Torino");
    expect(res.text).toContain("F. C.");
    expect(res.body).not.toContain(PERSONAS.giovane.codiceFiscale);
  });
});

describe("public verification", () => {
  it("a genuine code, without login, is valid and shows issuer, kind, date and initials only", async () => {
    const res = await request(null, `/verifica/${code}`);
    expect(res.status).toBe(200);
    expect(res.res.headers.get("cache-control")).toContain("no-store");
    expect(res.text).toContain("Certificato valido");
    expect(res.text).toContain("Certificato di stato di famiglia");
    expect(res.text).toContain("Comune di Torino");
    expect(res.text).toContain("26/11/2026");
    expect(res.text).toContain("C. M.");
    expect(res.text).not.toContain(PERSONAS.famiglia.surname);
    expect(res.text).not.toContain(PERSONAS.famiglia.name);
    expect(res.body).not.toContain(PERSONAS.famiglia.codiceFiscale);
    expect(res.body).not.toContain("Via Nizza");
  });

  it("reads the code whatever the case and grouping", async () => {
    const grouped = code.toLowerCase().match(/.{4}/g)!.join("-");
    const res = await request(null, `/verifica/${grouped}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain("Certificato valido");
  });

  it("an altered code is not valid (404)", async () => {
    const last = code.at(-1)!;
    const altered = code.slice(0, -1) + (last === "A" ? "B" : "A");
    const res = await request(null, `/verifica/${altered}`);
    expect(res.status).toBe(404);
    expect(res.text).toContain("Certificato non valido");
    expect(res.text).not.toContain("C. M.");
  });

  it.each(["abc", "TOO-SHORT", "A".repeat(21), "AAAA-AAAA-AAAA-AAAA-AAA9", "%3Cscript%3E"])(
    "a malformed code (%s) is not valid (400)",
    async (bad) => {
      const res = await request(null, `/verifica/${bad}`);
      expect(res.status).toBe(400);
      expect(res.text).toContain("Certificato non valido");
      expect(res.body).not.toContain("<script>");
    },
  );
});
