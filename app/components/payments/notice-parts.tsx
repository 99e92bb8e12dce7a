import { formatDateIt } from "~/rules/time";
import { formatEuro } from "~/rules/money";
import { formatNav } from "~/rules/nav";
import { Icon } from "~/components/icon";

export type PayStateKind = "da_pagare" | "in_pagamento" | "pagato" | "scaduto" | "annullato" | "non_pagabile";

const STATE_ICON: Record<PayStateKind, string> = {
  da_pagare: "it-card",
  in_pagamento: "it-clock",
  pagato: "it-check-circle",
  scaduto: "it-close-circle",
  annullato: "it-close-circle",
  non_pagabile: "it-minus-circle",
};

/** The state of a notice in words with an icon beside them: colour is never the only cue. */
export function PayState({
  kind,
  label,
  overdue,
  dueDate,
}: {
  kind: PayStateKind;
  label: string;
  overdue?: boolean;
  dueDate?: string;
}) {
  if (kind === "da_pagare" && overdue) {
    return (
      <span className="portal-pay-state portal-pay-state-overdue">
        <Icon name="it-warning-circle" />
        <span>Da pagare, scaduto{dueDate ? ` il ${formatDateIt(dueDate)}` : ""}</span>
      </span>
    );
  }
  return (
    <span className={`portal-pay-state portal-pay-state-${kind}`}>
      <Icon name={STATE_ICON[kind]} />
      <span>{label}</span>
    </span>
  );
}

/** The codice avviso in groups of four, in the monospaced face the notices use. */
export function NavCode({ nav }: { nav: string }) {
  return <span className="portal-nav-code">{formatNav(nav)}</span>;
}

/** "€ 1.020,99", kept on one line. */
export function Euro({ cents }: { cents: number }) {
  return <span className="portal-amount">€ {formatEuro(cents)}</span>;
}

/** The notice that no money moves: always shown on the simulated checkout. */
export function SimulationNotice() {
  return (
    <div className="portal-simulation" role="note">
      <p className="mb-0">
        <Icon name="it-warning-circle" className="me-2" />
        <strong>Simulazione del circuito pagoPA — nessun addebito reale.</strong> In questo ambiente
        dimostrativo non viene contattato alcun prestatore di servizi di pagamento: scegli tu l&apos;esito del
        pagamento.
      </p>
    </div>
  );
}
