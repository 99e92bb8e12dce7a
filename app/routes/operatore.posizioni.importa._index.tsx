import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, CSRF_FIELD, verifyCsrf } from "~/auth/csrf.server";
import { requireOperator } from "~/auth/guards.server";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { plural } from "~/rules/italian";
import { formatDateTimeIt } from "~/rules/time";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { TextField } from "~/components/form";
import { pageMeta } from "~/components/site";
import { badRequest, checkFormRequest, FORM_MESSAGES } from "~/http.server";
import { actorFrom } from "~/operator/actor";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import {
  IMPORT_COLUMN_DOCS,
  IMPORT_REPORT_MAX_ERRORS,
  type ImportReport,
} from "~/operator/position-import-csv";
import {
  IMPORT_UPLOAD_TEXT,
  ImportUploadMalformed,
  MAX_IMPORT_BYTES,
  readImportUpload,
} from "~/operator/position-import-upload.server";
import {
  IMPORT_STATE_LABEL,
  importWorkerOf,
  listImports,
  startImport,
} from "~/payments/position-imports.server";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Importa posizioni debitorie da file", matches);

export const headers = operatorHeaders;

const FILE_FIELD = "file";
const MAX_MB = MAX_IMPORT_BYTES / 1024 / 1024;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, operator } = await requireOperator(request, context, "pagamenti");
  const imports = await listImports(context.db, operator.enteId);
  return json(
    {
      csrf: csrfToken(session),
      imports: imports.map((i) => ({
        id: i.id,
        filename: i.filename,
        state: IMPORT_STATE_LABEL[i.state],
        totalRows: i.totalRows,
        created: i.created,
        createdAt: i.createdAt,
      })),
    },
    { headers: NO_STORE },
  );
}

type ActionData = { message: string; report: ImportReport | null };

function formFrom(fields: Map<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of fields) form.set(k, v);
  return form;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { session, operator } = await requireOperator(request, context, "pagamenti");
  // Origin and media type as for every form (403, 415); then this page's own streaming reader,
  // since the file may be far larger than readForm's limit.
  checkFormRequest(request, context, "multipart");
  const today = todayIso(context.config);
  let upload;
  try {
    upload = await readImportUpload(request, {
      fileField: FILE_FIELD,
      today,
      // The token usually comes before the file: a forged upload is then refused before it is read.
      onFileStart: (fields) => {
        if (fields.has(CSRF_FIELD)) verifyCsrf(request, formFrom(fields), session);
      },
    });
  } catch (err) {
    if (err instanceof ImportUploadMalformed) throw badRequest(FORM_MESSAGES.malformed);
    throw err;
  }
  const refuse = (status: number, message: string, report: ImportReport | null = null) =>
    json<ActionData>({ message, report }, { status, headers: NO_STORE });
  // A file over the limit is refused by its declared length before any field is read, token
  // included; nothing is written either way, so the sender learns the real reason.
  if (upload.problem === "too_large") return refuse(413, IMPORT_UPLOAD_TEXT.too_large);
  verifyCsrf(request, formFrom(upload.fields), session);

  if (upload.problem || !upload.file) return refuse(400, IMPORT_UPLOAD_TEXT[upload.problem ?? "missing"]);
  const { file } = upload;
  if (file.report.errorCount > 0)
    return refuse(
      400,
      "Il file contiene errori: nessuna posizione è stata importata. Correggi le righe indicate e carica di nuovo il file.",
      file.report,
    );
  const started = await startImport(
    context.db,
    context.config,
    { kind: "operatore", actor: actorFrom(session, operator) },
    { filename: file.filename, text: file.text, sha256: file.sha256, rows: file.report.rows },
  );
  if (!started.ok) throw badRequest(FORM_MESSAGES.malformed);
  importWorkerOf(context.services)?.wake();
  return redirect(`/operatore/posizioni/importa/${started.id}`, { status: 303, headers: NO_STORE });
}

function ErrorReport({ data }: { data: ActionData }) {
  const { report } = data;
  return (
    <div
      className="alert alert-danger"
      role="alert"
      id="esito-controllo"
      aria-labelledby="esito-controllo-titolo"
    >
      <h2 id="esito-controllo-titolo" className="h5">
        {data.message}
      </h2>
      {report ? (
        <p className="mb-0">
          {`${plural(report.rows, "riga letta", "righe lette")}, ${plural(report.rowsWithErrors, "riga con errori", "righe con errori")}, ${plural(report.errorCount, "errore", "errori")}.` +
            (report.errorCount > report.errors.length
              ? ` Qui sotto i primi ${IMPORT_REPORT_MAX_ERRORS}.`
              : "")}
        </p>
      ) : null}
    </div>
  );
}

