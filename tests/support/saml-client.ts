/**
 * A SPID login over plain HTTP, the way a browser would do it, for tests that need a session:
 * portal /saml/login → demo IdP (login page, form) → the IdP's answer POSTed to the portal's ACS.
 * With `testIdp`, the scripted test IdP of spid-test-idp.ts answers instead (for servers not in
 * demo mode): its Response is built and signed here and POSTed to the ACS.
 *
 *   const { cookie } = await loginAs(server.url, { codiceFiscale: PERSONAS.famiglia.codiceFiscale });
 *   await request(server.url, cookie, "/area-personale");
 */
import { pageText, parseForms, type HtmlForm } from "./http";
import {
  buildResponse,
  postToAcs as postResponseToAcs,
  sessionCookie,
  signAssertion,
  startLogin,
  type KeyPair,
} from "./spid-test-idp";

export type SpidLevel = 1 | 2 | 3;
export type Binding = "redirect" | "post";
export type SpidErrorCode = "nr19" | "nr20" | "nr21" | "nr22" | "nr23" | "nr25";

export interface LoginOptions {
  codiceFiscale: string;
  /** The session cookie the browser already has, sent with /saml/login. */
  cookie?: string;
  /** Level chosen on the IdP's page. Default 2. */
  level?: SpidLevel;
  /** Level the portal asks for (`/saml/login?level=`). Default: `level`. */
  requestLevel?: SpidLevel;
  /** Path to land on after the login (`/saml/login?next=`). */
  next?: string;
  /** Binding of the AuthnRequest. Default: the portal's choice (Redirect when the IdP has it). */
  binding?: Binding;
  /** The IdP's short id or entityID in the portal's registry. Default "demo". */
  idp?: string;
  /**
   * Send the IdP steps and the ACS POST to this origin instead of the URLs in the messages
   * (which come from PUBLIC_URL): another server process on the same database.
   */
  answerVia?: string;
  /**
   * Log in through the scripted test IdP (the server has its metadata in SAML_IDP_DIR) signing
   * with these keys. Its Response says `TINIT-<codiceFiscale>`, the AuthnContextClassRef of `level`
   * (or `classRef`) and `attributes` (default: spid-test-idp's defaultAttributes). The redirects
   * after the ACS are not followed: finalUrl, status and body are the ACS's own answer.
   */
  testIdp?: KeyPair;
  classRef?: string;
  attributes?: Record<string, string>;
}

export interface FlowResult {
  /** Status of the portal's ACS answer (303 when the login succeeded, 4xx when refused). */
  acsStatus: number;
  /** The Location header of the ACS's answer: where the login lands. */
  location: string | null;
  /** After following the ACS redirects (with the cookie): the last URL, its status and body. */
  finalUrl: string;
  status: number;
  body: string;
}

export interface LoginResult extends FlowResult {
  /** `name=value` of the portal's session cookie, ready for a Cookie header. */
  cookie: string;
  /** The demo IdP's own session cookie (for "Esci da tutti i servizi", see idpLogout). */
  idpCookie: string;
}

/** The form carrying a SAML message (SAMLRequest or SAMLResponse). */
export function samlForm(html: string): HtmlForm {
  const form = parseForms(html).find((f) => "SAMLRequest" in f.fields || "SAMLResponse" in f.fields);
  if (!form) throw new Error(`no SAML form in the page:\n${pageText(html).slice(0, 1500)}`);
  return form;
}

/** Replaces the origin of `url` with `origin` (when given). */
function via(url: string, origin?: string): string {
  if (!origin) return url;
  const u = new URL(url);
  const o = new URL(origin);
  u.protocol = o.protocol;
  u.host = o.host;
  return u.toString();
}

/** The `name=value` pairs a response sets (deleted cookies left out). */
export function setCookies(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(";")[0];
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (value && !/max-age=0\b/i.test(line)) out[name] = value;
  }
  return out;
}

function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}

function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

async function expectOk(res: Response, what: string): Promise<string> {
  const body = await res.text();
  if (res.status !== 200)
    throw new Error(`${what}: HTTP ${res.status} at ${res.url}\n${pageText(body).slice(0, 1500)}`);
  return body;
}

