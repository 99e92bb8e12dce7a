import type { Config } from "~/env.server";
import type { OperatorRole, Db } from "../../db/schema";
import { appendAudit } from "~/audit.server";
import { endOperatorAccesses } from "~/operator/access.server";
import { portalNow } from "~/clock.server";

/**
 * A person may work for several entes (an associated office serving two comuni): one operator
 * record each. The login never picks one for them; the session acts for the ente they choose,
 * and they may switch, which ends the running accesses opened for the previous one.
 */

export interface EntePost {
  operatorId: number;
  enteId: number;
  ente: string;
  office: string | null;
  roles: OperatorRole[];
}

/** The active operator records of a codice fiscale, with their ente and roles, by ente name. */
export async function listEntePosts(db: Db, codiceFiscale: string): Promise<EntePost[]> {
  const rows = await db
    .selectFrom("operators as o")
    .innerJoin("entities as e", "e.id", "o.entity_id")
    .leftJoin("offices as f", "f.id", "o.office_id")
    .select(["o.id", "o.entity_id", "e.name as ente", "f.name as office"])
    .where("o.codice_fiscale", "=", codiceFiscale)
    .where("o.active", "=", 1)
    .orderBy("e.name")
    .orderBy("o.id")
    .execute();
  if (!rows.length) return [];
  const roles = await db
    .selectFrom("operator_roles")
    .select(["operator_id", "role"])
    .where(
      "operator_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("role")
    .execute();
  return rows.map((r) => ({
    operatorId: r.id,
    enteId: r.entity_id,
    ente: r.ente,
    office: r.office ?? null,
    roles: roles.filter((x) => x.operator_id === r.id).map((x) => x.role),
  }));
}

/** How many active operator records a codice fiscale has (0 for a citizen only). */
export async function countEntePosts(db: Db, codiceFiscale: string): Promise<number> {
  const r = await db
    .selectFrom("operators")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("codice_fiscale", "=", codiceFiscale)
    .where("active", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Makes the session act for one of the person's operator records, in one transaction with the
 * end of the accesses opened for another ente and its audit row. False when the record is not
 * the person's (or no longer active): the caller answers 404.
 */
export async function chooseEnte(
  db: Db,
  config: Pick<Config, "auditHmacKey" | "demo" | "demoToday">,
  session: { id: string; fiscal_code: string; operator_id: number | null },
  operatorId: number,
): Promise<EntePost | null> {
  const now = portalNow(config);
  return db.transaction().execute(async (trx) => {
    const post = (await listEntePosts(trx, session.fiscal_code)).find((p) => p.operatorId === operatorId);
    if (!post) return null;
    if (session.operator_id != null && session.operator_id !== operatorId)
      await endOperatorAccesses(trx, session.operator_id, config, now);
    await trx
      .updateTable("sessions")
      .set({ operator_id: operatorId, acting_as: "operatore" })
      .where("id", "=", session.id)
      .execute();
    await appendAudit(
      trx,
      config.auditHmacKey,
      {
        actorKind: "operatore",
        actorCodiceFiscale: session.fiscal_code,
        operatorId,
        enteId: post.enteId,
        action: "auth.ente",
        details: { previous: session.operator_id },
      },
      now,
    );
    return post;
  });
}
