/**
 * HTTP as a browser without JavaScript speaks it, for tests against the real server: one request
 * (`request`, `send`), a client that keeps its cookies (`WebClient`), and reading the answer (the
 * visible text, the forms, the anti-forgery token). Redirects are never followed.
 *
 *   const page = await request(server.url, cookie, "/area-personale/pratiche");
 *   await request(server.url, cookie, "/area-personale/pratiche", { csrf: csrfOf(page.body), ... });
 */

export interface PageResponse {
  res: Response;
  status: number;
  /** The Location header of a redirect (requests never follow redirects). */
  location: string | null;
  headers: Headers;
  setCookies: string[];
  /** The body as bytes (PDFs, CSV) and as text. */
  buffer: Buffer;
  body: string;
  /** The visible text of an HTML body, whitespace collapsed. */
  text: string;
}

/** The fields of an url-encoded form; a repeated field is an array. */
export type FormFields = Record<string, string | string[]>;

export interface SendOptions {
  /** The Cookie header, if any. */
  cookie?: string | null;
  /** Default: POST when there is a form or a body, else GET. */
  method?: string;
  /** An url-encoded form. */
  form?: FormFields;
  /** Any other body (multipart FormData, JSON, raw bytes), sent as given. */
  body?: BodyInit;
  headers?: Record<string, string>;
}

function encodeForm(fields: FormFields): URLSearchParams {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  return body;
}

/** One request to an absolute URL; redirects not followed. */
export async function send(url: string, opts: SendOptions = {}): Promise<PageResponse> {
  const body = opts.form ? encodeForm(opts.form) : opts.body;
  const res = await fetch(url, {
    method: opts.method ?? (body === undefined ? "GET" : "POST"),
    headers: {
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      ...opts.headers,
    },
    body,
    redirect: "manual",
  });
  const buffer = Buffer.from(await res.arrayBuffer());
  // As fetch's text() decodes it: UTF-8, a leading byte-order mark dropped (it stays in `buffer`).
  const text = new TextDecoder().decode(buffer);
  // A page is text: a NUL byte means the renderer wrote bytes it never filled (decision 032).
  if ((res.headers.get("content-type") ?? "").startsWith("text/html") && buffer.includes(0))
    throw new Error(`${url}: NUL byte at ${buffer.indexOf(0)} of the HTML`);
  return {
    res,
    status: res.status,
    location: res.headers.get("location"),
    headers: res.headers,
    setCookies: res.headers.getSetCookie(),
    buffer,
    body: text,
    text: pageText(text),
  };
}

/**
 * One request as a browser without JavaScript makes it: GET, or POST of an url-encoded form when
 * `form` is given, with the session cookie if any, redirects not followed.
 */
export function request(
  baseUrl: string,
  cookie: string | null,
  path: string,
  form?: FormFields,
): Promise<PageResponse> {
  return send(baseUrl + path, { cookie, form });
}

/**
 * A browser without JavaScript: it keeps the cookies the server sets (and forgets those it
 * deletes) and sends them back to the same server; redirects are not followed.
 */
export class WebClient {
  private readonly jar = new Map<string, string>();

  /** `cookie`: a Cookie header to start with (the session cookie of loginAs). */
  constructor(
    readonly baseUrl: string,
    cookie?: string | null,
  ) {
    for (const pair of (cookie ?? "").split(";")) this.store(pair);
  }

  /** The Cookie header the client sends. */
  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Keeps one `name=value` (a Set-Cookie line's attributes decide whether it is a deletion). */
  private store(line: string) {
    const [pair, ...attributes] = line.split(";");
    const eq = pair!.indexOf("=");
    if (eq <= 0) return;
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    if (value === "" || attributes.some((a) => /max-age=0\b/i.test(a))) this.jar.delete(name);
    else this.jar.set(name, value);
  }

  /** A request to `path` on the client's server, with its cookies; keeps what the answer sets. */
  async send(path: string, opts: Omit<SendOptions, "cookie"> = {}): Promise<PageResponse> {
    const res = await send(this.baseUrl + path, { ...opts, cookie: this.cookie || null });
    for (const line of res.setCookies) this.store(line);
    return res;
  }

  get(path: string): Promise<PageResponse> {
    return this.send(path);
  }

  /** POST of an url-encoded form. */
  post(path: string, form: FormFields): Promise<PageResponse> {
    return this.send(path, { form });
  }
}

// ---- reading pages ------------------------------------------------------------------------------

export interface HtmlForm {
  action: string;
  method: string;
  /** The hidden fields. */
  fields: Record<string, string>;
  /** The form's markup, from <form> to </form>. */
  html: string;
}

export function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&#x0*27;|&apos;/gi, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&");
}

function attrOf(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "i").exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? "") : undefined;
}

/** The forms of a page with their hidden fields (enough for auto-post pages and the IdP's page). */
export function parseForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  const re = /<form\b([^>]*)>([\s\S]*?)<\/form>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const fields: Record<string, string> = {};
    for (const input of m[2]!.match(/<input\b[^>]*>/gi) ?? []) {
      const type = (attrOf(input, "type") ?? "text").toLowerCase();
      const name = attrOf(input, "name");
      if (type === "hidden" && name) fields[name] = attrOf(input, "value") ?? "";
    }
    forms.push({
      action: attrOf(`<form${m[1]}>`, "action") ?? "",
      method: (attrOf(`<form${m[1]}>`, "method") ?? "get").toLowerCase(),
      fields,
      html: m[0],
    });
  }
  return forms;
}

/**
 * The anti-forgery token of a page's form: the first form with a token whose markup contains
 * `marker` (a field, a button's value, an action); without a marker, the first that does not post
 * to /saml/ (the header's logout form has a token too). Throws when there is no such form.
 */
export function csrfOf(html: string, marker?: string): string {
  const form = parseForms(html).find(
    (f) => "csrf" in f.fields && (marker ? f.html.includes(marker) : !/\/saml\//.test(f.action)),
  );
  if (!form) throw new Error(`no form with a CSRF token${marker ? ` and ${marker}` : ""} in the page`);
  return form.fields.csrf!;
}

/** The readable text of a page (no head, scripts or tags), for assertions and error messages. */
export function pageText(html: string): string {
  return decodeEntities(
    html
      .replace(/<head\b[\s\S]*?<\/head>/i, "")
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, "")
      .replace(/<[^>]+>/g, " "),
  )
    .replace(/\s+/g, " ")
    .trim();
}
