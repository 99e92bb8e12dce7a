import { Form } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import type { AfterDueDate } from "~/rules/after-due-date";
import { formatDateIt } from "~/rules/time";
import { formatEuro, formatEuroSymbol } from "~/rules/money";
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

/**
 * "Paga € 120,00" for one notice: the same payment the notice's own page starts (its action, intent
 * "paga"), so it works without JavaScript. The purpose completes the accessible name, since a page
 * lists several of these buttons.
 */
export function PayNoticeButton({
  optionId,
  amountCents,
  purpose,
  csrf,
}: {
  optionId: number;
  amountCents: number;
  purpose: string;
  csrf: string;
}) {
  return (
    <Form method="post" action={`/area-personale/pagamenti/${optionId}`} className="portal-pay-now mt-2">
      <CsrfInput token={csrf} />
      <input type="hidden" name="intent" value="paga" />
      <button type="submit" className="btn btn-primary btn-sm btn-icon">
        <Icon name="it-card" size="sm" className="icon-white me-1" />
        <span>
          Paga {formatEuroSymbol(amountCents)}
          <span className="visually-hidden"> — {purpose}</span>
        </span>
      </button>
    </Form>
  );
}

/**
 * What a notice past its due date means for the payer, in plain words: whether the amount is still
 * valid, until when, or what to do once it cannot be paid any more. Nothing for `none`.
 */
export function AfterDueDateNote({
  rule,
  dueDate,
  creditorName,
}: {
  rule: AfterDueDate;
  dueDate: string;
  creditorName: string;
}) {
  if (rule.kind === "none") return null;
  const since = `Scaduto il ${formatDateIt(dueDate)}: `;
  let text: string;
  switch (rule.kind) {
    case "still_valid":
      text = `${since}l'importo resta valido e puoi ancora pagarlo.`;
      break;
    case "payable_until":
      text = `${since}l'importo resta valido e puoi ancora pagarlo fino al ${formatDateIt(rule.until)}; dopo quella data l'avviso non sarà più pagabile.`;
      break;
    case "closing":
      text = `${since}puoi ancora pagarlo per poco, perché ${creditorName} ha stabilito che dopo la scadenza l'avviso non sia più pagabile e sta per chiuderlo.`;
      break;
    case "expired":
      text = `${since}questo avviso non è più pagabile. Rivolgiti a ${creditorName} per sapere come metterti in regola: di solito l'ente emette un nuovo avviso con sanzioni e interessi.`;
      break;
  }
  return (
    <p className={`portal-after-due portal-after-due-${rule.kind} mt-2`}>
      <Icon
        name={rule.kind === "expired" ? "it-close-circle" : "it-info-circle"}
        size="sm"
        className="me-1"
      />
      {text}
    </p>
  );
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
