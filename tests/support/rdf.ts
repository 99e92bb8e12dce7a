import { RdfXmlParser } from "rdfxml-streaming-parser";

/** One RDF statement, terms as their values (IRIs, blank-node ids or literal text). */
export interface Triple {
  s: string;
  p: string;
  o: string;
  /** "NamedNode", "Literal" or "BlankNode". */
  oType: string;
  lang: string;
  datatype: string;
}

/** Parses RDF/XML with a conforming parser; rejects what is not well-formed RDF/XML. */
export function parseRdfXml(text: string, baseIRI = "http://localhost/"): Promise<Triple[]> {
  return new Promise((resolve, reject) => {
    const out: Triple[] = [];
    const parser = new RdfXmlParser({ baseIRI });
    parser.on("data", (q: { subject: { value: string }; predicate: { value: string }; object: any }) =>
      out.push({
        s: q.subject.value,
        p: q.predicate.value,
        o: q.object.value,
        oType: q.object.termType,
        lang: q.object.language ?? "",
        datatype: q.object.datatype?.value ?? "",
      }),
    );
    parser.on("error", reject);
    parser.on("end", () => resolve(out));
    parser.write(text);
    parser.end();
  });
}

/** A small read-only graph over the triples: subjects of a type, values of a property. */
export function graph(triples: Triple[]) {
  const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
  return {
    ofType: (type: string) => [
      ...new Set(triples.filter((t) => t.p === RDF_TYPE && t.o === type).map((t) => t.s)),
    ],
    values: (s: string, p: string) => triples.filter((t) => t.s === s && t.p === p),
    one: (s: string, p: string) => triples.find((t) => t.s === s && t.p === p),
  };
}
