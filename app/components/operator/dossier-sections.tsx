import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { PraticaStatus } from "~/rules/pratiche";
import type { SectionData } from "~/operator/dossier.server";
import { formatEuro } from "~/rules/money";
import { formatNav } from "~/rules/nav";
import { EmptyState } from "~/components/dossier/empty-state";
import { formatDateIt, formatDayIt } from "~/rules/time";
import {
  CERTIFICATE_KIND_LABEL,
  DOCUMENT_KIND_LABEL,
  f24CodeLabel,
  NOTICE_STATUS_LABEL,
  REFUND_STATUS_LABEL,
  RELATION_LABEL,
} from "~/dossier/labels";
import { PraticaBadge } from "~/components/dossier/pratica-badge";
import { formatMonths, formatRateBp, formatShareBp } from "~/rules/italian";

/** The read-only views of the dossier sections an operator opens. */

type Data = SerializeFrom<SectionData>;
type Of<S extends Data["section"]> = Extract<Data, { section: S }>;

const INSTALMENT_STATE: Record<string, string> = {
  pagata: "Pagata",
  da_pagare: "Da pagare",
  scaduta: "Scaduta",
  annullata: "Annullata",
};

const DOCUMENT_STATE: Record<string, string> = {
  valida: "Valido",
  in_scadenza: "In scadenza",
  scaduta: "Scaduto",
};

function Euro({ cents }: { cents: number }) {
  return <span className="portal-amount">€ {formatEuro(cents)}</span>;
}

function date(iso: string | null | undefined): string {
  return iso ? formatDayIt(iso) : "—";
}

