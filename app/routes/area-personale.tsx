import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData, useMatches, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { accessLabel, AreaNav } from "~/components/dossier/area-nav";
import { PageFeedback } from "~/components/dossier/page-feedback";
import dossierStyles from "~/components/dossier/dossier.css";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { getCitizenHeader } from "~/dossier/registry.server";
import { parseId } from "~/http.server";
import { csrfToken } from "~/auth/csrf.server";
import { CsrfInput } from "~/auth/csrf-input";
import { Form } from "@remix-run/react";
import { DELEGATIONS_PATH } from "~/rules/delegation";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const handle = { i18n: ["area"] };

export const clientLoader = messagesLoader(["area"]);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dossierStyles }];

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "area");
  return pageMeta(t("layout.title"), matches);
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId, person, onBehalf } = await requireCitizen(request, context);
  const opening = /^\/area-personale\/messaggi\/([^/]+)\/?$/.exec(new URL(request.url).pathname);
  const header =
    citizenId === null
      ? undefined
      : await getCitizenHeader(context.db, citizenId, opening ? parseId(opening[1]) : null);
  return json({
    name: header ? `${header.name} ${header.surname}` : `${person.name} ${person.surname}`.trim(),
    codiceFiscale: person.codiceFiscale,
    credential: session.credential,
    level: session.spid_level,
    unread: header?.unread ?? 0,
    acting: onBehalf
      ? {
          name: `${onBehalf.tie.subject.name} ${onBehalf.tie.subject.surname}`,
          kind: onBehalf.tie.kind,
          areas: onBehalf.tie.areas,
          until: onBehalf.tie.until,
          csrf: csrfToken(session),
        }
      : null,
  });
}

const SCRIVANIA_ROUTE = "routes/area-personale._index";
const MESSAGES = "/area-personale/messaggi";

/** Opening or leaving a message changes the unread count in the menu: reload it then. */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) =>
  defaultShouldRevalidate ||
  currentUrl.pathname.startsWith(MESSAGES) ||
  nextUrl.pathname.startsWith(MESSAGES);

/**
 * The frame of every Area personale page: who is signed in and the menu of the sections. On the
 * Scrivania the person's name is the page's main heading (as in the Designers Italia model); on
 * the other pages each page's own title is the main heading and the name is plain text.
 */
export default function AreaPersonaleLayout() {
  const data = useLoaderData<typeof loader>();
  const matches = useMatches();
  const onScrivania = matches[matches.length - 1]?.id === SCRIVANIA_ROUTE;
  const acting = data.acting;
  const { t } = useTranslation("area");
  const f = useFormat();
  return (
    <>
      {acting ? (
        <div className="portal-acting-banner" role="region" aria-label={t("layout.actingRegion")}>
          <div className="container d-flex flex-wrap align-items-center gap-3 py-2">
            <p className="mb-0">
              <strong>{t("layout.actingTitle", { name: acting.name })}</strong>
              {acting.kind === "genitore"
                ? t("layout.actingMinor", { until: f.date(acting.until) })
                : t("layout.actingDelegation", {
                    areas: acting.areas.map((a) => t(`delegationArea.${a}`)).join(", "),
                    until: f.date(acting.until),
                  })}
              {t("layout.actingRecorded")}
            </p>
            <Form method="post" action={DELEGATIONS_PATH} className="ms-auto">
              <CsrfInput token={acting.csrf} />
              <input type="hidden" name="intent" value="smetti" />
              <button type="submit" className="btn btn-sm btn-outline-primary portal-acting-back">
                {t("layout.backToOwn")}
              </button>
            </Form>
          </div>
        </div>
      ) : null}
      <div className="portal-area-header">
        <div className="container">
          {onScrivania ? (
            <h1 className="portal-area-name">{data.name}</h1>
          ) : (
            <p className="portal-area-name">{data.name}</p>
          )}
          <p className="portal-area-meta">
            {t("layout.taxCode")} <span className="text-nowrap">{data.codiceFiscale}</span>
            <span aria-hidden="true"> · </span>
            <span className="visually-hidden">. </span>
            {t("layout.accessWith", { access: accessLabel(t, data.credential, data.level) })}
          </p>
        </div>
      </div>
      <div className="container">
        <div className="row">
          <div className="col-12 col-lg-3 pt-3 pt-lg-4">
            <AreaNav unread={data.unread} areas={acting ? acting.areas : null} />
          </div>
          <div className="col-12 col-lg-9 portal-area-content">
            <Outlet />
            <PageFeedback />
          </div>
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
