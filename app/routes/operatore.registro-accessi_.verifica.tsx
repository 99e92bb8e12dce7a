import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { verifyCsrf } from "~/auth/csrf.server";
import { requireOperator } from "~/auth/guards.server";
import { portalNow } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { AuditVerifyForm } from "~/components/operator/audit-verify-form";
import { pageMeta } from "~/components/site";
import { readForm } from "~/http.server";
import { actorFrom } from "~/operator/actor";
import { checkAuditLog } from "~/operator/audit-log.server";
import { NO_STORE, operatorHeaders } from "~/operator/http";
import { formatDateTimeIt } from "~/rules/time";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Verifica dell'integrità del registro", matches);

export const headers = operatorHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireOperator(request, context, "auditor");
  return json(null, { headers: NO_STORE });
}

/**
 * The auditor runs `npm run audit:verify`'s check from the page: the whole chain (every ente's
 * rows: the chain is one) and the checkpoint. The answer is shown, not stored; the check is logged.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { session, operator } = await requireOperator(request, context, "auditor");
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  const check = await checkAuditLog(context.db, context.config, {
    actor: actorFrom(session, operator),
    now: portalNow(context.config),
  });
  return json(check, { headers: NO_STORE });
}

export default function VerificaRegistro() {
  const check = useActionData<typeof action>();
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area operatore", to: "/operatore" },
          { label: "Registro degli accessi", to: "/operatore/registro-accessi" },
          { label: "Verifica dell'integrità" },
        ]}
      />
      <h1 className="mt-3">Verifica dell&apos;integrità del registro</h1>
      <p className="lead">
        Ogni riga del registro porta un sigillo (HMAC) calcolato sul suo contenuto e sul sigillo della riga
        precedente; un checkpoint fuori dal database attesta quante righe c&apos;erano e quale era
        l&apos;ultima. La verifica ricalcola tutta la catena, di tutti gli enti, e la confronta con il
        checkpoint: è la stessa di <code>npm run audit:verify</code>.
      </p>
      {check ? (
        <div
          className={`alert ${check.ok ? "alert-success" : "alert-danger"}`}
          role={check.ok ? "status" : "alert"}
        >
          <h2 className="h5">{check.ok ? "Registro integro" : "Registro non integro"}</h2>
          <p className="mb-1">{check.message}</p>
          <p className="small mb-0">
            Verifica eseguita il {formatDateTimeIt(check.at)}; anche questa verifica è stata registrata nel
            registro.
          </p>
        </div>
      ) : null}
      <AuditVerifyForm again={Boolean(check)} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