function Table({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <div className="portal-table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function Empty({ children }: { children: string }) {
  return <EmptyState title={children} />;
}

function Anagrafe({ d }: { d: Of<"anagrafe"> }) {
  const p = d.person;
  return (
    <>
      <dl className="row portal-dl">
        <div className="col-12 col-md-6">
          <dt>Cognome e nome</dt>
          <dd>
            {p.surname} {p.name}
          </dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>Codice fiscale</dt>
          <dd>
            <code>{p.codiceFiscale}</code>
          </dd>
        </div>
        <div className="col-12 col-md-6">
          <dt>Nascita</dt>
          <dd>
            {formatDateIt(p.birthDate)}, {p.birthPlace}
            {p.birthProvince ? ` (${p.birthProvince})` : ""}
          </dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>Sesso</dt>
          <dd>{p.sex === "F" ? "Femminile" : "Maschile"}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>Cittadinanza</dt>
          <dd>{p.citizenship}</dd>
        </div>
      </dl>
      <h2 className="h4 mt-4">Residenze</h2>
      {d.residences.length ? (
        <Table caption="Residenze, la attuale per prima" head={["Indirizzo", "Comune", "Dal", "Al"]}>
          {d.residences.map((r) => (
            <tr key={r.id}>
              <td>
                {r.address}, {r.postalCode}
              </td>
              <td>
                {r.comune}
                {r.province ? ` (${r.province})` : ""}
              </td>
              <td>{date(r.startDate)}</td>
              <td>{r.endDate ? date(r.endDate) : "Attuale"}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <Empty>Nessuna residenza registrata nei comuni aderenti.</Empty>
      )}
      <h2 className="h4 mt-4">Famiglia anagrafica</h2>
      {d.household ? (
        <Table
          caption={`Scheda n. ${d.household.code}, ${d.household.address}, ${d.household.comune}`}
          head={["Componente", "Relazione", "Nascita", "Dal"]}
        >
          {d.household.members.map((m) => (
            <tr key={m.citizenId}>
              <td>
                {m.surname} {m.name}
                {m.isSelf ? " (la persona)" : ""}
              </td>
              <td>{RELATION_LABEL[m.relation]?.[m.sex] ?? m.relation}</td>
              <td>{formatDateIt(m.birthDate)}</td>
              <td>{date(m.since)}</td>
            </tr>
          ))}
        </Table>
      ) : (
        <Empty>Nessuna famiglia anagrafica registrata.</Empty>
      )}
    </>
  );
}

function Documenti({ d }: { d: Of<"documenti"> }) {
  if (!d.documents.length) return <Empty>Nessun documento d&apos;identità registrato.</Empty>;
  return (
    <Table
      caption="Documenti d'identità"
      head={["Documento", "Numero", "Rilasciato da", "Rilascio", "Scadenza", "Stato"]}
    >
      {d.documents.map((doc) => (
        <tr key={doc.id}>
          <td>{DOCUMENT_KIND_LABEL[doc.kind] ?? doc.kind}</td>
          <td>
            <code>{doc.number}</code>
          </td>
          <td>{doc.issuer}</td>
          <td>{date(doc.issueDate)}</td>
          <td>{date(doc.expiryDate)}</td>
          <td>{doc.superseded ? "Sostituito" : (DOCUMENT_STATE[doc.state] ?? doc.state)}</td>
        </tr>
      ))}
    </Table>
  );
}

function Certificati({ d }: { d: Of<"certificati"> }) {
  if (!d.certificates.length)
    return <Empty>Nessun certificato rilasciato dal tuo ente a questa persona.</Empty>;
  return (
    <Table
      caption="Certificati rilasciati dal tuo ente"
      head={["Certificato", "Uso", "Rilasciato il", "Codice di verifica"]}
    >
      {d.certificates.map((c) => (
        <tr key={c.id}>
          <td>{CERTIFICATE_KIND_LABEL[c.kind] ?? c.kind}</td>
          <td>{c.purpose}</td>
          <td>{date(c.issuedAt)}</td>
          <td>
            <code>{c.verificationCode}</code>
          </td>
        </tr>
      ))}
    </Table>
  );
}

function Pratiche({ d }: { d: Of<"pratiche"> }) {
  if (!d.pratiche.length) return <Empty>Nessuna pratica presso il tuo ente nelle aree dei tuoi ruoli.</Empty>;
  return (
    <Table
      caption="Pratiche presso il tuo ente"
      head={["Pratica", "Protocollo", "Stato", "Presentata", "Scadenza"]}
    >
      {d.pratiche.map((p) => (
        <tr key={p.id}>
          <td>
            <Link to={`/operatore/pratiche/${p.id}`} prefetch="none">
              {p.title}
            </Link>
          </td>
          <td>{p.protocol_number ?? "—"}</td>
          <td>
            <PraticaBadge status={p.status as PraticaStatus} />
          </td>
          <td>{date(p.submitted_date)}</td>
          <td>{date(p.deadline_date)}</td>
        </tr>
      ))}
    </Table>
  );
}

function Immobili({ d }: { d: Of<"immobili"> }) {
  if (!d.properties.length) return <Empty>Nessun immobile sul territorio del tuo ente.</Empty>;
  return (
    <Table
      caption="Immobili sul territorio del tuo ente"
      head={["Indirizzo", "Foglio / particella / sub.", "Categoria", "Rendita", "Quota", "Uso", "Possesso"]}
    >
      {d.properties.map((p) => (
        <tr key={p.ownershipId}>
          <td>{p.address}</td>
          <td>
            {p.foglio} / {p.particella} / {p.subalterno}
          </td>
          <td>{p.category}</td>
          <td>
            <Euro cents={p.renditaCents} />
          </td>
          <td>{formatShareBp(p.shareBp)}</td>
          <td>{p.mainHome ? "Abitazione principale" : "Altro"}</td>
          <td>
            dal {date(p.fromDate)}
            {p.toDate ? ` al ${date(p.toDate)}` : ""}
          </td>
        </tr>
      ))}
    </Table>
  );
}

type InstalmentView = {
  id: number;
  label: string;
  dueDate: string;
  amountCents: number;
  nav: string | null;
  state: { kind: string };
};

function Instalments({ caption, items }: { caption: string; items: InstalmentView[] }) {
  if (!items.length) return <p>Nessuna rata.</p>;
  return (
    <Table caption={caption} head={["Rata", "Scadenza", "Importo", "Codice avviso", "Stato"]}>
      {items.map((i) => (
        <tr key={i.id}>
          <td>{i.label}</td>
          <td>{date(i.dueDate)}</td>
          <td>
            <Euro cents={i.amountCents} />
          </td>
          <td>{i.nav ? <code>{formatNav(i.nav)}</code> : "—"}</td>
          <td>{INSTALMENT_STATE[i.state.kind] ?? i.state.kind}</td>
        </tr>
      ))}
    </Table>
  );
}

function Imu({ d }: { d: Of<"imu"> }) {
  if (!d.assessments.length) return <Empty>Nessun conteggio IMU presso il tuo ente negli ultimi anni.</Empty>;
  return (
    <>
      {d.assessments.map((a) => (
        <section key={a.id} className="portal-section-box" aria-labelledby={`imu-${a.id}`}>
          <h2 id={`imu-${a.id}`} className="h4">
            IMU {a.year}: <Euro cents={a.amountCents} />
          </h2>
          <Table
            caption={`Immobili del conteggio IMU ${a.year}`}
            head={["Immobile", "Categoria", "Base imponibile", "Aliquota", "Mesi", "Quota", "Imposta"]}
          >
            {a.lines.map((l) => (
              <tr key={l.id}>
                <td>
                  {l.address}
                  {l.mainHome ? " (abitazione principale)" : ""}
                </td>
                <td>{l.category}</td>
                <td>
                  <Euro cents={l.baseCents} />
                </td>
                <td>{formatRateBp(l.rateBp)}</td>
                <td>{formatMonths(l.monthsHeld)}</td>
                <td>{formatShareBp(l.shareBp)}</td>
                <td>{l.exempt ? "Esente" : <Euro cents={l.amountCents} />}</td>
              </tr>
            ))}
          </Table>
          <Instalments caption={`Rate IMU ${a.year}`} items={a.instalments} />
        </section>
      ))}
    </>
  );
}

function Tari({ d }: { d: Of<"tari"> }) {
  if (!d.assessments.length)
    return <Empty>Nessun conteggio TARI presso il tuo ente negli ultimi anni.</Empty>;
  return (
    <>
      {d.assessments.map((a) => (
        <section key={a.id} className="portal-section-box" aria-labelledby={`tari-${a.id}`}>
          <h2 id={`tari-${a.id}`} className="h4">
            TARI {a.year}: <Euro cents={a.amountCents} />
          </h2>
          <p>
            {a.address ? `${a.address}: ` : ""}
            {a.surfaceM2} m², nucleo di {a.householdSize} {a.householdSize === 1 ? "persona" : "persone"}.
            Quota fissa <Euro cents={a.fixedCents} />, quota variabile <Euro cents={a.variableCents} />, TEFA{" "}
            <Euro cents={a.tefaCents} />.
          </p>
          <Instalments caption={`Rate TARI ${a.year}`} items={a.instalments} />
        </section>
      ))}
    </>
  );
}

function Accertamenti({ d }: { d: Of<"accertamenti"> }) {
  if (!d.notices.length) return <Empty>Nessun avviso di accertamento del tuo ente.</Empty>;
  return (
    <Table
      caption="Avvisi di accertamento"
      head={["Avviso", "Tributo e anno", "Emesso", "Motivo", "Importo", "Stato"]}
    >
      {d.notices.map((n) => (
        <tr key={n.id}>
          <td>{n.number}</td>
          <td>
            {n.tax} {n.year}
          </td>
          <td>{date(n.issuedDate)}</td>
          <td>{n.reason}</td>
          <td>
            <Euro cents={n.amountCents} />
          </td>
          <td>
            {NOTICE_STATUS_LABEL[n.status] ?? n.status}
            {n.payment ? ` (${INSTALMENT_STATE[n.payment.kind] ?? n.payment.kind})` : ""}
          </td>
        </tr>
      ))}
    </Table>
  );
}

function F24({ d }: { d: Of<"f24"> }) {
  if (!d.payments.length) return <Empty>Nessun versamento F24 a favore del tuo ente.</Empty>;
  return (
    <Table
      caption="Versamenti F24 a favore del tuo ente"
      head={["Data", "Tributo", "Anno", "Importo", "Canale"]}
    >
      {d.payments.map((p) => (
        <tr key={p.id}>
          <td>{date(p.paid_date)}</td>
          <td>
            {p.tax_code} – {f24CodeLabel(p.tax_code)}
          </td>
          <td>{p.reference_year}</td>
          <td>
            <Euro cents={p.amount_cents} />
          </td>
          <td>{p.channel}</td>
        </tr>
      ))}
    </Table>
  );
}

function Rimborsi({ d }: { d: Of<"rimborsi"> }) {
  if (!d.refunds.length) return <Empty>Nessuna richiesta di rimborso al tuo ente.</Empty>;
  return (
    <Table caption="Rimborsi" head={["Tributo e anno", "Richiesto il", "Motivo", "Importo", "Stato", "IBAN"]}>
      {d.refunds.map((r) => (
        <tr key={r.id}>
          <td>
            {r.tax} {r.year}
          </td>
          <td>{date(r.requestedDate)}</td>
          <td>{r.reason}</td>
          <td>
            <Euro cents={r.amountCents} />
          </td>
          <td>
            {REFUND_STATUS_LABEL[r.status] ?? r.status}
            {r.paidDate ? ` il ${date(r.paidDate)}` : ""}
          </td>
          <td>{r.iban ? <code>{r.iban}</code> : "—"}</td>
        </tr>
      ))}
    </Table>
  );
}

const TAB_TITLE: Record<string, string> = {
  "da-pagare": "Da pagare",
  "non-pagabili": "Scaduti o annullati",
  pagati: "Pagati",
};

function Pagamenti({ d }: { d: Of<"pagamenti"> }) {
  return (
    <>
      {d.notices.map((tab) => (
        <section key={tab.tab} aria-labelledby={`tab-${tab.tab}`} className="mb-4">
          <h2 id={`tab-${tab.tab}`} className="h4">
            {TAB_TITLE[tab.tab]} ({tab.total})
          </h2>
          {tab.items.length ? (
            <Table
              caption={`Avvisi del tuo ente: ${TAB_TITLE[tab.tab].toLowerCase()}`}
              head={["Causale", "Rata", "Scadenza", "Importo", "Codice avviso", "Stato"]}
            >
              {tab.items.map((n) => (
                <tr key={n.optionId}>
                  <td className="portal-wrap">{n.purpose}</td>
                  <td>{n.instalment}</td>
                  <td>{date(n.dueDate)}</td>
                  <td>
                    <Euro cents={n.amountCents} />
                  </td>
                  <td>
                    <code>{formatNav(n.nav)}</code>
                  </td>
                  <td>
                    {n.state}
                    {n.paidAt ? ` il ${date(n.paidAt)}` : ""}
                  </td>
                </tr>
              ))}
            </Table>
          ) : (
            <p>Nessun avviso.</p>
          )}
          {tab.total > tab.items.length ? (
            <p className="small">Sono mostrati i primi {tab.items.length} avvisi.</p>
          ) : null}
        </section>
      ))}
    </>
  );
}

/** One section's content; the message form is rendered by its route. */
export function SectionView({ data }: { data: Data }) {
  switch (data.section) {
    case "anagrafe":
      return <Anagrafe d={data} />;
    case "documenti":
      return <Documenti d={data} />;
    case "certificati":
      return <Certificati d={data} />;
    case "pratiche":
      return <Pratiche d={data} />;
    case "immobili":
      return <Immobili d={data} />;
    case "imu":
      return <Imu d={data} />;
    case "tari":
      return <Tari d={data} />;
    case "accertamenti":
      return <Accertamenti d={data} />;
    case "f24":
      return <F24 d={data} />;
    case "rimborsi":
      return <Rimborsi d={data} />;
    case "pagamenti":
      return <Pagamenti d={data} />;
    case "deleghe":
    case "messaggio":
      // Pages of their own, with a form (the route renders them).
      return null;
  }
}
