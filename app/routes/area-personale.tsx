import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Outlet, useLoaderData, useMatches, type ShouldRevalidateFunction } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { levelLabel } from "~/auth/spid-labels";
import { AreaNav } from "~/components/dossier/area-nav";
import { PageFeedback } from "~/components/dossier/page-feedback";
import dossierStyles from "~/components/dossier/dossier.css";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { getCitizenHeader } from "~/dossier/registry.server";
import { parseId } from "~/http.server";
import { csrfToken } from "~/auth/csrf.server";
import { CsrfInput } from "~/auth/csrf-input";
import { Form } from "@remix-run/react";
import { DELEGATION_AREA_SHORT, DELEGATIONS_PATH } from "~/rules/delegation";
import { formatDateIt } from "~/rules/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dossierStyles }];

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Area personale", matches);

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
    access: levelLabel(session.credential, session.spid_level),
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
  return (
    <>
      {acting ? (
        <div
          className="portal-acting-banner"
          role="region"
          aria-label="Stai agendo per conto di un'altra persona"
        >
          <div className="container d-flex flex-wrap align-items-center gap-3 py-2">
            <p className="mb-0">
              <strong>Stai agendo per conto di {acting.name}</strong>
              {acting.kind === "genitore"
                ? ` (minorenne della tua famiglia anagrafica, fino al ${formatDateIt(acting.until)})`
                : ` (delega per ${acting.areas.map((a) => DELEGATION_AREA_SHORT[a]).join(", ")}, fino al ${formatDateIt(acting.until)})`}
              . Ogni azione viene registrata e mostrata a questa persona.
            </p>
            <Form method="post" action={DELEGATIONS_PATH} className="ms-auto">
              <CsrfInput token={acting.csrf} />
              <input type="hidden" name="intent" value="smetti" />
              <button type="submit" className="btn btn-sm btn-outline-primary portal-acting-back">
                Torna alla tua area
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
            Codice fiscale <span className="text-nowrap">{data.codiceFiscale}</span>
            <span aria-hidden="true"> · </span>
            <span className="visually-hidden">. </span>
            Accesso con {data.access}
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
