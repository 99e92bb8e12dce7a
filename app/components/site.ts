import type { MetaDescriptor } from "@remix-run/node";
import { useRouteLoaderData } from "@remix-run/react";

/** What the layout shows about the administration that runs the portal. No personal data. */
export interface SiteInfo {
  /** The administration, shown in the slim header and in the footer. */
  enteName: string;
  enteUrl: string;
  /** The portal's own name, shown in the centre header and in every page title. */
  portalName: string;
  address: string;
  email: string;
  /** Digits with an optional leading "+", as in ORG_PHONE. */
  phone: string;
  /** Data protection officer (responsabile della protezione dei dati). */
  dpoEmail: string;
  /** Demo mode: the data on screen is invented. */
  demo: boolean;
  /** A demo reachable from other machines (DEMO_PUBLIC): anyone may log in as anyone. */
  demoPublic: boolean;
}

/**
 * The one place where the administration's fixed details live. The portal name, the e-mail address
 * and the phone number come from the configuration (ORG_DISPLAY_NAME, ORG_EMAIL, ORG_PHONE).
 */
export const DEFAULT_SITE: SiteInfo = {
  enteName: "Regione Piemonte",
  enteUrl: "https://www.regione.piemonte.it",
  portalName: "Fascicolo del cittadino",
  address: "Piazza Castello 165, 10122 Torino",
  email: "portale@regione.demo.it",
  phone: "+390110000000",
  dpoEmail: "rpd@regione.demo.it",
  demo: false,
  demoPublic: false,
};

export function siteInfo(config: {
  demo: boolean;
  demoPublic?: boolean;
  org: { displayName: string; email: string; phone: string };
}): SiteInfo {
  return {
    ...DEFAULT_SITE,
    portalName: config.org.displayName,
    email: config.org.email,
    phone: config.org.phone,
    demo: config.demo,
    demoPublic: config.demo && config.demoPublic === true,
  };
}

/** "+390110000000" -> "+39 0110000000", readable but still one number. */
export function formatPhone(phone: string): string {
  const m = /^\+39(\d+)$/.exec(phone);
  return m ? `+39 ${m[1]}` : phone;
}

interface MatchWithData {
  id: string;
  data: unknown;
}

/** The portal name, taken from the root loader's data when it is there. */
export function portalNameFrom(matches: readonly MatchWithData[] | undefined): string {
  const root = matches?.find((m) => m.id === "root")?.data as { site?: SiteInfo } | undefined;
  return root?.site?.portalName ?? DEFAULT_SITE.portalName;
}

/**
 * Meta tags for a page: `<title>` as "Page - Fascicolo del cittadino" and an optional description.
 * Use it in every route's `meta`: `export const meta: MetaFunction = ({ matches }) =>
 * pageMeta("Privacy", matches, "...")`.
 */
export function pageMeta(
  title: string | null,
  matches?: readonly MatchWithData[],
  description?: string,
): MetaDescriptor[] {
  const portal = portalNameFrom(matches);
  const tags: MetaDescriptor[] = [{ title: title ? `${title} - ${portal}` : portal }];
  if (description) tags.push({ name: "description", content: description });
  return tags;
}

/** The administration's details inside a component, from the root loader's data when it is there. */
export function useSiteInfo(): SiteInfo {
  const root = useRouteLoaderData("root") as { site?: SiteInfo } | undefined;
  return root?.site ?? DEFAULT_SITE;
}
