// The creditor side's unit tests share this: a payments test database with a comune and a
// regione, an operator of the comune's payments office and an API key of each ente, and a valid
// position to create.
import type { OperatorActor } from "~/operator/actor";
import type { CreditorActor } from "~/payments/creditor.server";
import type { NewPositionInput } from "~/payments/creditor-input";
import { createPosition } from "~/payments/creditor-positions.server";
import { parsePositionInput } from "~/payments/position-schema.server";
import { createTestDb, type TestDb } from "./payments-db";
import { rawPosition, TODAY } from "./position-sample";

export { rawPosition, TODAY };

export const COMUNE_CF = "00514490010";
export const REGIONE_CF = "80087650018";

export interface CreditorFixture {
  t: TestDb;
  /** An operator of the comune with the pagamenti role. */
  operator: CreditorActor;
  /** The comune's management software, by API key. */
  api: CreditorActor;
  /** The regione's, by API key. */
  regioneApi: CreditorActor;
}

export async function addOperator(
  t: TestDb,
  enteId: number,
  roles: OperatorActor["roles"],
  codiceFiscale = "GRDMRT85A63L219Y",
): Promise<OperatorActor> {
  const row = await t.db
    .insertInto("operators")
    .values({
      codice_fiscale: codiceFiscale,
      entity_id: enteId,
      office_id: null,
      surname: "Giordano",
      name: "Marta",
      email: "m.giordano@comune.demo.it",
      active: 1,
      created_at: "2026-01-01T00:00:00.000Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, enteId, officeId: null, codiceFiscale, roles };
}

/** A fresh database and its three actors; the caller closes `t`. */
export async function openCreditorFixture(): Promise<CreditorFixture> {
  const t = await createTestDb();
  return {
    t,
    operator: { kind: "operatore", actor: await addOperator(t, t.comuneId, ["pagamenti"]) },
    api: { kind: "api", enteId: t.comuneId, apiKeyId: 7, label: "Gestionale tributi" },
    regioneApi: { kind: "api", enteId: t.regioneId, apiKeyId: 8, label: "Bollo" },
  };
}

/** rawPosition, parsed as the API and the form parse it. */
export function positionInput(overrides: Record<string, unknown> = {}): NewPositionInput {
  const parsed = parsePositionInput(rawPosition(overrides), { today: TODAY });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

/** A DRAFT position created by `by`. */
export async function createdPosition(t: TestDb, by: CreditorActor, overrides: Record<string, unknown> = {}) {
  const r = await createPosition(t.db, t.env, by, positionInput(overrides));
  if (!r.ok) throw new Error(`${r.code}: ${r.message} ${JSON.stringify(r.errors)}`);
  return r.value;
}

export const auditRowsOf = (t: TestDb, action: string) =>
  t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();

export const messagesOf = (t: TestDb, citizenId: number) =>
  t.db.selectFrom("messages").selectAll().where("citizen_id", "=", citizenId).orderBy("id").execute();
