import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { nowIso, todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { addDays, daysBetween } from "~/rules/time";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { identityCardBooking } from "~/dossier/appointments.server";
import { BOOKING_HORIZON_DAYS, EXPIRY_WARNING_DAYS } from "~/dossier/labels";
import { currentResidenceEnteId, getIdentityDocuments } from "~/dossier/registry.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";
import type { DocumentKind } from "../../db/schema";

export const handle = { i18n: ["registry"] };

export const clientLoader = messagesLoader(["registry"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "registry");
  return pageMeta(t("documents.title"), matches);
};

const BOOKING = "/area-personale/appuntamenti/prenota";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const today = todayIso(context.config);
  if (citizenId === null) return json({ today, known: false, documents: [], renewalBooking: BOOKING });
  const [documents, homeEnteId] = await Promise.all([
    getIdentityDocuments(context.db, citizenId, today),
    currentResidenceEnteId(context.db, citizenId),
  ]);
  // The identity card is renewed at the anagrafe of the comune of residence: the booking starts there.
  const office = await identityCardBooking(
    context.db,
    homeEnteId,
    nowIso(context.config),
    addDays(today, BOOKING_HORIZON_DAYS + 1),
  );
  const renewalBooking = office
    ? `${BOOKING}?${new URLSearchParams({ ufficio: String(office.officeId), servizio: office.service })}`
    : BOOKING;
  return json({ today, known: true, documents, renewalBooking });
}

/** Whether a document is renewed by appointment at the anagrafe; how, in words: registry `documents.renewal.<kind>`. */
const RENEWAL_BY_APPOINTMENT: Record<DocumentKind, boolean> = {
  carta_identita: true,
  passaporto: false,
  patente: false,
};

export default function Documenti() {
  const { today, known, documents, renewalBooking } = useLoaderData<typeof loader>();
  const { t } = useTranslation("registry");
  const f = useFormat();
  return (
    <>
      <Breadcrumb
        items={[{ label: t("common:nav.area"), to: "/area-personale" }, { label: t("documents.title") }]}
      />
      <h1>{t("documents.title")}</h1>
      <p className="lead">{t("documents.lead", { days: EXPIRY_WARNING_DAYS })}</p>
      {documents.length === 0 ? (
        <EmptyState title={t("documents.empty.title")}>
          <p className="mb-0">
            {known ? t("documents.empty.known") : t("documents.empty.unknown")}{" "}
            <Trans
              i18nKey="documents.empty.book"
              t={t}
              components={{ booking: <Link to={renewalBooking} /> }}
            />
          </p>
        </EmptyState>
      ) : (
        <ul className="list-unstyled">
          {documents.map((d) => {
            const days = daysBetween(today, d.expiryDate);
            const byAppointment = RENEWAL_BY_APPOINTMENT[d.kind];
            const headingId = `doc-${d.id}`;
            return (
              <li key={d.id}>
                <article className="portal-section-box" aria-labelledby={headingId}>
                  <h2 id={headingId} className="h4">
                    {t(`documentKind.${d.kind}`)}
                    {d.superseded ? (
                      <>
                        {" "}
                        <span className="badge bg-secondary ms-1">{t("documents.superseded")}</span>
                      </>
                    ) : null}
                  </h2>
                  <dl className="row portal-dl">
                    <div className="col-12 col-sm-6">
                      <dt>{t("documents.number")}</dt>
                      <dd className="portal-amount">{d.number}</dd>
                    </div>
                    <div className="col-12 col-sm-6">
                      <dt>{t("documents.issuer")}</dt>
                      <dd>{d.issuer}</dd>
                    </div>
                    <div className="col-12 col-sm-6">
                      <dt>{t("documents.issueDate")}</dt>
                      <dd>{f.date(d.issueDate)}</dd>
                    </div>
                    <div className="col-12 col-sm-6">
                      <dt>{t("documents.expiryDate")}</dt>
                      <dd>{f.date(d.expiryDate)}</dd>
                    </div>
                  </dl>
                  {!d.superseded && d.state !== "valida" ? (
                    <div
                      className={`alert ${d.state === "scaduta" ? "alert-danger" : "alert-warning"} mb-0`}
                      role="note"
                    >
                      <p className="fw-semibold mb-1">
                        {d.state === "scaduta"
                          ? t("documents.expired", { date: f.date(d.expiryDate) })
                          : days === 0
                            ? t("documents.expiresToday")
                            : t("documents.expiresIn", { count: Math.abs(days) })}
                      </p>
                      <p className="mb-1">{t(`documents.renewal.${d.kind}`)}</p>
                      {byAppointment ? (
                        <p className="mb-0">
                          <Link to={renewalBooking}>{t("documents.bookRenewal")}</Link>
                        </p>
                      ) : null}
                    </div>
                  ) : d.superseded ? (
                    <p className="mb-0 small">{t("documents.supersededNote")}</p>
                  ) : (
                    <p className="mb-0">
                      <Icon name="it-check-circle" size="sm" className="icon-success me-1" />
                      {t("documents.valid")}
                    </p>
                  )}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
