/** Small XML helpers over @xmldom/xmldom: parse quietly, find children by namespace and name. */
import { DOMParser } from "@xmldom/xmldom";
import { NS } from "../constants";

export class XmlError extends Error {}

/** Parses a document; malformed input (or any DOCTYPE) throws XmlError instead of printing to the console. */
export function parseXml(xml: string): Document {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlError("DOCTYPE non ammesso");
  const fail = (msg: string) => {
    throw new XmlError(String(msg).slice(0, 200));
  };
  const doc = new DOMParser({
    errorHandler: { warning: () => undefined, error: fail, fatalError: fail },
  }).parseFromString(xml, "text/xml");
  if (!doc || !doc.documentElement) throw new XmlError("documento vuoto");
  return doc;
}

export function children(parent: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) {
      const el = n as Element;
      if (el.namespaceURI === ns && el.localName === localName) out.push(el);
    }
  }
  return out;
}

export function child(parent: Element, ns: string, localName: string): Element | undefined {
  return children(parent, ns, localName)[0];
}

export function text(el: Element | undefined): string | undefined {
  const t = el?.textContent?.trim();
  return t ? t : undefined;
}

export function attr(el: Element | undefined, name: string): string | undefined {
  if (!el || !el.hasAttribute(name)) return undefined;
  return el.getAttribute(name) ?? undefined;
}

export interface SpEndpoint {
  binding: string;
  location: string;
  index?: number;
  isDefault?: boolean;
}

export interface SpMetadataInfo {
  entityId: string;
  /** OrganizationDisplayName, Italian first; the entityID when there is none. */
  displayName: string;
  acs: SpEndpoint[];
  slo: SpEndpoint[];
  /** The indexes of the AttributeConsumingService elements. */
  attributeServices: number[];
}

/** What the demo IdP needs to know from the SP's metadata beyond what samlify reads. */
export function readSpMetadata(xml: string): SpMetadataInfo {
  const doc = parseXml(xml);
  const root = doc.documentElement!;
  if (root.namespaceURI !== NS.metadata || root.localName !== "EntityDescriptor") {
    throw new XmlError("i metadati del fornitore di servizi non contengono un EntityDescriptor");
  }
  const entityId = root.getAttribute("entityID") ?? "";
  const sso = child(root, NS.metadata, "SPSSODescriptor");
  if (!entityId || !sso) throw new XmlError("metadati del fornitore di servizi incompleti");
  const endpoint = (el: Element): SpEndpoint => {
    const index = attr(el, "index");
    return {
      binding: el.getAttribute("Binding") ?? "",
      location: el.getAttribute("Location") ?? "",
      index: index === undefined ? undefined : Number(index),
      isDefault: attr(el, "isDefault") === "true",
    };
  };
  const org = child(root, NS.metadata, "Organization");
  const names = org ? children(org, NS.metadata, "OrganizationDisplayName") : [];
  const italian = names.find(
    (n) => n.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang") === "it",
  );
  return {
    entityId,
    displayName: text(italian ?? names[0]) ?? entityId,
    acs: children(sso, NS.metadata, "AssertionConsumerService").map(endpoint),
    slo: children(sso, NS.metadata, "SingleLogoutService").map(endpoint),
    attributeServices: children(sso, NS.metadata, "AttributeConsumingService")
      .map((el) => Number(attr(el, "index")))
      .filter((i) => Number.isInteger(i)),
  };
}
