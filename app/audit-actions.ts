/**
 * Every action the access log records, with its Italian name for the auditor's page, the CSV
 * export and the citizen's page. `AuditEntry.action` takes only these codes, so a new code does
 * not compile until it has its name here. Pure: no I/O, safe to import anywhere.
 */
export const AUDIT_ACTION_LABEL = {
  "auth.ente": "Scelta dell'ente per cui lavorare",
  "access.open": "Apertura del fascicolo con motivo",
  "access.close": "Chiusura del fascicolo",
  "dossier.view": "Consultazione di una sezione del fascicolo",
  "cittadini.search": "Ricerca di persone",
  "pratica.view": "Consultazione di una pratica",
  "pratica.attachment.download": "Allegato di una pratica scaricato",
  "pratica.take": "Presa in carico di una pratica",
  "pratica.transition": "Cambio di stato di una pratica",
  "pratica.integration_request": "Richiesta di integrazione",
  "message.send": "Messaggio inviato alla persona",
  "audit.read": "Consultazione del registro degli accessi",
  "audit.export": "Esportazione del registro degli accessi",
  "audit.verify": "Verifica dell'integrità del registro degli accessi",
  "access.report": "Segnalazione di un accesso da parte del cittadino",
  "operator.role_grant": "Ruolo assegnato a un operatore",
  "operator.role_revoke": "Ruolo tolto a un operatore",
  "api_key.create": "Chiave API creata",
  "api_key.revoke": "Chiave API revocata",
  "payments.position.create": "Posizione debitoria creata",
  "payments.position.view": "Posizione debitoria consultata",
  "payments.position.publish": "Posizione debitoria pubblicata",
  "payments.position.validate": "Posizione debitoria resa pagabile alla data di validità",
  "payments.position.invalidate": "Posizione debitoria annullata",
  "payments.position.expire": "Posizione debitoria scaduta",
  "payments.position.import": "Posizioni debitorie importate da file",
  "auth.login": "Accesso al portale",
  "auth.logout": "Uscita dal portale",
  "certificate.issue": "Certificato emesso",
  "appuntamento.prenotazione": "Appuntamento prenotato",
  "appuntamento.annullamento": "Appuntamento annullato",
  "pratica.integrazione": "Integrazione di una pratica inviata dalla persona",
  "profile.contacts.update": "Recapiti aggiornati",
  "profile.email.confirm": "Indirizzo email confermato",
  "mail.opt_out": "Un tipo di email disattivato dalla persona",
  "payment.checkout.start": "Pagamento avviato",
  "payment.checkout.release": "Pagamento non concluso, avviso di nuovo pagabile",
  "payment.receipt": "Ricevuta di pagamento registrata",
  "payment.receipt.refused": "Ricevuta di pagamento rifiutata",
  "delegation.create": "Delega creata",
  "delegation.accept": "Delega accettata dalla persona delegata",
  "delegation.refuse": "Delega rifiutata dalla persona delegata",
  "delegation.revoke": "Delega revocata",
  "delegation.renew": "Delega rinnovata",
  "delegation.act": "Inizio di un'azione per conto di un'altra persona",
  "delegation.view": "Sezione consultata per conto di un'altra persona",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABEL;

/** Every code, in the order above. */
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABEL) as AuditAction[];

export function isAuditAction(code: string): code is AuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTION_LABEL, code);
}

/** The Italian name of a code; a code from an older version of the portal is shown as it is. */
export function auditActionLabel(code: string): string {
  return isAuditAction(code) ? AUDIT_ACTION_LABEL[code] : code;
}
