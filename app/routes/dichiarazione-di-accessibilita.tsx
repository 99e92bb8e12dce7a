import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageMeta, useSiteInfo } from "~/components/site";
import { StaticPage } from "~/components/static-page";

const TITLE = "Dichiarazione di accessibilità";
const DRAFTED_ON = "26 novembre 2026";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(
    TITLE,
    matches,
    "Stato di conformità del portale ai requisiti di accessibilità e come segnalare un problema.",
  );

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ publicUrl: context.config.publicUrl });
}

const CONTENTS = [
  { id: "stato-di-conformita", label: "Stato di conformità" },
  { id: "contenuti-non-accessibili", label: "Contenuti non accessibili" },
  { id: "redazione", label: "Redazione della dichiarazione" },
  { id: "feedback-e-contatti", label: "Feedback e recapiti" },
  { id: "procedura-di-attuazione", label: "Procedura di attuazione" },
  { id: "informazioni-sul-sito", label: "Informazioni sul sito" },
];

export default function AccessibilityStatement() {
  const { publicUrl } = useLoaderData<typeof loader>();
  const site = useSiteInfo();
  return (
    <StaticPage
      title={TITLE}
      lead={
        <>
          La {site.enteName} si impegna a rendere accessibile il portale «{site.portalName}», come previsto
          dalla legge 9 gennaio 2004, n. 4 e dalla direttiva (UE) 2016/2102.
        </>
      }
      contents={CONTENTS}
      updated={DRAFTED_ON}
    >
      <p>
        Questa dichiarazione si applica al portale raggiungibile all&apos;indirizzo <code>{publicUrl}</code>,
        sia alle pagine pubbliche sia all&apos;area personale e all&apos;area riservata agli operatori degli
        enti.
      </p>

      <h2 id="stato-di-conformita">Stato di conformità</h2>
      <p>
        Il portale è <strong>parzialmente conforme</strong> ai requisiti previsti dall&apos;allegato A della
        norma UNI CEI EN 301549, che per i siti web richiama i criteri di successo di livello A e AA delle
        Linee guida per l&apos;accessibilità dei contenuti web (WCAG) 2.1. Le non conformità note sono
        elencate nella sezione che segue.
      </p>

      <h2 id="contenuti-non-accessibili">Contenuti non accessibili</h2>
      <h3>Casi di non conformità</h3>
      <ul>
        <li>
          <strong>Documenti PDF prodotti dal portale.</strong> Certificati, avvisi di pagamento, ricevute e
          modelli F24 non sono ancora documenti PDF accessibili: mancano la struttura dei titoli e delle
          tabelle e un ordine di lettura dichiarato, per cui un lettore di schermo può leggerli in modo
          incompleto (criteri 1.3.1 e 1.3.2). Le stesse informazioni sono sempre disponibili anche come testo
          nelle pagine del portale; se ti serve una versione accessibile di un documento, chiedila ai recapiti
          indicati più avanti.
        </li>
        <li>
          <strong>Durata della sessione.</strong> Per proteggere i tuoi dati la sessione si chiude dopo un
          periodo di inattività. Il portale non avvisa ancora prima della scadenza e non offre la possibilità
          di prolungarla (criterio 2.2.1): ciò che stavi compilando e non avevi ancora inviato va inserito di
          nuovo dopo un nuovo accesso.
        </li>
        <li>
          <strong>Verifiche con tecnologie assistive.</strong> Le pagine non sono ancora state provate in modo
          sistematico con i lettori di schermo più diffusi (NVDA, JAWS, VoiceOver, TalkBack). Fino al
          completamento di queste prove non si può escludere la presenza di altri problemi, in particolare nei
          moduli e nei messaggi di errore.
        </li>
      </ul>
      <h3>Contenuti non soggetti alla normativa</h3>
      <p>
        Le pagine dei gestori di identità digitale (SPID e CIE) e dei prestatori di servizi di pagamento
        pagoPA, a cui il portale ti indirizza per l&apos;accesso e per i pagamenti, sono gestite da altri
        soggetti e non rientrano in questa dichiarazione.
      </p>

      <h2 id="redazione">Redazione della dichiarazione</h2>
      <p>
        Questa dichiarazione è stata redatta il {DRAFTED_ON} con il metodo dell&apos;
        <strong>autovalutazione</strong>, svolta direttamente dall&apos;amministrazione, ed è stata
        riesaminata l&apos;ultima volta nella stessa data. Per la valutazione sono stati usati:
      </p>
      <ul>
        <li>
          controlli automatici con il motore di verifica axe, secondo le regole dei livelli A e AA delle WCAG
          2.0 e 2.1, eseguiti a ogni modifica del software sulle pagine coperte dalle prove automatiche, in un
          browser Chromium, con finestra di dimensioni da computer e da smartphone;
        </li>
        <li>
          verifiche manuali con la sola tastiera: collegamenti per saltare al contenuto principale e al piè di
          pagina, ordine e visibilità del focus, apertura e chiusura del menu di navigazione su schermi
          piccoli, menu dell&apos;utente.
        </li>
      </ul>

      <h2 id="feedback-e-contatti">Feedback e recapiti</h2>
      <p>
        Puoi segnalare un problema di accessibilità, o chiedere le informazioni e i contenuti che non riesci a
        consultare, scrivendo a <a href={`mailto:${site.email}`}>{site.email}</a>. Indica la pagina, che cosa
        stavi facendo e, se puoi, il dispositivo, il browser e l&apos;eventuale tecnologia assistiva che
        usavi.
      </p>
      <p>La {site.enteName} risponde entro 30 giorni dal ricevimento della segnalazione.</p>

      <h2 id="procedura-di-attuazione">Procedura di attuazione</h2>
      <p>
        Se non ricevi risposta entro 30 giorni, oppure se la risposta non ti soddisfa, puoi inviare una
        segnalazione al <strong>Difensore civico per il digitale</strong>, istituito presso l&apos;Agenzia per
        l&apos;Italia Digitale (AgID) ai sensi dell&apos;articolo 17, comma 1-quater, del Codice
        dell&apos;amministrazione digitale (decreto legislativo 7 marzo 2005, n. 82), come previsto
        dall&apos;articolo 3-quinquies, comma 3, della legge 4/2004. Le modalità di invio sono descritte sul
        sito di <a href="https://www.agid.gov.it">AgID</a>.
      </p>

      <h2 id="informazioni-sul-sito">Informazioni sul sito</h2>
      <dl>
        <dt>Amministrazione responsabile</dt>
        <dd>
          {site.enteName}, {site.address}
        </dd>
        <dt>Realizzazione</dt>
        <dd>
          Il portale usa il sistema di progettazione dei servizi pubblici digitali (Designers Italia) e la
          libreria Bootstrap Italia, versione 2.18. Non usa un sistema di gestione dei contenuti (CMS): testi
          e pagine fanno parte del software del portale.
        </dd>
        <dt>Test di usabilità</dt>
        <dd>Non ancora svolti con persone con disabilità.</dd>
        <dt>Altri documenti</dt>
        <dd>
          <Link to="/privacy">Informativa sulla privacy</Link> e <Link to="/note-legali">note legali</Link>.
        </dd>
      </dl>
    </StaticPage>
  );
}
