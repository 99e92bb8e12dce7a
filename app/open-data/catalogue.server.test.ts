import { describe, expect, it } from "vitest";
import { graph, parseRdfXml } from "../../tests/support/rdf";
import { catalogueRdf, EU_AUTHORITY, LICENCE_TYPE_ATTRIBUTION, NS } from "~/open-data/catalogue.server";
import { MESSAGES } from "~/locales";
import { fullDescription, OPEN_DATA_LICENCE, OPEN_DATA_SLUGS, OPEN_DATASETS } from "~/open-data/datasets";

const BASE = "https://fascicolo.regione.example.it";
const input = {
  baseUrl: `${BASE}/`,
  publisher: { name: 'Regione <Demo> & "Partner"', ipaCode: "r_demo", email: "dati@regione.example.it" },
  issued: "2026-11-20",
  datasets: OPEN_DATA_SLUGS.map((slug) => ({ slug, generated_at: "2026-11-26T05:00:00.000Z" })),
};

const DCATAPIT = NS.dcatapit;
const DCT = NS.dct;
const DCAT = NS.dcat;

describe("the DCAT-AP_IT catalogue", () => {
  it("parses as RDF/XML and has the profile's mandatory classes and properties", async () => {
    const g = graph(await parseRdfXml(catalogueRdf(input)));
    const iri = (t: { oType: string } | undefined) => {
      expect(t?.oType).toBe("NamedNode");
      return true;
    };

    const [catalogue, ...otherCatalogues] = g.ofType(`${DCATAPIT}Catalog`);
    expect(otherCatalogues).toEqual([]);
    expect(catalogue).toBe(`${BASE}/dati-aperti/catalogo.rdf`);
    expect(g.ofType(`${DCAT}Catalog`)).toEqual([catalogue]);
    for (const p of ["title", "description"]) expect(g.one(catalogue!, `${DCT}${p}`)?.lang, p).toBe("it");
    expect(g.one(catalogue!, `${DCT}issued`)).toMatchObject({ o: "2026-11-20", datatype: `${NS.xsd}date` });
    expect(g.one(catalogue!, `${DCT}modified`)).toMatchObject({ o: "2026-11-26", datatype: `${NS.xsd}date` });
    expect(g.one(catalogue!, `${DCT}language`)?.o).toBe(`${EU_AUTHORITY}/language/ITA`);
    expect(g.one(catalogue!, `${NS.foaf}homepage`)?.o).toBe(`${BASE}/dati-aperti`);

    // The publisher: an agent with the ente's name and IPA code.
    const publisher = g.one(catalogue!, `${DCT}publisher`)!.o;
    expect(g.ofType(`${DCATAPIT}Agent`)).toContain(publisher);
    expect(g.one(publisher, `${NS.foaf}name`)?.o).toBe(input.publisher.name);
    expect(g.one(publisher, `${DCT}identifier`)?.o).toBe("r_demo");

    const datasets = g.values(catalogue!, `${DCAT}dataset`).map((t) => t.o);
    expect(datasets).toHaveLength(OPEN_DATA_SLUGS.length);
    expect(g.ofType(`${DCATAPIT}Dataset`).sort()).toEqual([...datasets].sort());
    for (const d of datasets) {
      const slug = d.split("#")[1]!;
      expect(g.ofType(`${DCAT}Dataset`)).toContain(d);
      expect(g.one(d, `${DCT}identifier`)?.o).toBe(`r_demo:${slug}`);
      expect(g.one(d, `${DCT}title`)).toMatchObject({ lang: "it" });
      expect(g.one(d, `${DCT}description`)?.o).toMatch(/meno di 5 .*Colonne: /);
      expect(g.one(d, `${DCT}modified`)).toMatchObject({ o: "2026-11-26", datatype: `${NS.xsd}date` });
      expect(g.one(d, `${DCAT}theme`)?.o).toMatch(
        new RegExp(`^${EU_AUTHORITY}/data-theme/(GOVE|ECON|SOCI)$`),
      );
      expect(g.one(d, `${DCT}accrualPeriodicity`)?.o).toBe(`${EU_AUTHORITY}/frequency/DAILY`);
      expect(g.one(d, `${DCT}language`)?.o).toBe(`${EU_AUTHORITY}/language/ITA`);
      expect(g.one(d, `${DCT}publisher`)?.o).toBe(publisher);
      expect(g.one(d, `${DCT}rightsHolder`)?.o).toBe(publisher);
      iri(g.one(d, `${DCAT}landingPage`));

      const contact = g.one(d, `${DCAT}contactPoint`)!.o;
      expect(g.ofType(`${DCATAPIT}Organization`)).toContain(contact);
      expect(g.ofType(`${NS.vcard}Organization`)).toContain(contact);
      expect(g.one(contact, `${NS.vcard}fn`)?.o).toBe(input.publisher.name);
      expect(g.one(contact, `${NS.vcard}hasEmail`)?.o).toBe("mailto:dati@regione.example.it");

      const [distribution, ...more] = g.values(d, `${DCAT}distribution`).map((t) => t.o);
      expect(more).toEqual([]);
      expect(distribution).toBe(`${BASE}/dati-aperti/${slug}.csv`);
      expect(g.ofType(`${DCATAPIT}Distribution`)).toContain(distribution);
      expect(g.one(distribution!, `${DCT}format`)?.o).toBe(`${EU_AUTHORITY}/file-type/CSV`);
      expect(g.one(distribution!, `${DCAT}accessURL`)?.o).toBe(`${BASE}/dati-aperti`);
      expect(g.one(distribution!, `${DCAT}downloadURL`)?.o).toBe(distribution);
      expect(g.one(distribution!, `${DCT}modified`)?.o).toBe("2026-11-26");

      const licence = g.one(distribution!, `${DCT}license`)!.o;
      expect(licence).toBe(OPEN_DATA_LICENCE.url);
      expect(g.ofType(`${DCATAPIT}LicenseDocument`)).toContain(licence);
      expect(g.one(licence, `${DCT}type`)?.o).toBe(LICENCE_TYPE_ATTRIBUTION);
      expect(g.one(licence, `${NS.foaf}name`)?.o).toContain("CC BY 4.0");
    }
  });

  it("gives every title and description in Italian, then in English", async () => {
    const g = graph(await parseRdfXml(catalogueRdf(input)));
    const byLang = (s: string, p: string) =>
      Object.fromEntries(g.values(s, `${DCT}${p}`).map((t) => [t.lang, t.o]));
    const catalogue = `${BASE}/dati-aperti/catalogo.rdf`;
    expect(byLang(catalogue, "title")).toEqual({
      it: `Dati aperti - ${input.publisher.name}`,
      en: `Open data - ${input.publisher.name}`,
    });
    expect(Object.keys(byLang(catalogue, "description")).sort()).toEqual(["en", "it"]);
    for (const slug of OPEN_DATA_SLUGS) {
      const def = OPEN_DATASETS[slug];
      const en = MESSAGES.en.openData.datasets[slug];
      const d = `${BASE}/dati-aperti#${slug}`;
      expect(byLang(d, "title"), slug).toEqual({ it: def.title, en: en.title });
      const description = byLang(d, "description");
      expect(description.it, slug).toBe(fullDescription(def));
      expect(description.en, slug).toMatch(/^.+ fewer than 5 .* Columns: /);
      expect(description.en, slug).toContain(en.description);
      for (const c of def.columns) {
        expect(description.en, `${slug}.${c.name}`).toContain(`${c.name} (`);
        expect(description.en, `${slug}.${c.name}`).toContain((en.columns as Record<string, string>)[c.name]);
      }
      const csv = `${BASE}/dati-aperti/${slug}.csv`;
      expect(byLang(csv, "title"), slug).toEqual({ it: `${def.title} (CSV)`, en: `${en.title} (CSV)` });
      expect(Object.keys(byLang(csv, "description")).sort(), slug).toEqual(["en", "it"]);
    }
  });

  it("escapes what it writes: a name with markup stays text", async () => {
    const text = catalogueRdf(input);
    expect(text).toContain("Regione &lt;Demo&gt; &amp; &quot;Partner&quot;");
    expect(text).not.toContain("<Demo>");
    const withControl = catalogueRdf({
      ...input,
      publisher: { ...input.publisher, name: "Ente\u0001 di prova" },
    });
    const g = graph(await parseRdfXml(withControl));
    expect(g.one(`${BASE}/dati-aperti#titolare`, `${NS.foaf}name`)?.o).toBe("Ente di prova");
  });

  it("an empty catalogue (before the first run) is still valid RDF", async () => {
    const g = graph(await parseRdfXml(catalogueRdf({ ...input, datasets: [] })));
    expect(g.ofType(`${DCATAPIT}Catalog`)).toHaveLength(1);
    expect(g.ofType(`${DCATAPIT}Dataset`)).toEqual([]);
  });
});
