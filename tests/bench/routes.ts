/**
 * The routes `npm run bench` loads, by name, and how each one's rotation of requests is built from
 * the database's facts and from sessions opened through the normal login (the demo IdP; for the
 * API, a key the ente's admin creates on /operatore/ente): the server has no route of its own for
 * the benchmark.
 */
import { API_KEY_PATTERN } from "../../app/operator/ente-admin.server";
import { SURNAMES } from "../../db/seed/data";
import { OPERATOR_PERSONAS } from "../../db/seed/personas";
import { csrfOf, request } from "../support/http";
import { loginAs } from "../support/saml-client";
import type { BenchResident, DatabaseFacts } from "./database";
import { sessionRequests, type LoadRequest } from "./load";

/** Whose session the requests carry. */
export type Audience = "public" | "resident" | "operator" | "api";

export interface Sessions {
  /** The logged-in residents with their cookie headers. */
  residents: { resident: BenchResident; cookie: string }[];
  /** The operator who searches (OPERATOR_PERSONAS.torinoAnagrafe). */
  operator: string | null;
  /** The API key Torino's admin created for the run. */
  apiKey: string | null;
}

export interface BenchRoute {
  /** Its name in BENCH_PAGES and in the JSON; a path given in BENCH_PAGES is its own name. */
  key: string;
  /** As printed in the table. */
  label: string;
  audience: Audience;
  /** The requests the load rotates over. */
  requests: (s: Sessions, facts: DatabaseFacts) => LoadRequest[];
}

/** The static page every route is compared with. */
export const STATIC_ROUTE = "note-legali";

/** Surnames the operator searches for in turn: the seed's commonest. */
const OPERATOR_SEARCHES = SURNAMES.slice(0, 40);

const everyResident = (path: string) => (s: Sessions) =>
  sessionRequests(
    path,
    s.residents.map((r) => r.cookie),
  );

/** Each resident's own page, with that resident's cookie; residents without one are skipped. */
const eachResident = (pathOf: (r: BenchResident) => string | null) => (s: Sessions) =>
  s.residents.flatMap(({ resident, cookie }) => {
    const path = pathOf(resident);
    return path ? [{ path, headers: { cookie } }] : [];
  });

const operatorPath = (path: string) => (s: Sessions) => [{ path, headers: { cookie: s.operator! } }];

const apiGet = (path: string) => (s: Sessions) => [
  { path, headers: { authorization: `Bearer ${s.apiKey!}` } },
];

export const ROUTES: BenchRoute[] = [
  { key: "status", label: "/status", audience: "public", requests: () => [{ path: "/status" }] },
  {
    key: STATIC_ROUTE,
    label: "/note-legali",
    audience: "public",
    requests: () => [{ path: "/note-legali" }],
  },
  {
    key: "scrivania",
    label: "/area-personale",
    audience: "resident",
    requests: everyResident("/area-personale"),
  },
  {
    key: "pagamenti",
    label: "/area-personale/pagamenti",
    audience: "resident",
    requests: everyResident("/area-personale/pagamenti"),
  },
  {
    key: "avviso",
    label: "/area-personale/pagamenti/<id>",
    audience: "resident",
    requests: eachResident((r) =>
      r.noticeOptionId ? `/area-personale/pagamenti/${r.noticeOptionId}` : null,
    ),
  },
  {
    key: "messaggi",
    label: "/area-personale/messaggi",
    audience: "resident",
    requests: everyResident("/area-personale/messaggi"),
  },
  {
    key: "pratiche",
    label: "/area-personale/pratiche",
    audience: "resident",
    requests: everyResident("/area-personale/pratiche"),
  },
  {
    key: "pratica",
    label: "/area-personale/pratiche/<id>",
    audience: "resident",
    requests: eachResident((r) => (r.praticaId ? `/area-personale/pratiche/${r.praticaId}` : null)),
  },
  {
    key: "contribuente",
    label: "/area-personale/contribuente",
    audience: "resident",
    requests: everyResident("/area-personale/contribuente"),
  },
  {
    key: "imu",
    label: "/area-personale/contribuente/imu/<year>",
    audience: "resident",
    requests: (s, facts) => everyResident(`/area-personale/contribuente/imu/${facts.taxYear}`)(s),
  },
  {
    key: "ricerca-operatore",
    label: "/operatore/cittadini?cognome=<surname>",
    audience: "operator",
    requests: (s) =>
      OPERATOR_SEARCHES.map((surname) => ({
        path: `/operatore/cittadini?cognome=${encodeURIComponent(surname)}`,
        headers: { cookie: s.operator! },
      })),
  },
  {
    key: "api-verifica",
    label: "POST /api/v1/payment-notices/verify",
    audience: "api",
    requests: (s, facts) =>
      facts.notices.map((n) => ({
        method: "POST",
        path: "/api/v1/payment-notices/verify",
        headers: { authorization: `Bearer ${s.apiKey!}`, "content-type": "application/json" },
        body: JSON.stringify({ noticeNumber: n.nav, fiscalCode: n.creditorFiscalCode }),
      })),
  },
];

