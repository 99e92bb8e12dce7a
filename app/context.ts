import type { Logger } from "pino";
import type { Db } from "../db/schema";
import type { Config } from "~/env.server";

/**
 * What server.ts hands every loader and action: one database handle and one configuration for
 * the whole process (never a second instance of either).
 */
export interface PortalContext {
  db: Db;
  config: Config;
  /** Per-request CSP nonce for inline scripts. */
  cspNonce: string;
  requestId: string;
  /** Set by the SAML layer when a login response was refused (rendered by a Remix route). */
  samlError?: { code: string; status: number; detail?: string };
  /** Set when a write came with an Origin other than the portal's (readForm answers 403). */
  foreignOrigin?: boolean;
  /** The process's pino logger (errors of loaders, actions and rendering go through it). */
  logger?: Logger;
  /** Shared services registered by server.ts (SAML, payments...). */
  services: Record<string, unknown>;
}

declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends PortalContext {}
}
