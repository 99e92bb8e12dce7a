/** What a person reads when a login (or a logout form) is refused. */
export interface LoginErrorView {
  title: string;
  message: string;
  /** Whether a new login attempt makes sense ("Riprova"). */
  retry: boolean;
}

const SPID_ERRORS: Record<string, LoginErrorView> = {
  nr19: {
    title: "Credenziali errate troppe volte",
    message:
      "L'accesso non è riuscito perché le credenziali sono state inserite in modo errato più volte. Attendi qualche minuto, verifica nome utente e password presso il tuo gestore di identità SPID e riprova.",
    retry: true,
  },
  nr20: {
    title: "Livello di sicurezza non disponibile",
    message:
      "Il servizio richiede un livello di sicurezza SPID che la tua identità non ha ancora (per esempio l'accesso con app o codice temporaneo). Attivalo presso il tuo gestore di identità e riprova.",
    retry: true,
  },
  nr21: {
    title: "Tempo scaduto",
    message: "L'accesso non è stato completato entro il tempo previsto. Puoi riprovare quando vuoi.",
    retry: true,
  },
  nr22: {
    title: "Consenso non dato",
    message:
      "Non hai dato il consenso a trasmettere i tuoi dati al portale, quindi l'accesso non è avvenuto. Per usare il servizio serve il consenso all'invio dei dati richiesti.",
    retry: true,
  },
  nr23: {
    title: "Identità SPID sospesa o revocata",
    message:
      "La tua identità SPID risulta sospesa o revocata. Rivolgiti al tuo gestore di identità per riattivarla o ottenerne una nuova.",
    retry: true,
  },
  nr25: {
    title: "Accesso annullato",
    message:
      "Hai annullato l'accesso presso il gestore di identità. Nessun dato è stato trasmesso al portale.",
    retry: true,
  },
};

/** CieID's error codes (saml/cie-rules.ts): nr23 is about the card, not a SPID identity. */
const CIE_ERRORS: Record<string, LoginErrorView> = {
  "cie-nr21": {
    title: "Tempo scaduto",
    message:
      "L'accesso con la CIE non è stato completato entro il tempo previsto. Puoi riprovare quando vuoi.",
    retry: true,
  },
  "cie-nr22": {
    title: "Consenso non dato",
    message:
      "Non hai dato il consenso a trasmettere i tuoi dati al portale, quindi l'accesso con la CIE non è avvenuto. Per usare il servizio serve il consenso all'invio dei dati richiesti.",
    retry: true,
  },
  "cie-nr23": {
    title: "Carta d'identità scaduta o revocata",
    message:
      "La tua Carta d'identità elettronica risulta scaduta, sospesa o revocata e non può essere usata per accedere. Rinnovala presso il tuo comune, oppure accedi con SPID.",
    retry: true,
  },
  "cie-nr25": {
    title: "Accesso annullato",
    message: "Hai annullato l'accesso con la CIE. Nessun dato è stato trasmesso al portale.",
    retry: true,
  },
};

const OTHER_ERRORS: Record<string, LoginErrorView> = {
  level: {
    title: "Livello di sicurezza insufficiente",
    message:
      "Il gestore di identità ha confermato un livello di sicurezza inferiore a quello richiesto dal servizio.",
    retry: true,
  },
  "fiscal-number": {
    title: "Codice fiscale non valido",
    message:
      "Il gestore di identità non ha trasmesso un codice fiscale valido, che serve per riconoscerti. Verifica i tuoi dati presso il gestore di identità.",
    retry: true,
  },
  "in-response-to-unknown": {
    title: "Richiesta di accesso non trovata",
    message:
      "La risposta ricevuta non corrisponde a una richiesta di accesso in corso: potrebbe essere scaduta (dopo 10 minuti) o essere già stata usata.",
    retry: true,
  },
  replay: {
    title: "Risposta già utilizzata",
    message:
      "Questa risposta del gestore di identità è già stata usata per un accesso e non vale una seconda volta.",
    retry: true,
  },
  "idp-unknown": {
    title: "Gestore di identità non riconosciuto",
    message:
      "Il gestore di identità indicato non è tra quelli accettati da questo portale. Scegline uno dall'elenco.",
    retry: true,
  },
  "bad-request": {
    title: "Richiesta non valida",
    message: "I parametri della richiesta di accesso non sono validi.",
    retry: true,
  },
  csrf: {
    title: "Modulo scaduto",
    message:
      "La richiesta non è stata accettata perché il modulo è scaduto o non proviene da questo portale. Ricarica la pagina e riprova.",
    retry: false,
  },
  "logout-invalid": {
    title: "Messaggio di uscita non valido",
    message: "Il messaggio di disconnessione ricevuto non è valido e non è stato eseguito.",
    retry: false,
  },
};

const GENERIC: LoginErrorView = {
  title: "Accesso non riuscito",
  message:
    "La risposta del gestore di identità non rispetta le regole di SPID o della CIE e per la tua sicurezza non è stata accettata. Nessuna sessione è stata aperta.",
  retry: true,
};

/**
 * The codes with a view of their own (any other code gets the generic one): citizen pages show
 * them through the "login" message files, keyed by the code.
 */
export const LOGIN_ERROR_CODES: readonly string[] = [
  ...Object.keys(SPID_ERRORS),
  ...Object.keys(CIE_ERRORS),
  ...Object.keys(OTHER_ERRORS),
];

export function loginErrorView(code: string): LoginErrorView {
  return SPID_ERRORS[code] ?? CIE_ERRORS[code] ?? OTHER_ERRORS[code] ?? GENERIC;
}

/** A refusal by the identity provider itself (SPID's or CieID's error codes), not by the portal. */
export function isIdpErrorCode(code: string): boolean {
  return code in SPID_ERRORS || code in CIE_ERRORS;
}
