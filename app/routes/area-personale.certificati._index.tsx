import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { Pagination } from "~/components/dossier/pagination";
import { parseOptionalId, parsePage } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { CERTIFICATE_PURPOSES } from "~/dossier/labels";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";
import { getCertificate, listCertificates } from "~/dossier/certificates.server";
import { formatVerificationCode } from "~/dossier/verification-code";

export const links = taxpayerLinks;

export const handle = { i18n: ["certificates"] };

export const clientLoader = messagesLoader(["certificates"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  const t = metaT(matches, "certificates");
  return error ? errorMeta(error, matches) : pageMeta(t("title"), matches);
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const params = new URL(request.url).searchParams;
  const page = parsePage(params);
  const issuedId = parseOptionalId(params.get("emesso"));
  const level = session.spid_level;
  if (citizenId === null) {
    return json({ known: false, level, list: { items: [], total: 0, page: 1, pages: 1 }, issued: null });
  }
  const [list, issuedRow] = await Promise.all([
    listCertificates(context.db, citizenId, { page }),
    typeof issuedId === "number"
      ? getCertificate(context.db, citizenId, issuedId)
      : Promise.resolve(undefined),
  ]);
  const issued = issuedRow
    ? { id: issuedRow.id, kind: issuedRow.kind, verificationCode: issuedRow.verification_code }
    : null;
  return json({ known: true, level, list, issued });
}

export default function Certificati() {
  const { known, level, list, issued } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const { t } = useTranslation("certificates");
  const f = useFormat();
  const purposeText = usePurposeText();
  // The day of issue as the certificate states it (the date part of issued_at, as in the PDF).
  // Certificates are official documents in Italian: English pages say so next to the download.
  const pdfNote = f.locale === "it" ? null : <span className="small ms-2">{t("pdfNote")}</span>;
  return (
    <>
      <Breadcrumb items={[{ label: t("common:nav.area"), to: "/area-personale" }, { label: t("title") }]} />
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {issued ? (
        <div className="alert alert-success" role="status">
          <h2 className="h4">{t("issued.title")}</h2>
          <p>
            <Trans
              i18nKey="issued.text"
              t={t}
              values={{
                kind: t(`kind.${issued.kind}`).toLowerCase(),
                code: formatVerificationCode(issued.verificationCode),
              }}
              components={{ code: <span className="portal-code" /> }}
            />
          </p>
          <p className="mb-0">
            <a className="btn btn-primary" href={`/area-personale/certificati/${issued.id}/pdf`}>
              <Icon name="it-download" size="sm" className="icon-white me-2" />
              {t("issued.download")}
            </a>
            {pdfNote}
          </p>
        </div>
      ) : null}
      {known ? (
        <p>
          <Link className="btn btn-outline-primary" to="/area-personale/certificati/richiedi">
            <Icon name="it-plus-circle" size="sm" className="icon-primary me-2" />
            {t("request")}
          </Link>
        </p>
      ) : null}
      {level < 2 ? (
        <p className="small">
          <Icon name="it-lock" size="sm" className="me-1" />
          {t("levelNote")}
        </p>
      ) : null}

      <h2 className="h3 mt-4">{t("list.heading")}</h2>
      {!known ? (
        <EmptyState title={t("notKnown.title")}>
          <p className="mb-0">{t("notKnown.text")}</p>
        </EmptyState>
      ) : list.total === 0 ? (
        <EmptyState title={t("empty.title")}>
          <p className="mb-0">{t("empty.text")}</p>
        </EmptyState>
      ) : (
        <>
          <TableBox label={t("list.heading")}>
            <table className="table portal-figures">
              <caption className="visually-hidden">
                {t("list.caption", { page: list.page, pages: list.pages })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.kind")}</th>
                  <th scope="col">{t("list.issuedOn")}</th>
                  <th scope="col">{t("list.code")}</th>
                  <th scope="col">{t("list.document")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {t(`kind.${c.kind}`)}
                      <span className="d-block small fw-normal">
                        {c.enteName} · {purposeText(c.purpose)}
                      </span>
                    </th>
                    <td>{f.date(c.issuedAt)}</td>
                    <td>
                      <span className="portal-amount">{formatVerificationCode(c.verificationCode)}</span>
                    </td>
                    <td>
                      <a href={`/area-personale/certificati/${c.id}/pdf`}>
                        {t("list.download")}
                        <span className="visually-hidden">
                          {" "}
                          {t("list.downloadOf", {
                            kind: t(`kind.${c.kind}`).toLowerCase(),
                            date: f.date(c.issuedAt),
                          })}
                        </span>
                      </a>
                      {pdfNote}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <Pagination page={list.page} pageCount={list.pages} search={search} label={t("list.pages")} />
        </>
      )}
    </>
  );
}

/**
 * The stored purpose is the Italian label printed on the certificate: shown in the page's
 * language when it is one of the portal's purposes, as stored otherwise.
 */
function usePurposeText(): (stored: string) => string {
  const { t } = useTranslation("certificates");
  return (stored) => {
    const code = Object.entries(CERTIFICATE_PURPOSES).find(([, label]) => label === stored)?.[0];
    return code ? t(`purpose.${code}`) : stored;
  };
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
