import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { csrfToken, verifyCsrf } from "~/auth/csrf.server";
import { citizenAuditActor, requireCitizen } from "~/auth/guards.server";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { CsrfInput } from "~/auth/csrf-input";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { RadioGroup, SelectField } from "~/components/form";
import { pageMeta } from "~/components/site";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { CERTIFICATE_KIND_LABEL, CERTIFICATE_KINDS, CERTIFICATE_PURPOSES } from "~/dossier/labels";
import { CertificateRefused, issueCertificate } from "~/dossier/certificates.server";
import { parseForm } from "~/form-data.server";
import { certificateRequestSchema } from "~/forms/certificate.server";
import { readForm } from "~/http.server";

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Richiedi un certificato", matches);

/** Issuing a certificate needs SPID level 2: a level 1 session is sent to log in again, then back here. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context, 2);
  return json({ known: citizenId !== null, csrf: csrfToken(session) });
}

const KIND_HINT: Record<(typeof CERTIFICATE_KINDS)[number], string> = {
  residenza: "Attesta il comune e l'indirizzo in cui risiedi e da quando.",
  stato_famiglia: "Attesta la residenza e le persone che compongono la tua famiglia anagrafica.",
  nascita: "Attesta la data e il luogo della tua nascita.",
};

type FieldErrors = Partial<Record<"kind" | "purpose", string>>;

export async function action({ request, context }: ActionFunctionArgs) {
  const access = await requireCitizen(request, context, 2);
  const { session, citizenId } = access;
  const form = await readForm(request, context);
  verifyCsrf(request, form, session);
  if (citizenId === null) {
    return json(
      {
        errors: {} as FieldErrors,
        formError: "Non risulti iscritto nell'anagrafe di un comune aderente al portale.",
      },
      { status: 422 },
    );
  }
  const parsed = parseForm(certificateRequestSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors as FieldErrors, formError: null }, { status: 400 });
  const { kind, purpose } = parsed.data;
  try {
    const issued = await issueCertificate(context.db, {
      citizenId,
      kind,
      purpose: CERTIFICATE_PURPOSES[purpose],
      issuedAt: nowIso(context.config),
      auditKey: context.config.auditHmacKey,
      ...citizenAuditActor(access),
      delegateName: access.onBehalf ? `${session.name} ${session.surname}` : null,
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
          <RadioGroup
            name="kind"
            className="mb-4"
            legend="Quale certificato ti serve?"
            legendClassName="h5"
            options={CERTIFICATE_KINDS.map((k) => ({
              value: k,
              label: CERTIFICATE_KIND_LABEL[k],
              hint: KIND_HINT[k],
            }))}
            defaultValue={CERTIFICATE_KINDS[0]}
            error={errors.kind}
            errorId="kind-error"
          />
          <SelectField
            id="purpose"
            label="Uso del certificato"
            wrapperClassName="mb-4"
            defaultValue="amministrativo"
            hint="L'uso è scritto sul certificato. I certificati non possono essere presentati a pubbliche amministrazioni e gestori di pubblici servizi, che acquisiscono i dati d'ufficio o accettano un'autocertificazione."
            hintId="purpose-hint"
            error={errors.purpose}
            errorId="purpose-error"
          >
            {Object.entries(CERTIFICATE_PURPOSES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
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
