// What the payment pages share on the web side: the cart (a signed cookie of notice ids), the
// anti-forgery token of pages a payer may use without login, HTTP answers for refusals and PDFs.
import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { TaxKind } from "../../db/schema";
import type { Config } from "~/env.server";
import { readCookie } from "~/auth/session.server";
import { MAX_CART_ITEMS, type Refusal, type RefusalCode } from "~/payments/rules";

// ---- cart ---------------------------------------------------------------------------------------

type CartConfig = Pick<Config, "secure" | "sessionSecret">;

function cartCookie(config: CartConfig) {
  return createCookie("carrello", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: config.secure,
    secrets: [config.sessionSecret],
    maxAge: 8 * 60 * 60,
  });
}

/**
 * The ids in the citizen's cart. The cookie names its owner: in a shared browser, another
 * person's cart is ignored (and every id is checked against the debtor anyway).
 */
export async function readCart(request: Request, config: CartConfig, citizenId: number): Promise<number[]> {
  const value = (await cartCookie(config).parse(request.headers.get("Cookie"))) as {
    c?: unknown;
    ids?: unknown;
  } | null;
  if (!value || value.c !== citizenId || !Array.isArray(value.ids)) return [];
  return value.ids.filter((n): n is number => Number.isSafeInteger(n) && n > 0).slice(0, MAX_CART_ITEMS);
}

export function writeCart(config: CartConfig, citizenId: number, ids: number[]): Promise<string> {
  return cartCookie(config).serialize({ c: citizenId, ids: ids.slice(0, MAX_CART_ITEMS) });
}

export function clearCart(config: CartConfig): Promise<string> {
  return cartCookie(config).serialize("", { maxAge: 0 });
}

// ---- anti-forgery for pages without a session ----------------------------------------------------

const FORM_COOKIE = "pagamento_modulo";
const FORM_FIELD = "csrf";
const COOKIE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

type TokenConfig = Pick<Config, "secure" | "sessionSecret">;

function tokenFor(config: TokenConfig, cookieValue: string): string {
  return crypto
    .createHmac("sha256", config.sessionSecret)
    .update(`pagamento:${cookieValue}`)
    .digest("base64url");
}

/**
 * A token for the forms of /paga-un-avviso and /checkout, which payers use without login: a
 * random cookie (SameSite=Lax, so a cross-site POST does not carry it) and, in the form, its HMAC.
 * Returns the Set-Cookie header to send when the browser has no cookie yet.
 */
export function issueFormToken(
  request: Request,
  config: TokenConfig,
): { token: string; setCookie: string | null } {
  const existing = readCookie(request.headers.get("Cookie"), FORM_COOKIE);
  if (existing && COOKIE_PATTERN.test(existing))
    return { token: tokenFor(config, existing), setCookie: null };
  const value = crypto.randomBytes(32).toString("base64url");
  const parts = [`${FORM_COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (config.secure) parts.push("Secure");
  return { token: tokenFor(config, value), setCookie: parts.join("; ") };
}

export const FORM_TOKEN_MESSAGE =
  "La richiesta non è stata accettata perché il modulo è scaduto o non proviene da questo portale. Ricarica la pagina e riprova.";

/** Throws 403 unless the form carries the token of this browser's cookie. */
export function verifyFormToken(request: Request, form: FormData, config: TokenConfig): void {
  const cookie = readCookie(request.headers.get("Cookie"), FORM_COOKIE);
  const given = form.get(FORM_FIELD);
  const ok =
    !!cookie &&
    COOKIE_PATTERN.test(cookie) &&
    typeof given === "string" &&
    given.length === 43 &&
    crypto.timingSafeEqual(Buffer.from(given), Buffer.from(tokenFor(config, cookie)));
  if (!ok) {
    throw new Response(JSON.stringify({ message: FORM_TOKEN_MESSAGE }), {
      status: 403,
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
}

// ---- answers --------------------------------------------------------------------------------------

const REFUSAL_STATUS: Record<RefusalCode, number> = {
  non_trovato: 404,
  gia_pagato: 409,
  gia_in_pagamento: 409,
  non_pagabile: 409,
  carrello_vuoto: 400,
  carrello_troppo_grande: 400,
  scaduto: 409,
  importo_errato: 422,
  ricevuta_in_conflitto: 409,
};

export function refusalStatus(r: Refusal): number {
  return REFUSAL_STATUS[r.code];
}

/** A PDF download that no cache keeps (it carries personal data). */
export function pdfResponse(pdf: Buffer, filename: string): Response {
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The taxpayer-dossier page an instalment belongs to: the tax's page of that year, if it has years. */
export function taxInstalmentHref(t: { tax: TaxKind; year: number }): string {
  switch (t.tax) {
    case "IMU":
      return `/area-personale/contribuente/imu/${t.year}`;
    case "TARI":
      return `/area-personale/contribuente/tari/${t.year}`;
    case "BOLLO":
      return "/area-personale/contribuente/veicoli";
    case "ACCERTAMENTO":
      return "/area-personale/contribuente/accertamenti";
  }
}
