import { useTranslation } from "react-i18next";
import { PRATICA_STATE_LABEL, type PraticaStatus } from "~/rules/pratiche";
import { Icon } from "~/components/icon";

/** Colour classes chosen for AA contrast with white text; the label always says the state. */
const STATE_CLASS: Record<PraticaStatus, string> = {
  bozza: "bg-secondary",
  inviata: "bg-primary",
  protocollata: "bg-primary",
  in_lavorazione: "bg-primary",
  da_integrare: "portal-badge-warning",
  accettata: "bg-success",
  respinta: "bg-danger",
};

const STATE_ICON: Partial<Record<PraticaStatus, string>> = {
  da_integrare: "it-warning-circle",
  accettata: "it-check-circle",
  respinta: "it-close-circle",
};

/**
 * The state in the page's language ("pratiche" namespace). Pages that do not load that namespace
 * (the operator area) get the domain's Italian label.
 */
export function PraticaBadge({ status }: { status: PraticaStatus }) {
  const { t } = useTranslation("pratiche");
  const icon = STATE_ICON[status];
  return (
    <span className={`badge ${STATE_CLASS[status] ?? "bg-secondary"} portal-state-badge`}>
      {icon ? <Icon name={icon} size="xs" className="icon-white me-1" /> : null}
      {t(`status.${status}`, { defaultValue: PRATICA_STATE_LABEL[status] ?? status })}
    </span>
  );
}
