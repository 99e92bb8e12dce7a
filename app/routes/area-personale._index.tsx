import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { PraticaStatus } from "~/rules/pratiche";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken } from "~/auth/csrf.server";
import { loadOperator, requireCitizen } from "~/auth/guards.server";
import { samlService } from "~/auth/saml-service";
import { CREDENTIAL_LABELS, RECEIVED_DATA, levelLabel } from "~/auth/spid-labels";
import { nowIso, todayIso } from "~/clock.server";
import { Card } from "~/components/card";
import { EmptyState } from "~/components/dossier/empty-state";
import { daysLabel, plural } from "~/rules/italian";
import { daysBetween, formatDateIt, formatDateTimeIt, formatDayIt } from "~/rules/time";
import { DOCUMENT_KIND_LABEL } from "~/dossier/labels";
import { TaxChart } from "~/components/dossier/tax-chart";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { PayNoticeButton } from "~/components/payments/notice-parts";
import { pageMeta } from "~/components/site";
import { getAmountsDue, loadScrivania, type Activity } from "~/dossier/dashboard.server";
import { paymentsEnv } from "~/payments/context.server";
import { areaOfPath, isDelegationArea } from "~/rules/delegation";
import { formatEuroSymbol } from "~/rules/money";
import { PRATICA_STATE_LABEL } from "~/rules/pratiche";
import type { loader as layoutLoader } from "~/routes/area-personale";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error
    ? errorMeta(error, matches)
    : pageMeta(
        "Scrivania",
        matches,
        "Ciò che richiede la tua attenzione e le ultime novità della tua area personale.",
      );

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
      levelLabel: levelLabel(session.credential, session.spid_level),
      idpName: idp?.name ?? session.idp_entity_id,
      isOperator: operator !== null,
      csrf: csrfToken(session),
    },
  });
}

const CERTIFICATE_LABEL: Record<string, string> = {
  residenza: "Certificato di residenza",
  stato_famiglia: "Certificato di stato di famiglia",
  nascita: "Certificato di nascita",
};

function activityLink(a: Activity): { to: string; kindLabel: string } {
  switch (a.kind) {
    case "pratica":
      return { to: `/area-personale/pratiche/${a.refId}`, kindLabel: "Pratica" };
    case "messaggio":
      return { to: `/area-personale/messaggi/${a.refId}`, kindLabel: "Messaggio ricevuto" };
    case "pagamento":
      return { to: `/area-personale/pagamenti/ricevute/${a.refId}`, kindLabel: "Pagamento eseguito" };
    case "certificato":
      return { to: "/area-personale/certificati", kindLabel: "Certificato emesso" };
  }
}

function activityTitle(a: Activity): string {
  if (a.kind === "certificato") return CERTIFICATE_LABEL[a.title] ?? "Certificato";
  return a.title;
}

function activityDetail(a: Activity): string | null {
  if (a.kind === "pratica" && a.detail) {
    const label = PRATICA_STATE_LABEL[a.detail as PraticaStatus];
    return label ? `Stato: ${label}` : null;
  }
  if (a.kind === "pagamento") {
    return [a.detail, a.amountCents !== null ? formatEuroSymbol(a.amountCents) : null]
      .filter(Boolean)
      .join(" · ");
  }
  if (a.kind === "messaggio") return a.detail ? `Da: ${a.detail}` : null;
  if (a.kind === "certificato") return a.detail ? `Uso: ${a.detail}` : null;
  return a.detail;
}

const SECTIONS = [
  {
    to: "/area-personale/messaggi",
    title: "Messaggi",
    icon: "it-mail",
    text: "Le comunicazioni degli enti.",
  },
  {
    to: "/area-personale/pratiche",
    title: "Pratiche",
    icon: "it-folder",
    text: "Le tue richieste e il loro stato.",
  },
  {
    to: "/area-personale/pagamenti",
    title: "Pagamenti",
    icon: "it-card",
    text: "Avvisi da pagare, ricevute e storico.",
  },
  {
    to: "/area-personale/anagrafe",
    title: "Dati anagrafici",
    icon: "it-user",
    text: "Residenza e famiglia anagrafica.",
  },
  {
    to: "/area-personale/documenti",
    title: "Documenti d'identità",
    icon: "it-card",
    text: "Carta d'identità, passaporto, patente e scadenze.",
  },
  {
    to: "/area-personale/certificati",
    title: "Certificati",
    icon: "it-file",
    text: "Residenza, stato di famiglia, nascita: subito in PDF.",
  },
  {
    to: "/area-personale/appuntamenti",
    title: "Appuntamenti",
    icon: "it-calendar",
    text: "Prenota o annulla un appuntamento in ufficio.",
  },
  {
    to: "/area-personale/contribuente",
    title: "Fascicolo del contribuente",
    icon: "it-pa",
    text: "Immobili, IMU, TARI, veicoli e bollo, rimborsi.",
  },
  {
    to: "/area-personale/accessi",
    title: "Chi ha visto i miei dati",
    icon: "it-password-visible",
    text: "Gli accessi degli operatori al tuo fascicolo.",
  },
  {
    to: "/area-personale/deleghe",
    title: "Deleghe",
    icon: "it-exchange-circle",
    text: "Chi può agire per te e per chi puoi agire tu.",
  },
];

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

