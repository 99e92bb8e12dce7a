/** Formatting of the figures of the taxpayer dossier, the Italian way. */

function decimals(n: number, max: number): string {
  return n.toLocaleString("it-IT", {
    minimumFractionDigits: 0,
    maximumFractionDigits: max,
    useGrouping: true,
  });
}

/** Hundredths of percent: 106 → "1,06%", 50 → "0,5%". */
export function formatRateBp(bp: number): string {
  return `${(bp / 100).toLocaleString("it-IT", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;
}

/** A share of ownership in basis points: 10000 → "100%", 5000 → "50%", 3333 → "33,33%". */
export function formatShareBp(bp: number): string {
  return `${decimals(bp / 100, 2)}%`;
}

/** "12 mesi", "1 mese". */
export function formatMonths(n: number): string {
  return `${n} ${n === 1 ? "mese" : "mesi"}`;
}

/** "85 kW", "73,5 kW". */
export function formatKw(kw: number): string {
  return `${decimals(kw, 2)} kW`;
}

export const MONTH_NAMES = [
  "gennaio",
  "febbraio",
  "marzo",
  "aprile",
  "maggio",
  "giugno",
  "luglio",
  "agosto",
  "settembre",
  "ottobre",
  "novembre",
  "dicembre",
];

export const F24_CODE_LABEL: Record<string, string> = {
  "3912": "IMU abitazione principale e pertinenze",
  "3914": "IMU terreni",
  "3916": "IMU aree fabbricabili",
  "3918": "IMU altri fabbricati",
  "3925": "IMU fabbricati di gruppo D, quota Stato",
  "3930": "IMU fabbricati di gruppo D, quota comune",
  "3944": "TARI",
  "3945": "TARI, interessi",
  "3946": "TARI, sanzioni",
};

export function f24CodeLabel(code: string): string {
  return F24_CODE_LABEL[code] ?? "Tributo locale";
}

export const VEHICLE_KIND_LABEL: Record<string, string> = {
  autovettura: "Autovettura",
  motociclo: "Motociclo",
  autocarro: "Autocarro",
};
