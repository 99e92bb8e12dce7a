import { pageText } from "./saml-client";

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

/**
 * One request as a browser without JavaScript makes it: GET, or POST of an url-encoded form when
 * `form` is given, with the session cookie if any, redirects not followed.
 */
export async function request(
  baseUrl: string,
  cookie: string | null,
  path: string,
  form?: Record<string, string>,
): Promise<PageResponse> {
  const res = await fetch(baseUrl + path, {
    method: form ? "POST" : "GET",
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    body: form ? new URLSearchParams(form) : undefined,
    redirect: "manual",
  });
  const buffer = Buffer.from(await res.arrayBuffer());
  // As fetch's text() decodes it: UTF-8, a leading byte-order mark dropped (it stays in `buffer`).
  const body = new TextDecoder().decode(buffer);
  return {
    res,
    status: res.status,
    location: res.headers.get("location"),
    headers: res.headers,
    setCookies: res.headers.getSetCookie(),
    buffer,
    body,
    text: pageText(body),
  };
}
