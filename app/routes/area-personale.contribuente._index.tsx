import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { Card } from "~/components/card";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav } from "~/components/taxpayer/taxpayer-nav";
import { getTaxpayerOverview, latestTaxYears, type TaxYearSummary } from "~/dossier/taxpayer.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const links = taxpayerLinks;

export const handle = { i18n: ["taxpayer"] };
export const clientLoader = messagesLoader(["taxpayer"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "taxpayer");
  return pageMeta(t("overview.title"), matches);
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const today = todayIso(context.config);
  if (citizenId === null)
    return json({ known: false as const, overview: null, latest: { imu: null, tari: null } });
  const [overview, latest] = await Promise.all([
    getTaxpayerOverview(context.db, citizenId, today),
    latestTaxYears(context.db, citizenId),
  ]);
  return json({ known: true as const, overview, latest });
}

/** Where each tax's row leads; its name (overview.tax.<tax>) and link text (overview.detail.<tax>) are messages. */
function detailPath(s: TaxYearSummary): string {
  if (s.tax === "IMU") return `/area-personale/contribuente/imu/${s.year}`;
  if (s.tax === "TARI") return `/area-personale/contribuente/tari/${s.year}`;
  return "/area-personale/contribuente/veicoli";
}

export default function ContribuenteOverview() {
  const { known, overview, latest } = useLoaderData<typeof loader>();
  const { t } = useTranslation("taxpayer");
  const f = useFormat();
  return (
    <>
      <Breadcrumb
        items={[{ label: t("crumbs.area"), to: "/area-personale" }, { label: t("crumbs.dossier") }]}
      />
      <h1>{t("overview.title")}</h1>
      <p className="lead">{t("overview.lead")}</p>
      <TaxpayerNav current="riepilogo" latest={latest} />
      {!known || !overview ? (
        <EmptyState title={t("overview.noTaxesTitle")}>
          <p className="mb-0">{t("overview.unknownText")}</p>
        </EmptyState>
      ) : (
        <>
          {overview.years.length === 0 ? (
            <EmptyState title={t("overview.noTaxesTitle")}>
              <p className="mb-0">{t("overview.noTaxesText")}</p>
            </EmptyState>
          ) : (
            overview.years.map(({ year, taxes }) => {
              const total = taxes.reduce((s, t) => s + t.totalCents, 0);
              const due = taxes.reduce((s, t) => s + t.dueCents + t.overdueCents, 0);
              return (
                <section key={year} className="portal-section-box" aria-labelledby={`anno-${year}`}>
                  <h2 id={`anno-${year}`}>{t("overview.year", { year })}</h2>
                  <TableBox label={t("overview.tableLabel", { year })}>
                    <table className="table portal-figures mb-2">
                      <caption className="visually-hidden">{t("overview.caption", { year })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t("overview.cols.tax")}</th>
                          <th scope="col" className="portal-num">
                            {t("overview.cols.requested")}
                          </th>
                          <th scope="col" className="portal-num">
                            {t("overview.cols.paid")}
                          </th>
                          <th scope="col" className="portal-num">
                            {t("overview.cols.due")}
                          </th>
                          <th scope="col" className="portal-num">
                            {t("overview.cols.overdue")}
                          </th>
                          <th scope="col">{t("overview.cols.detail")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {taxes.map((s) => (
                          <tr key={s.tax}>
                            <th scope="row">{t(`overview.tax.${s.tax}`)}</th>
                            <td className="portal-num">{f.euro(s.totalCents)}</td>
                            <td className="portal-num">{f.euro(s.paidCents)}</td>
                            <td className="portal-num">{f.euro(s.dueCents + s.overdueCents)}</td>
                            <td className={`portal-num${s.overdueCents > 0 ? " portal-overdue-text" : ""}`}>
                              {f.euro(s.overdueCents)}
                            </td>
                            <td>
                              <Link to={detailPath(s)}>
                                <span className="visually-hidden">
                                  {t(`overview.detail.${s.tax}`, { year: s.year })}:{" "}
                                </span>
                                {s.tax === "IMU" && s.instalments === 0
                                  ? t("overview.whyNotDue")
                                  : t("overview.seeDetail")}
                              </Link>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableBox>
                  <p className="mb-0">
                    <Trans
                      i18nKey={due > 0 ? "overview.totalDue" : "overview.totalPaid"}
                      t={t}
                      values={{ year, total: f.euro(total), due: f.euro(due) }}
                      components={{ strong: <strong /> }}
                    />
                  </p>
                </section>
              );
            })
          )}
          <h2 className="h3 mt-4">{t("overview.sections")}</h2>
          <div className="portal-summary-grid">
            <Card
              title={t("overview.cards.properties")}
              to="/area-personale/contribuente/immobili"
              icon="it-pa"
            >
              <p className="mb-0">{t("properties.count", { count: overview.counts.properties })}</p>
            </Card>
            <Card
              title={t("overview.cards.vehicles")}
              to="/area-personale/contribuente/veicoli"
              icon="it-car"
            >
              <p className="mb-0">{t("overview.vehicles", { count: overview.counts.vehicles })}</p>
            </Card>
            <Card
              title={t("overview.cards.notices")}
              to="/area-personale/contribuente/accertamenti"
              icon="it-file"
            >
              <p className="mb-0">
                {overview.counts.notices === 0
                  ? t("overview.noNotices")
                  : t("overview.notices", { count: overview.counts.notices, open: overview.openNotices })}
              </p>
            </Card>
            <Card title={t("overview.cards.f24")} to="/area-personale/contribuente/f24" icon="it-card">
              <p className="mb-0">{t("overview.f24", { count: overview.counts.f24 })}</p>
            </Card>
            <Card
              title={t("overview.cards.refunds")}
              to="/area-personale/contribuente/rimborsi"
              icon="it-exchange-circle"
            >
              <p className="mb-0">
                {overview.counts.refunds === 0
                  ? t("overview.noRefunds")
                  : t("overview.refunds", { count: overview.counts.refunds, open: overview.openRefunds })}
              </p>
            </Card>
          </div>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
