/**
 * The SPID rules for a login Response that node-saml does not apply (docs/decisions/010). Pure:
 * the raw XML and what we expect in, a verdict out. Signatures are node-saml's job; this module
 * only insists that the Assertion carries one. CieID follows the same profile with the differences
 * kept in cie-rules.ts (docs/decisions/023), passed in as `FederationResponseRules`.
 */
import {
  CLOCK_SKEW_MS,
  CM_BEARER,
  NAMEID_FORMAT,
  NS,
  STATUS_SUCCESS,
  levelFromUri,
  type SpidLevel,
} from "./constants";
import { XmlError, attr, childElements, firstChild, parseXml, text } from "./xml";

export interface SpidExpectations {
  acsUrl: string;
  spEntityId: string;
  idpEntityId: string;
  requestId: string;
  /** IssueInstant of our AuthnRequest. */
  requestIssueInstant: Date;
  minLevel: SpidLevel;
  now: Date;
  skewMs?: number;
}

export interface SpidFacts {
  responseId: string;
  assertionId: string;
  level: SpidLevel;
  nameId: string;
  nameIdFormat: string;
  nameQualifier: string;
  sessionIndex: string | null;
  /** Latest instant the assertion may still be presented: the replay cache keeps it until then. */
  notOnOrAfter: Date;
  attributes: Record<string, string[]>;
}

export type SpidErrorCode = "nr19" | "nr20" | "nr21" | "nr22" | "nr23" | "nr25";

export type SpidVerdict =
  { ok: true; facts: SpidFacts } | { ok: false; code: string; status: 400 | 403; detail: string };

export const SPID_ERROR_CODES: readonly SpidErrorCode[] = ["nr19", "nr20", "nr21", "nr22", "nr23", "nr25"];

/** What a federation's responses do differently from the common SAML profile checked here. */
export interface FederationResponseRules {
  /** The credential's name in the messages a person reads ("SPID", "CIE"). */
  label: string;
  /** Whether the Response itself must be signed too (SPID asks it only of the Assertion). */
  responseSigned: boolean;
  /** The rejection code for an error StatusMessage ("ErrorCode nr22"), or null when it is not one. */
  errorCode(message: string): string | null;
}

class Rejection extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly status: 400 | 403 = 400,
  ) {
    super(detail);
  }
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

/** xs:dateTime in UTC ("Z"), fractional seconds allowed. Returns null when malformed. */
export function parseInstant(value: string | null): Date | null {
  if (value == null) return null;
  const m = INSTANT.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  const t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms);
  const date = new Date(t);
  // Reject 2024-02-30 and the like, which Date.UTC would roll over.
  if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +mo - 1 || date.getUTCDate() !== +d) return null;
  if (+h > 23 || +mi > 59 || +s > 59) return null;
  return date;
}

function one(parent: Element, ns: string, name: string, code: string, what: string): Element {
  const found = childElements(parent, ns, name);
  if (found.length === 0) throw new Rejection(code, `Manca l'elemento ${what}.`);
  if (found.length > 1) throw new Rejection(code, `L'elemento ${what} compare più di una volta.`);
  return found[0];
}

/** `of` completes the sentence: "della risposta", "di NameID". */
function requiredAttr(el: Element, name: string, code: string, of: string): string {
  const value = attr(el, name);
  if (value == null) throw new Rejection(code, `Manca l'attributo ${name} ${of}.`);
  if (value.trim() === "") throw new Rejection(code, `L'attributo ${name} ${of} è vuoto.`);
  return value;
}

function checkIssueInstant(
  el: Element,
  what: string,
  code: string,
  exp: SpidExpectations,
  skew: number,
): Date {
  const raw = requiredAttr(el, "IssueInstant", code, what);
  const at = parseInstant(raw);
  if (!at) throw new Rejection(code, `L'attributo IssueInstant ${what} non è una data valida.`);
  if (at.getTime() < exp.requestIssueInstant.getTime() - skew)
    throw new Rejection(code, `L'IssueInstant ${what} è precedente alla richiesta di autenticazione.`);
  if (at.getTime() > exp.now.getTime() + skew)
    throw new Rejection(code, `L'IssueInstant ${what} è nel futuro.`);
  return at;
}

