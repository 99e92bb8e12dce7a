// Compiles server.ts (and what it imports from app/, db/, saml/) into plain JavaScript under
// build/server/, so that production runs no TypeScript loader. npm packages stay external; "~/…"
// is app/ (tsconfig.json's paths), resolved here because "packages: external" would otherwise
// leave it to Node as if it were a package.
import path from "node:path";
import { build } from "esbuild";

const appDir = path.resolve("app");

await build({
  entryPoints: ["server.ts"],
  outfile: "build/server/server.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  plugins: [
    {
      name: "app-alias",
      setup(b) {
        b.onResolve({ filter: /^~\// }, (args) =>
          b.resolve(`./${args.path.slice(2)}`, { kind: args.kind, resolveDir: appDir }),
        );
      },
    },
  ],
});
