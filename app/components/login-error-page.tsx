import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { LoginErrorData } from "~/auth/login-error.server";
import { LOGIN_ERROR_CODES } from "~/auth/login-errors";
import { Breadcrumb } from "~/components/breadcrumb";
import { useServerText } from "~/i18n/react";

/**
 * The key of a refusal's texts in the "login" namespace: `errors.<code>` for the codes the domain
 * table (app/auth/login-errors.ts) names, `errors.generic` for any other.
 */
export function loginErrorKey(code: string | undefined): string {
  return code && LOGIN_ERROR_CODES.includes(code) ? `errors.${code}` : "errors.generic";
}

export function LoginErrorPage({ data }: { data: LoginErrorData }) {
  const { view, detail, idpCode } = data;
  const { t } = useTranslation("login");
  const serverText = useServerText();
  const key = loginErrorKey(data.code);
  const title = t(`${key}.title`);
  return (
    <div className="container my-4 mb-5">
      <Breadcrumb items={[{ label: t("nav.home"), to: "/" }, { label: title }]} />
      <div className="row">
        <div className="col-lg-8">
          <h1 className="mt-3">{title}</h1>
          <div className="alert alert-danger mt-4" role="alert">
            <p className="mb-0">{t(`${key}.message`)}</p>
          </div>
          {detail ? (
            <p>
              <strong>{t("errorPage.detail")}</strong> {serverText(detail)}
            </p>
          ) : null}
          {idpCode ? <p className="text-muted small">{t("errorPage.code", { code: idpCode })}</p> : null}
          {view.retry ? <p>{t("errorPage.noSession")}</p> : null}
          <div className="d-flex flex-wrap gap-3 mt-4">
            {view.retry ? (
              <a className="btn btn-primary" href="/saml/login">
                {t("errorPage.retry")}
              </a>
            ) : null}
            <Link className="btn btn-outline-primary" to="/">
              {t("backHome")}
            </Link>
          </div>
        </div>
      </div>
    </div>
  );
}
