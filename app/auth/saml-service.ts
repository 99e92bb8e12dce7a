import type { AppLoadContext } from "@remix-run/node";
import type { Credential } from "~/rules/identity";

export interface IdpSummary {
  id: string;
  enteId: string;
  name: string;
  credential: Credential;
}

/** What the Remix side may ask the SAML layer (registered by server.ts as services.saml). */
export interface SamlService {
  /** Every IdP, or those of one credential ("Entra con SPID" lists SPID's). */
  listIdps(credential?: Credential): IdpSummary[];
  findIdp(key: string): IdpSummary | undefined;
  defaultLevel: 1 | 2 | 3;
}

export function samlService(context: AppLoadContext): SamlService {
  const service = context.services.saml as SamlService | null | undefined;
  if (!service) throw new Error("Servizio SAML non disponibile");
  return service;
}
