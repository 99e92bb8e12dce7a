import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken } from "~/auth/csrf.server";
import { loadOperator, requireCitizen } from "~/auth/guards.server";
import { samlService } from "~/auth/saml-service";
import { nowIso, todayIso } from "~/clock.server";
import { Card } from "~/components/card";
import { accessLabel } from "~/components/dossier/area-nav";
import { EmptyState } from "~/components/dossier/empty-state";
import { daysBetween } from "~/rules/time";
import { TaxChart } from "~/components/dossier/tax-chart";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { PayNoticeButton } from "~/components/payments/notice-parts";
import { pageMeta } from "~/components/site";
import { getAmountsDue, loadScrivania, type Activity } from "~/dossier/dashboard.server";
import type { Formats } from "~/i18n/format";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";
import { paymentsEnv } from "~/payments/context.server";
import { areaOfPath, isDelegationArea } from "~/rules/delegation";
import { PRATICA_STATE_LABEL } from "~/rules/pratiche";
import type { loader as layoutLoader } from "~/routes/area-personale";

export const handle = { i18n: ["area"] };

export const clientLoader = messagesLoader(["area"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "area");
  return pageMeta(t("scrivania.title"), matches, t("scrivania.description"));
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId, person, onBehalf } = await requireCitizen(request, context);
  const today = todayIso(context.config);
  if (onBehalf) {
    // Acting for someone: only what the tie opens, nothing else of theirs is even read.
    const areas = onBehalf.tie.areas;
    const due =
      areas.includes("pagamenti") && citizenId !== null
        ? await getAmountsDue(context.db, citizenId, today, paymentsEnv(context.config).now())
        : null;
    return json({
      acting: { name: `${person.name} ${person.surname}`, areas, due },
      today,
      scrivania: null,
      access: null,
    });
  }
  const [operator, scrivania] = await Promise.all([
    loadOperator(context, session),
    citizenId === null
      ? null
      : loadScrivania(
          context.db,
          citizenId,
          today,
          nowIso(context.config),
          paymentsEnv(context.config).now(),
        ),
  ]);
  const idp = samlService(context).findIdp(session.idp_entity_id);
  return json({
    acting: null,
    today,
    scrivania,
    access: {
      level: session.spid_level,
      credential: session.credential,
      idpName: idp?.name ?? session.idp_entity_id,
      isOperator: operator !== null,
      csrf: csrfToken(session),
    },
  });
}

/** The certificates the timeline names by their kind (app/dossier/labels.ts CERTIFICATE_KIND_LABEL). */
const CERTIFICATE_KINDS = new Set(["residenza", "stato_famiglia", "nascita"]);

function activityLink(a: Activity): { to: string; kindLabel: string } {
  switch (a.kind) {
    case "pratica":
      return { to: `/area-personale/pratiche/${a.refId}`, kindLabel: "scrivania.activity.kind.pratica" };
    case "messaggio":
      return { to: `/area-personale/messaggi/${a.refId}`, kindLabel: "scrivania.activity.kind.messaggio" };
    case "pagamento":
      return {
        to: `/area-personale/pagamenti/ricevute/${a.refId}`,
        kindLabel: "scrivania.activity.kind.pagamento",
      };
    case "certificato":
      return { to: "/area-personale/certificati", kindLabel: "scrivania.activity.kind.certificato" };
  }
}

function activityTitle(a: Activity, t: TFunction): string {
  if (a.kind === "certificato") {
    return CERTIFICATE_KINDS.has(a.title)
      ? t(`certificateKind.${a.title}`)
      : t("scrivania.activity.certificate");
  }
  return a.title;
}

function activityDetail(a: Activity, t: TFunction, f: Formats): string | null {
  if (a.kind === "pratica" && a.detail) {
    return Object.prototype.hasOwnProperty.call(PRATICA_STATE_LABEL, a.detail)
      ? t("scrivania.activity.state", { state: t(`praticaState.${a.detail}`) })
      : null;
  }
  if (a.kind === "pagamento") {
    return [a.detail, a.amountCents !== null ? f.euro(a.amountCents) : null].filter(Boolean).join(" · ");
  }
  if (a.kind === "messaggio") return a.detail ? t("scrivania.activity.from", { sender: a.detail }) : null;
  if (a.kind === "certificato") return a.detail ? t("scrivania.activity.use", { use: a.detail }) : null;
  return a.detail;
}

