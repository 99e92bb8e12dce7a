import { useRouteLoaderData } from "@remix-run/react";

interface RootData {
  user?: { csrfToken?: string } | null;
}

/**
 * The session's anti-forgery token as a hidden field ("csrf"), for every form that changes
 * something. Without a `token` prop it reads the one the root loader puts in the layout user.
 */
export function CsrfInput({ token }: { token?: string }) {
  const root = useRouteLoaderData("root") as RootData | undefined;
  const value = token ?? root?.user?.csrfToken ?? "";
  return <input type="hidden" name="csrf" value={value} />;
}
