import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FORM_ERROR, parseForm } from "~/form-data.server";
import { languageChoiceSchema } from "~/forms/language.server";
import { badRequest, readForm } from "~/http.server";
import { localeCookieHeader } from "~/i18n/i18n.server";

/** Only the header's language switcher posts here. */
export async function loader() {
  return redirect("/", 303);
}

/**
 * Remembers the chosen language in a cookie and shows the same page again in it. Anyone may
 * choose, signed in or not; the cookie holds nothing but "it" or "en".
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const parsed = parseForm(languageChoiceSchema, form);
  if (!parsed.ok) throw badRequest(parsed.errors.lingua ?? parsed.errors[FORM_ERROR]!);
  return redirect(parsed.data.ritorno, {
    status: 303,
    headers: { "Set-Cookie": await localeCookieHeader(parsed.data.lingua, context.config.secure) },
  });
}

/** Never shown: with a component, a refused choice gets the portal's error page. */
export default function Lingua() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
