import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { humanizeCode } from "~/rules/italian";
import { formatDateTimeIt, formatTimeIt } from "~/rules/time";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { listAppointments, type Appointment } from "~/dossier/appointments.server";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Appuntamenti", matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  if (citizenId === null) return json({ known: false, upcoming: [], past: [] });
  const { upcoming, past } = await listAppointments(context.db, citizenId, nowIso(context.config));
  return json({ known: true, upcoming, past });
}

const STATUS_LABEL: Record<Appointment["status"], string> = {
  prenotato: "Prenotato",
  annullato: "Annullato",
  svolto: "Svolto",
};

export default function Appuntamenti() {
  const { known, upcoming, past } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const cancelled = searchParams.get("annullato") === "1";
  return (
    <>
      <Breadcrumb items={[{ label: "Area personale", to: "/area-personale" }, { label: "Appuntamenti" }]} />
      <h1>Appuntamenti</h1>
      <p className="lead">Gli appuntamenti che hai prenotato negli uffici degli enti, e la prenotazione di uno nuovo.</p>
      {cancelled ? (
        <div className="alert alert-success" role="status">
          Hai annullato l&apos;appuntamento: l&apos;orario è di nuovo disponibile per altre persone.
        </div>
      ) : null}
      {known ? (
        <p>
          <Link to="/area-personale/appuntamenti/prenota" className="btn btn-primary">
            <Icon name="it-calendar" size="sm" className="icon-white me-2" />
            Prenota un appuntamento
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="app-prossimi" className="mt-4">
        <h2 id="app-prossimi">Prossimi appuntamenti</h2>
        {upcoming.length === 0 ? (
          <EmptyState title="Non hai appuntamenti prenotati">
            <p className="mb-0">
              {known
                ? "Puoi prenotare un appuntamento allo sportello di un ufficio scegliendo il giorno e l'orario."
                : "Il tuo codice fiscale non compare nelle anagrafi dei comuni aderenti: per prenotare rivolgiti direttamente all'ufficio."}
            </p>
          </EmptyState>
        ) : (
          <ul className="list-unstyled">
            {upcoming.map((a) => (
              <li key={a.id} className="portal-list-item">
                <h3>
                  <Link to={`/area-personale/appuntamenti/${a.id}`}>
                    {formatDateTimeIt(a.startsAt)}
                    <span className="visually-hidden">, {humanizeCode(a.service)}</span>
                  </Link>
                </h3>
                <p className="mb-1">
                  {humanizeCode(a.service)} · fino alle {formatTimeIt(a.endsAt)}
                </p>
                <p className="small mb-0">
                  {a.officeName}, {a.enteName} · {a.officeAddress}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="app-passati" className="mt-4">
        <h2 id="app-passati">Appuntamenti passati e annullati</h2>
        {past.length === 0 ? (
          <p>Non ci sono appuntamenti passati o annullati.</p>
        ) : (
          <div className="table-responsive">
            <table className="table">
              <caption>Appuntamenti passati e annullati, dal più recente</caption>
              <thead>
                <tr>
                  <th scope="col">Data e ora</th>
                  <th scope="col">Servizio e ufficio</th>
                  <th scope="col">Stato</th>
                </tr>
              </thead>
              <tbody>
                {past.map((a) => (
                  <tr key={a.id}>
                    <th scope="row" className="fw-normal text-nowrap">
                      {formatDateTimeIt(a.startsAt)}
                    </th>
                    <td>
                      {humanizeCode(a.service)}
                      <div className="small">
                        {a.officeName}, {a.enteName}
                      </div>
                    </td>
                    <td>{a.status === "prenotato" ? "Passato" : STATUS_LABEL[a.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
