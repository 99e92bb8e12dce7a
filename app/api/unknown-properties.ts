// Request bodies are held to their OpenAPI schemas' `additionalProperties: false`: a property the
// schema does not name is refused (400), not silently dropped, so that a typo in a client
// (`dueDates`, `transfers`) is found at once. The schemas are the ones served at
// /api/v1/openapi.json, so the contract and the check cannot drift apart.

type Schema = Record<string, unknown>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function resolve(schema: unknown, schemas: Record<string, unknown>): Schema | null {
  if (!isRecord(schema)) return null;
  const ref = schema.$ref;
  if (typeof ref === "string") {
    const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
    return m ? resolve(schemas[m[1]!], schemas) : null;
  }
  return schema;
}

/**
 * The paths of the properties of `value` that `schema` does not allow, in the API's notation
 * (`paymentOption[0].transfer[1].colour`), in document order. Values of the wrong type are left to
 * the handlers' own validation.
 */
export function unknownProperties(
  value: unknown,
  schema: unknown,
  schemas: Record<string, unknown>,
  path = "",
): string[] {
  const s = resolve(schema, schemas);
  if (!s) return [];
  if (isRecord(value) && (s.type === "object" || isRecord(s.properties))) {
    const properties = isRecord(s.properties) ? s.properties : {};
    const out: string[] = [];
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (Object.prototype.hasOwnProperty.call(properties, key)) {
        out.push(...unknownProperties(value[key], properties[key], schemas, at));
      } else if (s.additionalProperties === false) {
        out.push(at);
      }
    }
    return out;
  }
  if (Array.isArray(value) && s.type === "array") {
    return value.flatMap((item, i) => unknownProperties(item, s.items, schemas, `${path}[${i}]`));
  }
  return [];
}
