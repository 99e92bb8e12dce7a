/**
 * Checks HTTP responses against an OpenAPI 3.0 document: the status is documented for the
 * operation, the media type is one the operation declares, required headers are present, and the
 * body matches the schema. Implements the subset of JSON Schema that /api/v1/openapi.json uses:
 * $ref, type (with nullable), properties, required, additionalProperties, items, enum, pattern,
 * minLength/maxLength, minimum/maximum, minItems/maxItems, format date and date-time.
 * A path the document does not know must answer 404, a method it does not declare 405, both as
 * problem+json (as the document's description states).
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, any>;
type Doc = Record<string, any>;

export interface ContractResponse {
  method: string;
  /** Path under the server URL, e.g. /debt-positions/ABC (no query). */
  path: string;
  status: number;
  headers: Headers;
  body: string;
}

function resolve(doc: Doc, node: Schema): Schema {
  let n = node;
  for (let i = 0; n && typeof n.$ref === "string" && i < 20; i++) {
    const parts = (n.$ref as string).replace(/^#\//, "").split("/");
    n = parts.reduce<any>((acc, k) => acc?.[k], doc);
    if (!n) throw new Error(`unresolved $ref ${node.$ref}`);
  }
  return n;
}

const RFC3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Every place where `value` breaks `schema`, as "path: reason" lines (empty when it conforms). */
export function validateSchema(doc: Doc, schemaIn: Schema, value: Json | undefined, path = "$"): string[] {
  const schema = resolve(doc, schemaIn);
  const out: string[] = [];
  if (value === null) {
    if (schema.nullable === true || schema.type === undefined) return out;
    return [`${path}: null not allowed`];
  }
  if (value === undefined) return [`${path}: missing`];
  const type = schema.type as string | undefined;
  const actual = Array.isArray(value) ? "array" : typeof value;
  if (type) {
    const okType =
      type === "integer"
        ? typeof value === "number" && Number.isInteger(value)
        : type === "number"
          ? typeof value === "number"
          : type === actual;
    if (!okType) return [`${path}: expected ${type}, got ${actual}`];
  }
  if (schema.enum && !(schema.enum as Json[]).includes(value))
    out.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === "string") {
    if (schema.pattern && !new RegExp(schema.pattern).test(value))
      out.push(`${path}: does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength)
      out.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      out.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.format === "date" && !isRealDate(value)) out.push(`${path}: not an RFC 3339 full-date`);
    if (schema.format === "date-time" && (!RFC3339_DATE_TIME.test(value) || !isRealDate(value.slice(0, 10))))
      out.push(`${path}: not an RFC 3339 date-time`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      out.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      out.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items)
      value.forEach((v, i) => out.push(...validateSchema(doc, schema.items, v, `${path}[${i}]`)));
  }
  if (actual === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, Json>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) out.push(`${path}.${r}: required`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) out.push(...validateSchema(doc, props[k]!, v, `${path}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${path}.${k}: not allowed`);
      else if (typeof schema.additionalProperties === "object")
        out.push(...validateSchema(doc, schema.additionalProperties, v, `${path}.${k}`));
    }
  }
  return out;
}

function templateMatches(template: string, path: string): boolean {
  const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
  return re.test(path);
}

function problemChecks(doc: Doc, r: ContractResponse, expected: number): string[] {
  const out: string[] = [];
  if (r.status !== expected) out.push(`status ${r.status}, expected ${expected}`);
  const media = (r.headers.get("content-type") ?? "").split(";")[0]!.trim();
  if (media !== "application/problem+json")
    out.push(`content type ${media}, expected application/problem+json`);
  else out.push(...validateSchema(doc, { $ref: "#/components/schemas/Problem" }, JSON.parse(r.body) as Json));
  return out;
}

/** Problems of one response with the document; empty when it conforms. */
export function checkResponse(doc: Doc, r: ContractResponse): string[] {
  const paths = doc.paths as Record<string, Record<string, any>>;
  const template = Object.keys(paths).find((t) => templateMatches(t, r.path));
  if (!template) return problemChecks(doc, r, 404);
  const method = r.method.toLowerCase() === "head" ? "get" : r.method.toLowerCase();
  const op = paths[template]![method];
  if (!op) return problemChecks(doc, r, 405);
  const response = op.responses[String(r.status)] ?? op.responses.default;
  if (!response) return [`status ${r.status} not documented for ${r.method} ${template}`];
  const res = resolve(doc, response);
  const out: string[] = [];
  for (const [name, h] of Object.entries((res.headers ?? {}) as Record<string, Schema>)) {
    const header = resolve(doc, h);
    const v = r.headers.get(name);
    if (v === null) {
      if (header.required) out.push(`header ${name} missing`);
      continue;
    }
    const s = resolve(doc, header.schema ?? {});
    const value: Json = s.type === "integer" && /^\d+$/.test(v) ? Number(v) : v;
    out.push(...validateSchema(doc, s, value, `header ${name}`));
  }
  const content = (res.content ?? {}) as Record<string, { schema: Schema }>;
  const media = (r.headers.get("content-type") ?? "").split(";")[0]!.trim();
  if (Object.keys(content).length === 0) return out;
  const declared = content[media];
  if (!declared) return [...out, `content type ${media} not declared (${Object.keys(content).join(", ")})`];
  if (r.method.toUpperCase() === "HEAD") return out;
  let body: Json;
  try {
    body = JSON.parse(r.body) as Json;
  } catch {
    return [...out, "body is not JSON"];
  }
  return [...out, ...validateSchema(doc, declared.schema, body)];
}
