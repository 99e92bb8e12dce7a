/**
 * What the demo identity provider is: a SPID IdP (/demo-idp/) or CieID, the login with the
 * Carta d'identità elettronica (/demo-cie/). One implementation, two profiles; everything that
 * differs between them is written here.
 *
 * CieID (CIE eID SAML technical manual, Ministero dell'Interno) differs from SPID in: the eIDAS
 * minimum dataset only (name, familyName, dateOfBirth, fiscalNumber, all xs:string), a Response
 * Issuer without Format, ForceAuthn="true" at every level, a mandatory
 * AttributeConsumingServiceIndex, no IsPassive, Comparison "exact" or "minimum" only, the error
 * codes nr21, nr22, nr23 (the card expired or revoked) and nr25, and no single logout answers.
 */
import type { Credential } from "../../app/rules/identity";
import type { SpidLevel } from "../constants";
import type { SpidErrorCode } from "../spid-rules";
import { spidCode, type DemoUser } from "./people";
import type { SamlAttribute } from "./templates";

export interface RequestRules {
  /** ForceAuthn="true" is required at every level. */
  forceAuthn: boolean;
  /** AttributeConsumingServiceIndex is required (and must name a service of the SP's metadata). */
  attributeConsumingServiceIndex: boolean;
  /** IsPassive is refused, whatever its value. */
  refuseIsPassive: boolean;
  /** The RequestedAuthnContext Comparison values accepted; null: any. */
  comparisons: readonly string[] | null;
}

export interface DemoIdpProfile {
  kind: Credential;
  /** Prefix of every route, and the Path of the cookies. */
  basePath: "/demo-idp" | "/demo-cie";
  /** Prefix of the cookie names. */
  cookiePrefix: string;
  /** Key files DATA_DIR/saml/<keyFileBase>-key.pem and -cert.pem. */
  keyFileBase: string;
  /** Metadata Organization (the name the login button shows), certificate CN, pages' title. */
  orgName: string;
  /** The credential's short name on the pages: "SPID livello 2", "Simula un errore CIE". */
  credential: string;
  /** The pages' banner. */
  headerText: string;
  /** The pages' footer. */
  footerText: string;
  /** The home page's description. */
  homeText: string;
  /** What the login page says the real IdP would ask, before the personas; none for SPID. */
  loginNote?: string;
  /** The level choices of the login page. */
  levels: Readonly<Record<SpidLevel, string>>;
  /** The error answers the login page offers, in order, with their wording (nr25 is "Annulla"). */
  errors: Readonly<Partial<Record<SpidErrorCode, string>>>;
  /** The attributes the assertion releases. */
  attributes(user: DemoUser): SamlAttribute[];
  /** Whether the Response's own Issuer carries Format (the Assertion's always does). */
  responseIssuerFormat: boolean;
  request: RequestRules;
  /**
   * Whether the IdP answers the SP's LogoutRequest with a LogoutResponse and offers "Esci da
   * tutti i servizi". Without it a LogoutRequest ends the IdP's session and shows a page.
   */
  singleLogout: boolean;
}

function spidAttributes(user: DemoUser): SamlAttribute[] {
  const list: SamlAttribute[] = [
    { name: "spidCode", value: spidCode(user.codiceFiscale), type: "xs:string" },
    { name: "name", value: user.name, type: "xs:string" },
    { name: "familyName", value: user.familyName, type: "xs:string" },
    { name: "fiscalNumber", value: `TINIT-${user.codiceFiscale}`, type: "xs:string" },
  ];
  if (user.dateOfBirth) list.push({ name: "dateOfBirth", value: user.dateOfBirth, type: "xs:date" });
  if (user.placeOfBirth) list.push({ name: "placeOfBirth", value: user.placeOfBirth, type: "xs:string" });
  if (user.countyOfBirth) list.push({ name: "countyOfBirth", value: user.countyOfBirth, type: "xs:string" });
  if (user.gender) list.push({ name: "gender", value: user.gender, type: "xs:string" });
  if (user.email) list.push({ name: "email", value: user.email, type: "xs:string" });
  if (user.mobilePhone) list.push({ name: "mobilePhone", value: user.mobilePhone, type: "xs:string" });
  return list;
}