function checkIdVersion(el: Element, what: string, prefix: string): string {
  const id = requiredAttr(el, "ID", `${prefix}-id`, what);
  const version = requiredAttr(el, "Version", `${prefix}-version`, what);
  if (version !== "2.0") throw new Rejection(`${prefix}-version`, `La versione ${what} non è 2.0.`);
  return id;
}

function checkIssuer(
  parent: Element,
  what: string,
  code: string,
  exp: SpidExpectations,
  formatRequired: boolean,
) {
  const issuer = one(parent, NS.assertion, "Issuer", code, `Issuer ${what}`);
  const value = text(issuer);
  if (!value) throw new Rejection(code, `L'Issuer ${what} è vuoto.`);
  if (value !== exp.idpEntityId)
    throw new Rejection(
      code,
      `L'Issuer ${what} non è il gestore di identità a cui è stato chiesto l'accesso.`,
    );
  const format = attr(issuer, "Format");
  if (format == null && formatRequired)
    throw new Rejection(code, `Manca l'attributo Format dell'Issuer ${what}.`);
  if (format != null && format !== NAMEID_FORMAT.entity)
    throw new Rejection(code, `L'attributo Format dell'Issuer ${what} non è "entity".`);
}

/** Reads the SPID error code ("ErrorCode nr22") from a StatusMessage, if any. */
export function spidErrorCode(message: string): SpidErrorCode | null {
  const m = /nr\s*(\d{2})/i.exec(message);
  if (!m) return null;
  const code = `nr${m[1]}` as SpidErrorCode;
  return SPID_ERROR_CODES.includes(code) ? code : null;
}

export const SPID_RESPONSE_RULES: FederationResponseRules = {
  label: "SPID",
  responseSigned: false,
  errorCode: spidErrorCode,
};

function checkStatus(response: Element, rules: FederationResponseRules) {
  const status = one(response, NS.protocol, "Status", "status", "Status della risposta");
  const code = one(status, NS.protocol, "StatusCode", "status", "StatusCode della risposta");
  const value = requiredAttr(code, "Value", "status", "di StatusCode");
  if (value === STATUS_SUCCESS) return;
  const message = text(firstChild(status, NS.protocol, "StatusMessage"));
  const errorCode = rules.errorCode(message);
  if (errorCode)
    throw new Rejection(
      errorCode,
      `Il gestore di identità ha risposto con il codice di errore ${errorCode}.`,
      403,
    );
  throw new Rejection("status", "Il gestore di identità non ha concluso l'autenticazione.", 403);
}

