import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCitizen } from "~/auth/guards.server";
import { RECEIVED_DATA } from "~/auth/spid-labels";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { RELATION_LABEL } from "~/dossier/labels";
import { getCitizen, getHousehold, getResidences, spidFields } from "~/dossier/registry.server";
import { formatDateIt } from "~/rules/time";

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta("Dati anagrafici", matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const today = todayIso(context.config);
  const spid = spidFields(session);
  const received = RECEIVED_DATA[session.credential].link;
  if (citizenId === null) return json({ spid, received, registry: null });
  const [citizen, residences, household] = await Promise.all([
    getCitizen(context.db, citizenId),
    getResidences(context.db, citizenId),
    getHousehold(context.db, citizenId, today),
  ]);
  if (!citizen) return json({ spid, received, registry: null });
  return json({
    spid,
    received,
    registry: {
      citizen: {
        name: citizen.name,
        surname: citizen.surname,
        codiceFiscale: citizen.codice_fiscale,
        sex: citizen.sex,
        birthDate: citizen.birth_date,
        birthPlace: citizen.birth_place,
        birthProvince: citizen.birth_province,
        citizenship: citizen.citizenship,
      },
      residences,
      household,
    },
  });
}

export default function Anagrafe() {
  const { spid, received, registry } = useLoaderData<typeof loader>();
  const current = registry?.residences.find((r) => r.endDate === null) ?? null;
  const past = registry?.residences.filter((r) => r.endDate !== null) ?? [];
  return (
    <>
      <Breadcrumb items={[{ label: "Area personale", to: "/area-personale" }, { label: "Dati anagrafici" }]} />
      <h1>Dati anagrafici</h1>
      <p className="lead">
        I tuoi dati personali, la residenza e la famiglia anagrafica. Sono in sola lettura: per correggerli rivolgiti
        all&apos;ufficio anagrafe del tuo comune (dati dell&apos;anagrafe) o al gestore della tua identità digitale
        (SPID o CIE).
      </p>

      <section className="portal-section-box" aria-labelledby="ana-spid">
        <h2 id="ana-spid">Dati della tua identità digitale</h2>
        <p>
          Questi dati li ha comunicati il gestore della tua identità digitale al momento dell&apos;accesso.{" "}
          <Link to="/area-personale/dati-spid">{received}</Link>.
        </p>
        {spid.length === 0 ? (
          <p className="mb-0">Il gestore non ha comunicato altri dati oltre al codice fiscale.</p>
        ) : (
          <dl className="row portal-dl mb-0">
            {spid.map((f) => (
              <div key={f.label} className="col-12 col-md-6">
                <dt>
                  {f.label}
                  <span className="portal-source">Fonte: SPID</span>
                </dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      {registry === null ? (
        <EmptyState title="Non risultano dati anagrafici a tuo nome nei comuni aderenti">
          <p>
            Il tuo codice fiscale non compare nelle anagrafi dei comuni che partecipano al portale: per questo non vediamo
            residenza né famiglia anagrafica.
          </p>
          <p className="mb-0">
            Se risiedi in uno di questi comuni, rivolgiti al suo ufficio anagrafe. Puoi{" "}
            <Link to="/area-personale/appuntamenti">prenotare un appuntamento</Link>.
          </p>
        </EmptyState>
      ) : (
        <>
          <section className="portal-section-box" aria-labelledby="ana-registro">
            <h2 id="ana-registro">Dati dell&apos;anagrafe</h2>
            <p>Questi dati sono registrati nell&apos;anagrafe del comune.</p>
            <dl className="row portal-dl mb-0">
              {[
                ["Nome", registry.citizen.name],
                ["Cognome", registry.citizen.surname],
                ["Codice fiscale", registry.citizen.codiceFiscale],
                ["Sesso", registry.citizen.sex === "F" ? "Femminile" : "Maschile"],
                ["Data di nascita", formatDateIt(registry.citizen.birthDate)],
                [
                  "Luogo di nascita",
                  registry.citizen.birthProvince
                    ? `${registry.citizen.birthPlace} (${registry.citizen.birthProvince})`
                    : registry.citizen.birthPlace,
                ],
                ["Cittadinanza", registry.citizen.citizenship],
              ].map(([label, value]) => (
                <div key={label} className="col-12 col-md-6">
                  <dt>
                    {label}
                    <span className="portal-source">Fonte: anagrafe</span>
                  </dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </section>

          <section className="portal-section-box" aria-labelledby="ana-residenza">
            <h2 id="ana-residenza">Residenza</h2>
            {current ? (
              <dl className="row portal-dl">
                <div className="col-12 col-md-6">
                  <dt>Indirizzo</dt>
                  <dd>
                    {current.address}, {current.postalCode} {current.comune}
                    {current.province ? ` (${current.province})` : ""}
                  </dd>
                </div>
                <div className="col-12 col-md-6">
                  <dt>Residente dal</dt>
                  <dd>{formatDateIt(current.startDate)}</dd>
                </div>
              </dl>
            ) : (
              <p>Non risulta una residenza attuale nei comuni aderenti.</p>
            )}
            <h3 className="h5">Residenze precedenti</h3>
            {past.length === 0 ? (
              <p className="mb-0">Non risultano residenze precedenti nei comuni aderenti.</p>
            ) : (
              <div className="table-responsive">
                <table className="table">
                  <caption>Residenze precedenti, dalla più recente</caption>
                  <thead>
                    <tr>
                      <th scope="col">Indirizzo</th>
                      <th scope="col">Dal</th>
                      <th scope="col">Al</th>
                    </tr>
                  </thead>
                  <tbody>
                    {past.map((r) => (
                      <tr key={r.id}>
                        <th scope="row" className="fw-normal">
                          {r.address}, {r.postalCode} {r.comune}
                        </th>
                        <td className="text-nowrap">{formatDateIt(r.startDate)}</td>
                        <td className="text-nowrap">{r.endDate ? formatDateIt(r.endDate) : ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="portal-section-box" aria-labelledby="ana-famiglia">
            <h2 id="ana-famiglia">Famiglia anagrafica</h2>
            {registry.household === null ? (
              <p className="mb-0">Non risulta un&apos;iscrizione a una famiglia anagrafica nei comuni aderenti.</p>
            ) : (
              <>
                <p>
                  Famiglia anagrafica n. {registry.household.code} ({registry.household.comune}), in{" "}
                  {registry.household.address}.{" "}
                  {registry.household.members.length === 1
                    ? "Ne fai parte solo tu."
                    : `La compongono ${registry.household.members.length} persone.`}
                </p>
                <table className="table">
                  <caption>Componenti della famiglia anagrafica</caption>
                  <thead>
                    <tr>
                      <th scope="col">Nome e cognome</th>
                      <th scope="col">Relazione</th>
                      <th scope="col">Età</th>
                    </tr>
                  </thead>
                  <tbody>
                    {registry.household.members.map((m) => (
                      <tr key={m.citizenId}>
                        <th scope="row" className="fw-normal">
                          {m.name} {m.surname}
                          {m.isSelf ? <span className="ms-1 fw-semibold">(tu)</span> : null}
                        </th>
                        <td>{RELATION_LABEL[m.relation]?.[m.sex] ?? m.relation}</td>
                        <td>
                          {m.age} anni
                          {m.minor ? (
                            <>
                              {" "}
                              <span className="badge bg-primary ms-1">minorenne</span>
                            </>
                          ) : null}
                          <div className="small">
                            {m.sex === "F" ? "nata" : "nato"} il {formatDateIt(m.birthDate)}
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
