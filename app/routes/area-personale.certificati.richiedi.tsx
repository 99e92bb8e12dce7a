import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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
import { CERTIFICATE_KINDS, CERTIFICATE_PURPOSES } from "~/dossier/labels";
import { CertificateRefused, issueCertificate } from "~/dossier/certificates.server";
import { parseForm } from "~/form-data.server";
import { certificateRequestSchema } from "~/forms/certificate.server";
import { readForm } from "~/http.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useServerText } from "~/i18n/react";

export const links = taxpayerLinks;

export const handle = { i18n: ["certificates"] };

export const clientLoader = messagesLoader(["certificates"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  const t = metaT(matches, "certificates");
  return error ? errorMeta(error, matches) : pageMeta(t("request"), matches);
};

/** Issuing a certificate needs SPID level 2: a level 1 session is sent to log in again, then back here. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context, 2);
  return json({ known: citizenId !== null, csrf: csrfToken(session) });
}

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
  const { t } = useTranslation("certificates");
  const serverText = useServerText();
  return (
    <>
      <Breadcrumb
        items={[
          { label: t("common:nav.area"), to: "/area-personale" },
          { label: t("title"), to: "/area-personale/certificati" },
          { label: t("request") },
        ]}
      />
      <h1>{t("request")}</h1>
      <p className="lead">{t("form.lead")}</p>
      {!known ? (
        <EmptyState title={t("notKnown.title")}>
          <p className="mb-0">
            {t("notKnown.short")} <Link to="/area-personale/certificati">{t("notKnown.back")}</Link>
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
              {serverText(actionData.formError)}
            </div>
          ) : null}
          <RadioGroup
            name="kind"
            className="mb-4"
            legend={t("form.kind")}
            legendClassName="h5"
            options={CERTIFICATE_KINDS.map((k) => ({
              value: k,
              label: t(`kind.${k}`),
              hint: t(`kindHint.${k}`),
            }))}
            defaultValue={CERTIFICATE_KINDS[0]}
            error={errors.kind && serverText(errors.kind)}
            errorId="kind-error"
          />
          <SelectField
            id="purpose"
            label={t("form.purpose")}
            wrapperClassName="mb-4"
            defaultValue="amministrativo"
            hint={t("form.purposeHint")}
            hintId="purpose-hint"
            error={errors.purpose && serverText(errors.purpose)}
            errorId="purpose-error"
          >
            {Object.keys(CERTIFICATE_PURPOSES).map((value) => (
              <option key={value} value={value}>
                {t(`purpose.${value}`)}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t("form.busy") : t("form.submit")}
          </button>
        </Form>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