export const DEFAULT_ROUTES = ROUTES.map((r) => r.key);

/**
 * BENCH_PAGES: comma-separated route names (ROUTES) or paths. A path under /area-personale is
 * requested with every resident's session, under /operatore with the operator's, under /api with
 * the API key; any other without a session.
 */
export function routesSetting(raw: string | undefined): BenchRoute[] {
  if (!raw) return ROUTES;
  const entries = raw
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const named = ROUTES.find((r) => r.key === entry);
    if (named) return named;
    if (!entry.startsWith("/"))
      throw new Error(`BENCH_PAGES: ${entry} is neither a path nor one of ${DEFAULT_ROUTES.join(", ")}`);
    const audience: Audience = entry.startsWith("/area-personale")
      ? "resident"
      : entry.startsWith("/operatore")
        ? "operator"
        : entry.startsWith("/api/")
          ? "api"
          : "public";
    const requests =
      audience === "resident"
        ? everyResident(entry)
        : audience === "operator"
          ? operatorPath(entry)
          : audience === "api"
            ? apiGet(entry)
            : () => [{ path: entry }];
    return { key: entry, label: entry, audience, requests };
  });
}

/** Torino's admin creates an API key on /operatore/ente, as an ente does for its own systems. */
async function createApiKey(url: string): Promise<string> {
  const { cookie } = await loginAs(url, { codiceFiscale: OPERATOR_PERSONAS.torinoAdmin.codiceFiscale });
  const page = await request(url, cookie, "/operatore/ente");
  if (page.status !== 200) throw new Error(`GET /operatore/ente: HTTP ${page.status}`);
  const created = await request(url, cookie, "/operatore/ente", {
    csrf: csrfOf(page.body, 'action="/saml/logout"'),
    intent: "crea-chiave",
    etichetta: `Benchmark ${new Date().toISOString().slice(0, 19)}`,
  });
  const key = new RegExp(API_KEY_PATTERN.source.replace(/^\^|\$$/g, "")).exec(created.body)?.[0];
  if (created.status !== 200 || !key) throw new Error(`no API key created: HTTP ${created.status}`);
  return key;
}

/** Logs in whoever the routes need: the residents, the operator, Torino's admin for an API key. */
export async function openSessions(
  url: string,
  routes: BenchRoute[],
  residents: BenchResident[],
  log: (line: string) => void,
): Promise<Sessions> {
  const needs = (a: Audience) => routes.some((r) => r.audience === a);
  const sessions: Sessions = { residents: [], operator: null, apiKey: null };
  if (needs("resident")) {
    log(`logging in ${residents.length} residents...`);
    for (const resident of residents) {
      const { cookie } = await loginAs(url, { codiceFiscale: resident.codiceFiscale, level: 2 });
      sessions.residents.push({ resident, cookie });
    }
  }
  if (needs("operator")) {
    log("logging in the operator (Anagrafe, Comune di Torino)...");
    sessions.operator = (
      await loginAs(url, { codiceFiscale: OPERATOR_PERSONAS.torinoAnagrafe.codiceFiscale })
    ).cookie;
  }
  if (needs("api")) {
    log("creating an API key as Torino's admin...");
    sessions.apiKey = await createApiKey(url);
  }
  return sessions;
}

/** Every distinct request of every route once before the load: each must answer 2xx. */
export async function checkRequests(url: string, label: string, requests: LoadRequest[]): Promise<void> {
  if (requests.length === 0) throw new Error(`${label}: no request to send (no resident has one)`);
  for (const r of requests) {
    const res = await fetch(url + r.path, {
      method: r.method ?? "GET",
      headers: r.headers ?? {},
      body: r.body,
      redirect: "manual",
    });
    await res.arrayBuffer();
    if (res.status < 200 || res.status > 299)
      throw new Error(`${r.method ?? "GET"} ${r.path}: HTTP ${res.status} before the load`);
  }
}
