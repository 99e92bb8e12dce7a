import { MESSAGE_SUBJECT } from "~/rules/message";
/**
 * Limits and labels of the operator area that pages render as well as loaders check. Kept out of
 * the `.server` modules: the browser bundle does not get those, and a value imported from one
 * would be undefined there (and break hydration).
 */

/** How long an access opened with a reason lasts. */
export const ACCESS_MINUTES = 30;
export const REASON_TEXT_MIN = 10;
export const REASON_TEXT_MAX = 500;

export const REASON_CATEGORIES = [
  { value: "sportello", label: "Richiesta allo sportello" },
  { value: "istruttoria", label: "Istruttoria pratica n. ..." },
  { value: "verifica_tributaria", label: "Verifica tributaria" },
  { value: "riscossione", label: "Riscossione e pagamenti" },
  { value: "segnalazione", label: "Segnalazione del cittadino" },
  { value: "altro", label: "Altro" },
] as const;

export type ReasonCategory = (typeof REASON_CATEGORIES)[number]["value"];

const CATEGORY_LABEL = new Map<string, string>(REASON_CATEGORIES.map((c) => [c.value, c.label]));

export function isReasonCategory(value: string): value is ReasonCategory {
  return CATEGORY_LABEL.has(value);
}

/** The Italian label of a stored category ("Istruttoria pratica" without the placeholder dots). */
export function reasonCategoryLabel(value: string | null | undefined): string {
  if (!value) return "";
  const label = CATEGORY_LABEL.get(value) ?? value;
  return label.replace(/ n\. \.\.\.$/, "");
}

/** Notes to the citizen on a change of state of a pratica. */
export const NOTE_MIN = 5;
export const NOTE_MAX = 2000;
/** Days the citizen is given to send the documents asked for. */
export const INTEGRATION_DAYS = 30;

/** A message from the dossier: App IO's bounds for the subject (app/rules/message.ts). */
export const SUBJECT_MIN = MESSAGE_SUBJECT.min;
export const SUBJECT_MAX = MESSAGE_SUBJECT.max;
export const BODY_MAX = 4000;

export const API_KEY_LABEL_MAX = 80;
export const AUDIT_EXPORT_MAX = 50_000;
/** A citizen's report of an improper access. */
export const REPORT_TEXT_MAX = 1000;

/** Beyond this many matches the person search asks for more letters instead of counting them all. */
export const SEARCH_COUNT_CAP = 200;
