import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { pageMeta } from "~/components/site";
import { loginErrorResponse } from "~/auth/login-error.server";
import { LoginErrorPage, loginErrorKey } from "~/components/login-error-page";
import { safeReturnPath } from "~/auth/return-path";
import { samlService } from "~/auth/saml-service";
import { CieButton, SpidButton, spidButtonLinks } from "~/auth/spid-button";
import { metaT } from "~/i18n/instance";
import { messagesLoader } from "~/i18n/react";

export const handle = { i18n: ["login"] };

export const clientLoader = messagesLoader(["login"]);

export const links: LinksFunction = () => spidButtonLinks();

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches, "login");
  return data?.kind === "error"
    ? pageMeta(t(`${loginErrorKey(data.code)}.title`), matches)
    : pageMeta(t("title"), matches, t("description"));
};

/**
 * GET /saml/login without an IdP: Express passes it here to choose one. With invalid parameters
 * Express refused the request and the reason is rendered here, at the same URL.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.samlError) return loginErrorResponse(context);
  const url = new URL(request.url);
  const service = samlService(context);
  const levelParam = url.searchParams.get("level");
  const level = levelParam === "1" || levelParam === "2" || levelParam === "3" ? Number(levelParam) : null;
  return json(
    {
      kind: "choose" as const,
      idps: service.listIdps("spid"),
      // CieID is one identity provider; a second metadata file (pre-production) is not offered here.
      cie: service.listIdps("cie")[0] ?? null,
      level,
      next: safeReturnPath(url.searchParams.get("next")),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Login() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("login");
  if (data.kind === "error") return <LoginErrorPage data={data} />;
  const { idps, cie, level, next } = data;
  return (
    <div className="container my-4 mb-5">
      <Breadcrumb items={[{ label: t("nav.home"), to: "/" }, { label: t("title") }]} />
      <div className="row">
        <div className="col-lg-8">
          <h1 className="mt-3">{t("heading")}</h1>
          <p className="lead">{t("lead")}</p>
          {level && level > 1 ? <p>{t("level", { level })}</p> : null}
          {idps.length || cie ? (
            <div className="row g-4 mt-1">
              {idps.length ? (
                <section className="col-md-6" aria-labelledby="accesso-spid">
                  <h2 className="h5" id="accesso-spid">
                    {t("spid.title")}
                  </h2>
                  <p>{t("spid.text")}</p>
                  <SpidButton idps={idps} level={level} next={next} />
                </section>
              ) : null}
              {cie ? (
                <section className="col-md-6" aria-labelledby="accesso-cie">
                  <h2 className="h5" id="accesso-cie">
                    {t("cie.title")}
                  </h2>
                  <p>{t("cie.text")}</p>
                  <CieButton idp={cie} level={level} next={next} />
                  <p className="mt-2 small">
                    <a
                      href="https://www.cartaidentita.interno.gov.it/cittadini/entra-con-cie/"
                      rel="noopener noreferrer"
                    >
                      {t("cie.howTo")}
                    </a>
                  </p>
                </section>
              ) : null}
            </div>
          ) : (
            <div className="alert alert-warning" role="alert">
              {t("noIdp")}
            </div>
          )}
          <p className="mt-5">
            <Link to="/">{t("backHome")}</Link>
          </p>
        </div>
      </div>
    </div>
  );
}
