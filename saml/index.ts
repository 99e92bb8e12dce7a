import express from "express";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Config } from "../app/env.server";
import type { Database } from "../db/schema";

export interface SamlDeps {
  db: Kysely<Database>;
  config: Config;
  logger: Logger;
  /** Project root (for saml/idps and the demo IdP's files). */
  root: string;
}

export interface SamlSetup {
  router: express.Router;
  /** Origins of the IdPs' SSO endpoints, allowed in the CSP form-action. */
  formActionOrigins: string[];
  service: unknown;
  close?: () => Promise<void>;
}

export async function createSaml(_deps: SamlDeps): Promise<SamlSetup> {
  return { router: express.Router(), formActionOrigins: [], service: null };
}
