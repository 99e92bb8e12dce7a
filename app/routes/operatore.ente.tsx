import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireOperator } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { formatDateTimeIt } from "~/rules/time";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { portalNow } from "~/clock.server";
import { actorFrom } from "~/operator/actor";
import {
  createApiKey,
  getEnte,
  listApiKeys,
  listEnteOperators,
  revokeApiKey,
  setOperatorRole,
} from "~/operator/ente-admin.server";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { API_KEY_LABEL_MAX } from "~/operator/limits";
import { ALL_ROLES, ROLE_LABEL } from "~/operator/sections";
import { readForm } from "~/http.server";
import { parseForm, UNKNOWN_INTENT } from "~/form-data.server";
import { enteAdminSchema } from "~/forms/operator.server";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Gestione dell'ente", matches);

export const headers = operatorHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, operator } = await requireOperator(request, context, "admin");
  const [ente, operators, keys] = await Promise.all([
    getEnte(context.db, operator.enteId),
    listEnteOperators(context.db, operator.enteId),
    listApiKeys(context.db, operator.enteId),
  ]);
  return json(
    { ente: ente?.name ?? "", me: operator.id, operators, keys, roles: ALL_ROLES, csrf: csrfToken(session) },
    { headers: NO_STORE },
  );
}

type ActionData =
  | { kind: "result"; ok: boolean; message: string }
  | { kind: "key"; ok: true; message: string; key: string; prefix: string; label: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { session, operator } = await requireOperator(request, context, "admin");
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const actor = actorFrom(session, operator);
  const now = portalNow(context.config);
  const key = context.config.auditHmacKey;
  const reply = (data: ActionData, status = 200) => json(data, { status, headers: NO_STORE });
  const parsed = parseForm(enteAdminSchema, form);
  if (!parsed.ok) {
    const message = Object.values(parsed.errors)[0] ?? UNKNOWN_INTENT;
    return reply({ kind: "result", ok: false, message }, 400);
  }
  const input = parsed.data;
  switch (input.intent) {
    case "aggiungi-ruolo":
    case "togli-ruolo": {
      const r = await setOperatorRole(context.db, key, {
        actor,
        operatorId: input.operatore,
        role: input.ruolo,
        grant: input.intent === "aggiungi-ruolo",
        now,
      });
      return reply({ kind: "result", ok: r.ok, message: r.message }, r.ok ? 200 : r.status);
    }
    case "crea-chiave": {
      const created = await createApiKey(context.db, key, { actor, label: input.etichetta, now });
      return reply({
        kind: "key",
        ok: true,
        message: "Chiave creata.",
        key: created.key,
        prefix: created.prefix,
        label: created.label,
      });
    }
    case "revoca-chiave": {
      const r = await revokeApiKey(context.db, key, { actor, apiKeyId: input.chiave, now });
      return reply({ kind: "result", ok: r.ok, message: r.message }, r.ok ? 200 : r.status);
    }
  }
}

