import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/breadcrumb";
import { pageMeta } from "~/components/site";
import { requireLevel } from "~/auth/guards.server";
import { spidAttributes } from "~/auth/session.server";
import { ATTRIBUTE_LABELS, CREDENTIAL_LABELS, RECEIVED_DATA, levelLabel } from "~/auth/spid-labels";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(data ? data.title : "Dati ricevuti all'accesso", matches);

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
    .map(([name, value]) => ({ name, label: ATTRIBUTE_LABELS[name] ?? name, value }));
  return json(
    {
      rows,
      title: RECEIVED_DATA[session.credential].title,
      cie: session.credential === "cie",
      credential: CREDENTIAL_LABELS[session.credential],
      access: levelLabel(session.credential, session.spid_level),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function SpidData() {
  const { rows, title, cie, credential, access } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb items={[{ label: "Area personale", to: "/area-personale" }, { label: title }]} />
      <h1>{title}</h1>
      <p className="lead">
        I dati che il gestore della tua identità digitale ({credential}) ha trasmesso al portale
        all&apos;ultimo accesso ({access}). Sono in sola lettura: per correggerli rivolgiti al gestore di
        identità
        {cie ? " o al tuo comune" : ""}.
      </p>
      {rows.length ? (
        <dl className="row portal-dl">
          {rows.map((r) => (
            <div key={r.name} className="col-12 col-sm-6">
              <dt>{r.label}</dt>
              <dd>{r.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>Il gestore di identità non ha trasmesso altri dati.</p>
      )}
    </>
  );
}
