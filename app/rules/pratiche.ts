// Life cycle of a citizen's request (pratica):
//   bozza → inviata → protocollata → in_lavorazione → accettata | respinta | da_integrare
//   da_integrare → in_lavorazione (the citizen sends what was asked)
//   accettata and respinta are final.

/** The states of a pratica, in the order of its life; the `pratiche.status` column holds one. */
export const PRATICA_STATES = [
  "bozza",
  "inviata",
  "protocollata",
  "in_lavorazione",
  "da_integrare",
  "accettata",
  "respinta",
] as const;

export type PraticaStatus = (typeof PRATICA_STATES)[number];

export const PRATICA_STATE_LABEL: Record<PraticaStatus, string> = {
  bozza: "Bozza",
  inviata: "Inviata",
  protocollata: "Protocollata",
  in_lavorazione: "In lavorazione",
  da_integrare: "Da integrare",
  accettata: "Accettata",
  respinta: "Respinta",
};

const NEXT: Record<PraticaStatus, readonly PraticaStatus[]> = {
  bozza: ["inviata"],
  inviata: ["protocollata"],
  protocollata: ["in_lavorazione"],
  in_lavorazione: ["da_integrare", "accettata", "respinta"],
  da_integrare: ["in_lavorazione"],
  accettata: [],
  respinta: [],
};

export function isPraticaState(s: string): s is PraticaStatus {
  return (PRATICA_STATES as readonly string[]).includes(s);
}

/** States reachable in one step from `from`. */
export function nextPraticaStates(from: PraticaStatus): readonly PraticaStatus[] {
  return NEXT[from] ?? [];
}

export function canTransition(from: PraticaStatus, to: PraticaStatus): boolean {
  return nextPraticaStates(from).includes(to);
}

export function isFinalPraticaState(s: PraticaStatus): boolean {
  return nextPraticaStates(s).length === 0;
}

/** Sent and not yet concluded: the pratiche the ente still has to work on. */
export const OPEN_PRATICA_STATES: readonly PraticaStatus[] = PRATICA_STATES.filter(
  (s) => s !== "bozza" && !isFinalPraticaState(s),
);

/** Open and waiting for the ente (not for the citizen's integration): the operators' backlog. */
export const AWAITING_ENTE_STATES: readonly PraticaStatus[] = OPEN_PRATICA_STATES.filter((s) => s !== "da_integrare");

/** Why a transition canTransition refuses is refused, in Italian. */
export function refusedTransitionMessage(from: PraticaStatus, to: PraticaStatus): string {
  return `Una pratica «${PRATICA_STATE_LABEL[from]}» non può passare allo stato «${PRATICA_STATE_LABEL[to]}».`;
}
