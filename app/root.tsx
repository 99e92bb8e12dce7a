import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { DEFAULT_LOCALE } from "~/i18n/config";
import { bootstrapItaliaLinks } from "~/components/bootstrap-italia";
import "~/components/bootstrap-italia.client";
import { DemoNotice } from "~/components/demo-notice";
import { errorMeta, GeneralErrorBoundary } from "~/components/error-boundary";
import { markHydrated } from "~/components/hydrated";
import { getLayoutUser } from "~/auth/layout-user.server";
import { useNonce } from "~/components/nonce";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { DEFAULT_SITE, pageMeta, siteInfo } from "~/components/site";
import { Skiplinks } from "~/components/skiplinks";
import { localeOf } from "~/i18n/i18n.server";
import { I18nScript } from "~/i18n/react";
import { MESSAGES_VERSION } from "~/i18n/resources.server";
import portalStyles from "~/styles/portal.css";

export const links: LinksFunction = () => [
  ...bootstrapItaliaLinks(),
  { rel: "stylesheet", href: portalStyles },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/apple-touch-icon.png" },
];

export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? errorMeta(error, matches) : pageMeta(null, matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getLayoutUser(request, context), localeOf(request)]);
  return json({
    user,
    site: siteInfo(context.config),
    requestId: context.requestId,
    locale,
    messagesVersion: MESSAGES_VERSION,
  });
}

/** Header, main and footer around every page, error pages included. */
export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // Undefined when the root loader itself failed: the layout then falls back to fixed details.
  const data = useRouteLoaderData<typeof loader>("root");
  const site = data?.site ?? DEFAULT_SITE;
  const locale = data?.locale ?? DEFAULT_LOCALE;

  useEffect(markHydrated, []);

  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Skiplinks />
        <SiteHeader site={site} user={data?.user ?? null}>
          <DemoNotice site={site} />
        </SiteHeader>
        <main id="main-content" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter site={site} />
        <I18nScript version={data?.messagesVersion ?? ""} nonce={nonce} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
