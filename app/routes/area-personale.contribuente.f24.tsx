import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { Pagination } from "~/components/dossier/pagination";
import { parsePage, throwBadRequest } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { f24CodeText } from "~/components/taxpayer/locale";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav } from "~/components/taxpayer/taxpayer-nav";
import { latestTaxYears, listF24Payments, parseYearParam } from "~/dossier/taxpayer.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const links = taxpayerLinks;

export const handle = { i18n: ["taxpayer"] };
export const clientLoader = messagesLoader(["taxpayer"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "taxpayer");
  return pageMeta(t("f24.title"), matches);
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const params = new URL(request.url).searchParams;
  const page = parsePage(params);
  const rawYear = params.get("anno");
  let year: number | undefined;
  if (rawYear !== null && rawYear !== "") {
    const parsed = parseYearParam(rawYear);
    if (parsed === null) throwBadRequest("L'anno indicato non è valido: scegli un anno dall'elenco.");
    year = parsed;
  }
  if (citizenId === null) {
    return json({
      year: year ?? null,
      f24: { items: [], total: 0, totalCents: 0, page: 1, pages: 1, years: [] as number[] },
      latest: { imu: null, tari: null },
    });
  }
  const [f24, latest] = await Promise.all([
    listF24Payments(context.db, citizenId, { year, page }),
    latestTaxYears(context.db, citizenId),
  ]);
  return json({ year: year ?? null, f24, latest });
}

export default function F24History() {
  const { year, f24, latest } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const { t } = useTranslation("taxpayer");
  const f = useFormat();
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("crumbs.area"), to: "/area-personale" },
          { label: t("crumbs.dossier"), to: "/area-personale/contribuente" },
          { label: t("f24.title") },
        ]}
      />
      <h1>{t("f24.heading")}</h1>
      <p className="lead">{t("f24.lead")}</p>
      <TaxpayerNav current="f24" latest={latest} />
      {f24.years.length > 1 ? (
        <Form method="get" className="portal-filters row g-3 align-items-end" aria-label={t("f24.filter")}>
          <div className="col-12 col-sm-6 col-md-4">
            <div className="select-wrapper">
              <label htmlFor="f24-anno">{t("f24.yearLabel")}</label>
              <select id="f24-anno" name="anno" defaultValue={year ?? ""}>
                <option value="">{t("f24.allYears")}</option>
                {f24.years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="col-12 col-sm-6 col-md-4 pb-3">
            <button type="submit" className="btn btn-primary">
              {t("f24.show")}
            </button>
          </div>
        </Form>
      ) : null}
      {f24.total === 0 ? (
        <EmptyState title={year ? t("f24.emptyYear", { year }) : t("f24.empty")}>
          <p className="mb-0">{t("f24.emptyText")}</p>
        </EmptyState>
      ) : (
        <>
          <p>
            <Trans
              i18nKey={year ? "f24.summaryYear" : "f24.summary"}
              t={t}
              count={f24.total}
              values={{ count: f24.total, year, total: f.euro(f24.totalCents) }}
              components={{ strong: <strong /> }}
            />
          </p>
          <TableBox label={t("f24.title")}>
            <table className="table portal-figures">
              <caption className="visually-hidden">
                {year
                  ? t("f24.captionYear", { year, page: f24.page, pages: f24.pages })
                  : t("f24.caption", { page: f24.page, pages: f24.pages })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("f24.cols.date")}</th>
                  <th scope="col">{t("f24.cols.code")}</th>
                  <th scope="col">{t("f24.cols.ente")}</th>
                  <th scope="col">{t("f24.cols.year")}</th>
                  <th scope="col" className="portal-num">
                    {t("f24.cols.amount")}
                  </th>
                  <th scope="col">{t("f24.cols.channel")}</th>
                </tr>
              </thead>
              <tbody>
                {f24.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{f.date(p.paidDate)}</th>
                    <td>
                      {p.taxCode}
                      <span className="d-block small">{f24CodeText(t, p.taxCode)}</span>
                    </td>
                    <td>{p.enteCode}</td>
                    <td>{p.referenceYear}</td>
                    <td className="portal-num">{f.euro(p.amountCents)}</td>
                    <td>{p.channel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <Pagination page={f24.page} pageCount={f24.pages} search={search} label={t("f24.pages")} />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
