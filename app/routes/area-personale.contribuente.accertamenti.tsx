import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { InstalmentState } from "~/components/taxpayer/instalment-state";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav } from "~/components/taxpayer/taxpayer-nav";
import { latestTaxYears, listTaxNotices } from "~/dossier/taxpayer.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const links = taxpayerLinks;

export const handle = { i18n: ["taxpayer"] };
export const clientLoader = messagesLoader(["taxpayer"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "taxpayer");
  return pageMeta(t("notices.title"), matches);
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  if (citizenId === null) return json({ notices: [], latest: { imu: null, tari: null } });
  const today = todayIso(context.config);
  const [notices, latest] = await Promise.all([
    listTaxNotices(context.db, citizenId, today),
    latestTaxYears(context.db, citizenId),
  ]);
  return json({ notices, latest });
}

export default function Accertamenti() {
  const { notices, latest } = useLoaderData<typeof loader>();
  const { t } = useTranslation("taxpayer");
  const f = useFormat();
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("crumbs.area"), to: "/area-personale" },
          { label: t("crumbs.dossier"), to: "/area-personale/contribuente" },
          { label: t("notices.title") },
        ]}
      />
      <h1>{t("notices.heading")}</h1>
      <p className="lead">{t("notices.lead")}</p>
      <TaxpayerNav current="accertamenti" latest={latest} />
      {notices.length === 0 ? (
        <EmptyState title={t("notices.emptyTitle")} icon="it-check-circle">
          <p className="mb-0">{t("notices.emptyText")}</p>
        </EmptyState>
      ) : (
        notices.map((n) => (
          <section key={n.id} className="portal-section-box" aria-labelledby={`avviso-${n.id}`}>
            <h2 id={`avviso-${n.id}`} className="h4">
              {t("notices.noticeTitle", { tax: n.tax, year: n.year, number: n.number })}
            </h2>
            <p className="mb-2">
              <Trans
                i18nKey="notices.served"
                t={t}
                values={{
                  comune: n.comune,
                  date: f.date(n.issuedDate),
                  status: t(`noticeStatus.${n.status}`),
                }}
                components={{ strong: <strong /> }}
              />
            </p>
            <p>{n.reason}</p>
            <TableBox label={t("notices.amountsLabel", { number: n.number })}>
              <table className="table portal-figures">
                <caption className="visually-hidden">
                  {t("notices.amountsLabel", { number: n.number })}
                </caption>
                <tbody>
                  <tr>
                    <th scope="row">{t("notices.tax")}</th>
                    <td className="portal-num">{f.euro(n.taxCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t("notices.penalties")}</th>
                    <td className="portal-num">{f.euro(n.penaltyCents)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t("notices.interest")}</th>
                    <td className="portal-num">{f.euro(n.interestCents)}</td>
                  </tr>
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("notices.total")}</th>
                    <td className="portal-num">{f.euro(n.amountCents)}</td>
                  </tr>
                </tfoot>
              </table>
            </TableBox>
            {n.payment && n.dueDate && n.status !== "annullato" ? (
              <p className="mb-0">
                {t("notices.payment")}{" "}
                <InstalmentState
                  state={n.payment}
                  dueDate={n.dueDate}
                  paymentOptionId={n.paymentOptionId}
                  subject={t("notices.subject", { number: n.number })}
                />
              </p>
            ) : null}
          </section>
        ))
      )}
      <p className="small mt-3">{t("notices.appeal")}</p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
