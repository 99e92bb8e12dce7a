import type { Kysely } from "kysely";

/**
 * Which digital identity a session was opened with: "spid", or "cie" (CieID). Sessions opened
 * before CIE existed were all SPID's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("sessions")
    .addColumn("credential", "text", (c) => c.notNull().defaultTo("spid"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("credential").execute();
}
