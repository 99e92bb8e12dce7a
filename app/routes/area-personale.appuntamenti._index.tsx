import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCitizen } from "~/auth/guards.server";
import { nowIso } from "~/clock.server";
import { Breadcrumb } from "~/components/breadcrumb";
import { EmptyState } from "~/components/dossier/empty-state";
import { humanizeCode } from "~/rules/italian";
import { formatTimeIt } from "~/rules/time";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { Icon } from "~/components/icon";
import { pageMeta } from "~/components/site";
import { listAppointments } from "~/dossier/appointments.server";
import { metaT } from "~/i18n/instance";
import { messagesLoader, useFormat } from "~/i18n/react";

export const handle = { i18n: ["appointments"] };

export const clientLoader = messagesLoader(["appointments"]);

export const meta: MetaFunction<typeof loader> = ({ error, matches }) => {
  const t = metaT(matches, "appointments");
  return error ? errorMeta(error, matches) : pageMeta(t("title"), matches);
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { citizenId } = await requireCitizen(request, context);
  if (citizenId === null) return json({ known: false, upcoming: [], past: [] });
  const { upcoming, past } = await listAppointments(context.db, citizenId, nowIso(context.config));
  return json({ known: true, upcoming, past });
}

export default function Appuntamenti() {
  const { known, upcoming, past } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const cancelled = searchParams.get("annullato") === "1";
  const { t } = useTranslation("appointments");
  const f = useFormat();
  return (
    <>
      <Breadcrumb items={[{ label: t("common:nav.area"), to: "/area-personale" }, { label: t("title") }]} />
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      {cancelled ? (
        <div className="alert alert-success" role="status">
          {t("cancelled")}
        </div>
      ) : null}
      {known ? (
        <p>
          <Link to="/area-personale/appuntamenti/prenota" className="btn btn-primary">
            <Icon name="it-calendar" size="sm" className="icon-white me-2" />
            {t("book")}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="app-prossimi" className="mt-4">
        <h2 id="app-prossimi">{t("upcoming.heading")}</h2>
        {upcoming.length === 0 ? (
          <EmptyState title={t("upcoming.empty")}>
            <p className="mb-0">{known ? t("upcoming.emptyText") : t("upcoming.notKnown")}</p>
          </EmptyState>
        ) : (
          <ul className="list-unstyled">
            {upcoming.map((a) => (
              <li key={a.id} className="portal-list-item">
                <h3>
                  <Link to={`/area-personale/appuntamenti/${a.id}`}>
                    {f.dateTime(a.startsAt)}
                    <span className="visually-hidden">, {humanizeCode(a.service)}</span>
                  </Link>
                </h3>
                <p className="mb-1">
                  {humanizeCode(a.service)} · {t("upcoming.until", { time: formatTimeIt(a.endsAt) })}
                </p>
                <p className="small mb-0">
                  {a.officeName}, {a.enteName} · {a.officeAddress}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="app-passati" className="mt-4">
        <h2 id="app-passati">{t("past.heading")}</h2>
        {past.length === 0 ? (
          <p>{t("past.empty")}</p>
        ) : (
          <div className="table-responsive">
            <table className="table">
              <caption>{t("past.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("past.when")}</th>
                  <th scope="col">{t("past.what")}</th>
                  <th scope="col">{t("past.status")}</th>
                </tr>
              </thead>
              <tbody>
                {past.map((a) => (
                  <tr key={a.id}>
                    <th scope="row" className="fw-normal text-nowrap">
                      {f.dateTime(a.startsAt)}
                    </th>
                    <td>
                      {humanizeCode(a.service)}
                      <div className="small">
                        {a.officeName}, {a.enteName}
                      </div>
                    </td>
                    <td>{a.status === "prenotato" ? t("status.passed") : t(`status.${a.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
