import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "../../db/connection";
import { seed } from "../../db/seed/index";
import { PERSONAS, RICH_DOSSIER_RESIDENT } from "../../db/seed/personas";
import { subjectInitials } from "~/rules/certificate-content";
import { rebuildCertifiedContent } from "~/dossier/certificates.server";

// The seed invents certificates without going through the portal: every one of them must be one the
// portal can rebuild from the registry as of its day of issue, with the same hash and initials.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seeded-certificates-"));
let h: DbHandle;

beforeAll(async () => {
  h = await openDatabase(path.join(dir, "seeded.db"), { bulk: true });
  // Enough residents for certificates of every kind, households of several people among them.
  await seed(h, { citizens: 1500, today: "2026-11-26", richDossier: 100 });
}, 120_000);

afterAll(async () => {
  await h?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the seed's certificates", () => {
  it("store the hash and initials the portal computes from the registry as of the day of issue", async () => {
    const rows = await h.db.selectFrom("certificates").selectAll().orderBy("id").execute();
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(["residenza", "stato_famiglia", "nascita"]));
    let largerHouseholds = 0;
    for (const row of rows) {
      const content = await rebuildCertifiedContent(h.db, row);
      expect(content, `certificate ${row.id} (${row.kind})`).not.toBeNull();
      expect(content!.issuer.enteId).toBe(row.entity_id);
      expect(row.subject_initials).toBe(subjectInitials(content!.subject.name, content!.subject.surname));
      if ((content!.household?.members.length ?? 0) > 1) largerHouseholds++;
    }
    expect(largerHouseholds).toBeGreaterThan(0);
  }, 60_000);

  it("certify the young persona's residence in Torino", async () => {
    const row = await h.db
      .selectFrom("certificates as c")
      .innerJoin("citizens as p", "p.id", "c.citizen_id")
      .selectAll("c")
      .where("p.codice_fiscale", "=", PERSONAS.giovane.codiceFiscale)
      .executeTakeFirstOrThrow();
    const content = await rebuildCertifiedContent(h.db, row);
    expect(content?.residence).toMatchObject({ address: "Via Madama Cristina 72", postalCode: "10126" });
  });

  it("include the rich dossier's, which the portal rebuilds too", async () => {
    const rows = await h.db
      .selectFrom("certificates as c")
      .innerJoin("citizens as p", "p.id", "c.citizen_id")
      .selectAll("c")
      .where("p.codice_fiscale", "=", RICH_DOSSIER_RESIDENT.codiceFiscale)
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows)
      expect(await rebuildCertifiedContent(h.db, row), `certificate ${row.id}`).not.toBeNull();
  });
});
