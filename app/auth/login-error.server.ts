import { json, type AppLoadContext } from "@remix-run/node";
import { notFound } from "~/http.server";
import { isIdpErrorCode, loginErrorView, type LoginErrorView } from "~/auth/login-errors";

export interface LoginErrorData {
  kind: "error";
  code: string;
  /** The identity provider's own error code as it names it ("SPID nr22", "CIE nr23"), if any. */
  idpCode: string | null;
  detail: string | null;
  view: LoginErrorView;
}

/**
 * The loader of a refused login (or logout form). Express answers such a request through Remix at
 * the same URL (/saml/acs, /saml/login, /saml/logout, /saml/slo) with the reason in the load
 * context, so the page hydrates on the route it was rendered with. Reached directly: 404.
 */
export function loginErrorResponse(context: AppLoadContext) {
  const error = context.samlError;
  if (!error) throw notFound();
  const status = error.status >= 400 && error.status < 500 ? error.status : 400;
  const data: LoginErrorData = {
    kind: "error",
    code: error.code,
    idpCode: isIdpErrorCode(error.code)
      ? error.code.startsWith("cie-")
        ? `CIE ${error.code.slice(4)}`
        : `SPID ${error.code}`
      : null,
    detail: error.detail ?? null,
    view: loginErrorView(error.code),
  };
  return json(data, { status, headers: { "Cache-Control": "no-store" } });
}
