import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { VEHICLE_KIND_LABEL } from "~/dossier/labels";
import { useTaxNumbers } from "~/components/taxpayer/locale";
import { InstalmentState } from "~/components/taxpayer/instalment-state";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav } from "~/components/taxpayer/taxpayer-nav";
import { latestTaxYears, listVehicles } from "~/dossier/taxpayer.server";
import { computeBollo, type BolloSteps, type EuroClass } from "~/rules/bollo";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const links = taxpayerLinks;

export const handle = { i18n: ["taxpayer"] };
export const clientLoader = messagesLoader(["taxpayer"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "taxpayer");
  return pageMeta(t("vehicles.title"), matches);
};

function bolloSteps(kw: number, euroClass: number): BolloSteps | null {
  try {
    return computeBollo({ kw, euroClass: euroClass as EuroClass }).steps;
  } catch {
    return null;
  }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  if (citizenId === null) return json({ vehicles: [], latest: { imu: null, tari: null } });
  const today = todayIso(context.config);
  const [vehicles, latest] = await Promise.all([
    listVehicles(context.db, citizenId, today),
    latestTaxYears(context.db, citizenId),
  ]);
  return json({
    vehicles: vehicles.map((v) => ({
      ...v,
      computed: v.kind === "autovettura" ? bolloSteps(v.kw, v.euroClass) : null,
    })),
    latest,
  });
}

export default function Veicoli() {
  const { vehicles, latest } = useLoaderData<typeof loader>();
  const { t } = useTranslation("taxpayer");
  const f = useFormat();
  const n = useTaxNumbers();
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("crumbs.area"), to: "/area-personale" },
          { label: t("crumbs.dossier"), to: "/area-personale/contribuente" },
          { label: t("vehicles.title") },
        ]}
      />
      <h1>{t("vehicles.heading")}</h1>
      <p className="lead">{t("vehicles.lead")}</p>
      <TaxpayerNav current="veicoli" latest={latest} />
      {vehicles.length === 0 ? (
        <EmptyState title={t("vehicles.emptyTitle")}>
          <p className="mb-0">{t("vehicles.emptyText")}</p>
        </EmptyState>
      ) : (
        vehicles.map((v) => (
          <section key={v.id} className="portal-section-box" aria-labelledby={`veicolo-${v.id}`}>
            <h2 id={`veicolo-${v.id}`}>
              {v.makeModel} <span className="portal-amount">{v.plate}</span>
            </h2>
            <dl className="row portal-dl">
              <div className="col-6 col-md-3">
                <dt>{t("vehicles.kind")}</dt>
                <dd>{Object.hasOwn(VEHICLE_KIND_LABEL, v.kind) ? t(`vehicleKind.${v.kind}`) : v.kind}</dd>
              </div>
              <div className="col-6 col-md-3">
                <dt>{t("vehicles.power")}</dt>
                <dd>{n.kw(v.kw)}</dd>
              </div>
              <div className="col-6 col-md-3">
                <dt>{t("vehicles.euroClass")}</dt>
                <dd>Euro {v.euroClass}</dd>
              </div>
              <div className="col-6 col-md-3">
                <dt>{t("vehicles.registration")}</dt>
                <dd>{f.date(v.registrationDate)}</dd>
              </div>
              <div className="col-12">
                <dt>{t("vehicles.bolloDue")}</dt>
                <dd>{t("vehicles.bolloDueText", { month: n.month(v.bolloMonth) ?? "—" })}</dd>
              </div>
            </dl>
            {v.computed ? (
              <>
                <h3 className="h5">{t("vehicles.howTitle")}</h3>
                <ol className="portal-steps">
                  <li>
                    <span className="portal-step-label">
                      {t("vehicles.upTo100", {
                        kw: n.kw(v.computed.kwUpTo100),
                        rate: f.euro(v.computed.rateUpTo100Cents),
                        euroClass: v.computed.euroClass,
                      })}
                    </span>
                    <span className="portal-step-value">{f.euro(v.computed.partUpTo100Cents)}</span>
                  </li>
                  {v.computed.kwAbove100 > 0 ? (
                    <li>
                      <span className="portal-step-label">
                        {t("vehicles.above100", {
                          kw: n.kw(v.computed.kwAbove100),
                          rate: f.euro(v.computed.rateAbove100Cents),
                        })}
                      </span>
                      <span className="portal-step-value">{f.euro(v.computed.partAbove100Cents)}</span>
                    </li>
                  ) : null}
                  <li>
                    <span className="portal-step-label">
                      <strong>{t("vehicles.annual")}</strong>
                    </span>
                    <span className="portal-step-value portal-step-result">
                      {f.euro(v.computed.amountCents)}
                    </span>
                  </li>
                </ol>
              </>
            ) : null}
            <h3 className="h5 mt-3">{t("vehicles.paymentsTitle")}</h3>
            {v.bollo.length === 0 ? (
              <p className="mb-0">{t("vehicles.noBollo")}</p>
            ) : (
              <TableBox label={t("vehicles.tableLabel", { plate: v.plate })}>
                <table className="table portal-figures mb-0">
                  <caption className="visually-hidden">{t("vehicles.caption", { plate: v.plate })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("vehicles.year")}</th>
                      <th scope="col">{t("cols.dueDate")}</th>
                      <th scope="col" className="portal-num">
                        {t("cols.amount")}
                      </th>
                      <th scope="col">{t("cols.status")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {v.bollo.map((b) => (
                      <tr key={b.id}>
                        <th scope="row">{b.year}</th>
                        <td>{f.date(b.dueDate)}</td>
                        <td className="portal-num">{f.euro(b.amountCents)}</td>
                        <td>
                          <InstalmentState
                            state={b.state}
                            dueDate={b.dueDate}
                            paymentOptionId={b.paymentOptionId}
                            subject={t("vehicles.subject", { year: b.year, plate: v.plate })}
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
  return <GeneralErrorBoundary />;
}
