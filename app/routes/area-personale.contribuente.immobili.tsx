import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { useTaxNumbers } from "~/components/taxpayer/locale";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav } from "~/components/taxpayer/taxpayer-nav";
import { latestTaxYears, listProperties } from "~/dossier/taxpayer.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const links = taxpayerLinks;

export const handle = { i18n: ["taxpayer"] };
export const clientLoader = messagesLoader(["taxpayer"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "taxpayer");
  return pageMeta(t("properties.title"), matches);
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  if (citizenId === null) return json({ properties: [], latest: { imu: null, tari: null } });
  const [properties, latest] = await Promise.all([
    listProperties(context.db, citizenId),
    latestTaxYears(context.db, citizenId),
  ]);
  return json({ properties, latest });
}

export default function Immobili() {
  const { properties, latest } = useLoaderData<typeof loader>();
  const { t } = useTranslation("taxpayer");
  const f = useFormat();
  const n = useTaxNumbers();
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("crumbs.area"), to: "/area-personale" },
          { label: t("crumbs.dossier"), to: "/area-personale/contribuente" },
          { label: t("properties.title") },
        ]}
      />
      <h1>{t("properties.title")}</h1>
      <p className="lead">{t("properties.lead")}</p>
      <TaxpayerNav current="immobili" latest={latest} />
      {properties.length === 0 ? (
        <EmptyState title={t("properties.emptyTitle")}>
          <p className="mb-0">{t("properties.emptyText")}</p>
        </EmptyState>
      ) : (
        <TableBox label={t("properties.tableLabel")}>
          <table className="table portal-figures">
            <caption>{t("properties.count", { count: properties.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("properties.cols.property")}</th>
                <th scope="col">{t("properties.cols.comune")}</th>
                <th scope="col">{t("properties.cols.foglio")}</th>
                <th scope="col">{t("properties.cols.particella")}</th>
                <th scope="col">{t("properties.cols.sub")}</th>
                <th scope="col">{t("properties.cols.category")}</th>
                <th scope="col" className="portal-num">
                  {t("properties.cols.rendita")}
                </th>
                <th scope="col" className="portal-num">
                  {t("properties.cols.share")}
                </th>
                <th scope="col">{t("properties.cols.mainHome")}</th>
              </tr>
            </thead>
            <tbody>
              {properties.map((p) => (
                <tr key={p.ownershipId}>
                  <th scope="row">
                    {p.address}
                    <span className="d-block small fw-normal">
                      {t("properties.since", { surface: p.surfaceM2, date: f.date(p.fromDate) })}
                    </span>
                  </th>
                  <td>
                    {p.comune.replace(/^Comune di /, "")}
                    {p.belfiore ? (
                      <span className="d-block small">{t("properties.code", { code: p.belfiore })}</span>
                    ) : null}
                  </td>
                  <td>{p.foglio}</td>
                  <td>{p.particella}</td>
                  <td>{p.subalterno}</td>
                  <td>{p.category}</td>
                  <td className="portal-num">{f.euro(p.renditaCents)}</td>
                  <td className="portal-num">{n.share(p.shareBp)}</td>
                  <td>{p.mainHome ? t("properties.yes") : t("properties.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <p className="small mt-3">{t("properties.source")}</p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
