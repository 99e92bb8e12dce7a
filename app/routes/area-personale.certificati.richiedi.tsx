import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { requireLevel } from "~/auth/guards.server";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput } from "~/auth/csrf-input";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { CERTIFICATE_KIND_LABEL, CERTIFICATE_KINDS, CERTIFICATE_PURPOSES } from "~/dossier/labels";
import {
  CertificateRefused,
  isCertificateKind,
  isCertificatePurpose,
  issueCertificate,
} from "~/dossier/certificates.server";
import { readForm } from "~/http.server";

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Richiedi un certificato", matches);

/** Issuing a certificate needs SPID level 2: a level 1 session is sent to log in again, then back here. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireLevel(request, context, 2);
  return json({ known: session.citizen_id !== null, csrf: csrfToken(session) });
}

const KIND_HINT: Record<(typeof CERTIFICATE_KINDS)[number], string> = {
  residenza: "Attesta il comune e l'indirizzo in cui risiedi e da quando.",
  stato_famiglia: "Attesta la residenza e le persone che compongono la tua famiglia anagrafica.",
  nascita: "Attesta la data e il luogo della tua nascita.",
};

type FieldErrors = Partial<Record<"kind" | "purpose", string>>;

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireLevel(request, context, 2);
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  if (session.citizen_id === null) {
    return json(
      {
        errors: {} as FieldErrors,
        formError: "Non risulti iscritto nell'anagrafe di un comune aderente al portale.",
      },
      { status: 422 },
    );
  }
  const kind = form.get("kind");
  const purpose = form.get("purpose");
  const errors: FieldErrors = {};
  if (!isCertificateKind(kind)) errors.kind = "Scegli quale certificato ti serve.";
  if (!isCertificatePurpose(purpose)) errors.purpose = "Scegli l'uso del certificato dall'elenco.";
  if (!isCertificateKind(kind) || !isCertificatePurpose(purpose)) {
    return json({ errors, formError: null }, { status: 400 });
  }
  try {
    const issued = await issueCertificate(context.db, {
      citizenId: session.citizen_id,
      kind,
      purpose: CERTIFICATE_PURPOSES[purpose],
      issuedAt: nowIso(context.config),
      auditKey: context.config.auditHmacKey,
      actorFiscalCode: session.fiscal_code,
    });
    return redirect(`/area-personale/certificati?emesso=${issued.id}`, 303);
  } catch (err) {
    if (err instanceof CertificateRefused) {
      return json({ errors: {} as FieldErrors, formError: err.message }, { status: 422 });
    }
    throw err;
  }
}

export default function RichiediCertificato() {
  const { known, csrf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: FieldErrors = actionData?.errors ?? {};
  const busy = navigation.state === "submitting";
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Certificati", to: "/area-personale/certificati" },
          { label: "Richiedi un certificato" },
        ]}
      />
      <h1>Richiedi un certificato</h1>
      <p className="lead">
        Il certificato è rilasciato subito dal tuo comune di residenza, con i dati dell&apos;anagrafe di oggi.
        Potrai scaricarlo in PDF e ritrovarlo nell&apos;elenco dei certificati.
      </p>
      {!known ? (
        <EmptyState title="Non risulti iscritto nell'anagrafe di un comune aderente">
          <p className="mb-0">
            I certificati anagrafici sono rilasciati dal comune di residenza.{" "}
            <Link to="/area-personale/certificati">Torna ai certificati</Link>
          </p>
        </EmptyState>
      ) : (
        <Form
          method="post"
          noValidate
          aria-describedby={actionData?.formError ? "cert-form-error" : undefined}
        >
          <CsrfInput token={csrf} />
          {actionData?.formError ? (
            <div className="alert alert-danger" role="alert" id="cert-form-error">
              {actionData.formError}
            </div>
          ) : null}
          <fieldset className="mb-4" aria-describedby={errors.kind ? "kind-error" : undefined}>
            <legend className="h5">Quale certificato ti serve?</legend>
            {errors.kind ? (
              <p className="text-danger fw-semibold" id="kind-error">
                {errors.kind}
              </p>
            ) : null}
            {CERTIFICATE_KINDS.map((k, i) => (
              <div className="form-check" key={k}>
                <input
                  className="form-check-input"
                  type="radio"
                  name="kind"
                  id={`kind-${k}`}
                  value={k}
                  defaultChecked={i === 0}
                  aria-describedby={`kind-${k}-hint`}
                />
                <label className="form-check-label" htmlFor={`kind-${k}`}>
                  {CERTIFICATE_KIND_LABEL[k]}
                </label>
                <p className="small mb-2 ms-5" id={`kind-${k}-hint`}>
                  {KIND_HINT[k]}
                </p>
              </div>
            ))}
          </fieldset>
          <div className="select-wrapper mb-4">
            <label htmlFor="purpose">Uso del certificato</label>
            <select
              id="purpose"
              name="purpose"
              defaultValue="amministrativo"
              aria-invalid={errors.purpose ? true : undefined}
              aria-describedby={errors.purpose ? "purpose-error purpose-hint" : "purpose-hint"}
            >
              {Object.entries(CERTIFICATE_PURPOSES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            {errors.purpose ? (
              <p className="text-danger fw-semibold mt-1" id="purpose-error">
                {errors.purpose}
              </p>
            ) : null}
            <p className="small mt-2" id="purpose-hint">
              L&apos;uso è scritto sul certificato. I certificati non possono essere presentati a pubbliche
              amministrazioni e gestori di pubblici servizi, che acquisiscono i dati d&apos;ufficio o
              accettano un&apos;autocertificazione.
            </p>
          </div>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? "Emissione in corso…" : "Emetti il certificato"}
          </button>
        </Form>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
