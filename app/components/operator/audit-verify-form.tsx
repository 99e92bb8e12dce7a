import { Form } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";

export const AUDIT_VERIFY_PATH = "/operatore/registro-accessi/verifica";

/** The auditor's "Verifica integrità" button: a form post, so that the check is logged. */
export function AuditVerifyForm({ again = false }: { again?: boolean }) {
  return (
    <Form method="post" action={AUDIT_VERIFY_PATH}>
      <CsrfInput />
      <button type="submit" className="btn btn-outline-primary">
        {again ? "Ripeti la verifica" : "Verifica integrità"}
      </button>
    </Form>
  );
}
