import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
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
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat, useServerText } from "~/i18n/react";
import type { Formats } from "~/i18n/format";
import { DELEGATIONS_PATH, mayRenew, type DelegationArea } from "~/rules/delegation";
import { romeDay } from "~/rules/time";

export const handle = { i18n: ["delegations"] };

export const clientLoader = messagesLoader(["delegations"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "delegations");
  return pageMeta(t("title"), matches);
};

/** The outcomes `?esito=` announces; each one's text is the message `outcome.<code>`. */
const OUTCOMES = new Set([
  "creata",
  "accettata",
  "rifiutata",
  "revocata",
  "rinuncia",
  "rinnovata",
  "tornato",
  "delega-terminata",
]);

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
      outcome: OUTCOMES.has(outcome) ? outcome : null,
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

/** The values of a delegation's sentences: who, the areas and the period, in the page's language. */
function delegationValues(
  d: DelegationView,
  person: { name: string; surname: string; codiceFiscale: string },
  t: TFunction,
  f: Formats,
) {
  return {
    name: `${person.name} ${person.surname}`,
    codiceFiscale: person.codiceFiscale,
    areas: areaNames(d.areas, t),
    from: f.date(d.startsOn),
    to: f.date(d.endsOn),
  };
}

function areaNames(areas: readonly DelegationArea[], t: TFunction): string {
  return areas.map((a) => t(`areaShort.${a}`)).join(", ");
}