/** The sections of the area as cards; `key` names their title and text under scrivania.sections. */
const SECTIONS = [
  { to: "/area-personale/messaggi", key: "messages", icon: "it-mail" },
  { to: "/area-personale/pratiche", key: "pratiche", icon: "it-folder" },
  { to: "/area-personale/pagamenti", key: "payments", icon: "it-card" },
  { to: "/area-personale/anagrafe", key: "registry", icon: "it-user" },
  { to: "/area-personale/documenti", key: "documents", icon: "it-card" },
  { to: "/area-personale/certificati", key: "certificates", icon: "it-file" },
  { to: "/area-personale/appuntamenti", key: "appointments", icon: "it-calendar" },
  { to: "/area-personale/contribuente", key: "taxpayer", icon: "it-pa" },
  { to: "/area-personale/accessi", key: "accessLog", icon: "it-password-visible" },
  { to: "/area-personale/deleghe", key: "delegations", icon: "it-exchange-circle" },
];

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

type Acting = NonNullable<LoaderData["acting"]>;

/** The cards that lead to the sections of the area. */
function SectionCards({ title, sections }: { title: string; sections: typeof SECTIONS }) {
  const { t } = useTranslation("area");
  return (
    <section aria-labelledby="scr-sezioni" className="mb-4">
      <h2 id="scr-sezioni">{title}</h2>
      <div className="row g-3">
        {sections.map((sec) => (
          <div key={sec.to} className="col-12 col-md-6 col-xl-4">
            <Card title={t(`scrivania.sections.${sec.key}.title`)} to={sec.to} icon={sec.icon}>
              <p className="mb-0">{t(`scrivania.sections.${sec.key}.text`)}</p>
            </Card>
          </div>
        ))}
      </div>
    </section>
  );
}

/** The Scrivania of someone the person acts for: amounts due if delegated, and the open sections. */
function ActingScrivania({ acting }: { acting: Acting }) {
  const { t } = useTranslation("area");
  const f = useFormat();
  const sections = SECTIONS.filter((sec) => {
    const area = areaOfPath(sec.to);
    return isDelegationArea(area) && acting.areas.includes(area);
  });
  return (
    <>
      <p className="lead">{t("scrivania.acting.lead", { name: acting.name })}</p>
      {acting.due ? (
        <section className="portal-section-box" aria-labelledby="scr-pagamenti">
          <h2 id="scr-pagamenti">{t("scrivania.dueTitle")}</h2>
          {acting.due.count === 0 ? (
            <p className="mb-0">{t("scrivania.acting.nothingDue", { name: acting.name })}</p>
          ) : (
            <p className="mb-0">
              <Trans
                i18nKey="scrivania.acting.due"
                t={t}
                count={acting.due.count}
                values={{ amount: f.euro(acting.due.totalCents) }}
                components={{ strong: <strong /> }}
              />{" "}
              <Link to="/area-personale/pagamenti">{t("scrivania.goToPayments")}</Link>
            </p>
          )}
        </section>
      ) : null}
      <SectionCards title={t("scrivania.acting.sections")} sections={sections} />
    </>
  );
}

