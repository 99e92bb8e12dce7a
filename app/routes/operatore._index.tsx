import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken } from "~/auth/csrf.server";
import { requireOperator } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { Card } from "~/components/card";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { ACCESS_MINUTES } from "~/operator/limits";
import { countCitizenReports } from "~/operator/audit-log.server";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { hasDossierRole, praticaAreasForRoles } from "~/operator/sections";
import { countAwaitingPratiche } from "~/operator/worklist.server";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Area operatore", matches);

export const headers = operatorHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, operator } = await requireOperator(request, context);
  const roles = operator.roles;
  const areas = praticaAreasForRoles(roles);
  const [waiting, reports] = await Promise.all([
    areas.length
      ? countAwaitingPratiche(context.db, operator.enteId, areas)
      : Promise.resolve(null),
    roles.includes("auditor") ? countCitizenReports(context.db, operator.enteId) : Promise.resolve(null),
  ]);
  return json(
    {
      name: operator.name,
      dossier: hasDossierRole(roles),
      pratiche: areas.length > 0,
      pagamenti: roles.includes("pagamenti"),
      auditor: roles.includes("auditor"),
      admin: roles.includes("admin"),
      waiting,
      reports,
      // The same person is also a resident: the login keeps both areas, the switch is theirs.
      alsoCitizen: session.citizen_id !== null,
      csrf: csrfToken(session),
    },
    { headers: NO_STORE },
  );
}

export default function OperatorHome() {
  const d = useLoaderData<typeof loader>();
  const nothing = !d.dossier && !d.pratiche && !d.pagamenti && !d.auditor && !d.admin;
  return (
    <>
      <Breadcrumb items={[{ label: "Home", to: "/" }, { label: "Area operatore" }]} />
      <h1 className="mt-3">Area operatore</h1>
      <p className="lead">
        Buongiorno {d.name}. Ogni consultazione dei dati di una persona richiede un motivo, dura al massimo{" "}
        {ACCESS_MINUTES} minuti ed è registrata: la persona la vede nella propria area personale.
      </p>

      {nothing ? (
        <p>Non hai ancora ruoli assegnati: chiedi all&apos;amministrazione del tuo ente.</p>
      ) : (
        <div className="row g-4 my-2">
          {d.dossier ? (
            <div className="col-12 col-md-6 col-lg-4">
              <Card title="Cerca una persona" to="/operatore/cittadini" icon="it-search" headingLevel={2}>
                <p className="mb-0">
                  Trova una persona legata al tuo ente per codice fiscale o per cognome e nome, indica il
                  motivo e consulta il suo fascicolo.
                </p>
              </Card>
            </div>
          ) : null}
          {d.pratiche ? (
            <div className="col-12 col-md-6 col-lg-4">
              <Card title="Pratiche da lavorare" to="/operatore/pratiche" icon="it-folder" headingLevel={2}>
                <p className="mb-0">
                  {d.waiting === 1
                    ? "1 pratica è in attesa di lavorazione."
                    : `${d.waiting ?? 0} pratiche sono in attesa di lavorazione.`}{" "}
                  Prendi in carico, cambia stato, chiedi integrazioni.
                </p>
              </Card>
            </div>
          ) : null}
          {d.pagamenti ? (
            <div className="col-12 col-md-6 col-lg-4">
              <Card title="Posizioni debitorie" to="/operatore/posizioni" icon="it-card" headingLevel={2}>
                <p className="mb-0">
                  Crea, pubblica e annulla gli avvisi di pagamento pagoPA dell&apos;ente.
                </p>
              </Card>
            </div>
          ) : null}
          {d.pagamenti ? (
            <div className="col-12 col-md-6 col-lg-4">
              <Card
                title="Riconciliazione degli incassi"
                to="/operatore/riconciliazione"
                icon="it-chart-line"
                headingLevel={2}
              >
                <p className="mb-0">Pagamenti ricevuti giorno per giorno, con le ricevute da esportare.</p>
              </Card>
            </div>
          ) : null}
          {d.auditor ? (
            <div className="col-12 col-md-6 col-lg-4">
              <Card
                title="Registro degli accessi"
                to="/operatore/registro-accessi"
                icon="it-password-visible"
                headingLevel={2}
              >
                <p className="mb-0">
                  Consulta ed esporta gli accessi ai dati delle persone.{" "}
                  {d.reports
                    ? `${d.reports === 1 ? "1 segnalazione" : `${d.reports} segnalazioni`} dei cittadini.`
                    : "Nessuna segnalazione dei cittadini."}
                </p>
              </Card>
            </div>
          ) : null}
          {d.admin ? (
            <div className="col-12 col-md-6 col-lg-4">
              <Card title="Gestione dell'ente" to="/operatore/ente" icon="it-settings" headingLevel={2}>
                <p className="mb-0">Operatori e ruoli, chiavi dell&apos;API dei pagamenti.</p>
              </Card>
            </div>
          ) : null}
          {d.admin ? (
            <div className="col-12 col-md-6 col-lg-4">
              <Card
                title="Valutazioni delle pagine"
                to="/operatore/valutazioni"
                icon="it-chart-line"
                headingLevel={2}
              >
                <p className="mb-0">Quanto i cittadini trovano chiare le pagine dell&apos;area personale.</p>
              </Card>
            </div>
          ) : null}
          {d.admin ? (
            <div className="col-12 col-md-6 col-lg-4">
              <Card title="Posta in uscita" to="/operatore/posta" icon="it-mail" headingLevel={2}>
                <p className="mb-0">Promemoria, ricevute e conferme inviate per email, e il loro stato.</p>
              </Card>
            </div>
          ) : null}
        </div>
      )}

      {d.alsoCitizen ? (
        <section aria-labelledby="personal-title" className="my-5">
          <h2 id="personal-title" className="h4">
            La tua area personale
          </h2>
          <p>Sei anche cittadino: i tuoi dati personali li trovi nella tua area personale.</p>
          <Form method="post" action="/area-personale/cambia-ruolo">
            <CsrfInput token={d.csrf} />
            <input type="hidden" name="ruolo" value="cittadino" />
            <button type="submit" className="btn btn-outline-primary">
              Passa alla tua area personale di cittadino
            </button>
          </Form>
        </section>
      ) : null}
      <p className="small mt-4">
        <Link to="/privacy">Informativa sul trattamento dei dati personali</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