function StateBadge({ d }: { d: DelegationView }) {
  const { t } = useTranslation("delegations");
  const tone =
    d.state === "attiva" ? "bg-success" : d.state === "in_attesa" ? "bg-warning text-dark" : "bg-secondary";
  return <span className={`badge ${tone}`}>{t(`state.${d.state}`)}</span>;
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
  const { t } = useTranslation("delegations");
  const f = useFormat();
  const serverText = useServerText();
  // The server's messages (in Italian), in the page's language.
  const errors: FieldErrors = Object.fromEntries(
    Object.entries(actionData?.errors ?? {}).map(([field, message]) => [
      field,
      message && serverText(message),
    ]),
  );
  const errorItems = DELEGATION_FIELD_ORDER.filter((field) => errors[field]).map((field) => ({
    field: delegationFieldId(field),
    message: errors[field] ?? "",
  }));
  const activeReceived = data.received.filter((d) => d.state === "attiva");
  const pending = data.received.filter((d) => d.state === "in_attesa" && d.acceptedAt === null);
  const pastReceived = data.received.filter((d) => !activeReceived.includes(d) && !pending.includes(d));
  const strong = { strong: <strong /> };
  return (
    <>
      <Breadcrumb items={[{ label: t("common:nav.area"), to: "/area-personale" }, { label: t("title") }]} />
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {data.outcome ? (
        <div className="alert alert-success" role="status">
          {t(`outcome.${data.outcome}`)}
        </div>
      ) : null}
      {actionData?.formError && errorItems.length === 0 ? (
        <div className="alert alert-danger" role="alert">
          {serverText(actionData.formError)}
        </div>
      ) : null}

      <section className="portal-section-box" aria-labelledby="del-per-conto">
        <h2 id="del-per-conto">{t("actFor.heading")}</h2>
        {data.children.length === 0 && activeReceived.length === 0 ? (
          <p className="mb-0">{t("actFor.none")}</p>
        ) : (
          <ul className="list-unstyled mb-0">
            {data.children.map((c) => (
              <li key={`g-${c.subject.citizenId}`} className="mb-3">
                <Trans
                  i18nKey="actFor.child"
                  t={t}
                  values={{
                    name: `${c.subject.name} ${c.subject.surname}`,
                    codiceFiscale: c.subject.codiceFiscale,
                    until: f.date(c.until),
                  }}
                  components={strong}
                />
                <div className="mt-2">
                  {data.actingFor === c.subject.citizenId ? (
                    <span className="badge bg-primary">{t("actFor.acting")}</span>
                  ) : (
                    <ActionButton
                      csrf={data.csrf}
                      intent="agisci"
                      fields={{ persona: c.subject.citizenId, delega: "" }}
                      label={t("actFor.act", { name: `${c.subject.name} ${c.subject.surname}` })}
                      primary
                    />
                  )}
                </div>
              </li>
            ))}
            {activeReceived.map((d) => (
              <li key={`d-${d.id}`} className="mb-3">
                <Trans
                  i18nKey="actFor.delegation"
                  t={t}
                  values={delegationValues(d, d.delegator, t, f)}
                  components={strong}
                />
                <div className="mt-2">
                  {data.actingFor === d.delegator.citizenId ? (
                    <span className="badge bg-primary me-2">{t("actFor.acting")}</span>
                  ) : (
                    <ActionButton
                      csrf={data.csrf}
                      intent="agisci"
                      fields={{ persona: d.delegator.citizenId, delega: d.id }}
                      label={t("actFor.act", { name: `${d.delegator.name} ${d.delegator.surname}` })}
                      primary
                    />
                  )}
                  <ActionButton
                    csrf={data.csrf}
                    intent="rinuncia"
                    fields={{ delega: d.id }}
                    label={t("actFor.giveUp")}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {pending.length ? (
        <section className="portal-section-box" aria-labelledby="del-attesa">
          <h2 id="del-attesa">{t("pending.heading")}</h2>
          <ul className="list-unstyled mb-0">
            {pending.map((d) => (
              <li key={d.id} className="mb-3">
                <Trans
                  i18nKey="pending.item"
                  t={t}
                  values={delegationValues(d, d.delegator, t, f)}
                  components={strong}
                />
                <div className="mt-2">
                  <ActionButton
                    csrf={data.csrf}
                    intent="accetta"
                    fields={{ delega: d.id }}
                    label={t("pending.accept")}
                    primary
                  />
                  <ActionButton
                    csrf={data.csrf}
                    intent="rifiuta"
                    fields={{ delega: d.id }}
                    label={t("pending.refuse")}
                  />
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="portal-section-box" aria-labelledby="del-date">
        <h2 id="del-date">{t("given.heading")}</h2>
        {!data.known ? (
          <p className="mb-0">{t("given.unknown")}</p>
        ) : data.given.length === 0 ? (
          <p>{t("given.none")}</p>
        ) : (
          <div className="table-responsive">
            <table className="table">
              <caption className="visually-hidden">{t("given.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("given.delegate")}</th>
                  <th scope="col">{t("given.areas")}</th>
                  <th scope="col">{t("given.period")}</th>
                  <th scope="col">{t("given.state")}</th>
                  <th scope="col">{t("given.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {data.given.map((d) => (
                  <tr key={d.id}>
                    <td>
                      {d.delegate.name} {d.delegate.surname}
                      <div className="small">{d.delegate.codiceFiscale}</div>
                      {d.channel === "sportello" ? <div className="small">{t("given.atCounter")}</div> : null}
                    </td>
                    <td>{areaNames(d.areas, t)}</td>
                    <td>
                      {t("period", { from: f.date(d.startsOn), to: f.date(d.endsOn) })}
                      {d.firstUsedAt ? (
                        <div className="small">{t("given.firstUsed", { at: f.dateTime(d.firstUsedAt) })}</div>
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
                          label={t("given.revoke")}
                        />
                      ) : null}
                      {mayRenew(d.state) ? (
                        <ActionButton
                          csrf={data.csrf}
                          intent="rinnova"
                          fields={{ delega: d.id }}
                          label={t("given.renew")}
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
              {t("create.heading")}
            </h3>
            {actionData?.formError && errorItems.length ? (
              <ErrorSummary title={serverText(actionData.formError)} items={errorItems} />
            ) : null}
            <Form method="post" noValidate aria-labelledby="nuova-delega">
              <CsrfInput token={data.csrf} />
              <input type="hidden" name="intent" value="crea" />
              <DelegationFields errors={errors} today={data.today} />
              <button type="submit" className="btn btn-primary">
                {t("create.submit")}
              </button>
            </Form>
          </>
        ) : null}
      </section>

      {pastReceived.length ? (
        <section className="portal-section-box" aria-labelledby="del-passate">
          <h2 id="del-passate">{t("past.heading")}</h2>
          <ul className="mb-0">
            {pastReceived.map((d) => (
              <li key={d.id}>
                {t("past.item", {
                  ...delegationValues(d, d.delegator, t, f),
                  state: t(`state.${d.state}`).toLowerCase(),
                })}
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
