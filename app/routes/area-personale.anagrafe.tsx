import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { ATTRIBUTE_LABELS } from "~/auth/spid-labels";
import { todayIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/components/site";
import { getCitizen, getHousehold, getResidences, spidFields } from "~/dossier/registry.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const handle = { i18n: ["registry", "area"] };

export const clientLoader = messagesLoader(["registry"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  if (error) return errorMeta(error, matches);
  const t = metaT(matches, "registry");
  return pageMeta(t("anagrafe.title"), matches);
};

/** The attribute behind each label spidFields writes, so that the page can name it in its language. */
const ATTRIBUTE_OF_LABEL = new Map(Object.entries(ATTRIBUTE_LABELS).map(([key, label]) => [label, key]));

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session, citizenId } = await requireCitizen(request, context);
  const today = todayIso(context.config);
  const spid = spidFields(session).map((f) => ({ ...f, key: ATTRIBUTE_OF_LABEL.get(f.label) ?? null }));
  const received = session.credential;
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

/** A value as spidFields writes it (Italian sex, "dd/mm/yyyy" dates), in the page's language. */
function spidValue(
  key: string | null,
  value: string,
  t: (key: string) => string,
  date: (iso: string) => string,
): string {
  if (key === "gender" && (value === "Maschile" || value === "Femminile")) {
    return t(value === "Maschile" ? "sex.M" : "sex.F");
  }
  if (key === "dateOfBirth" && /^\d{2}\/\d{2}\/\d{4}$/.test(value)) return date(value.split("/").reverse().join("-"));
  return value;
}

export default function Anagrafe() {
  const { spid, received, registry } = useLoaderData<typeof loader>();
  const { t } = useTranslation("registry");
  const f = useFormat();
  const current = registry?.residences.find((r) => r.endDate === null) ?? null;
  const past = registry?.residences.filter((r) => r.endDate !== null) ?? [];
  return (
    <>
      <Breadcrumb items={[{ label: t("common:nav.area"), to: "/area-personale" }, { label: t("anagrafe.title") }]} />
      <h1>{t("anagrafe.title")}</h1>
      <p className="lead">{t("anagrafe.lead")}</p>

      <section className="portal-section-box" aria-labelledby="ana-spid">
        <h2 id="ana-spid">{t("anagrafe.spid.heading")}</h2>
        <p>
          {t("anagrafe.spid.intro")}{" "}
          <Link to="/area-personale/dati-spid">{t(`area:receivedData.${received}`)}</Link>.
        </p>
        {spid.length === 0 ? (
          <p className="mb-0">{t("anagrafe.spid.none")}</p>
        ) : (
          <dl className="row portal-dl mb-0">
            {spid.map((field) => (
              <div key={field.label} className="col-12 col-md-6">
                <dt>
                  {field.key ? t(`attribute.${field.key}`) : field.label}
                  <span className="portal-source">{t("sourceSpid")}</span>
                </dt>
                <dd>{spidValue(field.key, field.value, t, f.date)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      {registry === null ? (
        <EmptyState title={t("anagrafe.unknown.title")}>
          <p>{t("anagrafe.unknown.text")}</p>
          <p className="mb-0">
            <Trans
              i18nKey="anagrafe.unknown.book"
              t={t}
              components={{ booking: <Link to="/area-personale/appuntamenti" /> }}
            />
          </p>
        </EmptyState>
      ) : (
        <>
          <section className="portal-section-box" aria-labelledby="ana-registro">
            <h2 id="ana-registro">{t("anagrafe.registry.heading")}</h2>
            <p>{t("anagrafe.registry.intro")}</p>
            <dl className="row portal-dl mb-0">
              {[
                ["name", registry.citizen.name],
                ["surname", registry.citizen.surname],
                ["codiceFiscale", registry.citizen.codiceFiscale],
                ["sex", t(registry.citizen.sex === "F" ? "sex.F" : "sex.M")],
                ["birthDate", f.date(registry.citizen.birthDate)],
                [
                  "birthPlace",
                  registry.citizen.birthProvince
                    ? `${registry.citizen.birthPlace} (${registry.citizen.birthProvince})`
                    : registry.citizen.birthPlace,
                ],
                ["citizenship", registry.citizen.citizenship],
              ].map(([label, value]) => (
                <div key={label} className="col-12 col-md-6">
                  <dt>
                    {t(`anagrafe.registry.${label}`)}
                    <span className="portal-source">{t("sourceRegistry")}</span>
                  </dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </section>

          <section className="portal-section-box" aria-labelledby="ana-residenza">
            <h2 id="ana-residenza">{t("anagrafe.residence.heading")}</h2>
            {current ? (
              <dl className="row portal-dl">
                <div className="col-12 col-md-6">
                  <dt>{t("anagrafe.residence.address")}</dt>
                  <dd>
                    {current.address}, {current.postalCode} {current.comune}
                    {current.province ? ` (${current.province})` : ""}
                  </dd>
                </div>
                <div className="col-12 col-md-6">
                  <dt>{t("anagrafe.residence.since")}</dt>
                  <dd>{f.date(current.startDate)}</dd>
                </div>
              </dl>
            ) : (
              <p>{t("anagrafe.residence.noCurrent")}</p>
            )}
            <h3 className="h5">{t("anagrafe.residence.pastHeading")}</h3>
            {past.length === 0 ? (
              <p className="mb-0">{t("anagrafe.residence.noPast")}</p>
            ) : (
              <div className="table-responsive">
                <table className="table">
                  <caption>{t("anagrafe.residence.pastCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("anagrafe.residence.address")}</th>
                      <th scope="col">{t("anagrafe.residence.from")}</th>
                      <th scope="col">{t("anagrafe.residence.to")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {past.map((r) => (
                      <tr key={r.id}>
                        <th scope="row" className="fw-normal">
                          {r.address}, {r.postalCode} {r.comune}
                        </th>
                        <td className="text-nowrap">{f.date(r.startDate)}</td>
                        <td className="text-nowrap">{r.endDate ? f.date(r.endDate) : ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="portal-section-box" aria-labelledby="ana-famiglia">
            <h2 id="ana-famiglia">{t("anagrafe.household.heading")}</h2>
            {registry.household === null ? (
              <p className="mb-0">{t("anagrafe.household.none")}</p>
            ) : (
              <>
                <p>
                  {t("anagrafe.household.summary", {
                    code: registry.household.code,
                    comune: registry.household.comune,
                    address: registry.household.address,
                  })}{" "}
                  {t("anagrafe.household.members", { count: registry.household.members.length })}
                </p>
                <table className="table">
                  <caption>{t("anagrafe.household.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("anagrafe.household.nameColumn")}</th>
                      <th scope="col">{t("anagrafe.household.relationColumn")}</th>
                      <th scope="col">{t("anagrafe.household.ageColumn")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {registry.household.members.map((m) => (
                      <tr key={m.citizenId}>
                        <th scope="row" className="fw-normal">
                          {m.name} {m.surname}
                          {m.isSelf ? <span className="ms-1 fw-semibold">{t("anagrafe.household.you")}</span> : null}
                        </th>
                        <td>{t(`relation.${m.relation}.${m.sex}`, { defaultValue: m.relation })}</td>
                        <td>
                          {t("anagrafe.household.age", { count: m.age })}
                          {m.minor ? (
                            <>
                              {" "}
                              <span className="badge bg-primary ms-1">{t("anagrafe.household.minor")}</span>
                            </>
                          ) : null}
                          <div className="small">
                            {t(m.sex === "F" ? "anagrafe.household.born.F" : "anagrafe.household.born.M", {
                              date: f.date(m.birthDate),
                            })}
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
