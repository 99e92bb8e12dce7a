// Compiles server.ts (and what it imports from app/, db/, saml/) into plain JavaScript under
// build/server/, so that production runs no TypeScript loader. npm packages stay external.
import { build } from "esbuild";

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
});
