import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Breadcrumb } from "~/components/breadcrumb";
import { accessLabel } from "~/components/dossier/area-nav";
import { pageMeta } from "~/components/site";
import { requireLevel } from "~/auth/guards.server";
import { spidAttributes } from "~/auth/session.server";
import { ATTRIBUTE_LABELS } from "~/auth/spid-labels";
import { metaT } from "~/i18n/instance";
import { messagesLoader } from "~/i18n/react";

export const handle = { i18n: ["registry", "area"] };

export const clientLoader = messagesLoader(["registry"]);

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches, "registry");
  return pageMeta(data ? t(`received.${data.credential}.title`) : t("spidData.fallbackTitle"), matches);
};

/**
 * Every attribute the IdP sent (contacts, domicile, birth data; CIE sends only name, surname, date
 * of birth and codice fiscale). It shows more personal data than the dashboard, so it asks for
 * level 2: a level-1 session is sent back to its IdP first.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await requireLevel(request, context, 2);
  const attributes = spidAttributes(session);
  const known = Object.keys(ATTRIBUTE_LABELS);
  const rows = Object.entries(attributes)
    .sort(([a], [b]) => {
      const ia = known.indexOf(a);
      const ib = known.indexOf(b);
      return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib) || a.localeCompare(b);
    })
    .map(([name, value]) => ({ name, known: Object.hasOwn(ATTRIBUTE_LABELS, name), value }));
  return json(
    { rows, credential: session.credential, level: session.spid_level },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function SpidData() {
  const { rows, credential, level } = useLoaderData<typeof loader>();
  const { t } = useTranslation("registry");
  // How one entered is worded once, in the area namespace.
  const { t: areaT } = useTranslation("area");
  const title = t(`received.${credential}.title`);
  const access = accessLabel(areaT, credential, level);
  return (
    <>
      <Breadcrumb items={[{ label: t("common:nav.area"), to: "/area-personale" }, { label: title }]} />
      <h1>{title}</h1>
      <p className="lead">
        {t(credential === "cie" ? "spidData.leadCie" : "spidData.lead", {
          credential: areaT(`credential.${credential}`),
          access,
        })}
      </p>
      {rows.length ? (
        <dl className="row portal-dl">
          {rows.map((r) => (
            <div key={r.name} className="col-12 col-sm-6">
              <dt>{r.known ? t(`attribute.${r.name}`) : r.name}</dt>
              <dd>{r.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{t("spidData.none")}</p>
      )}
    </>
  );
}
