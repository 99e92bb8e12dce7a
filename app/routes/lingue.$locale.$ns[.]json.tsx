import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/http.server";
import { isLocale } from "~/i18n/config";
import { MESSAGES_VERSION, namespaceMessages } from "~/i18n/resources.server";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * One namespace of one language's messages, for the browser's i18next when a page needs messages
 * the first page did not bring. Public: the messages are the interface's own texts. Cached for a
 * year when asked with the current version (the address changes with the messages).
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = params.locale;
  const messages = isLocale(locale) && params.ns ? namespaceMessages(locale, params.ns) : null;
  if (!messages) throw notFound();
  const current = new URL(request.url).searchParams.get("v") === MESSAGES_VERSION;
  return new Response(JSON.stringify(messages), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? `public, max-age=${YEAR_SECONDS}, immutable` : "no-cache",
    },
  });
}
