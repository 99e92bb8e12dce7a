import type { OperatorRole } from "../../db/schema";

/**
 * The sections of a person's dossier an operator can open, and which roles open each
 * (PORTAL.md, "Who may see what"). Pure data, shared by loaders and components.
 */
export type DossierSection =
  | "anagrafe"
  | "documenti"
  | "certificati"
  | "pratiche"
  | "immobili"
  | "imu"
  | "tari"
  | "accertamenti"
  | "f24"
  | "rimborsi"
  | "pagamenti"
  | "deleghe"
  | "messaggio";

export interface SectionInfo {
  label: string;
  /** Roles that open the section; an operator needs one of them. */
  roles: readonly OperatorRole[];
  /** Shown in the dossier's navigation (the message form is reached from a button instead). */
  inNav: boolean;
}

export const DOSSIER_SECTIONS: Record<DossierSection, SectionInfo> = {
  anagrafe: { label: "Dati anagrafici", roles: ["anagrafe"], inNav: true },
  documenti: { label: "Documenti", roles: ["anagrafe"], inNav: true },
  certificati: { label: "Certificati", roles: ["anagrafe"], inNav: true },
  pratiche: { label: "Pratiche", roles: ["anagrafe", "tributi"], inNav: true },
  immobili: { label: "Immobili", roles: ["tributi"], inNav: true },
  imu: { label: "IMU", roles: ["tributi"], inNav: true },
  tari: { label: "TARI", roles: ["tributi"], inNav: true },
  accertamenti: { label: "Accertamenti", roles: ["tributi"], inNav: true },
  f24: { label: "Versamenti F24", roles: ["tributi"], inNav: true },
  rimborsi: { label: "Rimborsi", roles: ["tributi"], inNav: true },
  pagamenti: { label: "Posizioni debitorie", roles: ["pagamenti"], inNav: true },
  deleghe: { label: "Deleghe", roles: ["anagrafe"], inNav: true },
  messaggio: { label: "Invia un messaggio", roles: ["anagrafe", "tributi"], inNav: false },
};

export const SECTION_ORDER = Object.keys(DOSSIER_SECTIONS) as DossierSection[];

export function isDossierSection(s: string): s is DossierSection {
  return Object.prototype.hasOwnProperty.call(DOSSIER_SECTIONS, s);
}

/** The operator's roles that open this section, or an empty list. */
export function rolesForSection(section: DossierSection, roles: readonly OperatorRole[]): OperatorRole[] {
  return DOSSIER_SECTIONS[section].roles.filter((r) => roles.includes(r));
}

/** Sections the operator may open, in navigation order. */
export function sectionsForRoles(roles: readonly OperatorRole[]): DossierSection[] {
  return SECTION_ORDER.filter((s) => rolesForSection(s, roles).length > 0);
}

/** Roles that see dossiers at all (auditor and admin do not). */
export const DOSSIER_ROLES: readonly OperatorRole[] = ["anagrafe", "tributi", "pagamenti"];

export function hasDossierRole(roles: readonly OperatorRole[]): boolean {
  return roles.some((r) => DOSSIER_ROLES.includes(r));
}

/** Roles that work on pratiche, and the area of pratiche each works on. */
export const PRATICA_AREA_BY_ROLE: Partial<Record<OperatorRole, "anagrafe" | "tributi">> = {
  anagrafe: "anagrafe",
  tributi: "tributi",
};

export function praticaAreasForRoles(roles: readonly OperatorRole[]): Array<"anagrafe" | "tributi"> {
  const areas: Array<"anagrafe" | "tributi"> = [];
  for (const r of roles) {
    const a = PRATICA_AREA_BY_ROLE[r];
    if (a && !areas.includes(a)) areas.push(a);
  }
  return areas;
}

export const ROLE_LABEL: Record<OperatorRole, string> = {
  anagrafe: "Anagrafe",
  tributi: "Tributi",
  pagamenti: "Pagamenti",
  auditor: "Controllo degli accessi",
  admin: "Amministrazione dell'ente",
};

export const ALL_ROLES: readonly OperatorRole[] = ["anagrafe", "tributi", "pagamenti", "auditor", "admin"];

export function isOperatorRole(s: string): s is OperatorRole {
  return (ALL_ROLES as readonly string[]).includes(s);
}
