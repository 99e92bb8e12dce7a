import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { verifyCsrf } from "~/auth/csrf.server";
import { loadOperator, notFound, requireUser } from "~/auth/guards.server";

/** Only the form posts here. */
export async function loader() {
  return redirect("/area-personale", 303);
}

/** A person who is both citizen and operator switches the area the session acts in. */
export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireUser(request, context);
  const form = await request.formData();
  verifyCsrf(request, form, session);
  const role = form.get("ruolo");
  if (role !== "operatore" && role !== "cittadino") throw notFound();
  if (role === "operatore" && !(await loadOperator(context, session))) throw notFound();
  await context.db.updateTable("sessions").set({ acting_as: role }).where("id", "=", session.id).execute();
  return redirect(role === "operatore" ? "/operatore" : "/area-personale", 303);
}
