import type { CertificateKind, DocumentKind, HouseholdRelation, ReminderChannel } from "../../db/schema";
import type { RefundStatus } from "~/rules/refunds";

/**
 * Names and limits of the citizen's dossier (registry, documents, certificates, profile, taxpayer
 * dossier). Server modules and pages share them; kept out of `.server` modules because pages
 * render them in the browser too.
 */

export const RELATION_LABEL: Record<HouseholdRelation, { M: string; F: string }> = {
  intestatario: { M: "Intestatario della scheda", F: "Intestataria della scheda" },
  coniuge: { M: "Coniuge", F: "Coniuge" },
  unito_civilmente: { M: "Unito civilmente", F: "Unita civilmente" },
  figlio: { M: "Figlio", F: "Figlia" },
  genitore: { M: "Padre", F: "Madre" },
  convivente: { M: "Convivente", F: "Convivente" },
  altro: { M: "Altro componente", F: "Altra componente" },
};

export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = {
  carta_identita: "Carta d'identità",
  passaporto: "Passaporto",
  patente: "Patente di guida",
};

/** Days before expiry from which a document is flagged. */
export const EXPIRY_WARNING_DAYS = 90;

/** How far ahead free appointment slots are offered. */
export const BOOKING_HORIZON_DAYS = 60;

export const CERTIFICATE_KINDS: readonly CertificateKind[] = ["residenza", "stato_famiglia", "nascita"];

export const CERTIFICATE_KIND_LABEL: Record<CertificateKind, string> = {
  residenza: "Certificato di residenza",
  stato_famiglia: "Certificato di stato di famiglia",
  nascita: "Certificato di nascita",
};

/** What a certificate is for. The stored purpose is the label, printed on the certificate. */
export const CERTIFICATE_PURPOSES = {
  amministrativo: "Uso amministrativo",
  scolastico: "Esente da bollo: uso scolastico",
  previdenziale: "Esente da bollo: uso previdenziale e assistenziale",
  lavoro: "Esente da bollo: controversie di lavoro",
} as const;

export type CertificatePurpose = keyof typeof CERTIFICATE_PURPOSES;

export const REMINDER_CHANNEL_LABEL: Record<ReminderChannel, string> = {
  email: "Email",
  sms: "SMS sul cellulare",
  nessuno: "Nessun promemoria",
};

export const REFUND_STATUS_LABEL: Record<RefundStatus, string> = {
  richiesto: "Richiesto",
  in_istruttoria: "In istruttoria",
  approvato: "Approvato, in attesa di pagamento",
  liquidato: "Rimborsato",
  respinto: "Respinto",
};

export type NoticeStatus = "notificato" | "pagato" | "annullato" | "in_contestazione" | "definito";

export const NOTICE_STATUS_LABEL: Record<NoticeStatus, string> = {
  notificato: "Notificato, da pagare",
  pagato: "Pagato",
  annullato: "Annullato",
  in_contestazione: "In contestazione",
  definito: "Definito",
};

export const F24_CODE_LABEL: Record<string, string> = {
  "3912": "IMU abitazione principale e pertinenze",
  "3914": "IMU terreni",
  "3916": "IMU aree fabbricabili",
  "3918": "IMU altri fabbricati",
  "3925": "IMU fabbricati di gruppo D, quota Stato",
  "3930": "IMU fabbricati di gruppo D, quota comune",
  "3944": "TARI",
  "3945": "TARI, interessi",
  "3946": "TARI, sanzioni",
};

export function f24CodeLabel(code: string): string {
  return F24_CODE_LABEL[code] ?? "Tributo locale";
}

export const VEHICLE_KIND_LABEL: Record<string, string> = {
  autovettura: "Autovettura",
  motociclo: "Motociclo",
  autocarro: "Autocarro",
};
