/**
 * node-saml and passport-saml, bent to SPID (docs/decisions/010-spid-service-provider.md).
 * node-saml builds and Redirect-signs the messages and validates signatures, time windows and
 * Audience; what SPID adds is edited into the DOM before signing, or checked in spid-rules.ts.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import zlib from "node:zlib";
import { promisify } from "node:util";
import { SAML, type Profile, type SamlConfig } from "@node-saml/node-saml";
import type { CacheItem, CacheProvider } from "@node-saml/node-saml/lib/types.js";
import { isValidSamlSigningOptions } from "@node-saml/node-saml/lib/types.js";
import { signAuthnRequestPost, signSamlPost } from "@node-saml/node-saml/lib/saml-post-signing.js";
import { Strategy, type VerifyWithoutRequest } from "@node-saml/passport-saml";
import { rulesFor, type FederationRules } from "./cie-rules";
import { NAMEID_FORMAT, NS, SPID_LEVEL_URI, type SpidLevel } from "./constants";
import type { BindingName, IdpEntry } from "./idp-registry";
import { attr, firstChild, parseXml, serializeXml } from "./xml";

const deflateRaw = promisify(zlib.deflateRaw);

/**
 * InResponseTo is checked by us against the saml_requests table (shared by every server
 * process, consumed once), so node-saml's cache is never consulted: this one keeps nothing.
 */
class NoCache implements CacheProvider {
  async saveAsync(): Promise<CacheItem | null> {
    return null;
  }
  async getAsync(): Promise<string | null> {
    return null;
  }
  async removeAsync(): Promise<string | null> {
    return null;
  }
}

interface AuthnContext {
  level: SpidLevel;
  destination: string;
  /** Filled in by the request builder. */
  id?: string;
  issueInstant?: string;
}

const authnContext = new AsyncLocalStorage<AuthnContext>();

export interface SpOptions {
  entityId: string;
  acsUrl: string;
  key: string;
  cert: string;
  clockSkewMs: number;
}

export interface BuiltRequest {
  id: string;
  issueInstant: string;
}

function setIssuer(doc: Document, entityId: string): void {
  const issuer = firstChild(doc.documentElement, NS.assertion, "Issuer");
  if (!issuer) throw new Error("Issuer mancante nel messaggio generato");
  issuer.setAttribute("Format", NAMEID_FORMAT.entity);
  issuer.setAttribute("NameQualifier", entityId);
}

export class SpidSaml extends SAML {
  readonly idp: IdpEntry;
  readonly rules: FederationRules;
  private readonly sp: SpOptions;

  constructor(sp: SpOptions, idp: IdpEntry) {
    const rules = rulesFor(idp.credential);
    const config: SamlConfig = {
      issuer: sp.entityId,
      callbackUrl: sp.acsUrl,
      audience: sp.entityId,
      idpCert: idp.signingCerts,
      idpIssuer: idp.entityId,
      entryPoint: idp.sso.redirect ?? idp.sso.post,
      logoutUrl: idp.slo.redirect?.location ?? idp.slo.post?.location ?? idp.sso.redirect ?? idp.sso.post,
      privateKey: sp.key,
      publicCert: sp.cert,
      signatureAlgorithm: "sha256",
      digestAlgorithm: "sha256",
      identifierFormat: NAMEID_FORMAT.transient,
      disableRequestAcsUrl: true,
      racComparison: "minimum",
      authnContext: [SPID_LEVEL_URI[1]],
      wantAssertionsSigned: true,
      // SPID requires the Assertion signed and the Response signature is optional; CIE signs both.
      wantAuthnResponseSigned: rules.responseSigned,
      validateInResponseTo: "never" as SamlConfig["validateInResponseTo"],
      cacheProvider: new NoCache(),
      acceptedClockSkewMs: sp.clockSkewMs,
      skipRequestCompression: false,
    };
    super(config);
    // node-saml always writes AllowCreate; SPID forbids it, and it is removed below as well.
    this.options.allowCreate = false;
    this.sp = sp;
    this.idp = idp;
    this.rules = rules;
  }

  protected override async generateAuthorizeRequestAsync(
    this: SpidSaml,
    isPassive: boolean,
    isHttpPostBinding: boolean,
  ): Promise<string> {
    const ctx = authnContext.getStore();
    if (!ctx) throw new Error("AuthnRequest generata fuori da una richiesta di login");
    // Built unsigned (POST signing happens in the parent only when asked), edited, then signed.
    const unsigned = await super.generateAuthorizeRequestAsync(false, false);
    void isPassive;
    const doc = parseXml(unsigned);
    const root = doc.documentElement;
    root.removeAttribute("ProtocolBinding");
    root.removeAttribute("AssertionConsumerServiceURL");
    root.removeAttribute("IsPassive");
    root.setAttribute("Destination", ctx.destination);
    root.setAttribute("AssertionConsumerServiceIndex", "0");
    root.setAttribute("AttributeConsumingServiceIndex", "0");
    if (this.rules.forceAuthn(ctx.level)) root.setAttribute("ForceAuthn", "true");
    else root.removeAttribute("ForceAuthn");
    setIssuer(doc, this.sp.entityId);
    const policy = firstChild(root, NS.protocol, "NameIDPolicy");
    if (policy) {
      policy.removeAttribute("AllowCreate");
      policy.setAttribute("Format", NAMEID_FORMAT.transient);
    }
    const rac = firstChild(root, NS.protocol, "RequestedAuthnContext");
    const classRef = rac && firstChild(rac, NS.assertion, "AuthnContextClassRef");
    if (!rac || !classRef) throw new Error("RequestedAuthnContext mancante nel messaggio generato");
    rac.setAttribute("Comparison", "minimum");
    classRef.textContent = SPID_LEVEL_URI[ctx.level];
    ctx.id = attr(root, "ID") ?? undefined;
    ctx.issueInstant = attr(root, "IssueInstant") ?? undefined;
    let xml = serializeXml(doc);
    if (isHttpPostBinding && isValidSamlSigningOptions(this.options))
      xml = signAuthnRequestPost(xml, this.options);
    return xml;
  }

