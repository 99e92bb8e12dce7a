import { AUDIT_ACTIONS } from "~/audit-actions";
import { DOSSIER_SECTIONS, isDossierSection, ROLE_LABEL, isOperatorRole } from "~/operator/sections";

// The codes and their Italian names live beside the log's writer, which accepts no other code.
export { AUDIT_ACTION_LABEL, auditActionLabel } from "~/audit-actions";

/** The actions the auditor can filter on, in the order of the select. */
export const AUDIT_ACTION_FILTERS: readonly string[] = AUDIT_ACTIONS;

export function sectionLabel(section: string | null | undefined): string {
  if (!section) return "";
  return isDossierSection(section) ? DOSSIER_SECTIONS[section].label : section;
}

/** "anagrafe,tributi" -> "Anagrafe, Tributi". */
export function rolesLabel(roles: string | null | undefined): string {
  if (!roles) return "";
  return roles
    .split(",")
    .filter(Boolean)
    .map((r) => (isOperatorRole(r) ? ROLE_LABEL[r] : r))
    .join(", ");
}
