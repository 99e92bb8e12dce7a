// The request bodies of /api/v1 as zod schemas: strict objects, so that a property the schema does
// not name is refused (400) instead of silently dropped, and a client's typo (`dueDates`) shows at
// once. `componentJsonSchemas` turns the same schemas into the OpenAPI document's
// components.schemas: what the API checks and what it documents are one thing.
import { z } from "zod";
import { debtPositionSchemas, invalidationReasonSchema } from "~/payments/position-schema.server";
import { parseNav } from "~/rules/nav";

const NOT_AN_OBJECT = (iss: { code: string }) =>
  iss.code === "invalid_type" ? "È atteso un oggetto JSON." : undefined;

const CREDITOR_CODE = "Il codice fiscale dell'ente creditore è di 11 cifre.";

export const verifyRequestSchema = z.strictObject(
  {
    noticeNumber: z
      .string({ error: "Indica il codice avviso (18 cifre)." })
      .transform((value, ctx) => {
        const parsed = parseNav(value);
        if (parsed.ok) return parsed.value.nav;
        ctx.addIssue({ code: "custom", message: parsed.reason });
        return z.NEVER;
      })
      .meta({ description: "Codice avviso, 18 cifre (spazi ammessi)." }),
    fiscalCode: z
      .string({ error: CREDITOR_CODE })
      .overwrite((v) => v.trim())
      .regex(/^\d{11}$/, CREDITOR_CODE)
      .meta({ description: "Codice fiscale di un ente: 11 cifre." }),
  },
  { error: NOT_AN_OBJECT },
);

export const publishRequestSchema = z
  .strictObject({}, { error: NOT_AN_OBJECT })
  .meta({ description: "Nessun campo: il corpo, se presente, è un oggetto vuoto." });

export const invalidateRequestSchema = z.strictObject(
  { reason: invalidationReasonSchema },
  { error: NOT_AN_OBJECT },
);

/** The schema of each request body, by its name in components.schemas. */
export function requestBodySchemas(today?: string) {
  const position = debtPositionSchemas({ today });
  return {
    NewTransfer: position.transfer,
    NewPaymentOption: position.option,
    NewDebtPosition: position.position,
    PublishRequest: publishRequestSchema,
    InvalidateRequest: invalidateRequestSchema,
    VerifyRequest: verifyRequestSchema,
  };
}

export type RequestBodyName = keyof ReturnType<typeof requestBodySchemas>;

/**
 * Named zod schemas as OpenAPI 3.0 component schemas: for their input (what a client sends, before
 * defaults and normalisation) or their output (what the API answers). Objects come out with
 * `additionalProperties: false`; a schema used inside another is a `$ref` to its own component.
 */
export function componentJsonSchemas(
  schemas: Record<string, z.ZodType>,
  io: "input" | "output",
): Record<string, Record<string, unknown>> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: generated } = z.toJSONSchema(registry, {
    target: "openapi-3.0",
    io,
    unrepresentable: "throw",
    uri: (id) => `#/components/schemas/${id}`,
  });
  // OpenAPI 3.0 schema objects have no $id: the component's name is its identity.
  return Object.fromEntries(Object.entries(generated).map(([id, { $id: _id, ...schema }]) => [id, schema]));
}
