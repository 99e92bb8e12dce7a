import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Fascicolo del cittadino" }];

export default function Home() {
  return (
    <main className="container my-5">
      <h1>Fascicolo del cittadino</h1>
    </main>
  );
}
