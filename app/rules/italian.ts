/** How counts, sizes, rates and codes are written for Italian readers. Pure. */

/** "1 messaggio", "3 messaggi": Italian noun forms by count. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 giorni", "1 giorno". */
export function daysLabel(n: number): string {
  const abs = Math.abs(n);
  return `${abs} ${abs === 1 ? "giorno" : "giorni"}`;
}

/** "12 mesi", "1 mese". */
export function formatMonths(n: number): string {
  return `${n} ${n === 1 ? "mese" : "mesi"}`;
}

/** "2,4 MB", "830 kB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(".", ",")} MB`;
  if (n >= 1024) return `${Math.max(1, Math.round(n / 1024))} kB`;
  return `${n} byte`;
}

/** A code such as `carta_identita` or `rilascio-cie` as words, for codes without a label. */
export function humanizeCode(code: string): string {
  const words = code.replace(/[_-]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : code;
}

function decimals(n: number, max: number): string {
  return n.toLocaleString("it-IT", {
    minimumFractionDigits: 0,
    maximumFractionDigits: max,
    useGrouping: true,
  });
}

/** A count as Italian readers write it: 12345 → "12.345". */
export function formatCount(n: number): string {
  return decimals(n, 0);
}

/** Hundredths of percent: 106 → "1,06%", 50 → "0,5%". */
export function formatRateBp(bp: number): string {
  return `${(bp / 100).toLocaleString("it-IT", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;
}

/** A share of ownership in basis points: 10000 → "100%", 5000 → "50%", 3333 → "33,33%". */
export function formatShareBp(bp: number): string {
  return `${decimals(bp / 100, 2)}%`;
}

/** "85 kW", "73,5 kW". */
export function formatKw(kw: number): string {
  return `${decimals(kw, 2)} kW`;
}
