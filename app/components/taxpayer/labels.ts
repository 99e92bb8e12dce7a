import type { CertificateKind, ReminderChannel } from "../../../db/schema";

/**
 * Italian labels of the taxpayer dossier, the certificates and the profile. Kept out of the
 * `.server` modules because pages render them in the browser too.
 */

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

export type RefundStatus = "richiesto" | "in_istruttoria" | "approvato" | "liquidato" | "respinto";

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
