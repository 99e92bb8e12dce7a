import { Form } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
import { CsrfInput } from "~/auth/csrf-input";
import { useFormat } from "~/i18n/react";
import type { AfterDueDate } from "~/rules/after-due-date";
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

/**
 * The code of each state label noticeState (app/payments/rules.ts) writes, for the message
 * `state.<code>`. A label missing here is shown as written (payments.test.ts checks that none is).
 */
export const PAY_STATE_CODE: Record<string, string> = {
  "Da pagare": "da_pagare",
  "Da pagare, scaduto": "da_pagare_scaduto",
  Pagato: "pagato",
  "Pagamento in corso": "in_pagamento",
  "Non più pagabile: termine scaduto": "scaduto",
  "Annullato dall'ente": "annullato",
  "Non più pagabile: hai scelto il pagamento a rate": "non_pagabile_rate",
  "Non pagabile": "non_pagabile",
};

/** A notice state's label in the page's language. */
export function stateText(t: TFunction, label: string): string {
  const code = PAY_STATE_CODE[label];
  return code ? t(`state.${code}`) : label;
}

/** The kinds of AfterDueDate that have a message `parts.afterDue.<kind>`. */
export const AFTER_DUE_KINDS = {
  still_valid: true,
  payable_until: true,
  closing: true,
  expired: true,
} as const satisfies Record<Exclude<AfterDueDate["kind"], "none">, true>;

/** Which option of a position a notice is, as instalmentLabel reads it. */
export interface InstalmentInfo {
  number: number;
  count: number;
  partial: 0 | 1;
}

export function instalmentInfo(number: number, count: number, partial: 0 | 1): InstalmentInfo {
  return { number, count, partial };
}

/** "Rata 2 di 3" / "Instalment 2 of 3", "Unica soluzione" / "Single payment": instalmentLabel's words. */
export function instalmentText(t: TFunction, i: InstalmentInfo): string {
  if (!i.partial || i.number < 1) return t("parts.instalment.single");
  return i.count > 0
    ? t("parts.instalment.numberOf", { number: i.number, total: i.count })
    : t("parts.instalment.number", { number: i.number });
}

/** The note beside a link to a PDF on pages not in Italian: the PDFs are official Italian documents. */
export function PdfNote() {
  const { t } = useTranslation("payments");
  const f = useFormat();
  if (f.locale === "it") return null;
  return <span className="small ms-1">{t("parts.pdfNote")}</span>;
}

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
  const { t } = useTranslation("payments");
  const f = useFormat();
  if (kind === "da_pagare" && overdue) {
    return (
      <span className="portal-pay-state portal-pay-state-overdue">
        <Icon name="it-warning-circle" />
        <span>
          {dueDate ? t("parts.overdueOn", { date: f.date(dueDate) }) : t("state.da_pagare_scaduto")}
        </span>
      </span>
    );
  }
  return (
    <span className={`portal-pay-state portal-pay-state-${kind}`}>
      <Icon name={STATE_ICON[kind]} />
      <span>{stateText(t, label)}</span>
    </span>
  );
}

/** The codice avviso in groups of four, in the monospaced face the notices use. */
export function NavCode({ nav }: { nav: string }) {
  return <span className="portal-nav-code">{formatNav(nav)}</span>;
}

/** "€ 1.020,99", kept on one line. */
export function Euro({ cents }: { cents: number }) {
  const f = useFormat();
  return <span className="portal-amount">{f.euro(cents)}</span>;
}

/**
 * "Paga € 120,00" for one notice: the same payment the notice's own page starts (its action, intent
 * "paga"), so it works without JavaScript. The purpose completes the accessible name, since a page
 * lists several of these buttons. Its words are in the common namespace, which every page has.
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
        <PayAmountText amountCents={amountCents} purpose={purpose} />
      </button>
    </Form>
  );
}

function PayAmountText({ amountCents, purpose }: { amountCents: number; purpose: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <span>
      <Trans
        i18nKey="payAmount"
        t={t}
        values={{ amount: f.euro(amountCents), purpose }}
        components={{ hidden: <span className="visually-hidden" /> }}
      />
    </span>
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
  const { t } = useTranslation("payments");
  const f = useFormat();
  if (rule.kind === "none") return null;
  const text = t(`parts.afterDue.${rule.kind}`, {
    date: f.date(dueDate),
    until: rule.kind === "payable_until" ? f.date(rule.until) : "",
    creditor: creditorName,
  });
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
  const { t } = useTranslation("payments");
  return (
    <div className="portal-simulation" role="note">
      <p className="mb-0">
        <Icon name="it-warning-circle" className="me-2" />
        <Trans i18nKey="parts.simulation" t={t} components={{ strong: <strong /> }} />
      </p>
    </div>
  );
}