/** Portal → IdP: returns the IdP's login page and where its form posts to. */
async function openIdpLoginPage(
  serverUrl: string,
  opts: Omit<LoginOptions, "codiceFiscale">,
): Promise<{ html: string; loginUrl: string; token: string }> {
  const params = new URLSearchParams({
    idp: opts.idp ?? "demo",
    level: String(opts.requestLevel ?? opts.level ?? 2),
  });
  if (opts.next) params.set("next", opts.next);
  if (opts.binding) params.set("binding", opts.binding);
  const start = await fetch(`${serverUrl}/saml/login?${params}`, {
    headers: opts.cookie ? { cookie: opts.cookie } : {},
    redirect: "manual",
  });
  let page: Response;
  if (start.status >= 300 && start.status < 400) {
    const location = new URL(start.headers.get("location") ?? "", serverUrl).toString();
    page = await fetch(via(location, opts.answerVia), { redirect: "manual" });
  } else {
    const html = await expectOk(start, "GET /saml/login");
    const request = samlForm(html);
    page = await fetch(via(new URL(request.action, serverUrl).toString(), opts.answerVia), {
      method: "POST",
      body: form(request.fields),
      redirect: "manual",
    });
  }
  const html = await expectOk(page, "the demo IdP's login page");
  const loginForm = parseForms(html).find((f) => "request" in f.fields);
  if (!loginForm) throw new Error(`no login form on the IdP's page:\n${pageText(html).slice(0, 1500)}`);
  return { html, loginUrl: new URL(loginForm.action, page.url).toString(), token: loginForm.fields.request };
}

/** IdP's answer page → the portal's ACS, then the redirects after it (with the session cookie). */
async function postToAcs(
  serverUrl: string,
  answerHtml: string,
  answerVia?: string,
): Promise<FlowResult & { cookies: Record<string, string> }> {
  const answer = samlForm(answerHtml);
  const acs = await fetch(via(new URL(answer.action, serverUrl).toString(), answerVia), {
    method: "POST",
    body: form(answer.fields),
    redirect: "manual",
  });
  const cookies = setCookies(acs);
  const cookie = cookieHeader(cookies);
  let res = acs;
  let url = acs.url;
  for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 5; hops++) {
    url = new URL(res.headers.get("location") ?? "/", url).toString();
    res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  }
  return {
    acsStatus: acs.status,
    location: acs.headers.get("location"),
    finalUrl: url,
    status: res.status,
    body: await res.text(),
    cookies,
  };
}

/** A full SPID login as `codiceFiscale`; throws if the portal does not open a session. */
export async function loginAs(serverUrl: string, opts: LoginOptions): Promise<LoginResult> {
  const result = await tryLoginAs(serverUrl, opts);
  if (!result.cookie || result.acsStatus !== 303) {
    throw new Error(
      `login refused: ACS answered ${result.acsStatus}, final ${result.status} at ${result.finalUrl}\n${pageText(result.body).slice(0, 1500)}`,
    );
  }
  return result;
}

/** Like loginAs, but returns what the portal answered even when it refuses the login (cookie ""). */
export async function tryLoginAs(serverUrl: string, opts: LoginOptions): Promise<LoginResult> {
  if (opts.testIdp) return loginAtTestIdp(serverUrl, opts.testIdp, opts);
  const { loginUrl, token } = await openIdpLoginPage(serverUrl, opts);
  const idpAnswer = await fetch(loginUrl, {
    method: "POST",
    body: form({
      request: token,
      level: String(opts.level ?? 2),
      action: "codice-fiscale",
      fiscalCode: opts.codiceFiscale,
    }),
    redirect: "manual",
  });
  const html = await expectOk(idpAnswer, `the demo IdP's answer for ${opts.codiceFiscale}`);
  const idpCookie = cookieHeader(setCookies(idpAnswer));
  const { cookies, ...result } = await postToAcs(serverUrl, html, opts.answerVia);
  const name = Object.keys(cookies).find((n) => n === "sid" || n === "__Host-sid");
  return { ...result, cookie: name ? `${name}=${cookies[name]}` : "", idpCookie };
}

/** The test IdP's signed Response for the AuthnRequest of /saml/login, POSTed to the ACS. */
async function loginAtTestIdp(serverUrl: string, idp: KeyPair, opts: LoginOptions): Promise<LoginResult> {
  const level = opts.requestLevel ?? opts.level;
  const login = await startLogin(serverUrl, { level, next: opts.next, cookie: opts.cookie });
  const { xml } = buildResponse({
    acsUrl: `${serverUrl}/saml/acs`,
    spEntityId: `${serverUrl}/saml/metadata`,
    requestId: login.requestId,
    fiscalNumber: `TINIT-${opts.codiceFiscale}`,
    attributes: opts.attributes,
    authnContextClassRef: opts.classRef ?? `https://www.spid.gov.it/SpidL${opts.level ?? 2}`,
  });
  const acs = await postResponseToAcs(serverUrl, signAssertion(xml, idp), login.relayState);
  return {
    acsStatus: acs.status,
    location: acs.location,
    finalUrl: `${serverUrl}/saml/acs`,
    status: acs.status,
    body: acs.body,
    cookie: sessionCookie(acs.setCookie) ?? "",
    idpCookie: "",
  };
}

