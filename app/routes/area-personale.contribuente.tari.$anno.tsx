import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { DossierErrorBoundary } from "~/components/taxpayer/error-boundary";
import { InstalmentState } from "~/components/taxpayer/instalment-state";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav, YearNav } from "~/components/taxpayer/taxpayer-nav";
import {
  getTariYear,
  latestTaxYears,
  listTariYears,
  parseYearParam,
  yearNotFound,
} from "~/dossier/taxpayer.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const links = taxpayerLinks;

export const handle = { i18n: ["taxpayer"] };
export const clientLoader = messagesLoader(["taxpayer"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches, data }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "taxpayer");
  return pageMeta(t("tari.title", { year: data?.year ?? "" }).trim(), matches);
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const year = parseYearParam(params.anno);
  if (year === null) throw yearNotFound("tari");
  const today = todayIso(context.config);
  if (citizenId === null) return json({ year, years: [], assessments: [], latestImu: null });
  const [assessments, years, latest] = await Promise.all([
    getTariYear(context.db, citizenId, year, today),
    listTariYears(context.db, citizenId),
    latestTaxYears(context.db, citizenId),
  ]);
  return json({ year, years, assessments, latestImu: latest.imu });
}

export default function TariYear() {
  const { year, years, assessments, latestImu } = useLoaderData<typeof loader>();
  const { t } = useTranslation("taxpayer");
  const f = useFormat();
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("crumbs.area"), to: "/area-personale" },
          { label: t("crumbs.dossier"), to: "/area-personale/contribuente" },
          { label: t("tari.title", { year }) },
        ]}
      />
      <h1>{t("tari.title", { year })}</h1>
      <p className="lead">{t("tari.lead", { year })}</p>
      <TaxpayerNav current="tari" latest={{ imu: latestImu, tari: years[0] ?? null }} />
      <YearNav
        years={years}
        current={year}
        basePath="/area-personale/contribuente/tari"
        label={t("tari.years")}
      />
      {assessments.length === 0 ? (
        <EmptyState title={t("tari.emptyTitle", { year })}>
          <p className="mb-0">{t("tari.emptyText")}</p>
        </EmptyState>
      ) : (
        assessments.map((a) => (
          <section key={a.id} className="portal-section-box" aria-labelledby={`tari-${a.id}`}>
            <h2 id={`tari-${a.id}`}>
              {a.comune}
              {a.address ? <span className="d-block h5 fw-normal mt-1">{a.address}</span> : null}
            </h2>
            <dl className="row portal-dl">
              <div className="col-6 col-md-3">
                <dt>{t("tari.household")}</dt>
                <dd>{t("tari.members", { count: a.householdSize })}</dd>
              </div>
              <div className="col-6 col-md-3">
                <dt>{t("tari.surface")}</dt>
                <dd>{a.surfaceM2} m²</dd>
              </div>
            </dl>
            <TableBox label={t("tari.tableLabel", { year, comune: a.comune })}>
              <table className="table portal-figures">
                <caption>{t("tari.caption")}</caption>
                <tbody>
                  <tr>
                    <th scope="row">
                      {t("tari.fixed")}
                      <span className="d-block small fw-normal">
                        {t("tari.fixedHint", { surface: a.surfaceM2 })}
                      </span>
                    </th>
                    <td className="portal-num">{f.euro(a.fixedCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">
                      {t("tari.variable")}
                      <span className="d-block small fw-normal">
                        {t("tari.variableHint", { members: t("tari.members", { count: a.householdSize }) })}
                      </span>
                    </th>
                    <td className="portal-num">{f.euro(a.variableCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">
                      {t("tari.tefa")}
                      <span className="d-block small fw-normal">{t("tari.tefaHint")}</span>
                    </th>
                    <td className="portal-num">{f.euro(a.tefaCents)}</td>
                  </tr>
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("tari.total", { year })}</th>
                    <td className="portal-num">{f.euro(a.amountCents)}</td>
                  </tr>
                </tfoot>
              </table>
            </TableBox>

            <h3 className="h5 mt-4">{t("tari.instalments")}</h3>
            {a.instalments.length === 0 ? (
              <p>{t("tari.noInstalments")}</p>
            ) : (
              <TableBox label={t("tari.instalmentsLabel", { year, comune: a.comune })}>
                <table className="table portal-figures">
                  <caption className="visually-hidden">{t("tari.instalmentsCaption", { year })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("cols.instalment")}</th>
                      <th scope="col">{t("cols.dueDate")}</th>
                      <th scope="col" className="portal-num">
                        {t("cols.amount")}
                      </th>
                      <th scope="col">{t("cols.status")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.instalments.map((i) => (
                      <tr key={i.id}>
                        <th scope="row">
                          {i.label}
                          {i.f24Code ? (
                            <span className="d-block small fw-normal">
                              {t("tari.code", { code: i.f24Code })}
                            </span>
                          ) : null}
                        </th>
                        <td>{f.date(i.dueDate)}</td>
                        <td className="portal-num">{f.euro(i.amountCents)}</td>
                        <td>
                          <InstalmentState
                            state={i.state}
                            dueDate={i.dueDate}
                            paymentOptionId={i.paymentOptionId}
                            subject={t("tari.subject", { name: i.label.toLowerCase(), year })}
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableBox>
            )}
          </section>
        ))
      )}
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("taxpayer");
  return <DossierErrorBoundary backTo="/area-personale/contribuente" backLabel={t("backToDossier")} />;
}
