/**
 * Open data over HTTP (docs/decisions/033-open-data.md): the page and the files without login,
 * the CSVs as the daily job stored them (computed at the first start), unknown datasets 404, and
 * the DCAT-AP_IT catalogue parsed by an RDF/XML parser.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../support/http";
import { graph, parseRdfXml } from "../support/rdf";
import { startServer, type TestServer } from "../support/server";

const SLUGS = ["pagamenti-ricevuti", "pratiche", "certificati-rilasciati", "appuntamenti", "residenti"];
const DCATAPIT = "http://dati.gov.it/onto/dcatapit#";
const DCAT = "http://www.w3.org/ns/dcat#";
const DCT = "http://purl.org/dc/terms/";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  // The first start of a database that has published nothing computes the datasets at once.
  for (let i = 0; i < 100; i++) {
    if ((await request(server.url, null, "/dati-aperti/residenti.csv")).status === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("i dati aperti non sono stati calcolati entro 20 secondi");
});
afterAll(async () => {
  await server?.stop();
});

describe("open data over HTTP", () => {
  it("/dati-aperti answers 200 without login and lists every dataset with its file and chart", async () => {
    const { res, body, text } = await request(server.url, null, "/dati-aperti");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(/<title>([^<]*)<\/title>/.exec(body)?.[1]).toBe("Dati aperti - Fascicolo del cittadino");
    for (const slug of SLUGS) {
      expect(body).toContain(`href="/dati-aperti/${slug}.csv"`);
      // A chart, or the reason there is none: every row under five people.
      expect(body).toMatch(new RegExp(`id="grafico-${slug}-title"|id="vuoto-${slug}"`));
    }
    expect(text).toContain("CC BY 4.0");
    expect(text).toContain("meno di 5");
    expect(body).toContain('href="/dati-aperti/catalogo.rdf"');
    // Every chart is an image with a name, followed by a table with a caption.
    expect(body).toContain('id="grafico-residenti-title"');
    const charts = body.match(/<svg[^>]*role="img"/g)?.length ?? 0;
    expect(charts).toBeGreaterThan(0);
    expect(body.match(/<caption>/g)?.length).toBe(SLUGS.length + charts);
  });

  it("names the months of the monthly charts in the page's language", async () => {
    const italian = await (await fetch(`${server.url}/dati-aperti`)).text();
    const english = await (
      await fetch(`${server.url}/dati-aperti`, { headers: { "Accept-Language": "en-GB,en;q=0.9" } })
    ).text();
    const it =
      /(gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre) 20\d\d/;
    const en =
      /(January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d/;
    expect(italian).toMatch(it);
    expect(italian).not.toMatch(en);
    expect(english).toMatch(en);
    expect(english).not.toMatch(it);
  });

  it("every page's footer links the open data", async () => {
    const { body } = await request(server.url, null, "/");
    expect(body).toContain('href="/dati-aperti"');
  });

  it.each(SLUGS)("/dati-aperti/%s.csv is a UTF-8 CSV download with a header row", async (slug) => {
    const { res, body, buffer } = await request(server.url, null, `/dati-aperti/${slug}.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${slug}.csv"`);
    expect(buffer[0]).not.toBe(0xef); // no byte-order mark
    const [header, ...rows] = body.split("\r\n").filter((l) => l !== "");
    expect(header).toMatch(/^[a-z_]+(,[a-z_]+)+$/);
    for (const row of rows) expect(row).not.toMatch(/[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]/); // no codice fiscale
  });

  it("the residents of the demo registry are published, no cell under five", async () => {
    const { body } = await request(server.url, null, "/dati-aperti/residenti.csv");
    const rows = body
      .split("\r\n")
      .filter((l) => l !== "")
      .slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Number(row.split(",").at(-1))).toBeGreaterThanOrEqual(5);
  });

  it.each(["/dati-aperti/non-esiste.csv", "/dati-aperti/residenti", "/dati-aperti/residenti.json"])(
    "%s answers 404 in Italian",
    async (path) => {
      const { res, body } = await request(server.url, null, path);
      expect(res.status).toBe(404);
      expect(body).toContain("Pagina non trovata");
    },
  );

  it("/dati-aperti/catalogo.rdf is RDF/XML with the datasets and absolute URLs", async () => {
    const { res, body } = await request(server.url, null, "/dati-aperti/catalogo.rdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/rdf+xml; charset=utf-8");
    const g = graph(await parseRdfXml(body));
    const [catalogue] = g.ofType(`${DCATAPIT}Catalog`);
    expect(catalogue).toBe(`${server.url}/dati-aperti/catalogo.rdf`);
    const datasets = g.values(catalogue!, `${DCAT}dataset`).map((t) => t.o);
    expect(datasets).toHaveLength(SLUGS.length);
    for (const d of datasets) {
      expect(g.one(d, `${DCT}identifier`)?.o).toMatch(/^r_demo:[a-z-]+$/);
      const download = g.one(g.one(d, `${DCAT}distribution`)!.o, `${DCAT}downloadURL`)!.o;
      expect(download).toMatch(new RegExp(`^${server.url}/dati-aperti/[a-z-]+\\.csv$`));
      expect((await request(server.url, null, download.slice(server.url.length))).status).toBe(200);
    }
  });
});
