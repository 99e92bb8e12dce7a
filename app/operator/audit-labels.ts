import { DOSSIER_SECTIONS, isDossierSection, ROLE_LABEL, isOperatorRole } from "./sections";

/** Italian names of what the log records, for the auditor's page, the CSV and the citizen's page. */
export const AUDIT_ACTION_LABEL: Record<string, string> = {
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
};

/** The actions the auditor can filter on, in the order of the select. */
export const AUDIT_ACTION_FILTERS = Object.keys(AUDIT_ACTION_LABEL);

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABEL[action] ?? action;
}

export function sectionLabel(section: string | null | undefined): string {
  if (!section) return "";
  return isDossierSection(section) ? DOSSIER_SECTIONS[section].label : section;
}

/** "anagrafe,tributi" -> "Anagrafe, Tributi". */
export function rolesLabel(roles: string | null | undefined): string {
  if (!roles) return "";
  return roles
    .split(",")
    .filter(Boolean)
    .map((r) => (isOperatorRole(r) ? ROLE_LABEL[r] : r))
    .join(", ");
}
