/**
 * The demo IdP's SAML side, on samlify: parsing and verifying the SP's AuthnRequest and
 * LogoutRequest, and building the signed Response (SPID- or CieID-shaped, after the profile),
 * error Response, LogoutRequest and LogoutResponse.
 */
import crypto from "node:crypto";
import { BINDING, NAMEID_FORMAT, NS, SPID_LEVEL_URI, type SpidLevel } from "../constants";
import type { DemoUser } from "./people";
import type { SpidErrorCode } from "../spid-rules";
import type { DemoIdpProfile } from "./profile";
import {
  IdentityProvider,
  RSA_SHA256,
  SamlLib,
  ServiceProvider,
  ensureSchemaValidator,
  type IdentityProviderEntity,
  type ServiceProviderEntity,
} from "./samlify";
import {
  LOGOUT_REQUEST,
  LOGOUT_RESPONSE,
  attributeStatement,
  errorResponseTemplate,
  loginResponseTemplate,
} from "./templates";
import { certBody } from "../keys";
import { XmlError, attr, child, children, parseXml, readSpMetadata, text, type SpMetadataInfo } from "./xml";

/** A request the SP made, as the IdP has checked and understood it. */
export interface PendingLogin {
  /** The AuthnRequest's ID (InResponseTo of the answer). */
  requestId: string;
  spEntityId: string;
  acsUrl: string;
  level: SpidLevel;
  comparison: string;
  forceAuthn: boolean;
  relayState: string;
  binding: "redirect" | "post";
}

export class RequestError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** Minutes an answer stays valid (SubjectConfirmationData and Conditions NotOnOrAfter). */
const VALIDITY_MS = 5 * 60_000;
/** How old an AuthnRequest's IssueInstant may be, and how far in the future. */
const REQUEST_MAX_AGE_MS = 15 * 60_000;
const CLOCK_SKEW_MS = 3 * 60_000;

const newId = () => "_" + crypto.randomBytes(20).toString("hex");
const instant = (ms: number) => new Date(ms).toISOString();

export interface DemoIdpKeys {
  key: string;
  cert: string;
}

export interface DemoIdpSaml {
  entityId: string;
  ssoUrl: string;
  sloUrl: string;
  metadataXml: string;
  idp: IdentityProviderEntity;
  /** The SP as samlify sees it, rebuilt whenever its metadata changes. */
  sp(): { entity: ServiceProviderEntity; info: SpMetadataInfo };
  parseAuthnRequest(binding: "redirect" | "post", req: InboundMessage): Promise<PendingLogin>;
  loginResponse(
    pending: PendingLogin,
    user: DemoUser,
    level: SpidLevel,
  ): Promise<{ samlResponse: string; nameId: string; sessionIndex: string }>;
  errorResponse(pending: PendingLogin, code: SpidErrorCode): string;
  parseLogoutRequest(
    binding: "redirect" | "post",
    req: InboundMessage,
  ): Promise<{ requestId: string; nameId?: string; sessionIndex?: string; relayState: string }>;
  logoutResponse(binding: "redirect" | "post", requestId: string, relayState: string): OutboundMessage;
  logoutRequest(
    binding: "redirect" | "post",
    nameId: string,
    sessionIndex: string,
    relayState: string,
  ): OutboundMessage & { id: string };
  parseLogoutResponse(
    binding: "redirect" | "post",
    req: InboundMessage,
  ): Promise<{ inResponseTo?: string; relayState: string }>;
  /** The binding to use towards the SP's SingleLogoutService: `preferred` if the SP has it. */
  spSloBinding(preferred: "redirect" | "post"): "redirect" | "post" | null;
}

export interface InboundMessage {
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
  /** Redirect binding: the raw query string as received, for the signature check. */
  rawQuery?: string;
}

export type OutboundMessage =
  { binding: "redirect"; url: string } | { binding: "post"; url: string; fields: Record<string, string> };

/**
 * The octet string the Redirect binding signs: the parameters exactly as they arrived
 * (still URL-encoded), in the order SAMLRequest|SAMLResponse, RelayState, SigAlg.
 */
