import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { formatShareBp } from "~/rules/italian";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav } from "~/components/taxpayer/taxpayer-nav";
import { latestTaxYears, listProperties } from "~/dossier/taxpayer.server";
import { formatDateIt } from "~/rules/time";
import { formatEuroSymbol } from "~/rules/money";

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Immobili", matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  if (citizenId === null) return json({ properties: [], latest: { imu: null, tari: null } });
  const [properties, latest] = await Promise.all([
    listProperties(context.db, citizenId),
    latestTaxYears(context.db, citizenId),
  ]);
  return json({ properties, latest });
}

export default function Immobili() {
  const { properties, latest } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Fascicolo del contribuente", to: "/area-personale/contribuente" },
          { label: "Immobili" },
        ]}
      />
      <h1>Immobili</h1>
      <p className="lead">
        Gli immobili di cui risulti proprietario o titolare di un diritto reale, con i dati catastali su cui
        si calcola l&apos;IMU.
      </p>
      <TaxpayerNav current="immobili" latest={latest} />
      {properties.length === 0 ? (
        <EmptyState title="Non risultano immobili a tuo nome">
          <p className="mb-0">
            Nel catasto dei comuni aderenti non ci sono immobili intestati al tuo codice fiscale. Se hai
            acquistato un immobile da poco, i dati compariranno dopo la registrazione dell&apos;atto.
          </p>
        </EmptyState>
      ) : (
        <TableBox label="Immobili a tuo nome">
          <table className="table portal-figures">
            <caption>
              {properties.length === 1 ? "1 immobile" : `${properties.length} immobili`} a tuo nome
            </caption>
            <thead>
              <tr>
                <th scope="col">Immobile</th>
                <th scope="col">Comune</th>
                <th scope="col">Foglio</th>
                <th scope="col">Particella</th>
                <th scope="col">Sub.</th>
                <th scope="col">Categoria</th>
                <th scope="col" className="portal-num">
                  Rendita
                </th>
                <th scope="col" className="portal-num">
                  Quota
                </th>
                <th scope="col">Abitazione principale</th>
              </tr>
            </thead>
            <tbody>
              {properties.map((p) => (
                <tr key={p.ownershipId}>
                  <th scope="row">
                    {p.address}
                    <span className="d-block small fw-normal">
                      {p.surfaceM2} m² · dal {formatDateIt(p.fromDate)}
                    </span>
                  </th>
                  <td>
                    {p.comune.replace(/^Comune di /, "")}
                    {p.belfiore ? <span className="d-block small">cod. {p.belfiore}</span> : null}
                  </td>
                  <td>{p.foglio}</td>
                  <td>{p.particella}</td>
                  <td>{p.subalterno}</td>
                  <td>{p.category}</td>
                  <td className="portal-num">{formatEuroSymbol(p.renditaCents)}</td>
                  <td className="portal-num">{formatShareBp(p.shareBp)}</td>
                  <td>{p.mainHome ? "Sì" : "No"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <p className="small mt-3">
        Fonte: banca dati catastale e dichiarazioni IMU presso i comuni. Per correggere un dato catastale
        rivolgiti all&apos;Agenzia delle Entrate; per l&apos;abitazione principale all&apos;ufficio tributi
        del comune.
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
