import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireUser } from "~/auth/guards.server";
import { safeReturnPath } from "~/auth/return-path";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { chooseEnte, listEntePosts } from "~/operator/ente-choice.server";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { ROLE_LABEL } from "~/operator/sections";
import { parseForm } from "~/form-data.server";
import { enteChoiceSchema } from "~/forms/operator.server";
import { notFound, readForm } from "~/http.server";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Scegli l'ente per cui lavori", matches);

export const headers = operatorHeaders;

/**
 * Outside the operator area's frame on purpose: that frame needs an ente, and this page is where a
 * person who works for several entes picks one (after login, or to switch).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireUser(request, context);
  const posts = await listEntePosts(context.db, session.fiscal_code);
  if (!posts.length) throw notFound();
  return json(
    {
      posts: posts.map((p) => ({
        operatorId: p.operatorId,
        ente: p.ente,
        office: p.office,
        roles: p.roles.map((r) => ROLE_LABEL[r]),
        current: p.operatorId === session.operator_id,
      })),
      next: safeReturnPath(new URL(request.url).searchParams.get("next")),
      csrf: csrfToken(session),
    },
    { headers: NO_STORE },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireUser(request, context);
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const parsed = parseForm(enteChoiceSchema, form);
  if (!parsed.ok) throw notFound();
  const post = await chooseEnte(context.db, context.config, session, parsed.data.operatore);
  if (!post) throw notFound();
  return redirect(parsed.data.next, {
    status: 303,
    headers: NO_STORE,
  });
}

export default function ScegliEnte() {
  const { posts, next, csrf } = useLoaderData<typeof loader>();
  return (
    <div className="container my-4 mb-5">
      <h1>Per quale ente lavori?</h1>
      <p className="lead">
        Sei operatore di più enti. Scegli quello per cui vuoi lavorare ora: vedrai solo le persone e i dati di
        quell&apos;ente, e potrai cambiarlo in ogni momento dall&apos;area operatore. Cambiando ente chiudi
        gli accessi ai fascicoli aperti per l&apos;altro.
      </p>
      <ul className="list-unstyled row g-3 mt-2">
        {posts.map((p) => (
          <li key={p.operatorId} className="col-12 col-md-6">
            <div className="border rounded p-3 h-100">
              <h2 className="h4">{p.ente}</h2>
              {p.office ? <p className="mb-1">{p.office}</p> : null}
              <p className="small">Ruoli: {p.roles.length ? p.roles.join(", ") : "nessuno"}</p>
              {p.current ? (
                <p className="fw-semibold mb-0">È l&apos;ente per cui stai lavorando.</p>
              ) : (
                <Form method="post">
                  <CsrfInput token={csrf} />
                  <input type="hidden" name="operatore" value={p.operatorId} />
                  {next ? <input type="hidden" name="next" value={next} /> : null}
                  <button type="submit" className="btn btn-primary">
                    {`Lavora per ${p.ente}`}
                  </button>
                </Form>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
