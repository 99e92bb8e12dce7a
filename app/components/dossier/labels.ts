import type { DocumentKind, HouseholdRelation } from "../../../db/schema";

/** Names and limits shown on the pages (shared by server modules and components). */

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
