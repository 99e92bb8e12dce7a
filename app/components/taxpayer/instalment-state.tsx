import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { Icon } from "~/components/icon";
import { useFormat } from "~/i18n/react";

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
  /** What the links are about, read by screen readers, in the page's language: "saldo IMU 2026". */
  subject: string;
}

/**
 * An instalment's payment state in words, with where to go next: the receipt of a paid
 * instalment, the notice to pay for one still due or overdue.
 */
export function InstalmentState({ state, dueDate, paymentOptionId, subject }: InstalmentStateProps) {
  const { t } = useTranslation("taxpayer");
  const f = useFormat();
  const hidden = { hidden: <span className="visually-hidden" /> };
  switch (state.kind) {
    case "pagata":
      return (
        <span className="portal-instalment-state">
          <span className="badge portal-badge-paid portal-state-badge">
            <Icon name="it-check-circle" size="xs" className="icon-white me-1" />
            {t("instalment.state.pagata")}
          </span>{" "}
          <span>
            {state.paidAt
              ? t("instalment.paidOn", { date: f.date(state.paidAt) })
              : t("instalment.paidAtOnce")}
          </span>
          {state.receiptId !== null ? (
            <Link className="d-block" to={`/area-personale/pagamenti/ricevute/${state.receiptId}`}>
              <Trans i18nKey="instalment.receipt" t={t} values={{ subject }} components={hidden} />
            </Link>
          ) : paymentOptionId !== null ? (
            <Link className="d-block" to={`/area-personale/pagamenti/${paymentOptionId}`}>
              <Trans i18nKey="instalment.details" t={t} values={{ subject }} components={hidden} />
            </Link>
          ) : null}
        </span>
      );
    case "da_pagare":
      return (
        <span className="portal-instalment-state">
          <span className="badge portal-badge-due portal-state-badge">{t("instalment.state.da_pagare")}</span>{" "}
          <span>{t("instalment.dueBy", { date: f.date(dueDate) })}</span>
          {paymentOptionId !== null ? (
            <Link className="d-block fw-semibold" to={`/area-personale/pagamenti/${paymentOptionId}`}>
              <Trans i18nKey="instalment.pay" t={t} values={{ subject }} components={hidden} />
            </Link>
          ) : null}
        </span>
      );
    case "scaduta":
      return (
        <span className="portal-instalment-state">
          <span className="badge portal-badge-overdue portal-state-badge">
            <Icon name="it-warning-circle" size="xs" className="icon-white me-1" />
            {t("instalment.state.scaduta")}
          </span>{" "}
          <span className="portal-overdue-text">{t("instalment.overdueOn", { date: f.date(dueDate) })}</span>
          {paymentOptionId !== null ? (
            <Link className="d-block fw-semibold" to={`/area-personale/pagamenti/${paymentOptionId}`}>
              <Trans i18nKey="instalment.seeAndPay" t={t} values={{ subject }} components={hidden} />
            </Link>
          ) : null}
        </span>
      );
    case "annullata":
      return (
        <span className="portal-instalment-state">
          <span className="badge bg-secondary portal-state-badge">{t("instalment.state.annullata")}</span>
        </span>
      );
  }
}