export default function ImportaPosizioni() {
  const { csrf, imports } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const fileError = actionData && !actionData.report ? actionData.message : null;
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area operatore", to: "/operatore" },
          { label: "Posizioni debitorie", to: "/operatore/posizioni" },
          { label: "Importa da file" },
        ]}
      />
      <h1 className="mt-3">Importa posizioni debitorie da file</h1>
      <p className="lead">
        Per una campagna di riscossione (per esempio la TARI dell&apos;anno a tutte le utenze): un file CSV
        con una posizione per riga. Il portale controlla tutte le righe prima di importare: se anche una sola
        ha un errore, non importa nulla e ti dice riga per riga che cosa correggere.
      </p>
      <p>
        Le posizioni importate sono pubblicate subito (o dalla data di validità indicata) e ogni debitore
        registrato nel portale riceve un messaggio con l&apos;avviso. Un file già importato, o una riga con un
        identificativo che l&apos;ente ha già usato, non crea posizioni nuove.
      </p>

      {actionData?.report ? <ErrorReport data={actionData} /> : null}

      <Form
        method="post"
        encType="multipart/form-data"
        noValidate
        className="portal-section-box"
        aria-labelledby="carica-titolo"
      >
        <h2 id="carica-titolo" className="h4">
          Carica il file
        </h2>
        {/* The token first: the server checks it before reading the file. */}
        <CsrfInput token={csrf} />
        <TextField
          id="file"
          name={FILE_FIELD}
          type="file"
          label="File CSV delle posizioni"
          accept=".csv,text/csv"
          hint={`CSV in codifica UTF-8, colonne separate da punto e virgola (o da virgola), al massimo ${MAX_MB} MB.`}
          error={fileError}
        />
        <button type="submit" className="btn btn-primary" disabled={submitting}>
          {submitting ? "Controllo del file in corso…" : "Controlla e importa"}
        </button>
      </Form>

      {actionData?.report && actionData.report.errors.length ? (
        <section aria-labelledby="errori-titolo" className="mt-4">
          <h2 id="errori-titolo" className="h4">
            Errori da correggere
          </h2>
          <div className="portal-table-wrap">
            <table className="table">
              <caption className="visually-hidden">Errori trovati nel file, per riga e colonna</caption>
              <thead>
                <tr>
                  <th scope="col">Riga</th>
                  <th scope="col">Colonna</th>
                  <th scope="col">Problema</th>
                </tr>
              </thead>
              <tbody>
                {actionData.report.errors.map((e, i) => (
                  <tr key={`${e.line}-${i}`}>
                    <th scope="row">{e.line}</th>
                    <td>{e.column ?? "tutta la riga"}</td>
                    <td className="portal-wrap">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="colonne-titolo" className="mt-4">
        <h2 id="colonne-titolo" className="h4">
          Le colonne del file
        </h2>
        <p>
          La prima riga è l&apos;intestazione con i nomi delle colonne, in qualsiasi ordine (maiuscole e
          minuscole indifferenti). Una riga con una sola scadenza è un pagamento in unica soluzione, con due o
          più è a rate.
        </p>
        <div className="portal-table-wrap">
          <table className="table">
            <caption className="visually-hidden">Colonne del file di importazione</caption>
            <thead>
              <tr>
                <th scope="col">Colonna</th>
                <th scope="col">Obbligatoria</th>
                <th scope="col">Contenuto</th>
              </tr>
            </thead>
            <tbody>
              {IMPORT_COLUMN_DOCS.map((c) => (
                <tr key={c.name}>
                  <th scope="row">
                    <code>{c.name}</code>
                  </th>
                  <td>{c.required ? "Sì" : "No"}</td>
                  <td className="portal-wrap">{c.content}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>Un esempio:</p>
        <pre className="portal-wrap">
          <code>
            {
              "idPosizioneEnte;codiceFiscale;nominativo;servizio;causale;importo1;scadenza1;importo2;scadenza2\nTARI2026-000123;CLMFRC99R04A479D;Colombo Federico;TARI;TARI 2026 - utenza domestica;120,50;16/12/2026;120,50;31/01/2027"
            }
          </code>
        </pre>
      </section>

      <section aria-labelledby="importazioni-titolo" className="mt-4">
        <h2 id="importazioni-titolo" className="h4">
          Importazioni recenti
        </h2>
        {imports.length === 0 ? (
          <EmptyState title="Nessuna importazione finora" />
        ) : (
          <div className="portal-table-wrap">
            <table className="table">
              <caption className="visually-hidden">Le ultime importazioni dell&apos;ente</caption>
              <thead>
                <tr>
                  <th scope="col">Importazione</th>
                  <th scope="col">File</th>
                  <th scope="col">Righe</th>
                  <th scope="col">Posizioni create</th>
                  <th scope="col">Stato</th>
                </tr>
              </thead>
              <tbody>
                {imports.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">
                      <Link to={`/operatore/posizioni/importa/${i.id}`} prefetch="none">
                        n. {i.id} del {formatDateTimeIt(i.createdAt)}
                      </Link>
                    </th>
                    <td className="portal-wrap">{i.filename ?? "—"}</td>
                    <td>{i.totalRows.toLocaleString("it-IT")}</td>
                    <td>{i.created.toLocaleString("it-IT")}</td>
                    <td>{i.state}</td>
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
