import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { appendAudit } from "~/audit.server";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { parseId, readForm } from "~/http.server";
import { setMailKindStopped } from "~/mail/address.server";
import { verifyUnsubscribe } from "~/mail/links.server";
import { isStoppableMailKind, type StoppableMailKind } from "~/mail/messages";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useServerText } from "~/i18n/react";

/**
 * The link at the foot of every mail to a citizen: stops that kind of mail. Opening it shows a
 * button; a mail client's own "unsubscribe" posts here directly (RFC 8058 one-click, the
 * List-Unsubscribe-Post header). The link is signed, so it needs no login and cannot be guessed.
 */

export const handle = { i18n: ["mail"] };

export const clientLoader = messagesLoader(["mail"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  const t = metaT(matches, "mail");
  return [
    ...(error ? errorMeta(error, matches) : pageMeta(t("unsubscribe.title"), matches)),
    { name: "robots", content: "noindex, nofollow" },
  ];
};

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };

const INVALID =
  "Il collegamento non è valido: usa quello dell'ultima email ricevuta, oppure scegli quali email ricevere dal tuo profilo.";

function readLink(url: URL): { citizenId: number; kind: StoppableMailKind; token: string } | null {
  const citizenId = parseId(url.searchParams.get("c"));
  const kind = url.searchParams.get("k");
  const token = (url.searchParams.get("t") ?? "").slice(0, 100);
  if (citizenId === null || !isStoppableMailKind(kind)) return null;
  return { citizenId, kind, token };
}

function check(request: Request, secret: string) {
  const url = new URL(request.url);
  const link = readLink(url);
  if (!link || !verifyUnsubscribe(secret, link.citizenId, link.kind, link.token)) return null;
  return { ...link, action: `${url.pathname}${url.search}` };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const link = check(request, context.config.sessionSecret);
  if (!link) return json({ problem: INVALID, kind: null, action: null }, { status: 400, headers: HEADERS });
  // The kind's name is shown from the "mail" messages (kind.<kind>), as MAIL_KIND_LABEL in Italian.
  return json({ problem: null, kind: link.kind, action: link.action }, { headers: HEADERS });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const link = check(request, context.config.sessionSecret);
  if (!link) return json({ done: false, problem: INVALID }, { status: 400, headers: HEADERS });
  const now = nowIso(context.config);
  await context.db.transaction().execute(async (trx) => {
    const citizen = await trx
      .selectFrom("citizens")
      .select("codice_fiscale")
      .where("id", "=", link.citizenId)
      .executeTakeFirst();
    if (!citizen) return;
    await setMailKindStopped(trx, { citizenId: link.citizenId, kind: link.kind, stopped: true, now });
    await appendAudit(trx, context.config.auditHmacKey, {
      actorKind: "cittadino",
      actorCodiceFiscale: citizen.codice_fiscale,
      subjectCitizenId: link.citizenId,
      action: "mail.opt_out",
      section: "profilo",
      details: { tipo: link.kind },
    });
  });
  return json({ done: true, problem: null }, { headers: HEADERS });
}

export default function Disiscrizione() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const problem = result?.problem ?? data.problem;
  const { t } = useTranslation("mail");
  const serverText = useServerText();
  const kind = data.kind ? t(`kind.${data.kind}`) : "";
  return (
    <div className="container my-4">
      <Breadcrumb items={[{ label: t("nav.home"), to: "/" }, { label: t("unsubscribe.title") }]} />
      <h1>{t("unsubscribe.title")}</h1>
      {result?.done ? (
        <div className="alert alert-success" role="status">
          <Trans
            i18nKey="unsubscribe.done"
            t={t}
            values={{ kind }}
            components={{ a: <Link to="/area-personale/profilo" /> }}
          />
        </div>
      ) : problem ? (
        <div className="alert alert-warning" role="alert">
          {serverText(problem)}
        </div>
      ) : (
        <Form method="post" action={data.action ?? undefined} className="mt-4">
          <p>
            <Trans
              i18nKey="unsubscribe.question"
              t={t}
              values={{ kind }}
              components={{ strong: <strong /> }}
            />
          </p>
          <button type="submit" className="btn btn-primary">
            {t("unsubscribe.button")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