export function redirectOctetString(rawQuery: string, messageParam: "SAMLRequest" | "SAMLResponse"): string {
  const raw = new Map<string, string>();
  for (const part of rawQuery.split("&")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq);
    if (!raw.has(name)) raw.set(name, part.slice(eq + 1));
  }
  return [messageParam, "RelayState", "SigAlg"]
    .filter((name) => raw.has(name))
    .map((name) => `${name}=${raw.get(name)}`)
    .join("&");
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/**
 * A POST-bound message must be signed as a whole: the one Reference of its Signature points at
 * the root element's ID. (samlify accepts any valid signed reference in the document.)
 */
function assertRootSigned(root: Element): void {
  const signature = child(root, NS.dsig, "Signature");
  const signedInfo = signature && child(signature, NS.dsig, "SignedInfo");
  const refs = signedInfo ? children(signedInfo, NS.dsig, "Reference") : [];
  const id = root.getAttribute("ID");
  if (refs.length !== 1 || !id || refs[0].getAttribute("URI") !== `#${id}`) {
    throw new RequestError("La firma non riguarda il messaggio intero.", "signature-reference");
  }
}

export function createIdpSaml(opts: {
  publicUrl: string;
  keys: DemoIdpKeys;
  spMetadataXml: () => string;
  profile: DemoIdpProfile;
}): DemoIdpSaml {
  ensureSchemaValidator();
  const { profile } = opts;
  // samlify wants the certificate's base64 body, without the PEM armour.
  const certificate = certBody(opts.keys.cert);
  const base = `${opts.publicUrl}${profile.basePath}`;
  const entityId = `${base}/metadata`;
  const ssoUrl = `${base}/sso`;
  const sloUrl = `${base}/slo`;

  const idp = IdentityProvider({
    entityID: entityId,
    privateKey: opts.keys.key,
    signingCert: certificate,
    wantAuthnRequestsSigned: true,
    wantLogoutRequestSigned: true,
    wantLogoutResponseSigned: true,
    requestSignatureAlgorithm: RSA_SHA256,
    nameIDFormat: [NAMEID_FORMAT.transient],
    singleSignOnService: [
      { Binding: BINDING.redirect, Location: ssoUrl },
      { Binding: BINDING.post, Location: ssoUrl },
    ],
    singleLogoutService: [
      { Binding: BINDING.redirect, Location: sloUrl },
      { Binding: BINDING.post, Location: sloUrl },
    ],
    // Used only together with a customTagReplacement callback; `attributes: []` keeps samlify
    // from warning about the template (its own {AttributeStatement} tag is not used here).
    loginResponseTemplate: { context: loginResponseTemplate(profile.responseIssuerFormat), attributes: [] },
    logoutRequestTemplate: { context: LOGOUT_REQUEST },
    logoutResponseTemplate: { context: LOGOUT_RESPONSE },
    generateID: newId,
  });

  // Signed metadata: the Signature is the first child of EntityDescriptor, as the schema wants.
  const metadataXml = SamlLib.constructSAMLSignature({
    rawSamlMessage: idp
      .getMetadata()
      .replace(
        "</EntityDescriptor>",
        `<Organization><OrganizationName xml:lang="it">${profile.orgName}</OrganizationName>` +
          `<OrganizationDisplayName xml:lang="it">${profile.orgName}</OrganizationDisplayName>` +
          `<OrganizationURL xml:lang="it">${base}/</OrganizationURL></Organization></EntityDescriptor>`,
      ),
    isMessageSigned: true,
    privateKey: opts.keys.key,
    signingCert: certificate,
    signatureAlgorithm: RSA_SHA256,
    isBase64Output: false,
    signatureConfig: {
      prefix: "ds",
      location: { reference: "/*[local-name(.)='EntityDescriptor']", action: "prepend" },
    },
  });

  let cached: { xml: string; entity: ServiceProviderEntity; info: SpMetadataInfo } | null = null;
  const sp = () => {
    const xml = opts.spMetadataXml();
    if (!cached || cached.xml !== xml) {
      const entity = ServiceProvider({
        metadata: xml,
        // What the SP expects of the IdP's messages: all signed, assertion and Response alike.
        wantMessageSigned: true,
        wantLogoutRequestSigned: true,
        wantLogoutResponseSigned: true,
      });
      cached = { xml, entity, info: readSpMetadata(xml) };
    }
    return { entity: cached.entity, info: cached.info };
  };

  const spEndpoint = (binding: "redirect" | "post") => {
    const urn = BINDING[binding];
    return sp().info.slo.find((e) => e.binding === urn)?.location ?? null;
  };

  async function parseAuthnRequest(binding: "redirect" | "post", req: InboundMessage): Promise<PendingLogin> {
    const { entity, info } = sp();
    const message = binding === "redirect" ? req.query : req.body;
    if (!message || typeof message.SAMLRequest !== "string") {
      throw new RequestError("Manca il parametro SAMLRequest.", "missing");
    }
    let samlContent: string;
    try {
      const result = await idp.parseLoginRequest(entity, binding, {
        query: req.query,
        body: req.body,
        octetString:
          binding === "redirect" ? redirectOctetString(req.rawQuery ?? "", "SAMLRequest") : undefined,
      });
      samlContent = result.samlContent;
    } catch (err) {
      throw new RequestError(
        "La richiesta non è firmata dal servizio o non è valida.",
        err instanceof Error ? err.message : String(err),
      );
    }
    let doc: Document;
    try {
      doc = parseXml(samlContent);
    } catch (err) {
      throw new RequestError("La richiesta non è leggibile.", err instanceof XmlError ? err.message : "xml");
    }
    const root = doc.documentElement!;
    if (root.namespaceURI !== NS.protocol || root.localName !== "AuthnRequest") {
      throw new RequestError("Il messaggio non è una richiesta di autenticazione.", "not-authn-request");
    }
    if (binding === "post") assertRootSigned(root);

    const id = attr(root, "ID");
    if (!id) throw new RequestError("La richiesta non ha un identificativo.", "no-id");
    if (attr(root, "Version") !== "2.0") throw new RequestError("Versione SAML non supportata.", "version");
    const issued = Date.parse(attr(root, "IssueInstant") ?? "");
    const now = Date.now();
    if (Number.isNaN(issued) || issued > now + CLOCK_SKEW_MS || issued < now - REQUEST_MAX_AGE_MS) {
      throw new RequestError("La richiesta è scaduta o ha una data non valida.", "issue-instant");
    }
    const destination = attr(root, "Destination");
    if (destination && destination !== ssoUrl && destination !== entityId) {
      throw new RequestError("La richiesta è destinata a un altro identity provider.", "destination");
    }
    const issuer = text(child(root, NS.assertion, "Issuer"));
    if (issuer !== info.entityId)
      throw new RequestError("La richiesta viene da un servizio sconosciuto.", "issuer");

    // Where to answer: by index, by URL (must be in the SP's metadata), or the default ACS.
    const postAcs = info.acs.filter((e) => e.binding === BINDING.post);
    const index = attr(root, "AssertionConsumerServiceIndex");
    const url = attr(root, "AssertionConsumerServiceURL");
    let acs = undefined as (typeof postAcs)[number] | undefined;
    if (index !== undefined) acs = postAcs.find((e) => String(e.index) === index);
    else if (url !== undefined) acs = postAcs.find((e) => e.location === url);
    else acs = postAcs.find((e) => e.isDefault) ?? postAcs[0];
    if (!acs)
      throw new RequestError("L'indirizzo di ritorno chiesto non è nei metadati del servizio.", "acs");
    const protocolBinding = attr(root, "ProtocolBinding");
    if (protocolBinding && protocolBinding !== BINDING.post) {
      throw new RequestError(
        "Il servizio chiede una risposta con un binding non supportato.",
        "protocol-binding",
      );
    }

    // The level is read from the raw XML (samlify does not extract it).
    const rac = child(root, NS.protocol, "RequestedAuthnContext");
    const classRef = rac ? text(child(rac, NS.assertion, "AuthnContextClassRef")) : undefined;
    const level = ([1, 2, 3] as const).find((l) => SPID_LEVEL_URI[l] === classRef);
    if (!level)
      throw new RequestError("La richiesta non indica un livello di autenticazione valido.", "authn-context");
    const comparison = (rac && attr(rac, "Comparison")) || "exact";
    const forceAuthn = attr(root, "ForceAuthn") === "true";
    checkRequestRules(root, info, comparison, forceAuthn);

    return {
      requestId: id,
      spEntityId: info.entityId,
      acsUrl: acs.location,
      level,
      comparison,
      forceAuthn,
      relayState: str(message.RelayState),
      binding,
    };
  }

  /** What the profile asks of an AuthnRequest beyond the checks both profiles make. */
  function checkRequestRules(root: Element, info: SpMetadataInfo, comparison: string, forceAuthn: boolean) {
    const rules = profile.request;
    if (rules.forceAuthn && !forceAuthn) {
      throw new RequestError(
        "La richiesta deve chiedere sempre una nuova autenticazione (ForceAuthn).",
        "force-authn",
      );
    }
    if (rules.refuseIsPassive && attr(root, "IsPassive") !== undefined) {
      throw new RequestError("La richiesta non può essere passiva (IsPassive).", "is-passive");
    }
    if (rules.comparisons && !rules.comparisons.includes(comparison)) {
      throw new RequestError(
        "Il confronto sul livello di autenticazione richiesto non è ammesso (Comparison).",
        "comparison",
      );
    }
    if (rules.attributeConsumingServiceIndex) {
      const index = attr(root, "AttributeConsumingServiceIndex");
      if (index === undefined) {
        throw new RequestError(
          "La richiesta non indica gli attributi richiesti (AttributeConsumingServiceIndex).",
          "attribute-consuming-service-index",
        );
      }
      if (!info.attributeServices.some((i) => String(i) === index)) {
        throw new RequestError(
          "Gli attributi richiesti non sono nei metadati del servizio (AttributeConsumingServiceIndex).",
          "attribute-consuming-service-index",
        );
      }
    }
  }

  async function loginResponse(pending: PendingLogin, user: DemoUser, level: SpidLevel) {
    const { entity } = sp();
    const now = Date.now();
    const nameId = newId();
    const sessionIndex = newId();
    const attributes = attributeStatement(profile.attributes(user));
    const result = await idp.createLoginResponse(
      entity,
      { extract: { request: { id: pending.requestId } } },
      "post",
      {},
      {
        relayState: pending.relayState,
        customTagReplacement: (template: string) => {
          const id = newId();
          const context = SamlLib.replaceTagsByValue(template.replace("{Attributes}", attributes.xml), {
            ID: id,
            AssertionID: newId(),
            IssueInstant: instant(now),
            Destination: pending.acsUrl,
            InResponseTo: pending.requestId,
            Issuer: entityId,
            NameID: nameId,
            NotBefore: instant(now),
            NotOnOrAfter: instant(now + VALIDITY_MS),
            Audience: pending.spEntityId,
            SessionIndex: sessionIndex,
            AuthnContextClassRef: SPID_LEVEL_URI[level],
            ...attributes.values,
          });
          return { id, context };
        },
      },
    );
    return { samlResponse: result.context, nameId, sessionIndex };
  }

  const errorTemplate = errorResponseTemplate(profile.responseIssuerFormat);
  function errorResponse(pending: PendingLogin, code: SpidErrorCode): string {
    const xml = SamlLib.replaceTagsByValue(errorTemplate, {
      ID: newId(),
      IssueInstant: instant(Date.now()),
      Destination: pending.acsUrl,
      InResponseTo: pending.requestId,
      Issuer: entityId,
      StatusMessage: `ErrorCode ${code}`,
    });
    return SamlLib.constructSAMLSignature({
      rawSamlMessage: xml,
      isMessageSigned: true,
      privateKey: opts.keys.key,
      signingCert: certificate,
      signatureAlgorithm: RSA_SHA256,
      signatureConfig: {
        prefix: "ds",
        location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: "after" },
      },
    });
  }

  async function parseLogoutRequest(binding: "redirect" | "post", req: InboundMessage) {
    const { entity, info } = sp();
    let samlContent: string;
    try {
      const result = await idp.parseLogoutRequest(entity, binding, {
        query: req.query,
        body: req.body,
        octetString:
          binding === "redirect" ? redirectOctetString(req.rawQuery ?? "", "SAMLRequest") : undefined,
      });
      samlContent = result.samlContent;
    } catch (err) {
      throw new RequestError(
        "La richiesta di uscita non è firmata dal servizio o non è valida.",
        err instanceof Error ? err.message : String(err),
      );
    }
    const root = parseXml(samlContent).documentElement!;
    if (root.namespaceURI !== NS.protocol || root.localName !== "LogoutRequest") {
      throw new RequestError("Il messaggio non è una richiesta di uscita.", "not-logout-request");
    }
    if (binding === "post") assertRootSigned(root);
    const requestId = attr(root, "ID");
    if (!requestId) throw new RequestError("La richiesta di uscita non ha un identificativo.", "no-id");
    if (text(child(root, NS.assertion, "Issuer")) !== info.entityId) {
      throw new RequestError("La richiesta di uscita viene da un servizio sconosciuto.", "issuer");
    }
    const message = binding === "redirect" ? req.query : req.body;
    return {
      requestId,
      nameId: text(child(root, NS.assertion, "NameID")),
      sessionIndex: text(child(root, NS.protocol, "SessionIndex")),
      relayState: str(message?.RelayState),
    };
  }

  function toOutbound(
    binding: "redirect" | "post",
    context: string,
    relayState: string,
    param: "SAMLRequest" | "SAMLResponse",
    url: string,
  ): OutboundMessage {
    if (binding === "redirect") return { binding, url: context };
    const fields: Record<string, string> = { [param]: context };
    if (relayState) fields.RelayState = relayState;
    return { binding, url, fields };
  }

  function logoutResponse(
    binding: "redirect" | "post",
    requestId: string,
    relayState: string,
  ): OutboundMessage {
    const { entity } = sp();
    const destination = spEndpoint(binding);
    if (!destination)
      throw new RequestError("Il servizio non ha un indirizzo di uscita per questo binding.", "slo-binding");
    const result = idp.createLogoutResponse(entity, { extract: { request: { id: requestId } } }, binding, {
      relayState,
      customTagReplacement: (template: string) => {
        const id = newId();
        const context = SamlLib.replaceTagsByValue(template, {
          ID: id,
          IssueInstant: instant(Date.now()),
          Destination: destination,
          InResponseTo: requestId,
          Issuer: entityId,
          StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Success",
        });
        return { id, context };
      },
    });
    return toOutbound(binding, result.context, relayState, "SAMLResponse", destination);
  }

  function logoutRequest(
    binding: "redirect" | "post",
    nameId: string,
    sessionIndex: string,
    relayState: string,
  ) {
    const { entity } = sp();
    const destination = spEndpoint(binding);
    if (!destination)
      throw new RequestError("Il servizio non ha un indirizzo di uscita per questo binding.", "slo-binding");
    let requestId = "";
    const result = idp.createLogoutRequest(
      entity,
      binding,
      { logoutNameID: nameId, sessionIndex },
      {
        relayState,
        customTagReplacement: (template: string) => {
          requestId = newId();
          const context = SamlLib.replaceTagsByValue(template, {
            ID: requestId,
            IssueInstant: instant(Date.now()),
            Destination: destination,
            Issuer: entityId,
            NameID: nameId,
            SessionIndex: sessionIndex,
          });
          return { id: requestId, context };
        },
      },
    );
    return { ...toOutbound(binding, result.context, relayState, "SAMLRequest", destination), id: requestId };
  }

  async function parseLogoutResponse(binding: "redirect" | "post", req: InboundMessage) {
    const { entity } = sp();
    let samlContent: string;
    try {
      const result = await idp.parseLogoutResponse(entity, binding, {
        query: req.query,
        body: req.body,
        octetString:
          binding === "redirect" ? redirectOctetString(req.rawQuery ?? "", "SAMLResponse") : undefined,
      });
      samlContent = result.samlContent;
    } catch (err) {
      throw new RequestError(
        "La risposta di uscita del servizio non è valida.",
        err instanceof Error ? err.message : String(err),
      );
    }
    const root = parseXml(samlContent).documentElement!;
    if (binding === "post") assertRootSigned(root);
    const message = binding === "redirect" ? req.query : req.body;
    return { inResponseTo: attr(root, "InResponseTo"), relayState: str(message?.RelayState) };
  }

  return {
    entityId,
    ssoUrl,
    sloUrl,
    metadataXml,
    idp,
    sp,
    parseAuthnRequest,
    loginResponse,
    errorResponse,
    parseLogoutRequest,
    logoutResponse,
    logoutRequest,
    parseLogoutResponse,
    spSloBinding: (preferred) => {
      if (spEndpoint(preferred)) return preferred;
      const other = preferred === "post" ? "redirect" : "post";
      return spEndpoint(other) ? other : null;
    },
  };
}