type Acting = NonNullable<LoaderData["acting"]>;

/** The cards that lead to the sections of the area. */
function SectionCards({ title, sections }: { title: string; sections: typeof SECTIONS }) {
  return (
    <section aria-labelledby="scr-sezioni" className="mb-4">
      <h2 id="scr-sezioni">{title}</h2>
      <div className="row g-3">
        {sections.map((sec) => (
          <div key={sec.to} className="col-12 col-md-6 col-xl-4">
            <Card title={sec.title} to={sec.to} icon={sec.icon}>
              <p className="mb-0">{sec.text}</p>
            </Card>
          </div>
        ))}
      </div>
    </section>
  );
}

/** The Scrivania of someone the person acts for: amounts due if delegated, and the open sections. */
function ActingScrivania({ acting }: { acting: Acting }) {
  const sections = SECTIONS.filter((sec) => {
    const area = areaOfPath(sec.to);
    return isDelegationArea(area) && acting.areas.includes(area);
  });
  return (
    <>
      <p className="lead">
        Stai consultando l&apos;area personale di {acting.name}: vedi solo le sezioni che ti sono state
        affidate.
      </p>
      {acting.due ? (
        <section className="portal-section-box" aria-labelledby="scr-pagamenti">
          <h2 id="scr-pagamenti">Importi da pagare</h2>
          {acting.due.count === 0 ? (
            <p className="mb-0">Non ci sono importi da pagare a nome di {acting.name}.</p>
          ) : (
            <p className="mb-0">
              {plural(acting.due.count, "avviso da pagare", "avvisi da pagare")}, in tutto{" "}
              <strong>{formatEuroSymbol(acting.due.totalCents)}</strong>.{" "}
              <Link to="/area-personale/pagamenti">Vai ai pagamenti</Link>
            </p>
          )}
        </section>
      ) : null}
      <SectionCards title="Sezioni a cui puoi accedere" sections={sections} />
    </>
  );
}

