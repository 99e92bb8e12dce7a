import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loginErrorResponse } from "~/auth/login-error.server";
import { LoginErrorPage } from "~/components/login-error-page";
import { pageMeta } from "~/components/site";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageMeta(data?.view.title ?? "Accesso non riuscito", matches);

/** Only a refused SAML message is rendered here (see app/components/login-error-page.tsx). */
export async function loader({ context }: LoaderFunctionArgs) {
  return loginErrorResponse(context);
}

export default function SamlError() {
  return <LoginErrorPage data={useLoaderData<typeof loader>()} />;
}
