import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { readForm } from "~/http.server";
import { confirmAddress, findConfirmation } from "~/mail/address.server";
import { maskEmail } from "~/mail/messages";

/**
 * The link of an address-confirmation mail. Opening it shows the address and a button; only the
 * button confirms (a mail scanner that follows links confirms nothing). No login needed: the
 * token, 256 random bits valid 24 hours, is the proof of owning the mailbox.
 */

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => [
  ...(error ? errorMeta(error, matches) : pageMeta("Conferma dell'indirizzo email", matches)),
  { name: "robots", content: "noindex, nofollow" },
];

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
  return (
    <div className="container my-4">
      <Breadcrumb items={[{ label: "Home", to: "/" }, { label: "Conferma dell'indirizzo email" }]} />
      <h1>Conferma dell&apos;indirizzo email</h1>
      {data.confirmed ? (
        <div className="alert alert-success" role="status">
          Indirizzo confermato: da ora riceverai qui promemoria e ricevute, secondo le preferenze del tuo{" "}
          <Link to="/area-personale/profilo">profilo</Link>.
        </div>
      ) : problem ? (
        <div className="alert alert-warning" role="alert">
          {problem}
        </div>
      ) : (
        <Form method="post" className="mt-4">
          <input type="hidden" name="token" value={data.token ?? ""} />
          <p>
            Stai confermando l&apos;indirizzo <strong>{data.address}</strong> per ricevere promemoria e
            ricevute del portale.
          </p>
          <button type="submit" className="btn btn-primary">
            Conferma l&apos;indirizzo
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