/** How the citizen logged in (SPID or CIE, level, identity provider) and, for operators, the switch. */
function AccessSection({ access }: { access: NonNullable<LoaderData["access"]> }) {
  return (
    <section className="portal-section-box" aria-labelledby="scr-accesso">
      <h2 id="scr-accesso">Il tuo accesso</h2>
      <dl className="row portal-dl">
        <div className="col-12 col-md-6">
          <dt>Identità digitale</dt>
          <dd>{CREDENTIAL_LABELS[access.credential]}</dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>Livello di accesso</dt>
          <dd>{access.levelLabel}</dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>Gestore di identità</dt>
          <dd>{access.idpName}</dd>
        </div>
      </dl>
      <p className="mb-0">
        <Link to="/area-personale/dati-spid">{RECEIVED_DATA[access.credential].link}</Link>
        {access.level < 2 ? " (richiede un accesso di livello 2)" : null}
      </p>
      {access.isOperator ? (
        <div className="mt-3">
          <p>Sei anche operatore di un ente: puoi passare all&apos;area di lavoro dell&apos;ente.</p>
          <Form method="post" action="/area-personale/cambia-ruolo">
            <CsrfInput token={access.csrf} />
            <input type="hidden" name="ruolo" value="operatore" />
            <button type="submit" className="btn btn-outline-primary">
              Passa all&apos;area operatore
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
  const unreadCount = layout?.unread ?? 0;
  if (acting) return <ActingScrivania acting={acting} />;
  if (!access) return null;

  if (s === null) {
    return (
      <>
        <EmptyState title="Non risultano dati a tuo nome nei comuni aderenti">
          <p>
            Hai effettuato l&apos;accesso correttamente, ma il tuo codice fiscale non compare nelle anagrafi
            dei comuni che partecipano al portale: per ora non ci sono documenti, pratiche o pagamenti da
            mostrarti.
          </p>
          <p className="mb-0">
            Se ritieni che sia un errore, rivolgiti all&apos;ufficio anagrafe del tuo comune di residenza.
            Puoi comunque <Link to="/paga-un-avviso">pagare un avviso pagoPA</Link> con il suo codice, e agire
            per conto di chi ti ha delegato dalla pagina <Link to="/area-personale/deleghe">Deleghe</Link>.
          </p>
        </EmptyState>
        <AccessSection access={access} />
      </>
    );
  }

  return (
    <>
      <p className="lead">
        Qui trovi prima ciò che richiede la tua attenzione, poi le ultime novità dei tuoi fascicoli.
      </p>

      <div className="row">
        <div className="col-12 col-xl-6">
          <section className="portal-section-box" aria-labelledby="scr-pagamenti">
            <h2 id="scr-pagamenti">Importi da pagare</h2>
            {s.due.count === 0 ? (
              <EmptyState title="Non hai importi da pagare" icon="it-check-circle">
                <p className="mb-0">Nessun ente della regione ha avvisi di pagamento aperti a tuo nome.</p>
              </EmptyState>
            ) : (
              <>
                <p className="mb-1">
                  Totale da pagare ({plural(s.due.count, "importo", "importi")}):{" "}
                  <span className="portal-total portal-amount">{formatEuroSymbol(s.due.totalCents)}</span>
                </p>
                {s.due.overdueCount > 0 ? (
                  <p className="portal-overdue">
                    <Icon name="it-warning-circle" size="sm" className="me-1" />
                    {s.due.overdueCount === 1
                      ? "1 importo è scaduto"
                      : `${s.due.overdueCount} importi sono scaduti`}
                    {": "}
                    <span className="portal-amount">{formatEuroSymbol(s.due.overdueCents)}</span>
                  </p>
                ) : null}
                <ul className="portal-attention-list" aria-label="Scadenze più vicine">
                  {s.due.items.map((item) => {
                    const days = daysBetween(today, item.dueDate);
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
                              Scaduto il {formatDateIt(item.dueDate)} ({daysLabel(days)} fa)
                            </span>
                          ) : (
                            <span>
                              Scade il {formatDateIt(item.dueDate)}
                              {days === 0 ? " (oggi)" : days <= 30 ? ` (tra ${daysLabel(days)})` : ""}
                            </span>
                          )}
                          <span className="portal-amount fw-semibold">
                            {formatEuroSymbol(item.amountCents)}
                          </span>
                        </div>
                        {item.payable ? (
                          <PayNoticeButton
                            optionId={item.optionId}
                            amountCents={item.amountCents}
                            purpose={item.description}
                            csrf={access.csrf}
                          />
                        ) : (
                          <div className="small">Pagamento in corso</div>
                        )}
                      </li>
                    );
                  })}
                </ul>
                <p className="mt-3 mb-0">
                  <Link to="/area-personale/pagamenti">
                    {s.due.count > s.due.items.length
                      ? `Vedi tutti i ${s.due.count} importi da pagare`
                      : "Vai ai pagamenti"}
                  </Link>
                </p>
              </>
            )}
          </section>
        </div>

        <div className="col-12 col-xl-6">
          <section className="portal-section-box" aria-labelledby="scr-pratiche">
            <h2 id="scr-pratiche">Pratiche che aspettano te</h2>
            {s.waiting.length === 0 ? (
              <p className="mb-0">Nessuna pratica è in attesa di documenti o informazioni da parte tua.</p>
            ) : (
              <ul className="portal-attention-list">
                {s.waiting.map((p) => (
                  <li key={p.id}>
                    <Link to={`/area-personale/pratiche/${p.id}`} className="fw-semibold">
                      {p.title}
                    </Link>
                    <div className="small">
                      {p.protocolNumber ? `Protocollo ${p.protocolNumber}` : "Non ancora protocollata"}
                    </div>
                    <div className="small">
                      <Icon name="it-warning-circle" size="xs" className="me-1" />
                      Da integrare: l&apos;ufficio ti chiede documenti o informazioni
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-3 mb-0">
              <Link to="/area-personale/pratiche">Tutte le pratiche</Link>
            </p>
          </section>

          <section className="portal-section-box" aria-labelledby="scr-messaggi">
            <h2 id="scr-messaggi">Messaggi non letti</h2>
            {unreadCount === 0 ? (
              <p className="mb-0">Hai letto tutti i messaggi.</p>
            ) : (
              <>
                <p>
                  Hai <strong>{plural(unreadCount, "messaggio non letto", "messaggi non letti")}</strong>.
                </p>
                <ul className="portal-attention-list">
                  {s.unread.map((m) => (
                    <li key={m.id}>
                      <Link to={`/area-personale/messaggi/${m.id}`} className="fw-semibold">
                        {m.subject}
                      </Link>
                      <div className="small">
                        {m.senderName} · {formatDayIt(m.sentAt)}
                      </div>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p className="mt-3 mb-0">
              <Link to="/area-personale/messaggi">Vai ai messaggi</Link>
            </p>
          </section>
        </div>

        <div className="col-12 col-xl-6">
          <section className="portal-section-box" aria-labelledby="scr-documenti">
            <h2 id="scr-documenti">Documenti in scadenza</h2>
            {s.documents.length === 0 ? (
              <p className="mb-0">Nessun documento d&apos;identità scade nei prossimi 90 giorni.</p>
            ) : (
              <ul className="portal-attention-list">
                {s.documents.map((d) => {
                  const days = daysBetween(today, d.expiryDate);
                  return (
                    <li key={d.id}>
                      <span className="fw-semibold">{DOCUMENT_KIND_LABEL[d.kind]}</span> n. {d.number}
                      <div className={d.state === "scaduta" ? "portal-overdue" : undefined}>
                        <Icon name="it-warning-circle" size="sm" className="me-1" />
                        {d.state === "scaduta"
                          ? `Scaduto il ${formatDateIt(d.expiryDate)}`
                          : `Scade il ${formatDateIt(d.expiryDate)} (tra ${daysLabel(days)})`}
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
            <p className="mt-3 mb-0">
              <Link to="/area-personale/documenti">Documenti e come rinnovarli</Link>
            </p>
          </section>
        </div>

        <div className="col-12 col-xl-6">
          <section className="portal-section-box" aria-labelledby="scr-appuntamenti">
            <h2 id="scr-appuntamenti">Prossimi appuntamenti</h2>
            {s.appointments.length === 0 ? (
              <p className="mb-0">Non hai appuntamenti prenotati.</p>
            ) : (
              <ul className="portal-attention-list">
                {s.appointments.map((a) => (
                  <li key={a.id}>
                    <Link to={`/area-personale/appuntamenti/${a.id}`} className="fw-semibold">
                      {formatDateTimeIt(a.startsAt)}
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
                {s.appointments.length === 0 ? "Prenota un appuntamento" : "Tutti gli appuntamenti"}
              </Link>
            </p>
          </section>
        </div>
      </div>

      <section className="portal-section-box" aria-labelledby="scr-attivita">
        <h2 id="scr-attivita">Ultime attività</h2>
        {s.activity.length === 0 ? (
          <p className="mb-0">Non ci sono ancora attività nei tuoi fascicoli.</p>
        ) : (
          <ol className="portal-timeline" aria-label="Ultime attività, dalla più recente">
            {s.activity.map((a) => {
              const link = activityLink(a);
              const detail = activityDetail(a);
              return (
                <li key={`${a.kind}-${a.refId}-${a.at}`}>
                  <span className="portal-timeline-date">
                    <time dateTime={a.at}>{formatDateTimeIt(a.at)}</time> · {link.kindLabel}
                  </span>
                  <Link to={link.to}>{activityTitle(a)}</Link>
                  {detail ? <div className="small">{detail}</div> : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>

      <section className="portal-section-box" aria-labelledby="scr-grafico">
        <h2 id="scr-grafico">Tributi e pagamenti per anno</h2>
        <p>
          Per ciascuno degli ultimi anni, quanto ti hanno chiesto gli enti (dovuto) e quanto hai pagato: IMU,
          TARI, bollo auto e altri pagamenti, secondo l&apos;anno di scadenza.
        </p>
        <TaxChart years={s.years} headingId="scr-grafico" />
      </section>

      <SectionCards title="La tua area personale" sections={SECTIONS} />

      <AccessSection access={access} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
