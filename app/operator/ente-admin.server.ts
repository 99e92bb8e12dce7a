import crypto from "node:crypto";
import type { OperatorRole, Db } from "../../db/schema";
import { appendAudit } from "~/audit.server";
import { operatorAudit, type OperatorActor } from "~/operator/actor";
import { API_KEY_LABEL_MAX } from "~/operator/limits";
import { isOperatorRole } from "~/operator/sections";
import { cleanLine } from "~/operator/text";

/**
 * The admin's page of an ente: its operators and their roles, and the keys of the payments API.
 * Every change writes one audit row in its own transaction.
 */

export interface EnteInfo {
  id: number;
  name: string;
  showOperatorNames: boolean;
}

export async function getEnte(db: Db, enteId: number): Promise<EnteInfo | undefined> {
  const r = await db
    .selectFrom("entities")
    .select(["id", "name", "show_operator_names"])
    .where("id", "=", enteId)
    .executeTakeFirst();
  return r ? { id: r.id, name: r.name, showOperatorNames: r.show_operator_names === 1 } : undefined;
}

export interface EnteOperator {
  id: number;
  surname: string;
  name: string;
  codiceFiscale: string;
  office: string | null;
  active: boolean;
  roles: OperatorRole[];
}

export async function listEnteOperators(db: Db, enteId: number): Promise<EnteOperator[]> {
  const [ops, roles] = await Promise.all([
    db
      .selectFrom("operators as o")
      .leftJoin("offices as of", "of.id", "o.office_id")
      .select(["o.id", "o.surname", "o.name", "o.codice_fiscale", "o.active", "of.name as office"])
      .where("o.entity_id", "=", enteId)
      .orderBy("o.surname")
      .orderBy("o.name")
      .limit(500)
      .execute(),
    db
      .selectFrom("operator_roles as r")
      .innerJoin("operators as o", "o.id", "r.operator_id")
      .select(["r.operator_id", "r.role"])
      .where("o.entity_id", "=", enteId)
      .orderBy("r.role")
      .execute(),
  ]);
  const byOperator = new Map<number, OperatorRole[]>();
  for (const r of roles) {
    const list = byOperator.get(r.operator_id) ?? [];
    list.push(r.role);
    byOperator.set(r.operator_id, list);
  }
  return ops.map((o) => ({
    id: o.id,
    surname: o.surname,
    name: o.name,
    codiceFiscale: o.codice_fiscale,
    office: o.office ?? null,
    active: o.active === 1,
    roles: byOperator.get(o.id) ?? [],
  }));
}

export type AdminResult =
  { ok: true; message: string } | { ok: false; status: 400 | 404 | 409; message: string };

/** Grants or withdraws one role of one operator of the admin's own ente. */
export async function setOperatorRole(
  db: Db,
  auditKey: string,
  input: { actor: OperatorActor; operatorId: number; role: string; grant: boolean; now: Date },
): Promise<AdminResult> {
  if (!isOperatorRole(input.role)) return { ok: false, status: 400, message: "Ruolo non valido." };
  const role = input.role;
  if (!input.grant && role === "admin" && input.operatorId === input.actor.id)
    return {
      ok: false,
      status: 409,
      message:
        "Non puoi togliere a te stesso il ruolo di amministrazione: chiedilo a un'altra persona con questo ruolo.",
    };
  return db.transaction().execute(async (trx) => {
    const target = await trx
      .selectFrom("operators")
      .select(["id", "surname", "name"])
      .where("id", "=", input.operatorId)
      .where("entity_id", "=", input.actor.enteId)
      .executeTakeFirst();
    if (!target) return { ok: false, status: 404, message: "Operatore non trovato." } as const;
    const has = await trx
      .selectFrom("operator_roles")
      .select("role")
      .where("operator_id", "=", target.id)
      .where("role", "=", role)
      .executeTakeFirst();
    const who = `${target.name} ${target.surname}`;
    if (input.grant && has)
      return { ok: false, status: 409, message: `${who} ha già questo ruolo.` } as const;
    if (!input.grant && !has)
      return { ok: false, status: 409, message: `${who} non ha questo ruolo.` } as const;
    if (input.grant)
      await trx.insertInto("operator_roles").values({ operator_id: target.id, role }).execute();
    else
      await trx
        .deleteFrom("operator_roles")
        .where("operator_id", "=", target.id)
        .where("role", "=", role)
        .execute();
    await appendAudit(
      trx,
      auditKey,
      {
        ...operatorAudit(input.actor),
        role: "admin",
        action: input.grant ? "operator.role_grant" : "operator.role_revoke",
        details: { targetOperatorId: target.id, role },
      },
      input.now,
    );
    return {
      ok: true,
      message: input.grant ? `Ruolo assegnato a ${who}.` : `Ruolo tolto a ${who}.`,
    } as const;
  });
}

