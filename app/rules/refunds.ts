// A tax refund's life: richiesto → in_istruttoria → approvato → liquidato, or respinto.

/** The states of a refund, in the order of its life; the `refunds.status` column holds one. */
export const REFUND_STATES = ["richiesto", "in_istruttoria", "approvato", "liquidato", "respinto"] as const;

export type RefundStatus = (typeof REFUND_STATES)[number];

/** Asked for and not yet paid out or refused: what the taxpayer dashboard counts as open. */
export const OPEN_REFUND_STATES: readonly RefundStatus[] = ["richiesto", "in_istruttoria", "approvato"];
