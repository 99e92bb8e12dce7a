import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageMeta, useSiteInfo } from "~/components/site";
import { StaticPage } from "~/components/static-page";

const TITLE = "Informativa sulla privacy";

export const meta: MetaFunction = ({ matches }) =>
  pageMeta("Privacy", matches, "Come il portale tratta i tuoi dati personali e quali sono i tuoi diritti.");

/** Retention terms stated to citizens. Changing one here is a change of the notice. */
const RETENTION = {
  operatorAccessLogYears: 5,
  serverLogDays: 90,
  receiptsYears: 10,
};

export async function loader({ context }: LoaderFunctionArgs) {
  return json({
    sessionIdleMinutes: context.config.sessionIdleMinutes,
    sessionMaxHours: context.config.sessionMaxHours,
  });
}

const CONTENTS = [
  { id: "titolare", label: "Titolare del trattamento" },
  { id: "rpd", label: "Responsabile della protezione dei dati" },
  { id: "dati", label: "Quali dati trattiamo e da dove provengono" },
  { id: "finalita", label: "Finalità e basi giuridiche" },
  { id: "registro-accessi", label: "Il registro degli accessi degli operatori" },
  { id: "destinatari", label: "A chi sono comunicati i dati" },
  { id: "conservazione", label: "Per quanto tempo li conserviamo" },
  { id: "diritti", label: "I tuoi diritti" },
  { id: "reclamo", label: "Reclamo al Garante" },
  { id: "cookie", label: "Cookie" },
];

