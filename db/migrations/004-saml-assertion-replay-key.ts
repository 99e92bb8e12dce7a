import type { Kysely } from "kysely";

/**
 * The SAML replay cache (issue 10): an assertion ID is unique only within its issuer, so the key
 * becomes (IdP, ID); and a seen ID is kept until the assertion can no longer be accepted, that is
 * its NotOnOrAfter plus the clock skew the ACS tolerates (`keep_until`), not merely until its
 * NotOnOrAfter. The table is rebuilt (a primary key cannot be changed in place in SQLite); the
 * rows it holds are copied, each kept for the skew of the time of writing (60 s) past its
 * NotOnOrAfter.
 */
const SKEW_AT_MIGRATION_MS = 60_000;
const COPY_BATCH = 500;

interface OldRow {
  id: string;
  idp_entity_id: string;
  not_on_or_after: string;
  used_at: string;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("saml_assertions_keyed")
    .addColumn("idp_entity_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("not_on_or_after", "text", (c) => c.notNull())
    .addColumn("keep_until", "text", (c) => c.notNull())
    .addColumn("used_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("saml_assertions_idp_id_pk", ["idp_entity_id", "id"])
    .execute();

  const rows = (await db.selectFrom("saml_assertions").selectAll().execute()) as OldRow[];
  for (let i = 0; i < rows.length; i += COPY_BATCH) {
    await db
      .insertInto("saml_assertions_keyed")
      .values(
        rows.slice(i, i + COPY_BATCH).map((r) => ({
          idp_entity_id: r.idp_entity_id,
          id: r.id,
          not_on_or_after: r.not_on_or_after,
          keep_until: new Date(Date.parse(r.not_on_or_after) + SKEW_AT_MIGRATION_MS).toISOString(),
          used_at: r.used_at,
        })),
      )
      .execute();
  }

  await db.schema.dropTable("saml_assertions").execute();
  await db.schema.alterTable("saml_assertions_keyed").renameTo("saml_assertions").execute();
  await db.schema
    .createIndex("saml_assertions_keep_idx")
    .ifNotExists()
    .on("saml_assertions")
    .column("keep_until")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("saml_assertions_by_id")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("idp_entity_id", "text", (c) => c.notNull())
    .addColumn("not_on_or_after", "text", (c) => c.notNull())
    .addColumn("used_at", "text", (c) => c.notNull())
    .execute();
  const rows = (await db.selectFrom("saml_assertions").selectAll().execute()) as OldRow[];
  for (let i = 0; i < rows.length; i += COPY_BATCH) {
    await db
      .insertInto("saml_assertions_by_id")
      .values(
        rows.slice(i, i + COPY_BATCH).map((r) => ({
          id: r.id,
          idp_entity_id: r.idp_entity_id,
          not_on_or_after: r.not_on_or_after,
          used_at: r.used_at,
        })),
      )
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }
  await db.schema.dropTable("saml_assertions").execute();
  await db.schema.alterTable("saml_assertions_by_id").renameTo("saml_assertions").execute();
  await db.schema
    .createIndex("saml_assertions_expires_idx")
    .ifNotExists()
    .on("saml_assertions")
    .column("not_on_or_after")
    .execute();
}
