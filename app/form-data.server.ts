// The one way a route's action checks a form: readForm (http.server.ts) reads the body, a zod
// schema checks the fields, and parseForm turns zod's issues into the Italian message of each
// field, the first one found, which the page shows under the field. Server-only: zod stays out of
// the browser bundles (decision 016).
import { z } from "zod";
import { parseId } from "~/http.server";

/** Where a message that belongs to no single field is kept. */
export const FORM_ERROR = "_form";

export type FormErrors<K extends string = string> = Partial<Record<K | typeof FORM_ERROR, string>>;

export type FormParse<T, K extends string = string> =
  { ok: true; data: T } | { ok: false; errors: FormErrors<K> };

/**
 * The fields of a form as an object for a schema: each field's first value (as `form.get` reads
 * it), or all its values for the fields named in `lists` (as `form.getAll`). An absent field is
 * absent from the object.
 */
export function formObject(form: FormData, lists: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    out[key] = lists.includes(key) ? form.getAll(key) : form.get(key);
  }
  return out;
}

/** zod's issues as the first message of each top-level field; issues of the whole form under FORM_ERROR. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const head = issue.path[0];
    const key = typeof head === "string" ? head : FORM_ERROR;
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Checks a form (or the object formObject made of it) with its schema. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  input: FormData | Record<string, unknown>,
  lists: readonly string[] = [],
): FormParse<z.output<S>, Extract<keyof z.input<S>, string>> {
  const raw = input instanceof FormData ? formObject(input, lists) : input;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    errors: fieldErrors(parsed.error.issues) as FormErrors<Extract<keyof z.input<S>, string>>,
  };
}

/**
 * A text field as actions have always read it (`String(form.get(name) ?? "")`): its value, cut to
 * `max` characters when given, or "" when absent.
 */
export function formText(max?: number) {
  return z.preprocess(
    (value) => (value === null || value === undefined ? "" : String(value)).slice(0, max),
    z.string(),
  );
}

/** An id field (parseId's rule: 1 to MAX_ID, digits only); `message` when it is not one. */
export function formId(message: string) {
  return z.preprocess((value) => parseId(value), z.number({ error: message }));
}

/** The `intent` of a form with several buttons: one of `intents`, else "Operazione non riconosciuta." */
export function formIntent<const T extends readonly [string, ...string[]]>(intents: T) {
  return z.enum(intents, { error: UNKNOWN_INTENT });
}

export const UNKNOWN_INTENT = "Operazione non riconosciuta.";
