import fs from "node:fs/promises";
import path from "node:path";
import type { Credential } from "../app/rules/identity";
import { BINDING, NS } from "./constants";
import { attr, childElements, descendants, firstChild, parseXml, text } from "./xml";

export type BindingName = "redirect" | "post";

export interface IdpEntry {
  /** Short id used in URLs (`/saml/login?idp=demo`). */
  id: string;
  entityId: string;
  /** Name shown in the provider list. */
  name: string;
  sso: Partial<Record<BindingName, string>>;
  slo: Partial<Record<BindingName, { location: string; responseLocation: string }>>;
  /** PEM certificates of the signing keys. */
  signingCerts: string[];
  /** Where the metadata came from (file name or "demo"). */
  source: string;
  /** The identity it asserts: SPID, or CIE through CieID (whose rules are in cie-rules.ts). */
  credential: Credential;
}

function bindingName(uri: string | null): BindingName | null {
  if (uri === BINDING.redirect) return "redirect";
  if (uri === BINDING.post) return "post";
  return null;
}

function pem(body: string): string {
  const clean = body.replace(/\s+/g, "");
  const lines = clean.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}

function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

function displayName(entity: Element, fallback: string): string {
  const org = firstChild(entity, NS.metadata, "Organization");
  if (org) {
    for (const tag of ["OrganizationDisplayName", "OrganizationName"]) {
      const names = childElements(org, NS.metadata, tag);
      const it = names.find((n) => n.getAttributeNS(NS.xml, "lang") === "it") ?? names[0];
      if (it && text(it)) return text(it);
    }
  }
  return fallback;
}

/** Reads the IdPs described by one metadata document (an EntityDescriptor or an EntitiesDescriptor). */
export function parseIdpMetadata(xml: string, source: string, credential: Credential = "spid"): IdpEntry[] {
  const doc = parseXml(xml);
  const root = doc.documentElement;
  const entities =
    root.localName === "EntityDescriptor" && root.namespaceURI === NS.metadata
      ? [root]
      : descendants(root, NS.metadata, "EntityDescriptor");
  const base = slug(path.basename(source).replace(/\.xml$/i, ""));
  const out: IdpEntry[] = [];
  for (const entity of entities) {
    const entityId = attr(entity, "entityID");
    const idp = firstChild(entity, NS.metadata, "IDPSSODescriptor");
    if (!entityId || !idp) continue;
    const sso: IdpEntry["sso"] = {};
    for (const s of childElements(idp, NS.metadata, "SingleSignOnService")) {
      const b = bindingName(attr(s, "Binding"));
      const location = attr(s, "Location");
      if (b && location && !sso[b]) sso[b] = location;
    }
    const slo: IdpEntry["slo"] = {};
    for (const s of childElements(idp, NS.metadata, "SingleLogoutService")) {
      const b = bindingName(attr(s, "Binding"));
      const location = attr(s, "Location");
      if (b && location && !slo[b])
        slo[b] = { location, responseLocation: attr(s, "ResponseLocation") || location };
    }
    const signingCerts: string[] = [];
    for (const kd of childElements(idp, NS.metadata, "KeyDescriptor")) {
      const use = attr(kd, "use");
      if (use && use !== "signing") continue;
      for (const c of descendants(kd, NS.dsig, "X509Certificate"))
        if (text(c)) signingCerts.push(pem(text(c)));
    }
    if (!sso.redirect && !sso.post) continue;
    if (signingCerts.length === 0) continue;
    const id = entities.length === 1 && base ? base : slug(entityId.replace(/^https?:\/\//, ""));
    out.push({ id, entityId, name: displayName(entity, id), sso, slo, signingCerts, source, credential });
  }
  return out;
}

export class IdpRegistry {
  private readonly byEntityId = new Map<string, IdpEntry>();
  private readonly byId = new Map<string, IdpEntry>();

  add(entry: IdpEntry): void {
    if (this.byEntityId.has(entry.entityId)) throw new Error(`IdP registrato due volte: ${entry.entityId}`);
    let id = entry.id;
    for (let n = 2; this.byId.has(id); n++) id = `${entry.id}-${n}`;
    const stored = { ...entry, id };
    this.byEntityId.set(stored.entityId, stored);
    this.byId.set(stored.id, stored);
  }

  /** By entityID or short id. */
  find(key: string): IdpEntry | undefined {
    return this.byEntityId.get(key) ?? this.byId.get(key);
  }

  /** Every IdP, or those of one credential, by name. */
  list(credential?: Credential): IdpEntry[] {
    return [...this.byEntityId.values()]
      .filter((idp) => !credential || idp.credential === credential)
      .sort((a, b) => a.name.localeCompare(b.name, "it"));
  }

  /** Origins of the IdPs' SSO and SLO endpoints, for the CSP form-action. */
  formActionOrigins(): string[] {
    const origins = new Set<string>();
    for (const idp of this.byEntityId.values()) {
      // Redirects that follow a form submission (logout) are held to form-action too.
      const urls = [
        idp.sso.post,
        idp.sso.redirect,
        idp.slo.post?.location,
        idp.slo.post?.responseLocation,
        idp.slo.redirect?.location,
        idp.slo.redirect?.responseLocation,
      ];
      for (const u of urls) {
        if (!u) continue;
        try {
          origins.add(new URL(u).origin);
        } catch {
          /* a malformed URL is left out */
        }
      }
    }
    return [...origins];
  }
}

/** Loads every `*.xml` file of a directory. A missing directory is an empty registry. */
export async function loadIdpDirectory(
  dir: string,
  credential: Credential = "spid",
): Promise<{ entries: IdpEntry[]; problems: string[] }> {
  let files: string[];
  try {
    files = (await fs.readdir(dir)).filter((f) => f.toLowerCase().endsWith(".xml")).sort();
  } catch {
    return { entries: [], problems: [] };
  }
  const entries: IdpEntry[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      const found = parseIdpMetadata(await fs.readFile(path.join(dir, file), "utf8"), file, credential);
      if (found.length === 0) problems.push(`${file}: nessun IdP utilizzabile`);
      entries.push(...found);
    } catch (err) {
      problems.push(`${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { entries, problems };
}