function checkAssertion(
  assertion: Element,
  exp: SpidExpectations,
  skew: number,
  rules: FederationResponseRules,
): Omit<SpidFacts, "responseId"> {
  const what = "dell'asserzione";
  const assertionId = checkIdVersion(assertion, what, "assertion");
  checkIssueInstant(assertion, what, "assertion-issue-instant", exp, skew);
  if (childElements(assertion, NS.dsig, "Signature").length === 0)
    throw new Rejection("assertion-unsigned", "L'asserzione non è firmata dal gestore di identità.", 403);

  checkIssuer(assertion, what, "assertion-issuer", exp, true);

  const subject = one(assertion, NS.assertion, "Subject", "subject", "Subject dell'asserzione");
  const nameIdEl = one(subject, NS.assertion, "NameID", "name-id", "NameID");
  const nameId = text(nameIdEl);
  if (!nameId) throw new Rejection("name-id", "Il NameID è vuoto.");
  const nameIdFormat = requiredAttr(nameIdEl, "Format", "name-id", "di NameID");
  if (nameIdFormat !== NAMEID_FORMAT.transient)
    throw new Rejection("name-id", 'Il Format del NameID non è "transient".');
  const nameQualifier = requiredAttr(nameIdEl, "NameQualifier", "name-id", "di NameID");

  const confirmations = childElements(subject, NS.assertion, "SubjectConfirmation");
  if (confirmations.length === 0)
    throw new Rejection("subject-confirmation", "Manca l'elemento SubjectConfirmation.");
  if (confirmations.length > 1)
    throw new Rejection("subject-confirmation", "L'elemento SubjectConfirmation compare più di una volta.");
  const confirmation = confirmations[0];
  const method = requiredAttr(confirmation, "Method", "subject-confirmation", "di SubjectConfirmation");
  if (method !== CM_BEARER)
    throw new Rejection("subject-confirmation", 'Il Method di SubjectConfirmation non è "bearer".');
  const data = one(
    confirmation,
    NS.assertion,
    "SubjectConfirmationData",
    "subject-confirmation",
    "SubjectConfirmationData",
  );
  const recipient = requiredAttr(data, "Recipient", "subject-confirmation", "di SubjectConfirmationData");
  if (recipient !== exp.acsUrl)
    throw new Rejection(
      "subject-confirmation",
      "Il Recipient di SubjectConfirmationData non è l'indirizzo di questo portale.",
    );
  const scdInResponseTo = requiredAttr(
    data,
    "InResponseTo",
    "subject-confirmation",
    "di SubjectConfirmationData",
  );
  if (scdInResponseTo !== exp.requestId)
    throw new Rejection(
      "subject-confirmation",
      "L'InResponseTo di SubjectConfirmationData non corrisponde alla richiesta.",
    );
  const scdNotOnOrAfter = parseInstant(
    requiredAttr(data, "NotOnOrAfter", "subject-confirmation", "di SubjectConfirmationData"),
  );
  if (!scdNotOnOrAfter)
    throw new Rejection(
      "subject-confirmation",
      "Il NotOnOrAfter di SubjectConfirmationData non è una data valida.",
    );
  if (scdNotOnOrAfter.getTime() <= exp.now.getTime() - skew)
    throw new Rejection("subject-confirmation", "L'asserzione è scaduta (SubjectConfirmationData).");

  const conditions = one(assertion, NS.assertion, "Conditions", "conditions", "Conditions");
  const notBefore = parseInstant(requiredAttr(conditions, "NotBefore", "conditions", "di Conditions"));
  if (!notBefore) throw new Rejection("conditions", "Il NotBefore di Conditions non è una data valida.");
  if (notBefore.getTime() > exp.now.getTime() + skew)
    throw new Rejection("conditions", "L'asserzione non è ancora valida (NotBefore nel futuro).");
  const notOnOrAfter = parseInstant(requiredAttr(conditions, "NotOnOrAfter", "conditions", "di Conditions"));
  if (!notOnOrAfter)
    throw new Rejection("conditions", "Il NotOnOrAfter di Conditions non è una data valida.");
  if (notOnOrAfter.getTime() <= exp.now.getTime() - skew)
    throw new Rejection("conditions", "L'asserzione è scaduta (Conditions).");
  const restriction = one(conditions, NS.assertion, "AudienceRestriction", "audience", "AudienceRestriction");
  const audiences = childElements(restriction, NS.assertion, "Audience");
  if (audiences.length === 0) throw new Rejection("audience", "Manca l'elemento Audience.");
  if (!audiences.some((a) => text(a) === exp.spEntityId))
    throw new Rejection("audience", "L'Audience dell'asserzione non è questo portale.");

  const authn = one(assertion, NS.assertion, "AuthnStatement", "authn-context", "AuthnStatement");
  const context = one(authn, NS.assertion, "AuthnContext", "authn-context", "AuthnContext");
  const classRef = text(
    one(context, NS.assertion, "AuthnContextClassRef", "authn-context", "AuthnContextClassRef"),
  );
  if (!classRef) throw new Rejection("authn-context", "L'AuthnContextClassRef è vuoto.");
  const level = levelFromUri(classRef);
  if (!level)
    throw new Rejection(
      "authn-context",
      "Il livello di autenticazione indicato nella risposta non è riconosciuto.",
    );
  if (level < exp.minLevel)
    throw new Rejection(
      "level",
      `L'autenticazione è avvenuta con ${rules.label} di livello ${level}, ma era richiesto almeno il livello ${exp.minLevel}.`,
      403,
    );

  const attributes: Record<string, string[]> = {};
  for (const statement of childElements(assertion, NS.assertion, "AttributeStatement")) {
    const list = childElements(statement, NS.assertion, "Attribute");
    if (list.length === 0) throw new Rejection("attributes", "L'AttributeStatement non contiene attributi.");
    for (const a of list) {
      const name = requiredAttr(a, "Name", "attributes", "di Attribute");
      const values = childElements(a, NS.assertion, "AttributeValue").map((v) => text(v));
      if (values.length === 0 || values.every((v) => v === ""))
        throw new Rejection("attributes", `L'attributo ${name} non ha un valore.`);
      attributes[name] = values;
    }
  }

  return {
    assertionId,
    level,
    nameId,
    nameIdFormat,
    nameQualifier,
    sessionIndex: attr(authn, "SessionIndex"),
    notOnOrAfter: new Date(Math.max(notOnOrAfter.getTime(), scdNotOnOrAfter.getTime())),
    attributes,
  };
}