/** The IdP answers with a SPID error code; returns the portal's answer (a 4xx page). */
export async function loginError(
  serverUrl: string,
  code: SpidErrorCode,
  opts: Omit<LoginOptions, "codiceFiscale" | "level"> = {},
): Promise<FlowResult> {
  const { loginUrl, token } = await openIdpLoginPage(serverUrl, opts);
  const idpAnswer = await fetch(loginUrl, {
    method: "POST",
    body: form({ request: token, error: code }),
    redirect: "manual",
  });
  const html = await expectOk(idpAnswer, `the demo IdP's error ${code}`);
  const { cookies: _cookies, ...result } = await postToAcs(serverUrl, html, opts.answerVia);
  return result;
}

/**
 * Follows redirects and auto-post forms from `first` until a page that is neither. The demo IdP's
 * cookies (path /demo-idp or /demo-cie) are kept and sent back to it, as a browser would.
 */
async function followSamlRoundTrip(
  first: Response,
  firstUrl: string,
  idpCookies: Record<string, string> = {},
): Promise<{ visited: string[]; finalUrl: string; status: number; body: string }> {
  const visited: string[] = [];
  const jar = { ...idpCookies };
  const absorb = (r: Response) => {
    for (const line of r.headers.getSetCookie()) {
      const pair = line.split(";")[0];
      const eq = pair.indexOf("=");
      if (eq <= 0 || !/path=\/demo-(idp|cie)/i.test(line)) continue;
      const name = pair.slice(0, eq).trim();
      if (/max-age=0\b/i.test(line) || !pair.slice(eq + 1).trim()) delete jar[name];
      else jar[name] = pair.slice(eq + 1).trim();
    }
  };
  const headersFor = (url: string): Record<string, string> =>
    /^\/demo-(idp|cie)\b/.test(new URL(url).pathname) && Object.keys(jar).length
      ? { cookie: cookieHeader(jar) }
      : {};
  let res = first;
  let url = firstUrl;
  for (let hops = 0; hops < 10; hops++) {
    visited.push(url);
    absorb(res);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location") ?? "/", url).toString();
      res = await fetch(url, { headers: headersFor(url), redirect: "manual" });
      continue;
    }
    const body = await res.text();
    const post =
      res.status === 200
        ? parseForms(body).find((f) => "SAMLRequest" in f.fields || "SAMLResponse" in f.fields)
        : undefined;
    if (!post) return { visited, finalUrl: url, status: res.status, body };
    url = new URL(post.action, url).toString();
    res = await fetch(url, {
      method: "POST",
      headers: headersFor(url),
      body: form(post.fields),
      redirect: "manual",
    });
  }
  throw new Error(`the SAML round trip did not settle: ${visited.join(" → ")}`);
}

/**
 * POST /saml/logout and follow the SLO round trip (portal → IdP → portal), Redirect or POST
 * binding. Returns the URLs visited and the last answer.
 */
export async function logout(
  serverUrl: string,
  cookie: string,
  csrf: string,
): Promise<{ visited: string[]; finalUrl: string; status: number; body: string }> {
  const url = `${serverUrl}/saml/logout`;
  const res = await fetch(url, {
    method: "POST",
    headers: { cookie },
    body: form({ csrf }),
    redirect: "manual",
  });
  return followSamlRoundTrip(res, url);
}

/**
 * "Esci da tutti i servizi" on the demo IdP: its LogoutRequest to the portal, the portal's
 * LogoutResponse back to the IdP. `idpCookie` comes from loginAs.
 */
export async function idpLogout(
  serverUrl: string,
  idpCookie: string,
): Promise<{ visited: string[]; finalUrl: string; status: number; body: string }> {
  const url = `${serverUrl}/demo-idp/logout`;
  const res = await fetch(url, { method: "POST", headers: { cookie: idpCookie }, redirect: "manual" });
  const jar: Record<string, string> = {};
  for (const pair of idpCookie.split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0) jar[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return followSamlRoundTrip(res, url, jar);
}
