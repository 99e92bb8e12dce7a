// Any URL no other route claims answers 404 with the portal's own page (rendered by the root
// ErrorBoundary inside the normal layout, title included), not with the framework's default.
export async function loader() {
  throw new Response("Pagina non trovata", { status: 404, statusText: "Not Found" });
}

export default function NotFoundRoute() {
  return null;
}
