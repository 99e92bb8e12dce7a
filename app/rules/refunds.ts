// A tax refund's life: richiesto → in_istruttoria → approvato → liquidato, or respinto.

/** The states of a refund; the `refunds.status` column holds one. */
export type RefundStatus = "richiesto" | "in_istruttoria" | "approvato" | "liquidato" | "respinto";
