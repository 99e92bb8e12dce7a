import type { MetaDescriptor } from "@remix-run/node";
import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
import { COMMON_NS, DEFAULT_LOCALE } from "~/i18n/config";
import { i18nFor, metaT } from "~/i18n/instance";
import { useServerText } from "~/i18n/react";
import { isHydrated } from "~/components/hydrated";
import { Icon } from "~/components/icon";
import { DEFAULT_SITE, portalNameFrom, type SiteInfo } from "~/components/site";

/** Statuses with a title and a text of their own (keys errors.<status>.title / .text). */
const KNOWN_STATUSES = new Set([
  400, 401, 403, 404, 405, 408, 409, 410, 413, 415, 422, 429, 500, 502, 503, 504,
]);

export function errorStatus(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}

/** The key of a status's title in the common namespace. */
function titleKey(status: number): string {
  if (KNOWN_STATUSES.has(status)) return `errors.${status}.title`;
  return status >= 500 ? "errors.500.title" : "errors.other.title";
}

export function errorTitle(error: unknown, t: TFunction = i18nFor(DEFAULT_LOCALE).t): string {
  return t(titleKey(errorStatus(error)));
}

/** `<title>` for a route whose ErrorBoundary is showing: "Pagina non trovata - Fascicolo del cittadino". */
export function errorMeta(
  error: unknown,
  matches?: readonly { id: string; data: unknown }[],
): MetaDescriptor[] {
  const t = metaT(matches, COMMON_NS);
  return [{ title: `${errorTitle(error, t)} - ${portalNameFrom(matches)}` }];
}

/**
 * A message meant for the citizen, when a loader or action threw
 * `json({ message: "..." }, { status })`. Anything else (strings from the framework, English
 * texts, stack traces) is never shown.
 */
function userMessage(error: unknown): string | null {
  if (!isRouteErrorResponse(error)) return null;
  const data: unknown = error.data;
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string") {
    return data.message;
  }
  return null;
}

interface RootData {
  site?: SiteInfo;
  requestId?: string;
}

export interface GeneralErrorBoundaryProps {
  /** Replaces the body of the page for one status, e.g. a 404 "Avviso non trovato". */
  statusHandlers?: Partial<Record<number, (error: unknown) => ReactNode>>;
}

/**
 * The one error page of the portal, inside the normal layout (the root Layout renders header and
 * footer around it). Use it as any route's ErrorBoundary:
 * `export function ErrorBoundary() { return <GeneralErrorBoundary />; }` together with
 * `meta: ({ error, matches }) => error ? errorMeta(error, matches) : ...`.
 */
export function GeneralErrorBoundary({ statusHandlers }: GeneralErrorBoundaryProps = {}) {
  const error = useRouteError();
  const root = useRouteLoaderData("root") as RootData | undefined;
  const site = root?.site ?? DEFAULT_SITE;
  // The request id in the root data belongs to the document request: it is right for an error
  // rendered on the server, stale for one met later during client-side navigation.
  const [requestId] = useState(() => (isHydrated() ? undefined : root?.requestId));
  const status = errorStatus(error);
  const { t } = useTranslation();
  const serverText = useServerText();

  const custom = statusHandlers?.[status];
  if (custom) return <div className="container my-5">{custom(error)}</div>;
  if (status === 404) {
    return (
      <div className="container my-5">
        <NotFound site={site} />
      </div>
    );
  }

  const title = errorTitle(error, t);
  const message = userMessage(error);
  return (
    <div className="container my-5">
      <div className="row">
        <div className="col-lg-8">
          <h1>{title}</h1>
          {status >= 500 ? (
            <>
              <p className="lead">{t("errors.500.text")}</p>
              <p>
                {requestId ? (
                  <Trans
                    i18nKey="errors.500.writeWithCode"
                    t={t}
                    values={{ email: site.email, code: requestId }}
                    components={{
                      mail: <a href={`mailto:${site.email}`}>{site.email}</a>,
                      code: <code className="portal-request-id">{requestId}</code>,
                    }}
                  />
                ) : (
                  <Trans
                    i18nKey="errors.500.writeWithTime"
                    t={t}
                    values={{ email: site.email }}
                    components={{ mail: <a href={`mailto:${site.email}`}>{site.email}</a> }}
                  />
                )}
              </p>
            </>
          ) : (
            <>
              <p className="lead">
                {message
                  ? serverText(message)
                  : t(KNOWN_STATUSES.has(status) ? `errors.${status}.text` : "errors.other.text")}
              </p>
              {status === 401 ? (
                <p>
                  <a className="btn btn-primary" href="/saml/login">
                    {t("login")}
                  </a>
                </p>
              ) : null}
            </>
          )}
          <p className="mt-4">
            <Link to="/">{t("errors.backHome")}</Link>
          </p>
        </div>
      </div>
    </div>
  );
}

function NotFound({ site }: { site: SiteInfo }) {
  const { t } = useTranslation();
  return (
    <div className="row">
      <div className="col-lg-8">
        <h1>{t("errors.404.title")}</h1>
        <p className="lead">{t("errors.404.text")}</p>
        <p>{t("errors.404.typed")}</p>
        <ul className="portal-link-list">
          <li>
            <Link to="/">{t("errors.404.home")}</Link>
          </li>
          <li>
            <Trans i18nKey="errors.404.area" t={t} components={{ a: <Link to="/area-personale" /> }} />
          </li>
          <li>
            <Trans i18nKey="errors.404.pay" t={t} components={{ a: <Link to="/paga-un-avviso" /> }} />
          </li>
        </ul>
        <p className="mt-4">
          <Icon name="it-mail" className="icon-sm icon-primary me-1" />
          <Trans
            i18nKey="errors.help"
            t={t}
            values={{ email: site.email }}
            components={{ mail: <a href={`mailto:${site.email}`}>{site.email}</a> }}
          />
        </p>
      </div>
    </div>
  );
}