/** The InResponseTo of a Response, read before anything else to find our request. */
export function readInResponseTo(
  xml: string,
): { readable: false } | { readable: true; inResponseTo: string | null } {
  let root: Element;
  try {
    root = parseXml(xml).documentElement;
  } catch {
    return { readable: false };
  }
  if (root.localName !== "Response" || root.namespaceURI !== NS.protocol) return { readable: false };
  const value = attr(root, "InResponseTo");
  return { readable: true, inResponseTo: value && value.trim() ? value : null };
}

/** A login Response under a federation's rules (SPID's unless told otherwise). */
export function checkLoginResponse(
  xml: string,
  exp: SpidExpectations,
  rules: FederationResponseRules = SPID_RESPONSE_RULES,
): SpidVerdict {
  const skew = exp.skewMs ?? CLOCK_SKEW_MS;
  try {
    let doc: Document;
    try {
      doc = parseXml(xml);
    } catch (err) {
      throw new Rejection(
        "malformed",
        err instanceof XmlError
          ? `La risposta non è un XML valido (${err.message}).`
          : "La risposta non è un XML valido.",
      );
    }
    const response = doc.documentElement;
    if (response.localName !== "Response" || response.namespaceURI !== NS.protocol)
      throw new Rejection("malformed", "Il messaggio ricevuto non è una risposta di autenticazione SAML.");
    const what = "della risposta";
    const responseId = checkIdVersion(response, what, "response");
    checkIssueInstant(response, what, "response-issue-instant", exp, skew);

    const inResponseTo = requiredAttr(response, "InResponseTo", "in-response-to", "della risposta");
    if (inResponseTo !== exp.requestId)
      throw new Rejection("in-response-to", "La risposta non corrisponde alla richiesta di autenticazione.");

    const destination = requiredAttr(response, "Destination", "destination", "della risposta");
    if (destination !== exp.acsUrl)
      throw new Rejection(
        "destination",
        "La Destination della risposta non è l'indirizzo di questo portale.",
      );

    checkIssuer(response, what, "response-issuer", exp, false);
    checkStatus(response, rules);
    if (rules.responseSigned && childElements(response, NS.dsig, "Signature").length === 0)
      throw new Rejection("response-unsigned", "La risposta non è firmata dal gestore di identità.", 403);

    const assertions = childElements(response, NS.assertion, "Assertion");
    if (childElements(response, NS.assertion, "EncryptedAssertion").length > 0)
      throw new Rejection("assertion-count", "Le asserzioni cifrate non sono supportate.");
    if (assertions.length === 0)
      throw new Rejection("assertion-count", "La risposta non contiene un'asserzione.");
    if (assertions.length > 1)
      throw new Rejection("assertion-count", "La risposta contiene più di un'asserzione.");

    return { ok: true, facts: { responseId, ...checkAssertion(assertions[0], exp, skew, rules) } };
  } catch (err) {
    if (err instanceof Rejection)
      return { ok: false, code: err.code, status: err.status, detail: err.detail };
    return { ok: false, code: "malformed", status: 400, detail: "La risposta non è leggibile." };
  }
}
