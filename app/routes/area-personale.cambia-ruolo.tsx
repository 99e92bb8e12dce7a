import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { verifyCsrf } from "~/auth/csrf.server";
import { loadOperator, requireCitizen } from "~/auth/guards.server";
import { countEntePosts } from "~/operator/ente-choice.server";
import { notFound, readForm } from "~/http.server";
import { parseForm } from "~/form-data.server";
import { roleSwitchSchema } from "~/forms/citizen.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";

/** Only the form posts here. */
export async function loader() {
  return redirect("/area-personale", 303);
}

/**
 * A person who is both citizen and operator switches the area the session acts in (not while
 * acting for someone else: the guard answers 404 then, as for every page that is one's own).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { session } = await requireCitizen(request, context);
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const parsed = parseForm(roleSwitchSchema, form);
  if (!parsed.ok) throw notFound();
  const role = parsed.data.ruolo;
  // A person who works for several entes and has not chosen one yet is asked on /operatore.
  if (
    role === "operatore" &&
    !(await loadOperator(context, session)) &&
    (await countEntePosts(context.db, session.fiscal_code)) === 0
  )
    throw notFound();
  await context.db.updateTable("sessions").set({ acting_as: role }).where("id", "=", session.id).execute();
  return redirect(role === "operatore" ? "/operatore" : "/area-personale", 303);
}

/**
 * Never shown (loader and action redirect): with a component, a refused post (a foreign origin, a
 * body that is not a form) is answered with the portal's error page instead of bare JSON.
 */
export default function CambiaRuolo() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
