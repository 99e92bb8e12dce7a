import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav } from "~/components/taxpayer/taxpayer-nav";
import type { RefundStatus } from "~/rules/refunds";
import { latestTaxYears, listRefunds, maskIban } from "~/dossier/taxpayer.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const links = taxpayerLinks;

export const handle = { i18n: ["taxpayer"] };
export const clientLoader = messagesLoader(["taxpayer"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "taxpayer");
  return pageMeta(t("refunds.title"), matches);
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  if (citizenId === null) return json({ refunds: [], latest: { imu: null, tari: null } });
  const [refunds, latest] = await Promise.all([
    listRefunds(context.db, citizenId),
    latestTaxYears(context.db, citizenId),
  ]);
  // The full IBAN stays out of the page: the last digits are enough to recognise the account.
  return json({ refunds: refunds.map((r) => ({ ...r, iban: maskIban(r.iban) })), latest });
}

const STATUS_CLASS: Record<RefundStatus, string> = {
  richiesto: "portal-badge-due",
  in_istruttoria: "portal-badge-due",
  approvato: "portal-badge-due",
  liquidato: "portal-badge-paid",
  respinto: "bg-secondary",
};

export default function Rimborsi() {
  const { refunds, latest } = useLoaderData<typeof loader>();
  const { t } = useTranslation("taxpayer");
  const f = useFormat();
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("crumbs.area"), to: "/area-personale" },
          { label: t("crumbs.dossier"), to: "/area-personale/contribuente" },
          { label: t("refunds.title") },
        ]}
      />
      <h1>{t("refunds.title")}</h1>
      <p className="lead">{t("refunds.lead")}</p>
      <TaxpayerNav current="rimborsi" latest={latest} />
      {refunds.length === 0 ? (
        <EmptyState title={t("refunds.emptyTitle")}>
          <p className="mb-0">{t("refunds.emptyText")}</p>
        </EmptyState>
      ) : (
        <TableBox label={t("refunds.tableLabel")}>
          <table className="table portal-figures">
            <caption className="visually-hidden">{t("refunds.tableLabel")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("refunds.cols.refund")}</th>
                <th scope="col">{t("refunds.cols.requested")}</th>
                <th scope="col" className="portal-num">
                  {t("refunds.cols.amount")}
                </th>
                <th scope="col">{t("refunds.cols.status")}</th>
              </tr>
            </thead>
            <tbody>
              {refunds.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.tax} {r.year} - {r.ente}
                    <span className="d-block small fw-normal">{r.reason}</span>
                  </th>
                  <td>{f.date(r.requestedDate)}</td>
                  <td className="portal-num">{f.euro(r.amountCents)}</td>
                  <td>
                    <span className={`badge portal-state-badge ${STATUS_CLASS[r.status]}`}>
                      {t(`refundStatus.${r.status}`)}
                    </span>
                    {r.status === "liquidato" && r.paidDate ? (
                      <span className="d-block small">
                        {r.iban
                          ? t("refunds.paidOnAccount", { date: f.date(r.paidDate), iban: r.iban })
                          : t("refunds.paidOn", { date: f.date(r.paidDate) })}
                      </span>
                    ) : r.iban ? (
                      <span className="d-block small">{t("refunds.account", { iban: r.iban })}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
