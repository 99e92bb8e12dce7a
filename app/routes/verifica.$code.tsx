import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { CERTIFICATE_PURPOSES } from "~/dossier/labels";
import { findCertificateByCode } from "~/dossier/certificates.server";
import { formatVerificationCode, normalizeVerificationCode } from "~/dossier/verification-code";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

/**
 * Public check of a certificate by its verification code (no login): who issued it, which kind,
 * when, and for whom by initials only. Unknown or altered codes answer 404, codes that cannot be
 * codes 400; both say "Certificato non valido".
 */

export const links = taxpayerLinks;

export const handle = { i18n: ["verify"] };

export const clientLoader = messagesLoader(["verify"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches, data }) => {
  const t = metaT(matches, "verify");
  return [
    ...(error ? errorMeta(error, matches) : pageMeta(t(data?.valid ? "valid" : "invalid"), matches)),
    { name: "robots", content: "noindex, nofollow" },
  ];
};

/** The key of a stored purpose (stored as its Italian label), or null for one the table does not list. */
function purposeKey(purpose: string): string | null {
  const found = Object.entries(CERTIFICATE_PURPOSES).find(([, label]) => label === purpose);
  return found ? found[0] : null;
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const HEADERS = {
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "no-referrer",
};

export async function loader({ params, context }: LoaderFunctionArgs) {
  const raw = params.code ?? "";
  const code = normalizeVerificationCode(raw);
  if (code === null) {
    return json(
      { valid: false as const, reason: "formato" as const, code: null },
      { status: 400, headers: HEADERS },
    );
  }
  const found = await findCertificateByCode(context.db, code);
  if (!found) {
    return json(
      { valid: false as const, reason: "sconosciuto" as const, code: formatVerificationCode(code) },
      { status: 404, headers: HEADERS },
    );
  }
  return json(
    {
      valid: true as const,
      code: formatVerificationCode(code),
      certificate: {
        kind: found.kind,
        enteName: found.enteName,
        issuedAt: found.issuedAt,
        subjectInitials: found.subjectInitials,
        purpose: found.purpose,
        contentHash: found.contentHash,
      },
    },
    { headers: HEADERS },
  );
}

export default function Verifica() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("verify");
  const f = useFormat();
  const code = { code: <span className="portal-code" /> };
  const purpose = data.valid ? purposeKey(data.certificate.purpose) : null;
  return (
    <div className="container my-4">
      <Breadcrumb items={[{ label: t("nav.home"), to: "/" }, { label: t("title") }]} />
      <div className="row">
        <div className="col-lg-9">
          <h1>{t("title")}</h1>
          {data.valid ? (
            <section className="portal-verify-result" aria-labelledby="esito">
              <h2 id="esito" className="h3">
                <Icon name="it-check-circle" className="icon-success me-2" />
                {t("valid")}
              </h2>
              <p>
                <Trans i18nKey="validText" t={t} values={{ code: data.code }} components={code} />
              </p>
              <dl className="row mb-0">
                <dt className="col-sm-4">{t("kind")}</dt>
                <dd className="col-sm-8">{t(`certificateKind.${data.certificate.kind}`)}</dd>
                <dt className="col-sm-4">{t("issuer")}</dt>
                <dd className="col-sm-8">{data.certificate.enteName}</dd>
                <dt className="col-sm-4">{t("issuedOn")}</dt>
                {/* The day of issue as the certificate states it (the date part of issued_at, as in the PDF). */}
                <dd className="col-sm-8">{f.date(data.certificate.issuedAt)}</dd>
                <dt className="col-sm-4">{t("subject")}</dt>
                <dd className="col-sm-8">
                  {data.certificate.subjectInitials} <span className="small">{t("initialsOnly")}</span>
                </dd>
                <dt className="col-sm-4">{t("purpose")}</dt>
                <dd className="col-sm-8">
                  {purpose ? t(`certificatePurpose.${purpose}`) : data.certificate.purpose}
                </dd>
                <dt className="col-sm-4">{t("hash")}</dt>
                <dd className="col-sm-8">
                  <code className="portal-code small">{data.certificate.contentHash}</code>
                </dd>
              </dl>
            </section>
          ) : (
            <section className="portal-verify-result portal-verify-invalid" aria-labelledby="esito">
              <h2 id="esito" className="h3">
                <Icon name="it-close-circle" className="icon-danger me-2" />
                {t("invalid")}
              </h2>
              {data.reason === "formato" ? (
                <p className="mb-0">
                  <Trans i18nKey="badFormat" t={t} components={code} />
                </p>
              ) : (
                <p className="mb-0">
                  <Trans i18nKey="unknown" t={t} values={{ code: data.code }} components={code} />
                </p>
              )}
            </section>
          )}
          <h2 className="h4">{t("howTo.title")}</h2>
          <ul>
            <li>{t("howTo.data")}</li>
            <li>{t("howTo.hash")}</li>
            <li>{t("howTo.office")}</li>
          </ul>
          <p className="mt-4">
            <Link to="/">{t("backHome")}</Link>
          </p>
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
