/**
 * samlify, loaded the way both Node's native ESM and vitest see it: the package is CommonJS and
 * some of its exports (SamlLib, Utility) are only reachable through the default export.
 * The schema validator is registered once here, with its console noise kept out of the logs.
 */
import samlify from "samlify";
import { validate } from "@authenio/samlify-xmllint-wasm";

export const { IdentityProvider, ServiceProvider, SamlLib, Constants, setSchemaValidator } = samlify;
export type IdentityProviderEntity = ReturnType<typeof samlify.IdentityProvider>;
export type ServiceProviderEntity = ReturnType<typeof samlify.ServiceProvider>;

export const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

// The validator prints the whole xmllint result with console.debug and console.error when a
// document is not schema-valid. Those two calls are dropped (the caller logs a short reason
// instead); everything else written to the console passes through untouched.
let validating = 0;
let consoleFiltered = false;
function filterValidatorNoise(): void {
  if (consoleFiltered) return;
  consoleFiltered = true;
  const error = console.error.bind(console);
  const debug = console.debug.bind(console);
  console.error = (...args: unknown[]) => {
    if (validating > 0 && args[0] === "[ERROR] validateXML") return;
    error(...args);
  };
  console.debug = (...args: unknown[]) => {
    const first = args[0] as { valid?: unknown; errors?: unknown } | undefined;
    if (validating > 0 && args.length === 1 && first && first.valid === false && "errors" in first) return;
    debug(...args);
  };
}

let validatorReady = false;
export function ensureSchemaValidator(): void {
  if (validatorReady) return;
  validatorReady = true;
  filterValidatorNoise();
  setSchemaValidator({
    validate: async (xml: string) => {
      validating++;
      try {
        return await validate(xml);
      } finally {
        validating--;
      }
    },
  });
}
