import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { Pagination } from "~/components/dossier/pagination";
import { parsePage, throwBadRequest } from "~/http.server";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { f24CodeLabel } from "~/dossier/labels";
import { taxpayerLinks } from "~/components/taxpayer/styles";
import { TableBox } from "~/components/taxpayer/table-box";
import { TaxpayerNav } from "~/components/taxpayer/taxpayer-nav";
import { latestTaxYears, listF24Payments, parseYearParam } from "~/dossier/taxpayer.server";
import { formatDateIt } from "~/rules/time";
import { formatEuroSymbol } from "~/rules/money";

export const links = taxpayerLinks;

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Versamenti F24", matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  const params = new URL(request.url).searchParams;
  const page = parsePage(params);
  const rawYear = params.get("anno");
  let year: number | undefined;
  if (rawYear !== null && rawYear !== "") {
    const parsed = parseYearParam(rawYear);
    if (parsed === null) throwBadRequest("L'anno indicato non è valido: scegli un anno dall'elenco.");
    year = parsed;
  }
  if (citizenId === null) {
    return json({
      year: year ?? null,
      f24: { items: [], total: 0, totalCents: 0, page: 1, pages: 1, years: [] as number[] },
      latest: { imu: null, tari: null },
    });
  }
  const [f24, latest] = await Promise.all([
    listF24Payments(context.db, citizenId, { year, page }),
    latestTaxYears(context.db, citizenId),
  ]);
  return json({ year: year ?? null, f24, latest });
}

export default function F24History() {
  const { year, f24, latest } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <Breadcrumb
        items={[
          { label: "Area personale", to: "/area-personale" },
          { label: "Fascicolo del contribuente", to: "/area-personale/contribuente" },
          { label: "Versamenti F24" },
        ]}
      />
      <h1>Versamenti con modello F24</h1>
      <p className="lead">
        I versamenti di tributi locali fatti con il modello F24 e comunicati ai comuni dalla struttura di
        gestione dell&apos;Agenzia delle Entrate.
      </p>
      <TaxpayerNav current="f24" latest={latest} />
      {f24.years.length > 1 ? (
        <Form
          method="get"
          className="portal-filters row g-3 align-items-end"
          aria-label="Filtra i versamenti"
        >
          <div className="col-12 col-sm-6 col-md-4">
            <div className="select-wrapper">
              <label htmlFor="f24-anno">Anno del versamento</label>
              <select id="f24-anno" name="anno" defaultValue={year ?? ""}>
                <option value="">Tutti gli anni</option>
                {f24.years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="col-12 col-sm-6 col-md-4 pb-3">
            <button type="submit" className="btn btn-primary">
              Mostra
            </button>
          </div>
        </Form>
      ) : null}
      {f24.total === 0 ? (
        <EmptyState
          title={
            year ? `Non risultano versamenti F24 nel ${year}` : "Non risultano versamenti F24 a tuo nome"
          }
        >
          <p className="mb-0">
            I versamenti con F24 compaiono qui qualche giorno dopo il pagamento, quando l&apos;Agenzia delle
            Entrate li comunica al comune.
          </p>
        </EmptyState>
      ) : (
        <>
          <p>
            {f24.total === 1 ? "1 versamento" : `${f24.total} versamenti`}
            {year ? ` nel ${year}` : ""}, per un totale di <strong>{formatEuroSymbol(f24.totalCents)}</strong>
            .
          </p>
          <TableBox label="Versamenti F24">
            <table className="table portal-figures">
              <caption className="visually-hidden">
                Versamenti F24{year ? ` del ${year}` : ""}, pagina {f24.page} di {f24.pages}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Data</th>
                  <th scope="col">Codice tributo</th>
                  <th scope="col">Codice ente</th>
                  <th scope="col">Anno di riferimento</th>
                  <th scope="col" className="portal-num">
                    Importo
                  </th>
                  <th scope="col">Canale</th>
                </tr>
              </thead>
              <tbody>
                {f24.items.map((f) => (
                  <tr key={f.id}>
                    <th scope="row">{formatDateIt(f.paidDate)}</th>
                    <td>
                      {f.taxCode}
                      <span className="d-block small">{f24CodeLabel(f.taxCode)}</span>
                    </td>
                    <td>{f.enteCode}</td>
                    <td>{f.referenceYear}</td>
                    <td className="portal-num">{formatEuroSymbol(f.amountCents)}</td>
                    <td>{f.channel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <Pagination
            page={f24.page}
            pageCount={f24.pages}
            search={search}
            label="Pagine dei versamenti F24"
          />
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
