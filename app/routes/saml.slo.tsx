import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loginErrorResponse } from "~/auth/login-error.server";
import { LoginErrorPage, loginErrorKey } from "~/components/login-error-page";
import { pageMeta } from "~/components/site";
import { metaT } from "~/i18n/instance";
import { messagesLoader } from "~/i18n/react";

export const handle = { i18n: ["login"] };

export const clientLoader = messagesLoader(["login"]);

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches, "login");
  return pageMeta(t(`${loginErrorKey(data?.code)}.title`), matches);
};

/** Only a refused SAML message is rendered here (see app/components/login-error-page.tsx). */
export async function loader({ context }: LoaderFunctionArgs) {
  return loginErrorResponse(context);
}

export default function SamlError() {
  return <LoginErrorPage data={useLoaderData<typeof loader>()} />;
}
