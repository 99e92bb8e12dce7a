import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { requireOperator } from "~/auth/guards.server";
import dossierStyles from "~/components/dossier/dossier.css";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { OperatorNav } from "~/components/operator/operator-nav";
import operatorStyles from "~/components/operator/operator.css";
import { pageMeta } from "~/components/site";
import { getEnte } from "~/operator/ente-admin.server";
import { countEntePosts } from "~/operator/ente-choice.server";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { ROLE_LABEL } from "~/operator/sections";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: dossierStyles },
  { rel: "stylesheet", href: operatorStyles },
];

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Area operatore", matches);

export const headers = operatorHeaders;

/**
 * The frame of the operator area: who acts, for which ente, and the menu of what their roles
 * open. Its guard does not protect the pages inside (loaders run in parallel): each page checks
 * the operator and the role again.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, operator } = await requireOperator(request, context);
  const [ente, office, posts] = await Promise.all([
    getEnte(context.db, operator.enteId),
    operator.officeId == null
      ? undefined
      : context.db
          .selectFrom("offices")
          .select("name")
          .where("id", "=", operator.officeId)
          .executeTakeFirst(),
    countEntePosts(context.db, session.fiscal_code),
  ]);
  return json(
    {
      name: `${operator.name} ${operator.surname}`.trim(),
      ente: ente?.name ?? "",
      office: office?.name ?? null,
      roles: operator.roles,
      /** Works for several entes: the frame offers the switch. */
      otherEntes: posts > 1,
    },
    { headers: NO_STORE },
  );
}

export default function OperatoreLayout() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <div className="portal-operator-header">
        <div className="container">
          <p>
            <strong>{d.name}</strong>, per conto di <strong>{d.ente}</strong>
            {d.office ? ` · ${d.office}` : null}
            {d.otherEntes ? (
              <>
                {" · "}
                <Link to="/operatore/scegli-ente">Cambia ente</Link>
              </>
            ) : null}
          </p>
          <p className="small mb-0">
            {d.roles.length
              ? `Ruoli: ${d.roles.map((r) => ROLE_LABEL[r]).join(", ")}`
              : "Nessun ruolo assegnato"}
          </p>
          <OperatorNav roles={d.roles} />
        </div>
      </div>
      <div className="container my-4 mb-5">
        <Outlet />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
