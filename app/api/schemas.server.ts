// The request bodies of /api/v1 as zod schemas: strict objects, so that a property the schema does
// not name is refused (400) instead of silently dropped, and a client's typo (`dueDates`) shows at
// once. `requestBodyJsonSchemas` turns the same schemas into the OpenAPI document's
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

let generated: Record<string, unknown> | null = null;

/**
 * The request bodies as OpenAPI 3.0 schemas, generated from the zod schemas for their input
 * (what a client sends, before defaults and normalisation). Objects come out with
 * `additionalProperties: false`; nested bodies are `$ref`s to their own component.
 */
export function requestBodyJsonSchemas(): Record<string, unknown> {
  if (generated) return generated;
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(requestBodySchemas())) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: "openapi-3.0",
    io: "input",
    unrepresentable: "throw",
    uri: (id) => `#/components/schemas/${id}`,
  });
  // OpenAPI 3.0 schema objects have no $id: the component's name is its identity.
  generated = Object.fromEntries(
    Object.entries(schemas).map(([id, { $id: _id, ...schema }]) => [id, schema]),
  );
  return generated;
}
