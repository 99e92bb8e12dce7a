import type { AppLoadContext } from "@remix-run/node";

export interface IdpSummary {
  id: string;
  enteId: string;
  name: string;
}

/** What the Remix side may ask the SAML layer (registered by server.ts as services.saml). */
export interface SamlService {
  listIdps(): IdpSummary[];
  findIdp(key: string): IdpSummary | undefined;
  defaultLevel: 1 | 2 | 3;
}

export function samlService(context: AppLoadContext): SamlService {
  const service = context.services.saml as SamlService | null | undefined;
  if (!service) throw new Error("Servizio SAML non disponibile");
  return service;
}
