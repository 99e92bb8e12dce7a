import { createContext, useContext } from "react";

/** The per-request CSP nonce, for the few inline scripts the layout needs. */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