export default function GestioneEnte() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <>
      <Breadcrumb items={[{ label: "Area operatore", to: "/operatore" }, { label: "Gestione dell'ente" }]} />
      <h1 className="mt-3">Gestione dell&apos;ente</h1>
      <p className="lead">
        Operatori, ruoli e chiavi dell&apos;API dei pagamenti di {d.ente}. Ogni modifica è registrata.
      </p>

      {a && a.kind === "result" ? (
        <div className={`alert ${a.ok ? "alert-success" : "alert-danger"}`} role={a.ok ? "status" : "alert"}>
          {a.message}
        </div>
      ) : null}
      {a && a.kind === "key" ? (
        <div className="alert alert-warning" role="status">
          <p>
            <strong>Chiave «{a.label}» creata.</strong> Copiala ora e conservala in modo sicuro: è mostrata
            solo questa volta e il portale non la conserva (ne tiene solo un&apos;impronta per riconoscerla).
          </p>
          <code className="portal-api-key">{a.key}</code>
          <p className="mt-2 mb-0">
            Inseriscila nella configurazione del gestionale che usa l&apos;API dei pagamenti dell&apos;ente.
          </p>
        </div>
      ) : null}

      <section aria-labelledby="operators-title" className="mt-4">
        <h2 id="operators-title">Operatori e ruoli</h2>
        <div className="portal-table-wrap">
          <table className="table">
            <caption className="visually-hidden">Operatori dell&apos;ente e loro ruoli</caption>
            <thead>
              <tr>
                <th scope="col">Operatore</th>
                <th scope="col">Ufficio</th>
                <th scope="col">Ruoli</th>
                <th scope="col">Aggiungi un ruolo</th>
              </tr>
            </thead>
            <tbody>
              {d.operators.map((o) => {
                const missing = d.roles.filter((r) => !o.roles.includes(r));
                const who = `${o.name} ${o.surname}`;
                return (
                  <tr key={o.id}>
                    <th scope="row">
                      {who}
                      <br />
                      <code className="small">{o.codiceFiscale}</code>
                      {o.active ? null : <span className="d-block small">Non attivo</span>}
                    </th>
                    <td>{o.office ?? "—"}</td>
                    <td>
                      {o.roles.length ? (
                        <ul className="list-unstyled mb-0">
                          {o.roles.map((r) => (
                            <li key={r} className="mb-1">
                              {ROLE_LABEL[r]}{" "}
                              {r === "admin" && o.id === d.me ? null : (
                                <Form method="post" className="portal-inline-form">
                                  <CsrfInput token={d.csrf} />
                                  <input type="hidden" name="intent" value="togli-ruolo" />
                                  <input type="hidden" name="operatore" value={o.id} />
                                  <input type="hidden" name="ruolo" value={r} />
                                  <button type="submit" className="btn btn-link btn-sm p-0 align-baseline">
                                    Togli
                                    <span className="visually-hidden">
                                      {" "}
                                      il ruolo {ROLE_LABEL[r]} a {who}
                                    </span>
                                  </button>
                                </Form>
                              )}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        "Nessuno"
                      )}
                    </td>
                    <td>
                      {missing.length ? (
                        <Form method="post" className="d-flex flex-wrap gap-2 align-items-end">
                          <CsrfInput token={d.csrf} />
                          <input type="hidden" name="intent" value="aggiungi-ruolo" />
                          <input type="hidden" name="operatore" value={o.id} />
                          <div className="select-wrapper">
                            <label htmlFor={`ruolo-${o.id}`} className="visually-hidden">
                              Ruolo da aggiungere a {who}
                            </label>
                            <select id={`ruolo-${o.id}`} name="ruolo" defaultValue={missing[0]}>
                              {missing.map((r) => (
                                <option key={r} value={r}>
                                  {ROLE_LABEL[r]}
                                </option>
                              ))}
                            </select>
                          </div>
                          <button type="submit" className="btn btn-outline-primary btn-sm">
                            Aggiungi<span className="visually-hidden"> il ruolo a {who}</span>
                          </button>
                        </Form>
                      ) : (
                        "Ha tutti i ruoli"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="keys-title" className="mt-5">
        <h2 id="keys-title">Chiavi dell&apos;API dei pagamenti</h2>
        <p>
          Le chiavi permettono ai gestionali dell&apos;ente di creare e aggiornare le posizioni debitorie
          attraverso l&apos;API <code>/api/v1</code>. Revoca subito una chiave che non serve più o che
          potrebbe essere stata divulgata.
        </p>
        <Form method="post" className="portal-section-box" aria-labelledby="new-key-title">
          <h3 id="new-key-title" className="h5">
            Nuova chiave
          </h3>
          <CsrfInput token={d.csrf} />
          <input type="hidden" name="intent" value="crea-chiave" />
          <div className="form-group">
            <label htmlFor="etichetta" className="active">
              Nome della chiave (per esempio il gestionale che la usa)
            </label>
            <input
              id="etichetta"
              name="etichetta"
              type="text"
              className="form-control"
              required
              minLength={3}
              maxLength={API_KEY_LABEL_MAX}
              autoComplete="off"
            />
          </div>
          <button type="submit" className="btn btn-primary">
            Crea la chiave
          </button>
        </Form>
        {d.keys.length ? (
          <div className="portal-table-wrap">
            <table className="table">
              <caption className="visually-hidden">Chiavi API dell&apos;ente</caption>
              <thead>
                <tr>
                  <th scope="col">Nome</th>
                  <th scope="col">Inizio della chiave</th>
                  <th scope="col">Creata</th>
                  <th scope="col">Ultimo uso</th>
                  <th scope="col">Stato</th>
                </tr>
              </thead>
              <tbody>
                {d.keys.map((k) => (
                  <tr key={k.id}>
                    <th scope="row">{k.label}</th>
                    <td>
                      <code>{k.prefix}…</code>
                    </td>
                    <td>
                      {formatDateTimeIt(k.createdAt)}
                      {k.createdBy ? ` da ${k.createdBy}` : ""}
                    </td>
                    <td>{k.lastUsedAt ? formatDateTimeIt(k.lastUsedAt) : "Mai usata"}</td>
                    <td>
                      {k.revokedAt ? (
                        `Revocata il ${formatDateTimeIt(k.revokedAt)}`
                      ) : (
                        <Form method="post" className="portal-inline-form">
                          <CsrfInput token={d.csrf} />
                          <input type="hidden" name="intent" value="revoca-chiave" />
                          <input type="hidden" name="chiave" value={k.id} />
                          Attiva.{" "}
                          <button type="submit" className="btn btn-outline-danger btn-sm">
                            Revoca<span className="visually-hidden"> la chiave {k.label}</span>
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Nessuna chiave creata.</p>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
