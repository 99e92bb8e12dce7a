import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireCitizen } from "~/auth/guards.server";
import { portalNow } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/form";
import {
  DELEGATION_FIELD_ORDER,
  DelegationFields,
  delegationFieldId,
  type DelegationFieldErrors,
} from "~/components/dossier/delegation-fields";
import { pageMeta } from "~/components/site";
import {
  answerDelegation,
  createDelegation,
  listDelegationsGiven,
  listDelegationsReceived,
  listParentTies,
  renewDelegation,
  revokeDelegation,
  startActing,
  stopActing,
  type DelegationResult,
  type DelegationView,
} from "~/dossier/delegations.server";
import { parseForm, UNKNOWN_INTENT } from "~/form-data.server";
import { delegationActionSchema } from "~/forms/citizen.server";
import { notFound, readForm, throwBadRequest } from "~/http.server";
import {
  DELEGATION_AREA_SHORT,
  DELEGATION_STATE_LABEL,
  DELEGATIONS_PATH,
  mayRenew,
} from "~/rules/delegation";
import { formatDateIt, formatDateTimeIt, romeDay } from "~/rules/time";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Deleghe", matches);

const OUTCOMES: Record<string, string> = {
  creata: "Delega creata: la persona delegata la troverà nella sua area personale e dovrà accettarla.",
  accettata: "Hai accettato la delega: ora puoi agire per conto di questa persona.",
  rifiutata: "Hai rifiutato la delega.",
  revocata: "Delega revocata: da questo momento la persona non può più agire per tuo conto.",
  rinuncia: "Hai rinunciato alla delega.",
  rinnovata: "Delega rinnovata per un anno da oggi.",
  tornato: "Sei tornato nella tua area personale.",
  "delega-terminata":
    "La delega o il legame con cui agivi per conto di un'altra persona non è più valido: sei tornato nella tua area.",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId, onBehalf } = await requireCitizen(request, context);
  const now = portalNow(context.config);
  const [given, received, children] = await Promise.all([
    citizenId === null ? Promise.resolve([]) : listDelegationsGiven(context.db, citizenId, now),
    listDelegationsReceived(context.db, session.fiscal_code, now),
    citizenId === null ? Promise.resolve([]) : listParentTies(context.db, citizenId, now),
  ]);
  const today = romeDay(now);
  const outcome = new URL(request.url).searchParams.get("esito") ?? "";
  return json(
    {
      known: citizenId !== null,
      given,
      received,
      children,
      actingFor: onBehalf ? onBehalf.tie.subject.citizenId : null,
      today,
      message: OUTCOMES[outcome] ?? null,
      csrf: csrfToken(session),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

type FieldErrors = DelegationFieldErrors;

const DONE: Record<string, string> = {
  accetta: "accettata",
  rifiuta: "rifiutata",
  revoca: "revocata",
  rinuncia: "rinuncia",
  rinnova: "rinnovata",
};

export async function action({ request, context }: ActionFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const parsed = parseForm(delegationActionSchema, form, ["aree"]);
  if (!parsed.ok) {
    if (parsed.errors.intent || !form.get("intent")) throwBadRequest(UNKNOWN_INTENT);
    throw notFound();
  }
  const input = parsed.data;
  const now = portalNow(context.config);
  const key = context.config.auditHmacKey;
  const me = { codiceFiscale: session.fiscal_code, name: session.name, surname: session.surname };

  if (input.intent === "smetti") {
    await stopActing(context.db, session.id);
    return redirect("/area-personale", 303);
  }
  if (input.intent === "agisci") {
    const tie = await startActing(context.db, key, {
      sessionId: session.id,
      person: { ...me, citizenId },
      subjectCitizenId: input.persona,
      delegationId: input.delega,
      now,
    });
    if (!tie) throw notFound();
    return redirect("/area-personale", 303);
  }
  let result: DelegationResult;
  if (input.intent === "crea") {
    if (citizenId === null)
      return json(
        {
          errors: {} as FieldErrors,
          formError:
            "Per delegare qualcuno devi risultare iscritto nell'anagrafe di un comune aderente al portale.",
        },
        { status: 422 },
      );
    result = await createDelegation(context.db, key, {
      delegator: { citizenId, codiceFiscale: session.fiscal_code },
      delegate: { codiceFiscale: input.codiceFiscale, name: input.nome, surname: input.cognome },
      areas: input.aree,
      startsOn: input.dal,
      endsOn: input.al,
      now,
    });
    if (result.ok) return redirect(`${DELEGATIONS_PATH}?esito=creata`, 303);
    return json(
      { errors: (result.errors ?? {}) as FieldErrors, formError: result.message },
      { status: result.status === 404 ? 400 : result.status },
    );
  }
  if (input.intent === "accetta" || input.intent === "rifiuta") {
    result = await answerDelegation(context.db, key, {
      id: input.delega,
      delegate: { ...me, citizenId },
      accept: input.intent === "accetta",
      now,
    });
  } else if (input.intent === "revoca") {
    result = await revokeDelegation(context.db, key, {
      id: input.delega,
      by: "delegante",
      citizenId,
      codiceFiscale: session.fiscal_code,
      now,
    });
  } else if (input.intent === "rinuncia") {
    result = await revokeDelegation(context.db, key, {
      id: input.delega,
      by: "delegato",
      codiceFiscale: session.fiscal_code,
      now,
    });
  } else {
    if (citizenId === null) throw notFound();
    result = await renewDelegation(context.db, key, {
      id: input.delega,
      citizenId,
      codiceFiscale: session.fiscal_code,
      now,
    });
  }
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    return json({ errors: {} as FieldErrors, formError: result.message }, { status: result.status });
  }
  return redirect(`${DELEGATIONS_PATH}?esito=${DONE[input.intent]}`, 303);
}

function Period({ d }: { d: DelegationView }) {
  return (
    <>
      dal {formatDateIt(d.startsOn)} al {formatDateIt(d.endsOn)}
    </>
  );
}

function StateBadge({ d }: { d: DelegationView }) {
  const tone =
    d.state === "attiva" ? "bg-success" : d.state === "in_attesa" ? "bg-warning text-dark" : "bg-secondary";
  return <span className={`badge ${tone}`}>{DELEGATION_STATE_LABEL[d.state]}</span>;
}

function ActionButton({
  csrf,
  intent,
  fields,
  label,
  primary = false,
}: {
  csrf: string;
  intent: string;
  fields: Record<string, string | number>;
  label: string;
  primary?: boolean;
}) {
  return (
    <Form method="post" className="d-inline-block me-2 mb-2">
      <CsrfInput token={csrf} />
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={`btn btn-sm ${primary ? "btn-primary" : "btn-outline-primary"}`}>
        {label}
      </button>
    </Form>
  );
}

export default function Deleghe() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors = actionData?.errors ?? {};
  const errorItems = DELEGATION_FIELD_ORDER.filter((field) => errors[field]).map((field) => ({
    field: delegationFieldId(field),
    message: errors[field] ?? "",
  }));
  const activeReceived = data.received.filter((d) => d.state === "attiva");
  const pending = data.received.filter((d) => d.state === "in_attesa" && d.acceptedAt === null);
  const pastReceived = data.received.filter((d) => !activeReceived.includes(d) && !pending.includes(d));
  return (
    <>
      <Breadcrumb items={[{ label: "Area personale", to: "/area-personale" }, { label: "Deleghe" }]} />
      <h1>Deleghe</h1>
      <p className="lead">
        Qui scegli chi può agire per tuo conto, per quali aree e fino a quando, e agisci per conto delle
        persone che ti hanno delegato o dei figli minorenni della tua famiglia anagrafica. Ogni azione fatta
        per conto di qualcuno è registrata e mostrata a quella persona in &laquo;Chi ha visto i miei
        dati&raquo;.
      </p>
      {data.message ? (
        <div className="alert alert-success" role="status">
          {data.message}
        </div>
      ) : null}
      {actionData?.formError && errorItems.length === 0 ? (
        <div className="alert alert-danger" role="alert">
          {actionData.formError}
        </div>
      ) : null}

      <section className="portal-section-box" aria-labelledby="del-per-conto">
        <h2 id="del-per-conto">Per chi puoi agire</h2>
        {data.children.length === 0 && activeReceived.length === 0 ? (
          <p className="mb-0">
            Nessuno: non hai deleghe attive né figli minorenni nella tua famiglia anagrafica.
          </p>
        ) : (
          <ul className="list-unstyled mb-0">
            {data.children.map((t) => (
              <li key={`g-${t.subject.citizenId}`} className="mb-3">
                <strong>
                  {t.subject.name} {t.subject.surname}
                </strong>{" "}
                (codice fiscale {t.subject.codiceFiscale}): minorenne della tua famiglia anagrafica, fino al{" "}
                {formatDateIt(t.until)}.
                <div className="mt-2">
                  {data.actingFor === t.subject.citizenId ? (
                    <span className="badge bg-primary">Stai agendo per suo conto</span>
                  ) : (
                    <ActionButton
                      csrf={data.csrf}
                      intent="agisci"
                      fields={{ persona: t.subject.citizenId, delega: "" }}
                      label={`Agisci per conto di ${t.subject.name} ${t.subject.surname}`}
                      primary
                    />
                  )}
                </div>
              </li>
            ))}
            {activeReceived.map((d) => (
              <li key={`d-${d.id}`} className="mb-3">
                <strong>
                  {d.delegator.name} {d.delegator.surname}
                </strong>{" "}
                (codice fiscale {d.delegator.codiceFiscale}): delega per{" "}
                {d.areas.map((a) => DELEGATION_AREA_SHORT[a]).join(", ")}, <Period d={d} />.
                <div className="mt-2">
                  {data.actingFor === d.delegator.citizenId ? (
                    <span className="badge bg-primary me-2">Stai agendo per suo conto</span>
                  ) : (
                    <ActionButton
                      csrf={data.csrf}
                      intent="agisci"
                      fields={{ persona: d.delegator.citizenId, delega: d.id }}
                      label={`Agisci per conto di ${d.delegator.name} ${d.delegator.surname}`}
                      primary
                    />
                  )}
                  <ActionButton
                    csrf={data.csrf}
                    intent="rinuncia"
                    fields={{ delega: d.id }}
                    label="Rinuncia alla delega"
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {pending.length ? (
        <section className="portal-section-box" aria-labelledby="del-attesa">
          <h2 id="del-attesa">Deleghe da accettare</h2>
          <ul className="list-unstyled mb-0">
            {pending.map((d) => (
              <li key={d.id} className="mb-3">
                <strong>
                  {d.delegator.name} {d.delegator.surname}
                </strong>{" "}
                ti ha delegato per {d.areas.map((a) => DELEGATION_AREA_SHORT[a]).join(", ")}, <Period d={d} />
                .
                <div className="mt-2">
                  <ActionButton
                    csrf={data.csrf}
                    intent="accetta"
                    fields={{ delega: d.id }}
                    label="Accetta la delega"
                    primary
                  />
                  <ActionButton csrf={data.csrf} intent="rifiuta" fields={{ delega: d.id }} label="Rifiuta" />
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="portal-section-box" aria-labelledby="del-date">
        <h2 id="del-date">Chi può agire per te</h2>
        {!data.known ? (
          <p className="mb-0">
            Non risulti iscritto nell&apos;anagrafe di un comune aderente: non puoi delegare altre persone dal
            portale.
          </p>
        ) : data.given.length === 0 ? (
          <p>Non hai delegato nessuno.</p>
        ) : (
          <div className="table-responsive">
            <table className="table">
              <caption className="visually-hidden">Le deleghe che hai dato, dalla più recente</caption>
              <thead>
                <tr>
                  <th scope="col">Persona delegata</th>
                  <th scope="col">Aree</th>
                  <th scope="col">Periodo</th>
                  <th scope="col">Stato</th>
                  <th scope="col">Azioni</th>
                </tr>
              </thead>
              <tbody>
                {data.given.map((d) => (
                  <tr key={d.id}>
                    <td>
                      {d.delegate.name} {d.delegate.surname}
                      <div className="small">{d.delegate.codiceFiscale}</div>
                      {d.channel === "sportello" ? (
                        <div className="small">Registrata allo sportello</div>
                      ) : null}
                    </td>
                    <td>{d.areas.map((a) => DELEGATION_AREA_SHORT[a]).join(", ")}</td>
                    <td>
                      <Period d={d} />
                      {d.firstUsedAt ? (
                        <div className="small">Usata la prima volta il {formatDateTimeIt(d.firstUsedAt)}</div>
                      ) : null}
                    </td>
                    <td>
                      <StateBadge d={d} />
                    </td>
                    <td>
                      {d.state === "attiva" || d.state === "in_attesa" ? (
                        <ActionButton
                          csrf={data.csrf}
                          intent="revoca"
                          fields={{ delega: d.id }}
                          label="Revoca"
                        />
                      ) : null}
                      {mayRenew(d.state) ? (
                        <ActionButton
                          csrf={data.csrf}
                          intent="rinnova"
                          fields={{ delega: d.id }}
                          label="Rinnova per un anno"
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        {data.known ? (
          <>
            <h3 className="h4 mt-4" id="nuova-delega">
              Delega una persona
            </h3>
            {actionData?.formError && errorItems.length ? (
              <ErrorSummary title={actionData.formError} items={errorItems} />
            ) : null}
            <Form method="post" noValidate aria-labelledby="nuova-delega">
              <CsrfInput token={data.csrf} />
              <input type="hidden" name="intent" value="crea" />
              <DelegationFields errors={errors} today={data.today} />
              <button type="submit" className="btn btn-primary">
                Crea la delega
              </button>
            </Form>
          </>
        ) : null}
      </section>

      {pastReceived.length ? (
        <section className="portal-section-box" aria-labelledby="del-passate">
          <h2 id="del-passate">Deleghe ricevute non più attive</h2>
          <ul className="mb-0">
            {pastReceived.map((d) => (
              <li key={d.id}>
                {d.delegator.name} {d.delegator.surname}:{" "}
                {d.areas.map((a) => DELEGATION_AREA_SHORT[a]).join(", ")}, <Period d={d} /> —{" "}
                {DELEGATION_STATE_LABEL[d.state].toLowerCase()}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
