/**
 * Errors of the machine API as RFC 9457 problem details (`application/problem+json`), with Italian
 * title and detail, a stable machine-readable `code`, and `invalidParams` for validation errors.
 */

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export interface InvalidParam {
  /** Path of the field in the request, e.g. `paymentOption[0].dueDate`, or a query parameter's name. */
  name: string;
  reason: string;
  /** The file's line, for errors in an uploaded file (1 is the header). */
  line?: number;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  invalidParams?: InvalidParam[];
}

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
