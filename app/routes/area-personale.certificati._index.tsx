import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
// The day of issue as the certificate states it (the date part of issued_at, as in the PDF).
import { formatDateIt } from "~/rules/time";
import { Pagination } from "~/components/dossier/pagination";
import { parseOptionalId, parsePage } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { CERTIFICATE_KIND_LABEL } from "~/dossier/labels";
import { getCertificate, listCertificates } from "~/dossier/certificates.server";
import { formatVerificationCode } from "~/dossier/verification-code";

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Certificati", matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const params = new URL(request.url).searchParams;
  const page = parsePage(params);
  const issuedId = parseOptionalId(params.get("emesso"));
  const level = session.spid_level;
  if (citizenId === null) {
    return json({ known: false, level, list: { items: [], total: 0, page: 1, pages: 1 }, issued: null });
  }
  const [list, issuedRow] = await Promise.all([
    listCertificates(context.db, citizenId, { page }),
    typeof issuedId === "number"
      ? getCertificate(context.db, citizenId, issuedId)
      : Promise.resolve(undefined),
  ]);
  const issued = issuedRow
    ? { id: issuedRow.id, kind: issuedRow.kind, verificationCode: issuedRow.verification_code }
    : null;
  return json({ known: true, level, list, issued });
}

export default function Certificati() {
  const { known, level, list, issued } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <Breadcrumb items={[{ label: "Area personale", to: "/area-personale" }, { label: "Certificati" }]} />
      <h1>Certificati</h1>
      <p className="lead">
        Certificati anagrafici di residenza, di stato di famiglia e di nascita, rilasciati subito in PDF dal
        comune di residenza. Ogni certificato ha un codice di verifica e un codice QR con cui chiunque può
        controllarne l&apos;autenticità.
      </p>
      {issued ? (
        <div className="alert alert-success" role="status">
          <h2 className="h4">Certificato emesso</h2>
          <p>
            Il {CERTIFICATE_KIND_LABEL[issued.kind].toLowerCase()} è pronto. Codice di verifica:{" "}
            <span className="portal-code">{formatVerificationCode(issued.verificationCode)}</span>
          </p>
          <p className="mb-0">
            <a className="btn btn-primary" href={`/area-personale/certificati/${issued.id}/pdf`}>
              <Icon name="it-download" size="sm" className="icon-white me-2" />
              Scarica il certificato (PDF)
            </a>
          </p>
        </div>
      ) : null}
      {known ? (
        <p>
          <Link className="btn btn-outline-primary" to="/area-personale/certificati/richiedi">
            <Icon name="it-plus-circle" size="sm" className="icon-primary me-2" />
            Richiedi un certificato
          </Link>
        </p>
      ) : null}
      {level < 2 ? (
        <p className="small">
          <Icon name="it-lock" size="sm" className="me-1" />
          Per richiedere o scaricare un certificato ti chiederemo un accesso di livello 2: SPID con il codice
          temporaneo o l&apos;app del tuo gestore, oppure la CIE.
        </p>
      ) : null}

      <h2 className="h3 mt-4">Certificati emessi</h2>
      {!known ? (
        <EmptyState title="Non risulti iscritto nell'anagrafe di un comune aderente">
          <p className="mb-0">
            I certificati anagrafici sono rilasciati dal comune di residenza: il tuo codice fiscale non
            compare nelle anagrafi dei comuni aderenti al portale.
          </p>
        </EmptyState>
      ) : list.total === 0 ? (
        <EmptyState title="Non hai ancora richiesto certificati">
          <p className="mb-0">
            I certificati che richiedi compaiono qui e puoi scaricarli di nuovo quando vuoi.
          </p>
        </EmptyState>
      ) : (
        <>
          <TableBox label="Certificati emessi">
            <table className="table portal-figures">
              <caption className="visually-hidden">
                Certificati emessi, pagina {list.page} di {list.pages}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Certificato</th>
                  <th scope="col">Emesso il</th>
                  <th scope="col">Codice di verifica</th>
                  <th scope="col">Documento</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {CERTIFICATE_KIND_LABEL[c.kind]}
                      <span className="d-block small fw-normal">
                        {c.enteName} · {c.purpose}
                      </span>
                    </th>
                    <td>{formatDateIt(c.issuedAt)}</td>
                    <td>
                      <span className="portal-amount">{formatVerificationCode(c.verificationCode)}</span>
                    </td>
                    <td>
                      <a href={`/area-personale/certificati/${c.id}/pdf`}>
                        Scarica PDF
                        <span className="visually-hidden">
                          {" "}
                          del {CERTIFICATE_KIND_LABEL[c.kind].toLowerCase()} emesso il{" "}
                          {formatDateIt(c.issuedAt)}
                        </span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <Pagination
            page={list.page}
            pageCount={list.pages}
            search={search}
            label="Pagine dei certificati"
          />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