/** Keys look like `fdc_` + 43 base64url characters (256 random bits). */
export const API_KEY_PREFIX = "fdc_";
export const API_KEY_PATTERN = /^fdc_[A-Za-z0-9_-]{43}$/;
/** Characters of the key kept in clear to tell keys apart ("fdc_" and 8 more). */
export const API_KEY_VISIBLE_CHARS = 12;

/** SHA-256 (hex) of a presented key: what the payments API looks up in api_keys.key_hash. */
export function hashApiKey(key: string): string {
  return crypto.createHash("sha256").update(key, "utf8").digest("hex");
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, API_KEY_VISIBLE_CHARS), hash: hashApiKey(key) };
}

export interface ApiKeyInfo {
  id: number;
  label: string;
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listApiKeys(db: Db, enteId: number): Promise<ApiKeyInfo[]> {
  const rows = await db
    .selectFrom("api_keys as k")
    .leftJoin("operators as o", "o.id", "k.created_by_operator_id")
    .select([
      "k.id",
      "k.label",
      "k.prefix",
      "k.created_at",
      "k.last_used_at",
      "k.revoked_at",
      "o.name as op_name",
      "o.surname as op_surname",
    ])
    .where("k.entity_id", "=", enteId)
    .orderBy("k.created_at", "desc")
    .orderBy("k.id", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    prefix: r.prefix,
    createdAt: r.created_at,
    createdBy: r.op_surname ? `${r.op_name} ${r.op_surname}` : null,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export function parseApiKeyLabel(
  value: FormDataEntryValue | null,
): { ok: true; label: string } | { ok: false; message: string } {
  const label = cleanLine(value);
  if (label.length < 3 || label.length > API_KEY_LABEL_MAX)
    return {
      ok: false,
      message: `Dai alla chiave un nome tra 3 e ${API_KEY_LABEL_MAX} caratteri (per esempio il gestionale che la usa).`,
    };
  return { ok: true, label };
}

/**
 * Creates a key: only its hash and its first characters are stored; the whole key is returned
 * this once, to be shown to the admin and never again.
 */
export async function createApiKey(
  db: Db,
  auditKey: string,
  input: { actor: OperatorActor; label: string; now: Date },
): Promise<{ id: number; key: string; prefix: string; label: string }> {
  const { key, prefix, hash } = generateApiKey();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("api_keys")
      .values({
        entity_id: input.actor.enteId,
        label: input.label,
        prefix,
        key_hash: hash,
        created_by_operator_id: input.actor.id,
        created_at: input.now.toISOString(),
        revoked_at: null,
        last_used_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      auditKey,
      {
        ...operatorAudit(input.actor),
        role: "admin",
        action: "api_key.create",
        details: { apiKeyId: row.id, prefix, label: input.label },
      },
      input.now,
    );
    return { id: row.id, key, prefix, label: input.label };
  });
}

export async function revokeApiKey(
  db: Db,
  auditKey: string,
  input: { actor: OperatorActor; apiKeyId: number; now: Date },
): Promise<AdminResult> {
  return db.transaction().execute(async (trx) => {
    const k = await trx
      .selectFrom("api_keys")
      .select(["id", "prefix", "label", "revoked_at"])
      .where("id", "=", input.apiKeyId)
      .where("entity_id", "=", input.actor.enteId)
      .executeTakeFirst();
    if (!k) return { ok: false, status: 404, message: "Chiave non trovata." } as const;
    if (k.revoked_at) return { ok: false, status: 409, message: "La chiave è già stata revocata." } as const;
    await trx
      .updateTable("api_keys")
      .set({ revoked_at: input.now.toISOString() })
      .where("id", "=", k.id)
      .where("revoked_at", "is", null)
      .execute();
    await appendAudit(
      trx,
      auditKey,
      {
        ...operatorAudit(input.actor),
        role: "admin",
        action: "api_key.revoke",
        details: { apiKeyId: k.id, prefix: k.prefix, label: k.label },
      },
      input.now,
    );
    return { ok: true, message: `Chiave «${k.label}» revocata: da ora non è più accettata.` } as const;
  });
}
