/**
 * Errors of the machine API as RFC 9457 problem details (`application/problem+json`), with Italian
 * title and detail, a stable machine-readable `code`, and `invalidParams` for validation errors.
 * Server code only (the API's modules): the shapes are zod schemas, documented in the OpenAPI
 * document from the same source.
 */
import { z } from "zod";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const invalidParamSchema = z.strictObject({
  name: z.string().meta({
    description:
      "Campo o parametro, per esempio paymentOption[0].dueDate; per un file importato la colonna (vuoto se riguarda tutta la riga).",
  }),
  reason: z.string(),
  line: z
    .int()
    .min(1)
    .optional()
    .meta({ description: "Per un file importato: la riga (1 è l'intestazione)." }),
});

export type InvalidParam = z.output<typeof invalidParamSchema>;

export const problemSchema = z.strictObject({
  type: z.string(),
  title: z.string(),
  status: z.int().min(400).max(599),
  detail: z.string(),
  code: z.string().meta({ description: "Codice stabile dell'errore, per i programmi." }),
  instance: z.string().optional(),
  invalidParams: z.array(invalidParamSchema).optional(),
});

export type Problem = z.output<typeof problemSchema>;

export const PROBLEM_TITLES: Record<number, string> = {
  400: "Richiesta non valida",
  401: "Autenticazione richiesta",
  403: "Richiesta non consentita",
  404: "Risorsa non trovata",
  405: "Metodo non consentito",
  409: "Conflitto con lo stato della risorsa",
  413: "Richiesta troppo grande",
  415: "Formato della richiesta non supportato",
  429: "Troppe richieste",
  500: "Errore interno",
  503: "Servizio non disponibile",
};

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: { invalidParams?: InvalidParam[]; instance?: string } = {},
): Problem {
  return {
    type: "about:blank",
    title: PROBLEM_TITLES[status] ?? "Errore",
    status,
    detail,
    code,
    ...(extra.instance ? { instance: extra.instance } : {}),
    ...(extra.invalidParams ? { invalidParams: extra.invalidParams } : {}),
  };
}

/** Thrown by handlers to answer with a problem (and optional headers, e.g. Allow). */
export class ApiProblem extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
  }
}

export function invalidParamsOf(errors: Record<string, string>): InvalidParam[] {
  return Object.entries(errors).map(([name, reason]) => ({ name, reason }));
}

export const NOT_FOUND_DETAIL = "La risorsa richiesta non esiste o non è accessibile con queste credenziali.";
