import type { Expression, ExpressionBuilder, Kysely, SqlBool, Transaction } from "kysely";
import type { Database, PositionStatus } from "../../db/schema";

/**
 * The states in which a position ties its debtor to the creditor: those the debtor has been shown
 * (VALID onwards). A draft, a position published but not yet valid, and one annulled before it
 * became valid tie nobody: otherwise creating (and cancelling) a position for any codice fiscale
 * would open a stranger's dossier to the ente's operators, without the person ever being told.
 */
const DEBTOR_TIE_STATUSES: PositionStatus[] = ["VALID", "PARTIALLY_PAID", "PAID", "REPORTED", "EXPIRED"];

/**
 * "Is this person tied to my ente?" (PORTAL.md, "Who may see what"): a current resident of it,
 * the current owner of a property in it, the debtor of one of its payment positions, or the
 * applicant of one of its pratiche. One boolean expression over `citizens`, so that every query
 * that lists or opens a person puts it in its WHERE clause: nothing is filtered afterwards in code.
 */
export function tiedToEntity(
  eb: ExpressionBuilder<Database, "citizens">,
  entityId: number,
  today: string,
): Expression<SqlBool> {
  return eb.or([
    eb.exists(
      eb
        .selectFrom("residences as scope_r")
        .select("scope_r.id")
        .whereRef("scope_r.citizen_id", "=", "citizens.id")
        .where("scope_r.entity_id", "=", entityId)
        .where("scope_r.end_date", "is", null),
    ),
    eb.exists(
      eb
        .selectFrom("property_owners as scope_po")
        .innerJoin("properties as scope_p", "scope_p.id", "scope_po.property_id")
        .select("scope_po.id")
        .whereRef("scope_po.citizen_id", "=", "citizens.id")
        .where("scope_p.entity_id", "=", entityId)
        .where((w) => w.or([w("scope_po.to_date", "is", null), w("scope_po.to_date", ">=", today)])),
    ),
    eb.exists(
      eb
        .selectFrom("debt_positions as scope_d")
        .select("scope_d.id")
        .whereRef("scope_d.debtor_citizen_id", "=", "citizens.id")
        .where("scope_d.entity_id", "=", entityId)
        .where("scope_d.status", "in", DEBTOR_TIE_STATUSES),
    ),
    // Positions loaded through the API may carry only the debtor's codice fiscale.
    eb.exists(
      eb
        .selectFrom("debt_positions as scope_dc")
        .select("scope_dc.id")
        .whereRef("scope_dc.debtor_fiscal_code", "=", "citizens.codice_fiscale")
        .where("scope_dc.entity_id", "=", entityId)
        .where("scope_dc.status", "in", DEBTOR_TIE_STATUSES),
    ),
    eb.exists(
      eb
        .selectFrom("pratiche as scope_pr")
        .select("scope_pr.id")
        .whereRef("scope_pr.citizen_id", "=", "citizens.id")
        .where("scope_pr.entity_id", "=", entityId),
    ),
  ]);
}

/** The person, if they exist and are tied to the ente; undefined otherwise (the caller answers 404). */
export async function findTiedCitizen(
  db: Kysely<Database> | Transaction<Database>,
  entityId: number,
  citizenId: number,
  today: string,
): Promise<
  { id: number; codiceFiscale: string; surname: string; name: string; birthDate: string } | undefined
> {
  const row = await db
    .selectFrom("citizens")
    .select([
      "citizens.id",
      "citizens.codice_fiscale",
      "citizens.surname",
      "citizens.name",
      "citizens.birth_date",
    ])
    .where("citizens.id", "=", citizenId)
    .where((eb) => tiedToEntity(eb, entityId, today))
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        codiceFiscale: row.codice_fiscale,
        surname: row.surname,
        name: row.name,
        birthDate: row.birth_date,
      }
    : undefined;
}