export default function Privacy() {
  const { sessionIdleMinutes, sessionMaxHours } = useLoaderData<typeof loader>();
  const site = useSiteInfo();
  return (
    <StaticPage
      title={TITLE}
      lead={
        <>
          Questa informativa spiega, ai sensi degli articoli 13 e 14 del Regolamento (UE) 2016/679 (GDPR),
          come il portale «{site.portalName}» tratta i tuoi dati personali, perché lo fa e quali diritti hai.
        </>
      }
      contents={CONTENTS}
      updated="26 novembre 2026"
    >
      <h2 id="titolare">Titolare del trattamento</h2>
      <p>
        Il titolare del trattamento è la <strong>{site.enteName}</strong>, con sede in {site.address}. Puoi
        scrivere al titolare all&apos;indirizzo <a href={`mailto:${site.email}`}>{site.email}</a>.
      </p>
      <p>
        I Comuni, le Aziende sanitarie e gli altri enti i cui dati compaiono nel portale restano titolari dei
        dati che gestiscono (per esempio l&apos;anagrafe per il Comune di residenza, i tributi per il Comune
        in cui si trova un immobile): il portale li rende consultabili in un unico punto per conto di ciascuno
        di essi.
      </p>

      <h2 id="rpd">Responsabile della protezione dei dati</h2>
      <p>
        Il responsabile della protezione dei dati (RPD, in inglese DPO) della {site.enteName} risponde alle
        domande sul trattamento dei tuoi dati e sull&apos;esercizio dei tuoi diritti. Puoi scrivergli
        all&apos;indirizzo <a href={`mailto:${site.dpoEmail}`}>{site.dpoEmail}</a>.
      </p>

      <h2 id="dati">Quali dati trattiamo e da dove provengono</h2>
      <ul>
        <li>
          <strong>Dati di accesso</strong>, forniti dal gestore della tua identità digitale (SPID o CIE)
          quando entri nel portale: codice fiscale, nome e cognome, e gli altri attributi richiesti al momento
          dell&apos;accesso, come la data di nascita e l&apos;indirizzo e-mail.
        </li>
        <li>
          <strong>Dati anagrafici</strong>, dall&apos;anagrafe del tuo Comune: generalità, residenza e sue
          variazioni, composizione del nucleo familiare, documenti d&apos;identità con numero e scadenza.
        </li>
        <li>
          <strong>Dati tributari</strong>, dai Comuni e dalla Regione: immobili e relativi dati catastali, IMU
          e TARI, avvisi di accertamento, versamenti con modello F24, rimborsi, veicoli intestati e tassa
          automobilistica regionale (bollo).
        </li>
        <li>
          <strong>Dati di pagamento</strong>, dagli enti creditori e dalla piattaforma pagoPA: importi dovuti,
          avvisi, esiti dei pagamenti e ricevute. Il portale non riceve né conserva i dati della tua carta o
          del tuo conto, che inserisci solo presso il prestatore di servizi di pagamento che scegli.
        </li>
        <li>
          <strong>Pratiche, messaggi e appuntamenti</strong> che ti riguardano, dagli uffici degli enti.
        </li>
        <li>
          <strong>Dati di contatto e preferenze</strong> che inserisci tu nel profilo, come un indirizzo
          e-mail o un numero di telefono per ricevere promemoria.
        </li>
        <li>
          <strong>Dati tecnici</strong>: indirizzo IP, data e ora delle richieste, pagine richieste e
          identificativo della sessione, registrati dal server per la sicurezza del servizio.
        </li>
      </ul>
      <p>
        Alcuni importi dovuti alle Aziende sanitarie, come i ticket, possono far intuire che hai usufruito di
        una prestazione sanitaria. Il portale ne mostra soltanto la causale indicata dall&apos;ente creditore,
        e solo a te e agli operatori di quell&apos;ente.
      </p>

      <h2 id="finalita">Finalità e basi giuridiche</h2>
      <div className="table-responsive">
        <table className="table">
          <caption className="visually-hidden">Finalità del trattamento e relativa base giuridica</caption>
          <thead>
            <tr>
              <th scope="col">Perché trattiamo i dati</th>
              <th scope="col">Base giuridica</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Riconoscerti quando accedi con SPID o CIE</td>
              <td>
                Compito di interesse pubblico (art. 6, par. 1, lett. e, GDPR); art. 64 del Codice
                dell&apos;amministrazione digitale (CAD)
              </td>
            </tr>
            <tr>
              <td>
                Mostrarti i tuoi dati anagrafici e tributari, le pratiche, i messaggi e gli appuntamenti, e
                permetterti di presentare richieste
              </td>
              <td>
                Compito di interesse pubblico (art. 6, par. 1, lett. e, GDPR); art. 2-ter del d.lgs. 196/2003;
                CAD
              </td>
            </tr>
            <tr>
              <td>
                Mostrarti gli importi dovuti e permetterti di pagarli con pagoPA; conservare le ricevute
              </td>
              <td>
                Obbligo di legge e compito di interesse pubblico (art. 6, par. 1, lett. c ed e, GDPR); art. 5
                del CAD
              </td>
            </tr>
            <tr>
              <td>Inviarti promemoria e avvisi ai recapiti che scegli</td>
              <td>
                Consenso (art. 6, par. 1, lett. a, GDPR), che puoi revocare in ogni momento dal tuo profilo
              </td>
            </tr>
            <tr>
              <td>Registrare gli accessi degli operatori ai tuoi dati e mostrarteli</td>
              <td>
                Obbligo di legge (art. 6, par. 1, lett. c, GDPR), in attuazione degli artt. 5, par. 2, e 32
                GDPR
              </td>
            </tr>
            <tr>
              <td>Proteggere il servizio da abusi e accessi non autorizzati</td>
              <td>Obbligo di legge (art. 6, par. 1, lett. c, GDPR), in attuazione dell&apos;art. 32 GDPR</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        Il portale non prende decisioni basate unicamente su trattamenti automatizzati che producano effetti
        giuridici su di te. Gli importi di IMU e TARI che vedi sono calcolati a partire dai dati
        dell&apos;ente e hanno valore informativo: fanno fede gli atti dell&apos;ente competente.
      </p>

      <h2 id="registro-accessi">Il registro degli accessi degli operatori</h2>
      <p>
        Gli operatori degli enti possono consultare i tuoi dati solo per le competenze del proprio ufficio e
        solo se hai un legame con il loro ente (per esempio perché vi risiedi, vi possiedi un immobile o gli
        devi un importo). Prima di aprire il tuo fascicolo devono indicare il motivo.
      </p>
      <p>
        Ogni consultazione viene registrata con l&apos;operatore, il suo ente, la sezione consultata, il
        motivo dichiarato, la data e l&apos;ora. Le registrazioni non possono essere modificate e ti vengono
        mostrate nella tua area personale; sono consultate anche dai responsabili dei controlli di ciascun
        ente. Se un accesso non ti sembra giustificato, puoi segnalarlo dalla stessa pagina.
      </p>

      <h2 id="destinatari">A chi sono comunicati i dati</h2>
      <ul>
        <li>
          Agli <strong>operatori autorizzati</strong> dei Comuni, della Regione e degli altri enti, ciascuno
          per le proprie competenze e con le regole descritte sopra.
        </li>
        <li>
          Al <strong>fornitore che gestisce l&apos;infrastruttura e la manutenzione del portale</strong>,
          nominato responsabile del trattamento ai sensi dell&apos;art. 28 GDPR, che tratta i dati solo su
          istruzione del titolare.
        </li>
        <li>
          A <strong>PagoPA S.p.A.</strong> e al prestatore di servizi di pagamento che scegli, per i
          pagamenti; ai <strong>gestori di identità digitale</strong>, per l&apos;accesso. Questi soggetti
          agiscono come titolari autonomi.
        </li>
        <li>Alle autorità che ne facciano richiesta nei casi previsti dalla legge.</li>
      </ul>
      <p>I dati non sono trasferiti fuori dall&apos;Unione europea e non sono diffusi.</p>

      <h2 id="conservazione">Per quanto tempo li conserviamo</h2>
      <ul>
        <li>
          <strong>Sessione di accesso</strong>: si chiude dopo {sessionIdleMinutes} minuti di inattività e
          comunque dopo {sessionMaxHours} ore, oppure quando selezioni «Esci».
        </li>
        <li>
          <strong>Registro degli accessi degli operatori</strong>: {RETENTION.operatorAccessLogYears} anni
          dalla consultazione registrata.
        </li>
        <li>
          <strong>Registri tecnici del server</strong>: {RETENTION.serverLogDays} giorni, salvo che servano ad
          accertare un incidente di sicurezza.
        </li>
        <li>
          <strong>Avvisi e ricevute di pagamento</strong>: {RETENTION.receiptsYears} anni dal pagamento, il
          termine ordinario di prescrizione.
        </li>
        <li>
          <strong>Preferenze e recapiti del profilo</strong>: finché non li modifichi o li cancelli.
        </li>
        <li>
          <strong>Dati anagrafici, tributari, pratiche e messaggi</strong>: per i tempi previsti dalle norme
          di settore e dal piano di conservazione dei documenti dell&apos;ente che li gestisce.
        </li>
      </ul>

      <h2 id="diritti">I tuoi diritti</h2>
      <p>Nei limiti previsti dal GDPR puoi chiedere in qualsiasi momento:</p>
      <ul>
        <li>l&apos;accesso ai tuoi dati e una copia di essi (art. 15);</li>
        <li>
          la rettifica dei dati inesatti (art. 16): per i dati anagrafici e tributari la correzione spetta
          all&apos;ufficio del Comune che li gestisce, a cui il portale ti indirizza;
        </li>
        <li>
          la cancellazione (art. 17) e la limitazione del trattamento (art. 18), quando ne ricorrono i
          presupposti;
        </li>
        <li>di opporti al trattamento per motivi connessi alla tua situazione particolare (art. 21);</li>
        <li>di revocare il consenso ai promemoria, senza effetti sui trattamenti svolti in precedenza.</li>
      </ul>
      <p>
        Dall&apos;area personale puoi anche scaricare in un unico file i dati che il portale mostra su di te.
        Per esercitare i tuoi diritti scrivi al titolare (<a href={`mailto:${site.email}`}>{site.email}</a>) o
        al responsabile della protezione dei dati (<a href={`mailto:${site.dpoEmail}`}>{site.dpoEmail}</a>):
        la risposta arriva entro un mese, prorogabile di altri due nei casi più complessi, come previsto
        dall&apos;art. 12 GDPR.
      </p>

      <h2 id="reclamo">Reclamo al Garante</h2>
      <p>
        Se ritieni che il trattamento dei tuoi dati violi il GDPR, puoi proporre reclamo al Garante per la
        protezione dei dati personali (art. 77 GDPR), Piazza Venezia 11, 00187 Roma, secondo le modalità
        indicate sul sito <a href="https://www.garanteprivacy.it">www.garanteprivacy.it</a>, oppure rivolgerti
        all&apos;autorità giudiziaria.
      </p>

      <h2 id="cookie">Cookie</h2>
      <p>
        Il portale usa <strong>un solo cookie tecnico</strong>, necessario a mantenere la sessione dopo
        l&apos;accesso: non contiene i tuoi dati, ma solo un codice casuale che identifica la sessione, e
        scade con essa. Per i cookie tecnici non è richiesto il consenso (art. 122 del d.lgs. 196/2003).
      </p>
      <p>
        Il portale non usa cookie di profilazione né strumenti di analisi statistica e non carica contenuti da
        siti di terze parti: caratteri, icone e fogli di stile sono serviti dal portale stesso.
      </p>
      <p>
        Vedi anche la <Link to="/dichiarazione-di-accessibilita">dichiarazione di accessibilità</Link> e le{" "}
        <Link to="/note-legali">note legali</Link>.
      </p>
    </StaticPage>
  );
}