/** The eIDAS minimum dataset, all xs:string; dateOfBirth as YYYY-MM-DD. */
function cieAttributes(user: DemoUser): SamlAttribute[] {
  const list: SamlAttribute[] = [
    { name: "name", value: user.name, type: "xs:string" },
    { name: "familyName", value: user.familyName, type: "xs:string" },
  ];
  if (user.dateOfBirth) list.push({ name: "dateOfBirth", value: user.dateOfBirth, type: "xs:string" });
  list.push({ name: "fiscalNumber", value: `TINIT-${user.codiceFiscale}`, type: "xs:string" });
  return list;
}

export const SPID_PROFILE: DemoIdpProfile = {
  kind: "spid",
  basePath: "/demo-idp",
  cookiePrefix: "demo_idp",
  keyFileBase: "demo-idp",
  orgName: "Identity provider dimostrativo",
  credential: "SPID",
  headerText: "Identity provider dimostrativo — solo per prove, nessuna credenziale reale",
  footerText:
    "Questo identity provider esiste solo nell'ambiente dimostrativo del portale: non verifica alcuna credenziale e non deve essere usato in produzione.",
  homeText:
    "Questo identity provider SAML risponde al portale nell'ambiente dimostrativo, con le persone dei dati di prova. Non chiede password e non esiste fuori dalla modalità demo.",
  levels: {
    1: "SPID livello 1 — nome utente e password",
    2: "SPID livello 2 — password e codice temporaneo",
    3: "SPID livello 3 — dispositivo fisico (carta o chiavetta)",
  },
  errors: {
    nr19: "Autenticazione fallita per ripetuta sottomissione di credenziali errate",
    nr20: "Utente privo di credenziali compatibili con il livello richiesto dal fornitore del servizio",
    nr21: "Timeout durante l'autenticazione utente",
    nr22: "Utente nega il consenso all'invio di dati al fornitore del servizio",
    nr23: "Utente con identità sospesa o revocata o con credenziali bloccate",
    nr25: "Processo di autenticazione annullato dall'utente",
  },
  attributes: spidAttributes,
  responseIssuerFormat: true,
  request: {
    forceAuthn: false,
    attributeConsumingServiceIndex: false,
    refuseIsPassive: false,
    comparisons: null,
  },
  singleLogout: true,
};

export const CIE_PROFILE: DemoIdpProfile = {
  kind: "cie",
  basePath: "/demo-cie",
  cookiePrefix: "demo_cie",
  keyFileBase: "demo-cie",
  orgName: "CieID dimostrativo",
  credential: "CIE",
  headerText: "CieID dimostrativo — solo per prove, nessuna carta d'identità reale",
  footerText:
    "Questo identity provider esiste solo nell'ambiente dimostrativo del portale: non legge alcuna Carta d'identità elettronica, non verifica alcuna credenziale e non deve essere usato in produzione.",
  homeText:
    "Questo identity provider SAML imita l'accesso con la Carta d'identità elettronica (CieID) nell'ambiente dimostrativo del portale, con le persone dei dati di prova. Non chiede la carta né password e non esiste fuori dalla modalità demo.",
  loginNote:
    "Questa è una dimostrazione di CieID. Il servizio reale chiede, secondo il livello, nome utente e password, un codice temporaneo o l'app CieID, oppure la carta appoggiata allo smartphone (NFC) o a un lettore; qui scegli invece una persona dei dati dimostrativi.",
  levels: {
    1: "CIE livello 1 — nome utente e password",
    2: "CIE livello 2 — nome utente, password e codice temporaneo o app CieID",
    3: "CIE livello 3 — Carta d'identità elettronica letta dallo smartphone (NFC) o da un lettore",
  },
  // nr19 and nr20 are reserved by CieID and never sent.
  errors: {
    nr21: "Tempo scaduto: l'autenticazione con la CIE non è stata completata in tempo",
    nr22: "L'utente nega il consenso all'invio dei dati al servizio",
    nr23: "CIE scaduta o revocata",
    nr25: "Autenticazione annullata dall'utente",
  },
  attributes: cieAttributes,
  responseIssuerFormat: false,
  request: {
    forceAuthn: true,
    attributeConsumingServiceIndex: true,
    refuseIsPassive: true,
    comparisons: ["exact", "minimum"],
  },
  singleLogout: false,
};

export function profileFor(kind: Credential): DemoIdpProfile {
  return kind === "cie" ? CIE_PROFILE : SPID_PROFILE;
}

/** Whether `code` is one of the error answers this profile offers. */
export function isErrorCode(profile: DemoIdpProfile, code: unknown): code is SpidErrorCode {
  return typeof code === "string" && Object.prototype.hasOwnProperty.call(profile.errors, code);
}