/** How the citizen logged in (SPID or CIE, level, identity provider) and, for operators, the switch. */
function AccessSection({ access }: { access: NonNullable<LoaderData["access"]> }) {
  const { t } = useTranslation("area");
  return (
    <section className="portal-section-box" aria-labelledby="scr-accesso">
      <h2 id="scr-accesso">{t("scrivania.access.title")}</h2>
      <dl className="row portal-dl">
        <div className="col-12 col-md-6">
          <dt>{t("scrivania.access.identity")}</dt>
          <dd>{t(`credential.${access.credential}`)}</dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>{t("scrivania.access.level")}</dt>
          <dd>{accessLabel(t, access.credential, access.level)}</dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>{t("scrivania.access.idp")}</dt>
          <dd>{access.idpName}</dd>
        </div>
      </dl>
      <p className="mb-0">
        <Link to="/area-personale/dati-spid">{t(`receivedData.${access.credential}`)}</Link>
        {access.level < 2 ? t("scrivania.access.needsLevel2") : null}
      </p>
      {access.isOperator ? (
        <div className="mt-3">
          <p>{t("scrivania.access.operator")}</p>
          <Form method="post" action="/area-personale/cambia-ruolo">
            <CsrfInput token={access.csrf} />
            <input type="hidden" name="ruolo" value="operatore" />
            <button type="submit" className="btn btn-outline-primary">
              {t("scrivania.access.switch")}
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export default function Scrivania() {
  const { today, scrivania: s, access, acting } = useLoaderData<typeof loader>();
  const layout = useRouteLoaderData<typeof layoutLoader>("routes/area-personale");
  const { t } = useTranslation("area");
  const f = useFormat();
  const unreadCount = layout?.unread ?? 0;
  if (acting) return <ActingScrivania acting={acting} />;
  if (!access) return null;

  if (s === null) {
    return (
      <>
        <EmptyState title={t("scrivania.unknown.title")}>
          <p>{t("scrivania.unknown.text")}</p>
          <p className="mb-0">
            <Trans
              i18nKey="scrivania.unknown.help"
              t={t}
              components={{
                pay: <Link to="/paga-un-avviso" />,
                delegations: <Link to="/area-personale/deleghe" />,
              }}
            />
          </p>
        </EmptyState>
        <AccessSection access={access} />
      </>
    );
  }

  return (
    <>
      <p className="lead">{t("scrivania.lead")}</p>

      <div className="row">
        <div className="col-12 col-xl-6">
          <section className="portal-section-box" aria-labelledby="scr-pagamenti">
            <h2 id="scr-pagamenti">{t("scrivania.dueTitle")}</h2>
            {s.due.count === 0 ? (
              <EmptyState title={t("scrivania.noDueTitle")} icon="it-check-circle">
                <p className="mb-0">{t("scrivania.noDueText")}</p>
              </EmptyState>
            ) : (
              <>
                <p className="mb-1">
                  {t("scrivania.total", { count: s.due.count })}{" "}
                  <span className="portal-total portal-amount">{f.euro(s.due.totalCents)}</span>
                </p>
                {s.due.overdueCount > 0 ? (
                  <p className="portal-overdue">
                    <Icon name="it-warning-circle" size="sm" className="me-1" />
                    {t("scrivania.overdue", { count: s.due.overdueCount })}
                    {": "}
                    <span className="portal-amount">{f.euro(s.due.overdueCents)}</span>
                  </p>
                ) : null}
                <ul className="portal-attention-list" aria-label={t("scrivania.nearest")}>
                  {s.due.items.map((item) => {
                    const days = daysBetween(today, item.dueDate);
                    const date = f.date(item.dueDate);
                    return (
                      <li key={item.optionId}>
                        <Link to={`/area-personale/pagamenti/${item.optionId}`} className="fw-semibold">
                          {item.description}
                        </Link>
                        <div className="small">{item.creditor}</div>
                        <div className="d-flex flex-wrap justify-content-between gap-2">
                          {item.overdue ? (
                            <span className="portal-overdue">
                              <Icon name="it-warning-circle" size="sm" className="me-1" />
                              {t("scrivania.overdueOn", { date, count: Math.abs(days) })}
                            </span>
                          ) : (
                            <span>
                              {days === 0
                                ? t("scrivania.dueToday", { date })
                                : days <= 30
                                  ? t("scrivania.dueIn", { date, count: Math.abs(days) })
                                  : t("scrivania.dueOn", { date })}
                            </span>
                          )}
                          <span className="portal-amount fw-semibold">{f.euro(item.amountCents)}</span>
                        </div>
                        {item.payable ? (
                          <PayNoticeButton
                            optionId={item.optionId}
                            amountCents={item.amountCents}
                            purpose={item.description}
                            csrf={access.csrf}
                          />
                        ) : (
                          <div className="small">{t("scrivania.paying")}</div>
                        )}
                      </li>
                    );
                  })}
                </ul>
                <p className="mt-3 mb-0">
                  <Link to="/area-personale/pagamenti">
                    {s.due.count > s.due.items.length
                      ? t("scrivania.seeAllDue", { count: s.due.count })
                      : t("scrivania.goToPayments")}
                  </Link>
                </p>
              </>
            )}
          </section>
        </div>

        <div className="col-12 col-xl-6">
          <section className="portal-section-box" aria-labelledby="scr-pratiche">
            <h2 id="scr-pratiche">{t("scrivania.waiting.title")}</h2>
            {s.waiting.length === 0 ? (
              <p className="mb-0">{t("scrivania.waiting.none")}</p>
            ) : (
              <ul className="portal-attention-list">
                {s.waiting.map((p) => (
                  <li key={p.id}>
                    <Link to={`/area-personale/pratiche/${p.id}`} className="fw-semibold">
                      {p.title}
                    </Link>
                    <div className="small">
                      {p.protocolNumber
                        ? t("scrivania.waiting.protocol", { number: p.protocolNumber })
                        : t("scrivania.waiting.notProtocolled")}
                    </div>
                    <div className="small">
                      <Icon name="it-warning-circle" size="xs" className="me-1" />
                      {t("scrivania.waiting.toComplete")}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-3 mb-0">
              <Link to="/area-personale/pratiche">{t("scrivania.waiting.all")}</Link>
            </p>
          </section>

          <section className="portal-section-box" aria-labelledby="scr-messaggi">
            <h2 id="scr-messaggi">{t("scrivania.unread.title")}</h2>
            {unreadCount === 0 ? (
              <p className="mb-0">{t("scrivania.unread.none")}</p>
            ) : (
              <>
                <p>
                  <Trans
                    i18nKey="scrivania.unread.count"
                    t={t}
                    count={unreadCount}
                    components={{ strong: <strong /> }}
                  />
                </p>
                <ul className="portal-attention-list">
                  {s.unread.map((m) => (
                    <li key={m.id}>
                      <Link to={`/area-personale/messaggi/${m.id}`} className="fw-semibold">
                        {m.subject}
                      </Link>
                      <div className="small">
                        {m.senderName} · {f.date(m.sentAt)}
                      </div>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p className="mt-3 mb-0">
              <Link to="/area-personale/messaggi">{t("scrivania.unread.goTo")}</Link>
            </p>
          </section>
        </div>

        <div className="col-12 col-xl-6">
          <section className="portal-section-box" aria-labelledby="scr-documenti">
            <h2 id="scr-documenti">{t("scrivania.documents.title")}</h2>
            {s.documents.length === 0 ? (
              <p className="mb-0">{t("scrivania.documents.none")}</p>
            ) : (
              <ul className="portal-attention-list">
                {s.documents.map((d) => {
                  const days = daysBetween(today, d.expiryDate);
                  const date = f.date(d.expiryDate);
                  return (
                    <li key={d.id}>
                      <span className="fw-semibold">{t(`documentKind.${d.kind}`)}</span>{" "}
                      {t("scrivania.documents.number", { number: d.number })}
                      <div className={d.state === "scaduta" ? "portal-overdue" : undefined}>
                        <Icon name="it-warning-circle" size="sm" className="me-1" />
                        {d.state === "scaduta"
                          ? t("scrivania.documents.expiredOn", { date })
                          : t("scrivania.documents.expiresIn", { date, count: Math.abs(days) })}
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
            <p className="mt-3 mb-0">
              <Link to="/area-personale/documenti">{t("scrivania.documents.renew")}</Link>
            </p>
          </section>
        </div>

        <div className="col-12 col-xl-6">
          <section className="portal-section-box" aria-labelledby="scr-appuntamenti">
            <h2 id="scr-appuntamenti">{t("scrivania.appointments.title")}</h2>
            {s.appointments.length === 0 ? (
              <p className="mb-0">{t("scrivania.appointments.none")}</p>
            ) : (
              <ul className="portal-attention-list">
                {s.appointments.map((a) => (
                  <li key={a.id}>
                    <Link to={`/area-personale/appuntamenti/${a.id}`} className="fw-semibold">
                      {f.dateTime(a.startsAt)}
                    </Link>
                    <div className="small">
                      {a.service} · {a.officeName}, {a.enteName}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-3 mb-0">
              <Link to="/area-personale/appuntamenti">
                {s.appointments.length === 0
                  ? t("scrivania.appointments.book")
                  : t("scrivania.appointments.all")}
              </Link>
            </p>
          </section>
        </div>
      </div>

      <section className="portal-section-box" aria-labelledby="scr-attivita">
        <h2 id="scr-attivita">{t("scrivania.activity.title")}</h2>
        {s.activity.length === 0 ? (
          <p className="mb-0">{t("scrivania.activity.none")}</p>
        ) : (
          <ol className="portal-timeline" aria-label={t("scrivania.activity.listLabel")}>
            {s.activity.map((a) => {
              const link = activityLink(a);
              const detail = activityDetail(a, t, f);
              return (
                <li key={`${a.kind}-${a.refId}-${a.at}`}>
                  <span className="portal-timeline-date">
                    <time dateTime={a.at}>{f.dateTime(a.at)}</time> · {t(link.kindLabel)}
                  </span>
                  <Link to={link.to}>{activityTitle(a, t)}</Link>
                  {detail ? <div className="small">{detail}</div> : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section className="portal-section-box" aria-labelledby="scr-grafico">
        <h2 id="scr-grafico">{t("scrivania.chart.title")}</h2>
        <p>{t("scrivania.chart.text")}</p>
        <TaxChart years={s.years} headingId="scr-grafico" />
      </section>

      <SectionCards title={t("scrivania.sectionsTitle")} sections={SECTIONS} />

      <AccessSection access={access} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