  /** HTTP-Redirect: node-saml deflates the request and signs the query (SigAlg, Signature). */
  async loginRedirect(level: SpidLevel, relayState: string): Promise<BuiltRequest & { url: string }> {
    const destination = this.idp.sso.redirect;
    if (!destination) throw new Error("L'IdP non offre il binding HTTP-Redirect");
    const ctx: AuthnContext = { level, destination };
    const url = await authnContext.run(ctx, () => this.getAuthorizeUrlAsync(relayState, undefined, {}));
    return { id: ctx.id!, issueInstant: ctx.issueInstant!, url };
  }

  /** HTTP-POST: the request carries an enveloped signature; the caller renders the form. */
  async loginPost(level: SpidLevel): Promise<BuiltRequest & { action: string; samlRequest: string }> {
    const destination = this.idp.sso.post;
    if (!destination) throw new Error("L'IdP non offre il binding HTTP-POST");
    const ctx: AuthnContext = { level, destination };
    const xml = await authnContext.run(ctx, () => this.generateAuthorizeRequestAsync(false, true));
    return {
      id: ctx.id!,
      issueInstant: ctx.issueInstant!,
      action: destination,
      samlRequest: Buffer.from(xml, "utf8").toString("base64"),
    };
  }

  /** A signed LogoutRequest for a session, in the binding the IdP offers (Redirect first). */
  async logoutRequest(
    user: { nameId: string; nameQualifier: string | null; sessionIndex: string | null },
    relayState: string,
  ): Promise<{ id: string; binding: BindingName; url?: string; action?: string; samlRequest?: string }> {
    const binding: BindingName = this.idp.slo.redirect ? "redirect" : "post";
    const target = this.idp.slo[binding];
    if (!target) throw new Error("L'IdP non offre il Single Logout");
    const profile: Profile = {
      issuer: this.sp.entityId,
      nameID: user.nameId,
      nameIDFormat: NAMEID_FORMAT.transient,
      nameQualifier: user.nameQualifier ?? undefined,
      sessionIndex: user.sessionIndex ?? undefined,
    };
    const doc = parseXml(await this._generateLogoutRequest(profile));
    const root = doc.documentElement;
    root.setAttribute("Destination", target.location);
    setIssuer(doc, this.sp.entityId);
    const id = attr(root, "ID")!;
    const xml = serializeXml(doc);
    if (binding === "redirect") {
      const params = { SAMLRequest: (await deflateRaw(xml)).toString("base64"), RelayState: relayState };
      return { id, binding, url: this.signedRedirect(target.location, params) };
    }
    const signed = signSamlPost(xml, '/*[local-name(.)="LogoutRequest"]', this.signingOptions());
    return { id, binding, action: target.location, samlRequest: Buffer.from(signed).toString("base64") };
  }

  /** The signed LogoutResponse to an IdP-initiated LogoutRequest. */
  async logoutResponse(
    requestId: string,
    success: boolean,
    relayState: string | null,
  ): Promise<{ binding: BindingName; url?: string; action?: string; samlResponse?: string }> {
    const binding: BindingName = this.idp.slo.redirect ? "redirect" : "post";
    const target = this.idp.slo[binding];
    if (!target) throw new Error("L'IdP non offre il Single Logout");
    const doc = parseXml(this._generateLogoutResponse({ ID: requestId } as Profile, success));
    doc.documentElement.setAttribute("Destination", target.responseLocation);
    setIssuer(doc, this.sp.entityId);
    const xml = serializeXml(doc);
    if (binding === "redirect") {
      const params: Record<string, string> = { SAMLResponse: (await deflateRaw(xml)).toString("base64") };
      if (relayState) params.RelayState = relayState;
      return { binding, url: this.signedRedirect(target.responseLocation, params) };
    }
    const signed = signSamlPost(xml, '/*[local-name(.)="LogoutResponse"]', this.signingOptions());
    return { binding, action: target.responseLocation, samlResponse: Buffer.from(signed).toString("base64") };
  }

  private signingOptions() {
    if (!isValidSamlSigningOptions(this.options)) throw new Error("Chiave di firma mancante");
    return this.options;
  }

  /** Signs like node-saml does for the Redirect binding and encodes the URL the same way. */
  private signedRedirect(location: string, params: Record<string, string>): string {
    const message: Record<string, string> = { ...params };
    this.signRequest(message);
    const target = new URL(location);
    for (const [k, v] of Object.entries(message)) target.searchParams.set(k, v);
    return target.toString();
  }
}

/**
 * passport-saml always builds a plain SAML into `_saml`; no option injects a subclass, so the
 * strategy replaces it right after construction.
 */
export class SpidStrategy extends Strategy {
  readonly spid: SpidSaml;

  constructor(name: string, saml: SpidSaml) {
    const verify: VerifyWithoutRequest = (profile, done) =>
      profile ? done(null, profile as unknown as Record<string, unknown>) : done(null, undefined);
    super(
      {
        name,
        issuer: saml.options.issuer,
        callbackUrl: saml.options.callbackUrl,
        idpCert: saml.idp.signingCerts,
      },
      verify,
      verify,
    );
    this._saml = saml;
    this.spid = saml;
  }
}
