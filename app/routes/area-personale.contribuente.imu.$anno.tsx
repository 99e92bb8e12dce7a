import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { DossierErrorBoundary } from "~/components/taxpayer/error-boundary";
import { InstalmentState } from "~/components/taxpayer/instalment-state";
import { f24CodeText, useTaxNumbers } from "~/components/taxpayer/locale";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav, YearNav } from "~/components/taxpayer/taxpayer-nav";
import {
  f24ImuRows,
  getImuYear,
  listImuYears,
  parseYearParam,
  yearNotFound,
  type ImuLine,
} from "~/dossier/taxpayer.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const links = taxpayerLinks;

export const handle = { i18n: ["taxpayer"] };
export const clientLoader = messagesLoader(["taxpayer"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches, data }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "taxpayer");
  return pageMeta(t("imu.title", { year: data?.year ?? "" }).trim(), matches);
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const year = parseYearParam(params.anno);
  if (year === null) throw yearNotFound("imu");
  const today = todayIso(context.config);
  if (citizenId === null) return json({ year, years: [], assessments: [], f24: [] });
  const [assessments, years] = await Promise.all([
    getImuYear(context.db, citizenId, year, today),
    listImuYears(context.db, citizenId),
  ]);
  return json({ year, years, assessments, f24: f24ImuRows(assessments) });
}

const INSTALMENT_NAME: Record<number, string> = { 1: "imu.name.acconto", 2: "imu.name.saldo" };

function instalmentName(t: TFunction, n: number, count: number, label: string): string {
  if (count === 2) {
    const key = INSTALMENT_NAME[n];
    return key ? t(key) : label;
  }
  if (count === 1) return t("imu.name.single");
  return label;
}

function exemptionText(t: TFunction, l: ImuLine): string {
  if (l.mainHome) return t("imu.steps.exemptMainHome", { category: l.category });
  return t("imu.steps.exempt");
}

function Steps({ l }: { l: ImuLine }) {
  const { t } = useTranslation("taxpayer");
  const f = useFormat();
  const n = useTaxNumbers();
  return (
    <ol className="portal-steps">
      <li>
        <span className="portal-step-label">{t("imu.steps.rendita", { category: l.category })}</span>
        <span className="portal-step-value">{f.euro(l.renditaCents)}</span>
      </li>
      <li>
        <span className="portal-step-label">{t("imu.steps.revalued")}</span>
        <span className="portal-step-value">{f.euro(l.revaluedCents)}</span>
      </li>
      <li>
        <span className="portal-step-label">{t("imu.steps.multiplier", { category: l.category })}</span>
        <span className="portal-step-value">× {l.multiplier}</span>
      </li>
      <li>
        <span className="portal-step-label">{t("imu.steps.base")}</span>
        <span className="portal-step-value">{f.euro(l.baseCents)}</span>
      </li>
      {l.exempt ? (
        <li>
          <span className="portal-step-label">{exemptionText(t, l)}</span>
          <span className="portal-step-value portal-step-result">{f.euro(0)}</span>
        </li>
      ) : (
        <>
          <li>
            <span className="portal-step-label">{t("imu.steps.rate")}</span>
            <span className="portal-step-value">{n.rate(l.rateBp)}</span>
          </li>
          <li>
            <span className="portal-step-label">{t("imu.steps.months")}</span>
            <span className="portal-step-value">{t("imu.steps.monthsValue", { count: l.monthsHeld })}</span>
          </li>
          <li>
            <span className="portal-step-label">{t("imu.steps.share")}</span>
            <span className="portal-step-value">{n.share(l.shareBp)}</span>
          </li>
          {l.deductionCents > 0 ? (
            <li>
              <span className="portal-step-label">{t("imu.steps.deduction")}</span>
              <span className="portal-step-value">− {f.euro(l.deductionCents)}</span>
            </li>
          ) : null}
          <li>
            <span className="portal-step-label">
              <Trans
                i18nKey={l.deductionCents > 0 ? "imu.steps.dueWithDeduction" : "imu.steps.due"}
                t={t}
                components={{ strong: <strong /> }}
              />
            </span>
            <span className="portal-step-value portal-step-result">{f.euro(l.amountCents)}</span>
          </li>
        </>
      )}
    </ol>
  );
}

