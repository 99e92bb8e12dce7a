import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
// The day of issue as the certificate states it (the date part of issued_at, as in the PDF).
import { formatDateIt } from "~/rules/time";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { CERTIFICATE_KIND_LABEL } from "~/dossier/labels";
import { findCertificateByCode } from "~/dossier/certificates.server";
import { formatVerificationCode, normalizeVerificationCode } from "~/dossier/verification-code";

/**
 * Public check of a certificate by its verification code (no login): who issued it, which kind,
 * when, and for whom by initials only. Unknown or altered codes answer 404, codes that cannot be
 * codes 400; both say "Certificato non valido".
 */

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches, data }) => [
  ...(error
    ? errorMeta(error, matches)
    : pageMeta(data?.valid ? "Certificato valido" : "Certificato non valido", matches)),
  { name: "robots", content: "noindex, nofollow" },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

const HEADERS = {
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex, nofollow",
  "Referrer-Policy": "no-referrer",
};

export async function loader({ params, context }: LoaderFunctionArgs) {
  const raw = params.code ?? "";
  const code = normalizeVerificationCode(raw);
  if (code === null) {
    return json(
      { valid: false as const, reason: "formato" as const, code: null },
      { status: 400, headers: HEADERS },
    );
  }
  const found = await findCertificateByCode(context.db, code);
  if (!found) {
    return json(
      { valid: false as const, reason: "sconosciuto" as const, code: formatVerificationCode(code) },
      { status: 404, headers: HEADERS },
    );
  }
  return json(
    {
      valid: true as const,
      code: formatVerificationCode(code),
      certificate: {
        kind: found.kind,
        enteName: found.enteName,
        issuedAt: found.issuedAt,
        subjectInitials: found.subjectInitials,
        purpose: found.purpose,
        contentHash: found.contentHash,
      },
    },
    { headers: HEADERS },
  );
}

export default function Verifica() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="container my-4">
      <Breadcrumb items={[{ label: "Home", to: "/" }, { label: "Verifica di un certificato" }]} />
      <div className="row">
        <div className="col-lg-9">
          <h1>Verifica di un certificato</h1>
          {data.valid ? (
            <section className="portal-verify-result" aria-labelledby="esito">
              <h2 id="esito" className="h3">
                <Icon name="it-check-circle" className="icon-success me-2" />
                Certificato valido
              </h2>
              <p>
                Il codice <span className="portal-code">{data.code}</span> corrisponde a un certificato emesso
                tramite questo portale.
              </p>
              <dl className="row mb-0">
                <dt className="col-sm-4">Tipo</dt>
                <dd className="col-sm-8">{CERTIFICATE_KIND_LABEL[data.certificate.kind]}</dd>
                <dt className="col-sm-4">Rilasciato da</dt>
                <dd className="col-sm-8">{data.certificate.enteName}</dd>
                <dt className="col-sm-4">Data di emissione</dt>
                <dd className="col-sm-8">{formatDateIt(data.certificate.issuedAt)}</dd>
                <dt className="col-sm-4">Intestatario</dt>
                <dd className="col-sm-8">
                  {data.certificate.subjectInitials}{" "}
                  <span className="small">(solo le iniziali, per riservatezza)</span>
                </dd>
                <dt className="col-sm-4">Uso</dt>
                <dd className="col-sm-8">{data.certificate.purpose}</dd>
                <dt className="col-sm-4">Impronta del contenuto</dt>
                <dd className="col-sm-8">
                  <code className="portal-code small">{data.certificate.contentHash}</code>
                </dd>
              </dl>
            </section>
          ) : (
            <section className="portal-verify-result portal-verify-invalid" aria-labelledby="esito">
              <h2 id="esito" className="h3">
                <Icon name="it-close-circle" className="icon-danger me-2" />
                Certificato non valido
              </h2>
              {data.reason === "formato" ? (
                <p className="mb-0">
                  Il codice indicato non ha il formato di un codice di verifica: è formato da 16 caratteri,
                  lettere e cifre, stampati in quattro gruppi come{" "}
                  <span className="portal-code">ABCD-EFGH-JKMN-PQRS</span>. Controlla di averlo copiato per
                  intero.
                </p>
              ) : (
                <p className="mb-0">
                  Il codice <span className="portal-code">{data.code}</span> non corrisponde ad alcun
                  certificato emesso tramite questo portale. Il documento potrebbe essere stato contraffatto o
                  alterato, oppure il codice è stato copiato in modo errato.
                </p>
              )}
            </section>
          )}
          <h2 className="h4">Come leggere l&apos;esito</h2>
          <ul>
            <li>
              Un certificato valido è autentico solo se i dati stampati (tipo, comune, data, iniziali
              dell&apos;intestatario) coincidono con quelli mostrati qui.
            </li>
            <li>
              L&apos;impronta del contenuto stampata in fondo al certificato deve essere identica a quella
              mostrata qui: se è diversa, il documento è stato modificato dopo l&apos;emissione.
            </li>
            <li>
              Per ogni dubbio rivolgiti all&apos;ufficio anagrafe del comune che ha rilasciato il certificato.
            </li>
          </ul>
          <p className="mt-4">
            <Link to="/">Torna alla pagina iniziale</Link>
          </p>
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
