import { escapeXml } from "../../saml/xml";
import { MESSAGES } from "~/locales";
import { fullDescription, OPEN_DATA_LICENCE, OPEN_DATASETS, type OpenDataSlug } from "~/open-data/datasets";
import { columnTypeKey } from "~/open-data/messages";
import { MIN_PEOPLE } from "~/open-data/suppression";
import { romeDay } from "~/rules/time";

/**
 * The open-data catalogue in DCAT-AP_IT 1.1 (RDF/XML), as dati.gov.it harvests it: the catalogue,
 * its datasets and their CSV distributions, the publisher (the ente, with its IPA code), the
 * contact point and the licence, with the EU vocabularies' themes, frequency, language and file
 * type. Every URL is absolute, from the portal's public address. Titles and descriptions are in
 * Italian, each followed by its English translation (xml:lang="en"), taken from the page's
 * "openData" messages.
 */

export const NS = {
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  dcatapit: "http://dati.gov.it/onto/dcatapit#",
  foaf: "http://xmlns.com/foaf/0.1/",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  owl: "http://www.w3.org/2002/07/owl#",
} as const;

export const EU_AUTHORITY = "http://publications.europa.eu/resource/authority";
/** The licence's type in the ADMS licence-type vocabulary DCAT-AP_IT asks for. */
export const LICENCE_TYPE_ATTRIBUTION = "http://purl.org/adms/licencetype/Attribution";

export interface CatalogueInput {
  /** The portal's public base URL, e.g. https://fascicolo.regione.it (no trailing slash needed). */
  baseUrl: string;
  publisher: { name: string; ipaCode: string; email: string };
  /** The day of first publication. */
  issued: string;
  /** The stored datasets: when each was computed. */
  datasets: { slug: OpenDataSlug; generated_at: string }[];
}

/** Characters XML 1.0 does not allow at all are dropped; the others are escaped. */
function text(value: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeXml(value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ""));
}

const res = (prop: string, iri: string) => `<${prop} rdf:resource="${text(iri)}"/>`;
const lit = (prop: string, value: string, lang: "it" | "en" | false = "it") =>
  `<${prop}${lang ? ` xml:lang="${lang}"` : ""}>${text(value)}</${prop}>`;
const date = (prop: string, day: string) => `<${prop} rdf:datatype="${NS.xsd}date">${text(day)}</${prop}>`;

const EN = MESSAGES.en.openData;

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ""));

/** fullDescription in English: the dataset's description, its suppression rule and its columns. */
function fullDescriptionEn(slug: OpenDataSlug): string {
  const texts = EN.datasets[slug];
  const columns = OPEN_DATASETS[slug].columns
    .map((c) => {
      const type = EN.columnType[columnTypeKey(c.type) as keyof typeof EN.columnType];
      const description = (texts.columns as Record<string, string>)[c.name];
      return `${c.name} (${type}): ${description}`;
    })
    .join(" ");
  const rule = fill(EN.suppression, { min: MIN_PEOPLE, counted: texts.counted });
  return `${texts.description} ${rule} Columns: ${columns}`;
}

export function openDataUrls(baseUrl: string) {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    page: `${base}/dati-aperti`,
    catalogue: `${base}/dati-aperti/catalogo.rdf`,
    publisher: `${base}/dati-aperti#titolare`,
    contact: `${base}/dati-aperti#contatti`,
    dataset: (slug: string) => `${base}/dati-aperti#${slug}`,
    csv: (slug: string) => `${base}/dati-aperti/${slug}.csv`,
  };
}

