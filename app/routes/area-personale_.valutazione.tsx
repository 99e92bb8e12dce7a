import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { verifyCsrf } from "~/auth/csrf.server";
import { requireUser } from "~/auth/guards.server";
import { portalNow } from "~/clock.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { pageFeedbackSchema, recordPageFeedback } from "~/dossier/page-feedback.server";
import { FORM_ERROR, parseForm } from "~/form-data.server";
import { badRequest, readForm } from "~/http.server";
import { PAGE_FEEDBACK_PARAM, feedbackPageOf, type PageFeedbackOutcome } from "~/rules/page-feedback";

/** Only the widget posts here. */
export async function loader() {
  return redirect("/area-personale", 303);
}

/**
 * The rating widget of every Area personale page (app/components/dossier/page-feedback.tsx):
 * stores the anonymous rating and goes back to the page, which then says thank you. Outside the
 * Area personale's layout, so that a person acting for someone else rates a page too; any
 * signed-in person may rate.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireUser(request, context);
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const parsed = parseForm(pageFeedbackSchema, form);
  if (!parsed.ok) {
    const errors = parsed.errors;
    throw badRequest(errors.pagina ?? errors.voto ?? errors.scelta ?? errors.testo ?? errors[FORM_ERROR]!);
  }
  const { pagina, voto, scelta, testo } = parsed.data;
  const back = new URL(pagina, "http://portale.invalid");
  const outcome = await recordPageFeedback(context.db, {
    sessionId: session.id,
    page: feedbackPageOf(back.pathname)!,
    rating: voto,
    choice: scelta,
    comment: testo,
    now: portalNow(context.config),
  });
  back.searchParams.set(
    PAGE_FEEDBACK_PARAM,
    (outcome === "saved" ? "grazie" : "gia-inviata") satisfies PageFeedbackOutcome,
  );
  return redirect(`${back.pathname}${back.search}#${PAGE_FEEDBACK_PARAM}`, 303);
}

/**
 * Never shown (loader and action redirect): with a component, a refused rating is answered with
 * the portal's error page and its Italian message instead of bare JSON.
 */
export default function Valutazione() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
