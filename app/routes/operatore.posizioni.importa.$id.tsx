import type { LoaderFunctionArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOperator } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatDateTimeIt } from "~/rules/time";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { notFound, requireId } from "~/http.server";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { formatEuroSymbol } from "~/rules/money";
import { getImport, IMPORT_STATE_LABEL } from "~/payments/position-imports.server";

/** Seconds between reloads of the page while the import runs (no JavaScript needed). */
const REFRESH_SECONDS = 3;

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  if (error || !data) return errorMeta(error, matches);
  const tags: MetaDescriptor[] = pageMeta(`Importazione n. ${data.imp.id}`, matches);
  if (data.refresh) tags.push({ httpEquiv: "refresh", content: String(REFRESH_SECONDS) });
  return tags;
};

export const headers = operatorHeaders;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { operator } = await requireOperator(request, context, "pagamenti");
  const id = requireId(params.id);
  const imp = await getImport(context.db, operator.enteId, id);
  if (!imp) throw notFound();
  const running = imp.state === "in_attesa" || imp.state === "in_corso";
  const paused = new URL(request.url).searchParams.get("aggiorna") === "no";
  return json(
    {
      imp: { ...imp, stateLabel: IMPORT_STATE_LABEL[imp.state] },
      running,
      paused,
      refresh: running && !paused,
    },
    { headers: NO_STORE },
  );
}

const n = (v: number) => v.toLocaleString("it-IT");

export default function Importazione() {
  const { imp, running, paused } = useLoaderData<typeof loader>();
  const percent = imp.totalRows > 0 ? Math.floor((imp.rowsDone / imp.totalRows) * 100) : 0;
  const progressText = `${n(imp.rowsDone)} righe su ${n(imp.totalRows)} (${percent}%)`;
  const self = `/operatore/posizioni/importa/${imp.id}`;
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area operatore", to: "/operatore" },
          { label: "Posizioni debitorie", to: "/operatore/posizioni" },
          { label: "Importa da file", to: "/operatore/posizioni/importa" },
          { label: `Importazione n. ${imp.id}` },
        ]}
      />
      <h1 className="mt-3">Importazione n. {imp.id}</h1>
      <p className="lead">
        {imp.filename ? (
          <>
            File <span className="portal-wrap">«{imp.filename}»</span>,{" "}
          </>
        ) : null}
        caricato il {formatDateTimeIt(imp.createdAt)}
        {imp.channel === "api" ? " tramite l'API" : null}: {n(imp.totalRows)}{" "}
        {imp.totalRows === 1 ? "posizione" : "posizioni"}.
      </p>

      <section className="portal-section-box" aria-labelledby="avanzamento-titolo">
        <h2 id="avanzamento-titolo" className="h4">
          Stato: {imp.stateLabel}
        </h2>
        <div className="progress my-3" style={{ height: "1rem" }}>
          <div
            className={`progress-bar${imp.state === "non_riuscita" ? " bg-danger" : imp.state === "completata" ? " bg-success" : ""}`}
            role="progressbar"
            style={{ width: `${percent}%` }}
            aria-labelledby="avanzamento-titolo"
            aria-valuenow={percent}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuetext={progressText}
          />
        </div>
        <p id="avanzamento-testo">{`Righe elaborate: ${progressText}.`}</p>

        {imp.state === "in_attesa" ? <p>L&apos;importazione inizierà tra pochi secondi.</p> : null}
        {running ? (
          paused ? (
            <p>
              L&apos;aggiornamento automatico della pagina è sospeso.{" "}
              <Link to={self} prefetch="none">
                Aggiorna ora e riattiva l&apos;aggiornamento automatico
              </Link>
              .
            </p>
          ) : (
            <p>
              La pagina si aggiorna da sola ogni {REFRESH_SECONDS} secondi; puoi anche chiuderla:
              l&apos;importazione continua e la ritrovi in «Importa da file».{" "}
              <Link to={`${self}?aggiorna=no`} prefetch="none">
                Sospendi l&apos;aggiornamento automatico
              </Link>
              .
            </p>
          )
        ) : null}

        {imp.error && imp.state === "non_riuscita" ? (
          <div className="alert alert-danger" role="alert">
            {imp.error}
          </div>
        ) : null}

        <dl className="row mb-0">
          <dt className="col-sm-5">Posizioni create e pubblicate</dt>
          <dd className="col-sm-7">{n(imp.created)}</dd>
          <dt className="col-sm-5">Già presenti, non create di nuovo</dt>
          <dd className="col-sm-7">{n(imp.skipped)}</dd>
          <dt className="col-sm-5">Messaggi inviati ai debitori</dt>
          <dd className="col-sm-7">{n(imp.messages)}</dd>
          <dt className="col-sm-5">Importo delle posizioni create</dt>
          <dd className="col-sm-7">{formatEuroSymbol(imp.totalCents)}</dd>
          {imp.finishedAt ? (
            <>
              <dt className="col-sm-5">Conclusa il</dt>
              <dd className="col-sm-7">{formatDateTimeIt(imp.finishedAt)}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {imp.state === "completata" ? (
        <p className="mt-3">
          <Link to="/operatore/posizioni" prefetch="none" className="btn btn-primary">
            Vai alle posizioni debitorie
          </Link>
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
