import { Link } from "@remix-run/react";
import { formatDateIt, formatDayIt } from "~/rules/time";
import { Icon } from "~/components/icon";

/** The serialisable shape of an instalment's derived state, as loaders send it. */
export type InstalmentStateView =
  | { kind: "pagata"; paidAt: string | null; receiptId: number | null }
  | { kind: "da_pagare" }
  | { kind: "scaduta" }
  | { kind: "annullata" };

export interface InstalmentStateProps {
  state: InstalmentStateView;
  dueDate: string;
  paymentOptionId: number | null;
  /** What the links are about, read by screen readers: "la rata di saldo dell'IMU 2026". */
  subject: string;
}

/**
 * An instalment's payment state in words, with where to go next: the receipt of a paid
 * instalment, the notice to pay for one still due or overdue.
 */
export function InstalmentState({ state, dueDate, paymentOptionId, subject }: InstalmentStateProps) {
  switch (state.kind) {
    case "pagata":
      return (
        <span className="portal-instalment-state">
          <span className="badge portal-badge-paid portal-state-badge">
            <Icon name="it-check-circle" size="xs" className="icon-white me-1" />
            Pagata
          </span>{" "}
          <span>{state.paidAt ? `il ${formatDayIt(state.paidAt)}` : "in un'unica soluzione"}</span>
          {state.receiptId !== null ? (
            <Link className="d-block" to={`/area-personale/pagamenti/ricevute/${state.receiptId}`}>
              Ricevuta<span className="visually-hidden"> del pagamento per {subject}</span>
            </Link>
          ) : paymentOptionId !== null ? (
            <Link className="d-block" to={`/area-personale/pagamenti/${paymentOptionId}`}>
              Dettagli<span className="visually-hidden"> del pagamento per {subject}</span>
            </Link>
          ) : null}
        </span>
      );
    case "da_pagare":
      return (
        <span className="portal-instalment-state">
          <span className="badge portal-badge-due portal-state-badge">Da pagare</span>{" "}
          <span>entro il {formatDateIt(dueDate)}</span>
          {paymentOptionId !== null ? (
            <Link className="d-block fw-semibold" to={`/area-personale/pagamenti/${paymentOptionId}`}>
              Paga con pagoPA<span className="visually-hidden"> {subject}</span>
            </Link>
          ) : null}
        </span>
      );
    case "scaduta":
      return (
        <span className="portal-instalment-state">
          <span className="badge portal-badge-overdue portal-state-badge">
            <Icon name="it-warning-circle" size="xs" className="icon-white me-1" />
            Scaduta
          </span>{" "}
          <span className="portal-overdue-text">il {formatDateIt(dueDate)}</span>
          {paymentOptionId !== null ? (
            <Link className="d-block fw-semibold" to={`/area-personale/pagamenti/${paymentOptionId}`}>
              Vedi l&apos;avviso e paga<span className="visually-hidden"> {subject}</span>
            </Link>
          ) : null}
        </span>
      );
    case "annullata":
      return (
        <span className="portal-instalment-state">
          <span className="badge bg-secondary portal-state-badge">Annullata</span>
        </span>
      );
  }
}
