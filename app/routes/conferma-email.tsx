import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { readForm } from "~/http.server";
import { confirmAddress, findConfirmation } from "~/mail/address.server";
import { maskEmail } from "~/mail/messages";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useServerText } from "~/i18n/react";

/**
 * The link of an address-confirmation mail. Opening it shows the address and a button; only the
 * button confirms (a mail scanner that follows links confirms nothing). No login needed: the
 * token, 256 random bits valid 24 hours, is the proof of owning the mailbox.
 */

export const handle = { i18n: ["mail"] };

export const clientLoader = messagesLoader(["mail"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  const t = metaT(matches, "mail");
  return [
    ...(error ? errorMeta(error, matches) : pageMeta(t("confirm.title"), matches)),
    { name: "robots", content: "noindex, nofollow" },
  ];
};

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

const PROBLEM = {
  non_valido:
    "Il collegamento non è valido o è già stato usato. Se hai cambiato indirizzo di nuovo, usa il collegamento dell'ultima email ricevuta.",
  scaduto: "Il collegamento è scaduto: vale 24 ore. Dal tuo profilo puoi chiedere un nuovo collegamento.",
} as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (params.get("esito") === "confermato")
    return json({ token: null, address: null, problem: null, confirmed: true }, { headers: HEADERS });
  const token = (params.get("token") ?? "").slice(0, 200);
  const found = await findConfirmation(context.db, token, nowIso(context.config));
  if (!found.ok)
    return json(
      { token: null, address: null, problem: PROBLEM[found.reason], confirmed: false },
      { status: found.reason === "scaduto" ? 410 : 400, headers: HEADERS },
    );
  return json(
    { token, address: maskEmail(found.address), problem: null, confirmed: false },
    { headers: HEADERS },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const token = String(form.get("token") ?? "").slice(0, 200);
  const done = await confirmAddress(context.db, {
    token,
    now: nowIso(context.config),
    auditKey: context.config.auditHmacKey,
  });
  if (!done.ok)
    return json(
      { problem: PROBLEM[done.reason] },
      { status: done.reason === "scaduto" ? 410 : 400, headers: HEADERS },
    );
  return redirect("/conferma-email?esito=confermato", { status: 303, headers: HEADERS });
}

export default function ConfermaEmail() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const problem = result?.problem ?? data.problem;
  const { t } = useTranslation("mail");
  const serverText = useServerText();
  return (
    <div className="container my-4">
      <Breadcrumb items={[{ label: t("nav.home"), to: "/" }, { label: t("confirm.title") }]} />
      <h1>{t("confirm.title")}</h1>
      {data.confirmed ? (
        <div className="alert alert-success" role="status">
          <Trans i18nKey="confirm.done" t={t} components={{ a: <Link to="/area-personale/profilo" /> }} />
        </div>
      ) : problem ? (
        <div className="alert alert-warning" role="alert">
          {serverText(problem)}
        </div>
      ) : (
        <Form method="post" className="mt-4">
          <input type="hidden" name="token" value={data.token ?? ""} />
          <p>
            <Trans
              i18nKey="confirm.question"
              t={t}
              values={{ address: data.address }}
              components={{ strong: <strong /> }}
            />
          </p>
          <button type="submit" className="btn btn-primary">
            {t("confirm.button")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