export function catalogueRdf(input: CatalogueInput): string {
  const urls = openDataUrls(input.baseUrl);
  const { publisher } = input;
  const modified = input.datasets.reduce(
    (m, d) => (romeDay(d.generated_at) > m ? romeDay(d.generated_at) : m),
    input.issued,
  );
  const language = `${EU_AUTHORITY}/language/ITA`;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<rdf:RDF ${Object.entries(NS)
      .map(([p, iri]) => `xmlns:${p}="${iri}"`)
      .join(" ")}>`,
  );

  out.push(`<dcatapit:Catalog rdf:about="${text(urls.catalogue)}">`);
  out.push(res("rdf:type", `${NS.dcat}Catalog`));
  out.push(lit("dct:title", `Dati aperti - ${publisher.name}`));
  out.push(lit("dct:title", `Open data - ${publisher.name}`, "en"));
  out.push(
    lit(
      "dct:description",
      "Dati aggregati prodotti dal portale del cittadino: pagamenti, pratiche, certificati, appuntamenti e popolazione residente. Nessun dato riguarda una singola persona.",
    ),
  );
  out.push(
    lit(
      "dct:description",
      "Aggregated data produced by the citizen portal: payments, applications, certificates, appointments and resident population. None of it concerns any single person.",
      "en",
    ),
  );
  out.push(res("dct:publisher", urls.publisher));
  out.push(date("dct:issued", input.issued));
  out.push(date("dct:modified", modified));
  out.push(res("dct:language", language));
  out.push(res("foaf:homepage", urls.page));
  out.push(res("dcat:themeTaxonomy", `${EU_AUTHORITY}/data-theme`));
  for (const d of input.datasets) out.push(res("dcat:dataset", urls.dataset(d.slug)));
  out.push("</dcatapit:Catalog>");

  out.push(`<dcatapit:Agent rdf:about="${text(urls.publisher)}">`);
  out.push(res("rdf:type", `${NS.foaf}Agent`));
  out.push(lit("foaf:name", publisher.name));
  out.push(lit("dct:identifier", publisher.ipaCode, false));
  out.push("</dcatapit:Agent>");

  out.push(`<dcatapit:Organization rdf:about="${text(urls.contact)}">`);
  out.push(res("rdf:type", `${NS.vcard}Organization`));
  out.push(res("rdf:type", `${NS.vcard}Kind`));
  out.push(lit("vcard:fn", publisher.name));
  out.push(res("vcard:hasEmail", `mailto:${publisher.email}`));
  out.push("</dcatapit:Organization>");

  out.push(`<dcatapit:LicenseDocument rdf:about="${text(OPEN_DATA_LICENCE.url)}">`);
  out.push(res("rdf:type", `${NS.dct}LicenseDocument`));
  out.push(res("dct:type", LICENCE_TYPE_ATTRIBUTION));
  out.push(lit("foaf:name", OPEN_DATA_LICENCE.name));
  out.push(lit("owl:versionInfo", "4.0", false));
  out.push("</dcatapit:LicenseDocument>");

  for (const d of input.datasets) {
    const def = OPEN_DATASETS[d.slug];
    const day = romeDay(d.generated_at);
    out.push(`<dcatapit:Dataset rdf:about="${text(urls.dataset(d.slug))}">`);
    out.push(res("rdf:type", `${NS.dcat}Dataset`));
    out.push(lit("dct:identifier", `${publisher.ipaCode}:${d.slug}`, false));
    const en = EN.datasets[d.slug];
    out.push(lit("dct:title", def.title));
    out.push(lit("dct:title", en.title, "en"));
    out.push(lit("dct:description", fullDescription(def)));
    out.push(lit("dct:description", fullDescriptionEn(d.slug), "en"));
    out.push(date("dct:modified", day));
    out.push(res("dcat:theme", `${EU_AUTHORITY}/data-theme/${def.theme}`));
    out.push(res("dct:publisher", urls.publisher));
    out.push(res("dct:rightsHolder", urls.publisher));
    out.push(res("dct:accrualPeriodicity", `${EU_AUTHORITY}/frequency/DAILY`));
    out.push(res("dct:language", language));
    out.push(res("dcat:contactPoint", urls.contact));
    out.push(res("dcat:landingPage", urls.dataset(d.slug)));
    for (const k of def.keywords) out.push(lit("dcat:keyword", k));
    out.push(res("dcat:distribution", urls.csv(d.slug)));
    out.push("</dcatapit:Dataset>");

    out.push(`<dcatapit:Distribution rdf:about="${text(urls.csv(d.slug))}">`);
    out.push(res("rdf:type", `${NS.dcat}Distribution`));
    out.push(lit("dct:title", `${def.title} (CSV)`));
    out.push(lit("dct:title", `${en.title} (CSV)`, "en"));
    out.push(
      lit(
        "dct:description",
        `File CSV (UTF-8, separatore virgola, riga di intestazione) del dataset «${def.title}».`,
      ),
    );
    out.push(
      lit(
        "dct:description",
        `CSV file (UTF-8, comma separator, header row, in Italian) of the dataset “${en.title}”.`,
        "en",
      ),
    );
    out.push(res("dct:format", `${EU_AUTHORITY}/file-type/CSV`));
    out.push(lit("dcat:mediaType", "text/csv", false));
    out.push(res("dcat:accessURL", urls.page));
    out.push(res("dcat:downloadURL", urls.csv(d.slug)));
    out.push(res("dct:license", OPEN_DATA_LICENCE.url));
    out.push(date("dct:modified", day));
    out.push("</dcatapit:Distribution>");
  }
  out.push("</rdf:RDF>");
  return out.join("\n") + "\n";
}
