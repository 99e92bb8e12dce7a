import { DOMParser, XMLSerializer } from "@xmldom/xmldom";

export class XmlError extends Error {}

/**
 * Parses untrusted XML. Documents with a DOCTYPE are refused outright: SAML never needs one and
 * it is the door to entity expansion.
 */
export function parseXml(xml: string): Document {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlError("DOCTYPE non ammesso");
  const errors: string[] = [];
  const doc = new DOMParser({
    locator: {},
    errorHandler: {
      warning: () => undefined,
      error: (msg: string) => errors.push(msg),
      fatalError: (msg: string) => errors.push(msg),
    },
  }).parseFromString(xml, "text/xml");
  if (errors.length || !doc || !doc.documentElement) throw new XmlError("XML non leggibile");
  return doc as unknown as Document;
}

export function serializeXml(node: Node): string {
  return new XMLSerializer().serializeToString(node as never);
}

export function childElements(parent: Node, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) {
      const el = n as Element;
      if (el.localName === localName && el.namespaceURI === ns) out.push(el);
    }
  }
  return out;
}

export function firstChild(parent: Node, ns: string, localName: string): Element | null {
  return childElements(parent, ns, localName)[0] ?? null;
}

/** Follows a path of direct children, each step in the given namespace. */
export function path(parent: Node, steps: Array<[string, string]>): Element | null {
  let cur: Node | null = parent;
  for (const [ns, name] of steps) {
    if (!cur) return null;
    cur = firstChild(cur, ns, name);
  }
  return cur as Element | null;
}

export function descendants(root: Node, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  const walk = (node: Node) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue;
      const el = n as Element;
      if (el.localName === localName && el.namespaceURI === ns) out.push(el);
      walk(el);
    }
  };
  walk(root);
  return out;
}

/** An attribute's value, or null when it is absent (an empty attribute stays ""). */
export function attr(el: Element, name: string): string | null {
  return el.hasAttribute(name) ? el.getAttribute(name) : null;
}

export function text(el: Element | null): string {
  return (el?.textContent ?? "").trim();
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function escapeHtml(value: string): string {
  return escapeXml(value);
}