export default function ImuYear() {
  const { year, years, assessments, f24 } = useLoaderData<typeof loader>();
  const { t } = useTranslation("taxpayer");
  const f = useFormat();
  const n = useTaxNumbers();
  const latest = { imu: years[0] ?? null };
  const total = assessments.reduce((s, a) => s + a.amountCents, 0);
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("crumbs.area"), to: "/area-personale" },
          { label: t("crumbs.dossier"), to: "/area-personale/contribuente" },
          { label: t("imu.title", { year }) },
        ]}
      />
      <h1>{t("imu.title", { year })}</h1>
      <p className="lead">{t("imu.lead", { year })}</p>
      <TaxpayerNav current="imu" latest={latest} />
      <YearNav
        years={years}
        current={year}
        basePath="/area-personale/contribuente/imu"
        label={t("imu.years")}
      />
      {assessments.length === 0 ? (
        <EmptyState title={t("imu.emptyTitle", { year })}>
          <p className="mb-0">{t("imu.emptyText", { year })}</p>
        </EmptyState>
      ) : (
        <>
          <p>
            <Trans
              i18nKey="imu.total"
              t={t}
              values={{ year, amount: f.euro(total) }}
              components={{ strong: <strong className="portal-amount" /> }}
            />
          </p>
          {assessments.map((a) => (
            <section key={a.id} className="portal-section-box" aria-labelledby={`imu-${a.id}`}>
              <h2 id={`imu-${a.id}`}>
                {a.comune}
                {a.belfiore ? (
                  <span className="small fw-normal"> {t("imu.enteCode", { code: a.belfiore })}</span>
                ) : null}
              </h2>
              <TableBox label={t("imu.tableLabel", { year, comune: a.comune })}>
                <table className="table table-sm portal-figures">
                  <caption>{t("imu.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("imu.cols.property")}</th>
                      <th scope="col" className="portal-num">
                        {t("imu.cols.rendita")}
                      </th>
                      <th scope="col" className="portal-num">
                        {t("imu.cols.multiplier")}
                      </th>
                      <th scope="col" className="portal-num">
                        {t("imu.cols.base")}
                      </th>
                      <th scope="col" className="portal-num">
                        {t("imu.cols.rate")}
                      </th>
                      <th scope="col" className="portal-num">
                        {t("imu.cols.months")}
                      </th>
                      <th scope="col" className="portal-num">
                        {t("imu.cols.share")}
                      </th>
                      <th scope="col" className="portal-num">
                        {t("imu.cols.imu")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.lines.map((l) => (
                      <tr key={l.id}>
                        <th scope="row">
                          {l.address}
                          <span className="d-block small fw-normal">
                            {t("imu.parcel", {
                              category: l.category,
                              foglio: l.foglio,
                              particella: l.particella,
                              subalterno: l.subalterno,
                            })}
                            {l.mainHome ? t("imu.mainHomeSuffix") : ""}
                          </span>
                        </th>
                        <td className="portal-num">{f.euro(l.renditaCents)}</td>
                        <td className="portal-num">× {l.multiplier}</td>
                        <td className="portal-num">{f.euro(l.baseCents)}</td>
                        <td className="portal-num">{l.exempt ? "—" : n.rate(l.rateBp)}</td>
                        <td className="portal-num">{l.exempt ? "—" : l.monthsHeld}</td>
                        <td className="portal-num">{n.share(l.shareBp)}</td>
                        <td className="portal-num">{l.exempt ? t("imu.exempt") : f.euro(l.amountCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={7}>
                        {t("imu.comuneTotal", { comune: a.comune.replace(/^Comune di /, ""), year })}
                      </th>
                      <td className="portal-num">{f.euro(a.amountCents)}</td>
                    </tr>
                  </tfoot>
                </table>
              </TableBox>

              <h3 className="h5">{t("imu.stepsTitle")}</h3>
              {a.lines.map((l) => (
                <details key={l.id} className="portal-details" open={a.lines.length === 1 || !l.exempt}>
                  <summary>
                    {l.address} ({l.category})
                    {l.exempt ? t("imu.summaryExempt") : `: ${f.euro(l.amountCents)}`}
                  </summary>
                  <Steps l={l} />
                </details>
              ))}

              <h3 className="h5 mt-4">{t("imu.instalments")}</h3>
              {a.instalments.length === 0 ? (
                <p>
                  <Icon name="it-check-circle" size="sm" className="icon-success me-1" />
                  {t("imu.noInstalments", { year })}
                </p>
              ) : (
                <TableBox label={t("imu.instalmentsLabel", { year, comune: a.comune })}>
                  <table className="table portal-figures">
                    <caption className="visually-hidden">{t("imu.instalmentsCaption", { year })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("cols.instalment")}</th>
                        <th scope="col">{t("imu.f24Code")}</th>
                        <th scope="col">{t("cols.dueDate")}</th>
                        <th scope="col" className="portal-num">
                          {t("cols.amount")}
                        </th>
                        <th scope="col">{t("cols.status")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {a.instalments.map((i) => {
                        const name = instalmentName(t, i.number, a.instalments.length, i.label);
                        return (
                          <tr key={i.id}>
                            <th scope="row">{name}</th>
                            <td>
                              {i.f24Code ?? "—"}
                              {i.f24Code ? (
                                <span className="d-block small">{f24CodeText(t, i.f24Code)}</span>
                              ) : null}
                            </td>
                            <td>{f.date(i.dueDate)}</td>
                            <td className="portal-num">{f.euro(i.amountCents)}</td>
                            <td>
                              <InstalmentState
                                state={i.state}
                                dueDate={i.dueDate}
                                paymentOptionId={i.paymentOptionId}
                                subject={t("imu.subject", { name: name.toLowerCase(), year })}
                              />
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </TableBox>
              )}
            </section>
          ))}

          {f24.length > 0 ? (
            <section className="portal-section-box" aria-labelledby="f24-riepilogo">
              <h2 id="f24-riepilogo">{t("imu.f24.title")}</h2>
              <p>{t("imu.f24.text")}</p>
              <TableBox label={t("imu.f24.tableLabel")}>
                <table className="table portal-figures">
                  <caption className="visually-hidden">{t("imu.f24.tableLabel")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("imu.f24.cols.ente")}</th>
                      <th scope="col">{t("imu.f24.cols.acconto")}</th>
                      <th scope="col">{t("imu.f24.cols.saldo")}</th>
                      <th scope="col" className="portal-num">
                        {t("imu.f24.cols.count")}
                      </th>
                      <th scope="col">{t("imu.f24.cols.code")}</th>
                      <th scope="col">{t("imu.f24.cols.year")}</th>
                      <th scope="col" className="portal-num">
                        {t("imu.f24.cols.amount")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {f24.map((r, idx) => (
                      <tr key={idx}>
                        <td>{r.codiceEnte}</td>
                        <td>{r.acconto ? "X" : ""}</td>
                        <td>{r.saldo ? "X" : ""}</td>
                        <td className="portal-num">{r.numeroImmobili}</td>
                        <td>{r.codiceTributo}</td>
                        <td>{r.annoRiferimento}</td>
                        <td className="portal-num">{f.euro(r.importoCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableBox>
              <p className="mb-0">
                <a
                  className="btn btn-outline-primary"
                  href={`/area-personale/contribuente/imu/${year}/f24.pdf`}
                  download={`imu-${year}-riepilogo-f24.pdf`}
                >
                  <Icon name="it-download" size="sm" className="icon-primary me-2" />
                  {t("imu.f24.download")}
                </a>
                {f.locale === "it" ? null : <span className="d-block small mt-2">{t("pdfNote")}</span>}
              </p>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("taxpayer");
  return <DossierErrorBoundary backTo="/area-personale/contribuente" backLabel={t("backToDossier")} />;
}
