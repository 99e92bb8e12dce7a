import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageMeta, useSiteInfo } from "~/components/site";
import { StaticPage } from "~/components/static-page";

const TITLE = "Note legali";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(
    TITLE,
    matches,
    "Diritti d'autore, licenza dei contenuti, software, collegamenti e responsabilità.",
  );

export default function LegalNotes() {
  const site = useSiteInfo();
  return (
    <StaticPage title={TITLE} updated="26 novembre 2026">
      <h2 id="diritti-d-autore">Diritti d&apos;autore</h2>
      <p>
        I testi, la grafica e l&apos;impostazione del portale «{site.portalName}» appartengono alla{" "}
        {site.enteName}, salvo dove è indicato un autore diverso. I marchi e i loghi di terzi, come quelli di
        SPID, CIE e pagoPA, appartengono ai rispettivi titolari e non possono essere riutilizzati senza il
        loro permesso.
      </p>

      <h2 id="licenza">Licenza dei contenuti</h2>
      <p>
        Salvo diversa indicazione, i contenuti informativi delle pagine pubbliche del portale sono rilasciati
        con licenza{" "}
        <a href="https://creativecommons.org/licenses/by/4.0/deed.it" hrefLang="it">
          Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)
        </a>
        : puoi copiarli, distribuirli e modificarli, anche per fini commerciali, a condizione di citare la
        fonte («{site.enteName} - {site.portalName}») e di indicare se hai apportato modifiche.
      </p>
      <p>
        La licenza non riguarda i dati personali che vedi nell&apos;area personale: sono tuoi, e il loro
        trattamento è descritto nell&apos;<Link to="/privacy">informativa sulla privacy</Link>.
      </p>

      <h2 id="software">Software</h2>
      <p>
        Il portale è software libero e a codice aperto. Come previsto dagli articoli 68 e 69 del Codice
        dell&apos;amministrazione digitale, il codice sorgente e la relativa documentazione sono messi a
        disposizione delle altre amministrazioni che vogliano riutilizzarli, insieme alla licenza con cui sono
        distribuiti.
      </p>
      <p>
        Il portale usa componenti open source di terze parti, tra cui la libreria Bootstrap Italia e i
        caratteri Titillium Web, Lora e Roboto Mono, ciascuno distribuito con la propria licenza.
      </p>

      <h2 id="collegamenti">Collegamenti</h2>
      <p>
        Puoi inserire nel tuo sito collegamenti alle pagine pubbliche del portale senza chiedere
        autorizzazione, purché sia chiaro che si tratta di un sito della {site.enteName} e il collegamento non
        lasci intendere un rapporto di collaborazione o di sostegno che non esiste. Le pagine del portale non
        possono essere mostrate all&apos;interno di pagine di altri siti (per esempio in un{" "}
        <span lang="en">frame</span>).
      </p>
      <p>
        I collegamenti verso siti esterni, come quelli dei gestori di identità digitale o dei prestatori di
        servizi di pagamento, sono offerti per comodità: la {site.enteName} non è responsabile del loro
        contenuto né del loro funzionamento.
      </p>

      <h2 id="responsabilita">Esclusione di responsabilità</h2>
      <p>
        I dati che vedi provengono dagli archivi degli enti che li gestiscono. In caso di differenze fanno
        fede gli atti ufficiali dell&apos;ente competente: per correggere un dato rivolgiti all&apos;ufficio
        che lo gestisce. Gli importi di IMU e TARI calcolati dal portale hanno valore informativo; gli importi
        dovuti sono quelli determinati dal Comune.
      </p>
      <p>
        La {site.enteName} si impegna a mantenere il servizio disponibile e aggiornato, ma non può garantirne
        il funzionamento continuo: il portale può essere sospeso per manutenzione o per cause indipendenti
        dalla sua volontà. Se un pagamento o una richiesta sono in scadenza, non aspettare l&apos;ultimo
        giorno.
      </p>
      {site.demo ? (
        <p>
          Questa è un&apos;installazione dimostrativa: le persone, i documenti e gli importi che vi compaiono
          sono inventati, e nessun pagamento o accesso ha effetti reali.
        </p>
      ) : null}
    </StaticPage>
  );
}
