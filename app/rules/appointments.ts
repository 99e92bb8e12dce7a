/**
 * Where a booking starts and what the citizen is told to bring: pure choices over the offices and
 * services the calendar offers, no I/O.
 */

export interface OfficeChoice {
  id: number;
  name: string;
  enteId: number;
  enteName: string;
}

/**
 * The offices of the citizen's comune of residence first (in the order given), then every other
 * office. Without a known comune all offices are "others".
 */
export function officesHomeFirst<T extends OfficeChoice>(
  offices: readonly T[],
  homeEnteId: number | null,
): { home: T[]; others: T[] } {
  const home: T[] = [];
  const others: T[] = [];
  for (const o of offices) (homeEnteId !== null && o.enteId === homeEnteId ? home : others).push(o);
  return { home, others };
}

/** The office a citizen who has not chosen yet starts from: the first of their comune's. */
export function defaultOfficeId(offices: readonly OfficeChoice[], homeEnteId: number | null): number | null {
  return officesHomeFirst(offices, homeEnteId).home[0]?.id ?? null;
}

/** The office kind where the identity card is renewed (at the comune of residence). */
export const IDENTITY_CARD_OFFICE_KIND = "anagrafe";

const IDENTITY_CARD_SERVICE = /carta d['’]identit/i;

/**
 * Of the services an anagrafe office takes bookings for, the one for the identity card: the one
 * naming it, else the office's only service; null when it cannot be told.
 */
export function identityCardService(services: readonly string[]): string | null {
  const named = services.find((s) => IDENTITY_CARD_SERVICE.test(s));
  if (named) return named;
  return services.length === 1 ? services[0]! : null;
}

const WHAT_TO_BRING: ReadonlyArray<readonly [RegExp, string]> = [
  [
    IDENTITY_CARD_SERVICE,
    "Un documento d'identità (per il rinnovo, la carta in scadenza o scaduta), una fototessera recente e la tessera sanitaria.",
  ],
  [
    /\b(imu|tari)\b/i,
    "Gli avvisi o i bollettini ricevuti e i dati catastali degli immobili di cui vuoi parlare.",
  ],
  [/bollo/i, "La carta di circolazione del veicolo e, se li hai, i pagamenti già fatti."],
  [/ticket|referti/i, "La tessera sanitaria e il foglio di ritiro dei referti o l'impegnativa."],
];

/** What to bring to an appointment for a service, when the portal knows it; null otherwise. */
export function whatToBring(service: string): string | null {
  return WHAT_TO_BRING.find(([pattern]) => pattern.test(service))?.[1] ?? null;
}
