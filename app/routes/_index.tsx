import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Card } from "~/components/card";
import { Icon } from "~/components/icon";
import { LOGIN_URL } from "~/components/site-header";
import { pageMeta, useSiteInfo } from "~/components/site";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(
    null,
    matches,
    "Il portale in cui trovi i tuoi dati anagrafici, i tributi locali e i pagamenti verso Comuni, Regione e Aziende sanitarie. Accesso con SPID o CIE.",
  );

export default function Home() {
  const site = useSiteInfo();
  return (
    <>
      <section className="portal-hero" aria-labelledby="home-title">
        <div className="container">
          <div className="row">
            <div className="col-lg-9">
              <h1 id="home-title">{site.portalName}</h1>
              <p className="lead">
                Il portale della {site.enteName} che riunisce in un&apos;unica area personale i tuoi dati
                anagrafici, i tributi locali e tutti i pagamenti dovuti a Comuni, Regione e Aziende sanitarie
                del territorio.
              </p>
              <div className="d-flex flex-column flex-sm-row gap-3 mt-4">
                <a className="btn btn-primary btn-icon" href={LOGIN_URL}>
                  <Icon name="it-user" className="icon-white me-2" />
                  <span>Accedi con SPID o CIE</span>
                </a>
                <Link className="btn btn-outline-primary" to="/paga-un-avviso">
                  Paga un avviso senza accedere
                </Link>
              </div>
            </div>
          </div>
        </div>
      </section>

      <section className="portal-section" aria-labelledby="dossiers-title">
        <div className="container">
          <h2 id="dossiers-title">Tre fascicoli, un solo accesso</h2>
          <p className="col-lg-9">
            Le informazioni che oggi sono divise tra gli uffici di enti diversi qui si trovano insieme,
            ciascuna con l&apos;indicazione dell&apos;amministrazione che la gestisce.
          </p>
          <div className="row g-4 mt-1">
            <div className="col-12 col-md-6 col-lg-4">
              <Card title="Fascicolo del cittadino" to="/area-personale" icon="it-user">
                <p className="it-card-text">
                  I tuoi dati anagrafici, la residenza e il nucleo familiare, i documenti d&apos;identità con
                  la loro scadenza, i certificati da richiedere e scaricare, le pratiche presentate con il
                  loro stato, i messaggi e gli appuntamenti con gli uffici.
                </p>
              </Card>
            </div>
            <div className="col-12 col-md-6 col-lg-4">
              <Card title="Fascicolo del contribuente" to="/area-personale/contribuente" icon="it-files">
                <p className="it-card-text">
                  I tuoi immobili con i dati catastali, l&apos;IMU e la TARI anno per anno con il dettaglio
                  del calcolo, gli avvisi di accertamento, i versamenti con F24, i rimborsi, i veicoli
                  intestati e il bollo auto.
                </p>
              </Card>
            </div>
            <div className="col-12 col-md-6 col-lg-4">
              <Card title="Polo regionale dei pagamenti" to="/area-personale/pagamenti" icon="it-card">
                <p className="it-card-text">
                  Tutto ciò che devi a Comuni, Regione e Aziende sanitarie: avvisi pagoPA con importo e
                  scadenza, il pagamento di uno o più avvisi insieme, le ricevute e lo storico dei pagamenti.
                </p>
              </Card>
            </div>
          </div>
        </div>
      </section>

      <section className="portal-section portal-section-alt" aria-labelledby="audience-title">
        <div className="container">
          {/* A 3rem gutter is wider than the container's padding on a phone: horizontal only from lg. */}
          <div className="row gy-5 gx-lg-5">
            <div className="col-lg-6">
              <h2 id="audience-title">A chi è rivolto</h2>
              <ul className="portal-link-list">
                <li>
                  A chi <strong>risiede in un Comune del Piemonte</strong>: dati anagrafici, documenti,
                  certificati e pratiche.
                </li>
                <li>
                  A chi <strong>possiede immobili o paga tributi</strong> in un Comune del Piemonte, anche se
                  abita altrove.
                </li>
                <li>
                  A chiunque <strong>debba un importo a un ente pubblico piemontese</strong>, per esempio una
                  sanzione, una tassa o un ticket sanitario.
                </li>
                <li>
                  Agli <strong>operatori degli enti</strong>, che accedono a un&apos;area riservata per
                  rispondere alle richieste dei cittadini.
                </li>
              </ul>
            </div>
            <div className="col-lg-6">
              <h2 id="login-title">Come si accede</h2>
              <p>
                Ti serve un&apos;identità digitale: <strong>SPID</strong>, il Sistema Pubblico di Identità
                Digitale, oppure la <strong>CIE</strong>, la Carta d&apos;Identità Elettronica. Non devi
                registrarti: il portale ti riconosce dal codice fiscale.
              </p>
              <ol className="portal-link-list">
                <li>
                  Seleziona &laquo;Accedi all&apos;area personale&raquo;, in alto a destra in ogni pagina.
                </li>
                <li>Scegli SPID o CIE e autenticati con le credenziali della tua identità digitale.</li>
                <li>Conferma l&apos;invio dei tuoi dati al portale: entri nella tua Scrivania.</li>
              </ol>
              <p className="mt-4">
                <a className="btn btn-primary" href={LOGIN_URL}>
                  Accedi all&apos;area personale
                </a>
              </p>
              <p className="small">
                Non hai ancora SPID? Puoi richiederlo gratuitamente a uno dei gestori di identità digitale:
                tutte le informazioni sono su <a href="https://www.spid.gov.it">www.spid.gov.it</a>.
              </p>
            </div>
          </div>
        </div>
      </section>

      <section className="portal-section" aria-label="Pagamenti e trasparenza">
        <div className="container">
          <div className="row g-4">
            <div className="col-lg-6">
              <div className="portal-highlight h-100">
                <h2 className="h3 d-flex align-items-center" id="pay-title">
                  <Icon name="it-card" className="icon-primary me-2" />
                  Paga un avviso senza accedere
                </h2>
                <p>
                  Hai ricevuto un avviso di pagamento pagoPA da un Comune, dalla Regione o da un&apos;Azienda
                  sanitaria? Puoi pagarlo subito, anche senza SPID: ti bastano il{" "}
                  <strong>codice avviso</strong> di 18 cifre e il{" "}
                  <strong>codice fiscale dell&apos;ente creditore</strong>, stampati sull&apos;avviso.
                </p>
                <Link className="btn btn-outline-primary" to="/paga-un-avviso">
                  Paga un avviso
                </Link>
              </div>
            </div>
            <div className="col-lg-6">
              <div className="portal-highlight h-100">
                <h2 className="h3 d-flex align-items-center" id="transparency-title">
                  <Icon name="it-password-visible" className="icon-primary me-2" />
                  Trasparenza sui tuoi dati
                </h2>
                <p>
                  Gli operatori degli enti possono consultare il tuo fascicolo solo quando serve al loro
                  lavoro, per esempio per rispondere a una tua richiesta allo sportello o al telefono, e ogni
                  volta devono indicarne il motivo.
                </p>
                <p>
                  Ogni consultazione viene registrata e ti viene mostrata nella tua area personale: chi ha
                  visto i tuoi dati, per quale ente, quando e perché. Se un accesso non ti sembra
                  giustificato, puoi segnalarlo.
                </p>
                <Link to="/area-personale/accessi">Vedi chi ha consultato i tuoi dati</Link>
              </div>
            </div>
          </div>
        </div>
      </section>
    </>
  );
}
