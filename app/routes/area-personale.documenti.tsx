import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { nowIso, todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { daysLabel } from "~/rules/italian";
import { addDays, daysBetween, formatDateIt } from "~/rules/time";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { identityCardBooking } from "~/dossier/appointments.server";
import { BOOKING_HORIZON_DAYS, DOCUMENT_KIND_LABEL, EXPIRY_WARNING_DAYS } from "~/dossier/labels";
import { currentResidenceEnteId, getIdentityDocuments } from "~/dossier/registry.server";
import type { DocumentKind } from "../../db/schema";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Documenti d'identità", matches);

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

const RENEWAL: Record<DocumentKind, { text: string; appointment: boolean }> = {
  carta_identita: {
    text: "La carta d'identità elettronica si rinnova all'ufficio anagrafe del comune di residenza, su appuntamento, fino a 180 giorni prima della scadenza. Porta una fototessera recente e il documento in scadenza.",
    appointment: true,
  },
  passaporto: {
    text: "Il passaporto si rinnova in Questura, prenotando sul sito della Polizia di Stato.",
    appointment: false,
  },
  patente: {
    text: "La patente si rinnova dopo la visita medica presso un medico abilitato o la commissione medica locale.",
    appointment: false,
  },
};

export default function Documenti() {
  const { today, known, documents, renewalBooking } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb
        items={[{ label: "Area personale", to: "/area-personale" }, { label: "Documenti d'identità" }]}
      />
      <h1>Documenti d&apos;identità</h1>
      <p className="lead">
        I documenti rilasciati a tuo nome, con la loro scadenza. Quando mancano meno di {EXPIRY_WARNING_DAYS}{" "}
        giorni alla scadenza trovi qui un avviso e le indicazioni per il rinnovo.
      </p>
      {documents.length === 0 ? (
        <EmptyState title="Non risultano documenti d'identità a tuo nome">
          <p className="mb-0">
            {known
              ? "Gli enti aderenti non hanno registrato documenti rilasciati a tuo nome."
              : "Il tuo codice fiscale non compare nelle anagrafi dei comuni aderenti."}{" "}
            Per richiedere la carta d&apos;identità elettronica puoi{" "}
            <Link to={renewalBooking}>prenotare un appuntamento</Link> all&apos;ufficio anagrafe.
          </p>
        </EmptyState>
      ) : (
        <ul className="list-unstyled">
          {documents.map((d) => {
            const days = daysBetween(today, d.expiryDate);
            const renewal = RENEWAL[d.kind];
            const headingId = `doc-${d.id}`;
            return (
              <li key={d.id}>
                <article className="portal-section-box" aria-labelledby={headingId}>
                  <h2 id={headingId} className="h4">
                    {DOCUMENT_KIND_LABEL[d.kind]}
                    {d.superseded ? (
                      <>
                        {" "}
                        <span className="badge bg-secondary ms-1">sostituito</span>
                      </>
                    ) : null}
                  </h2>
                  <dl className="row portal-dl">
                    <div className="col-12 col-sm-6">
                      <dt>Numero</dt>
                      <dd className="portal-amount">{d.number}</dd>
                    </div>
                    <div className="col-12 col-sm-6">
                      <dt>Rilasciato da</dt>
                      <dd>{d.issuer}</dd>
                    </div>
                    <div className="col-12 col-sm-6">
                      <dt>Data di rilascio</dt>
                      <dd>{formatDateIt(d.issueDate)}</dd>
                    </div>
                    <div className="col-12 col-sm-6">
                      <dt>Data di scadenza</dt>
                      <dd>{formatDateIt(d.expiryDate)}</dd>
                    </div>
                  </dl>
                  {!d.superseded && d.state !== "valida" ? (
                    <div
                      className={`alert ${d.state === "scaduta" ? "alert-danger" : "alert-warning"} mb-0`}
                      role="note"
                    >
                      <p className="fw-semibold mb-1">
                        {d.state === "scaduta"
                          ? `Documento scaduto il ${formatDateIt(d.expiryDate)}`
                          : days === 0
                            ? "Il documento scade oggi"
                            : `Il documento scade tra ${daysLabel(days)}`}
                      </p>
                      <p className="mb-1">{renewal.text}</p>
                      {renewal.appointment ? (
                        <p className="mb-0">
                          <Link to={renewalBooking}>Prenota un appuntamento per il rinnovo</Link>
                        </p>
                      ) : null}
                    </div>
                  ) : d.superseded ? (
                    <p className="mb-0 small">
                      Sostituito da un documento dello stesso tipo rilasciato più di recente.
                    </p>
                  ) : (
                    <p className="mb-0">
                      <Icon name="it-check-circle" size="sm" className="icon-success me-1" />
                      Valido
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
