// Life cycle of a citizen's request (pratica):
//   bozza → inviata → protocollata → in_lavorazione → accettata | respinta | da_integrare
//   da_integrare → in_lavorazione (the citizen sends what was asked)
//   accettata and respinta are final.

export type PraticaState =
  | "bozza"
  | "inviata"
  | "protocollata"
  | "in_lavorazione"
  | "da_integrare"
  | "accettata"
  | "respinta";

export const PRATICA_STATES: readonly PraticaState[] = [
  "bozza",
  "inviata",
  "protocollata",
  "in_lavorazione",
  "da_integrare",
  "accettata",
  "respinta",
];

export const PRATICA_STATE_LABEL: Record<PraticaState, string> = {
  bozza: "Bozza",
  inviata: "Inviata",
  protocollata: "Protocollata",
  in_lavorazione: "In lavorazione",
  da_integrare: "Da integrare",
  accettata: "Accettata",
  respinta: "Respinta",
};

const NEXT: Record<PraticaState, readonly PraticaState[]> = {
  bozza: ["inviata"],
  inviata: ["protocollata"],
  protocollata: ["in_lavorazione"],
  in_lavorazione: ["da_integrare", "accettata", "respinta"],
  da_integrare: ["in_lavorazione"],
  accettata: [],
  respinta: [],
};

export function isPraticaState(s: string): s is PraticaState {
  return (PRATICA_STATES as readonly string[]).includes(s);
}

/** States reachable in one step from `from`. */
export function nextPraticaStates(from: PraticaState): readonly PraticaState[] {
  return NEXT[from] ?? [];
}

export function canTransition(from: PraticaState, to: PraticaState): boolean {
  return nextPraticaStates(from).includes(to);
}

export function isFinalPraticaState(s: PraticaState): boolean {
  return nextPraticaStates(s).length === 0;
}

/** Checked transition with an Italian reason when refused. */
export function transitionPratica(
  from: PraticaState,
  to: PraticaState,
): { ok: true; state: PraticaState } | { ok: false; reason: string } {
  if (canTransition(from, to)) return { ok: true, state: to };
  const fromLabel = PRATICA_STATE_LABEL[from] ?? from;
  const toLabel = PRATICA_STATE_LABEL[to] ?? to;
  return {
    ok: false,
    reason: `Una pratica «${fromLabel}» non può passare allo stato «${toLabel}».`,
  };
}
