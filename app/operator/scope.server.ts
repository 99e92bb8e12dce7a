import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { Database, OperatorRole, Db } from "../../db/schema";
import type { PositionStatus } from "~/rules/gpd";

/**
 * The states in which a position ties its debtor to the creditor: those the debtor has been shown
 * (VALID onwards). A draft, a position published but not yet valid, and one annulled before it
 * became valid tie nobody: otherwise creating (and cancelling) a position for any codice fiscale
 * would open a stranger's dossier to the ente's operators, without the person ever being told.
 */
const DEBTOR_TIE_STATUSES: PositionStatus[] = ["VALID", "PARTIALLY_PAID", "PAID", "REPORTED", "EXPIRED"];

/** The roles that look at people, each tied to them by its own kind of link. */
export type ScopeRole = "anagrafe" | "tributi" | "pagamenti";

export const SCOPE_ROLES: readonly ScopeRole[] = ["anagrafe", "tributi", "pagamenti"];

export function scopeRolesOf(roles: readonly OperatorRole[]): ScopeRole[] {
  return SCOPE_ROLES.filter((r) => roles.includes(r));
}

/** Who is looking: the ente the operator acts for and their roles (an OperatorIdentity fits). */
export interface OperatorScope {
  enteId: number;
  roles: readonly OperatorRole[];
}

type CitizensEb = ExpressionBuilder<Database, "citizens">;

/**
 * How each role is tied to a person (PORTAL.md, "Who may see what"). A tie made in one area never
 * opens another: a position billed by the payments office ties the person to that office only, so
 * a billing credential can never widen what the registry or the tax office sees.
 * - anagrafe: residents of the comune, current or past (its own registry records), and the
 *   applicants of its registry pratiche;
 * - tributi: taxpayers of the comune (current owners of a property in it, holders of its IMU, TARI
 *   or tax notices) and the applicants of its tax pratiche;
 * - pagamenti: debtors of the ente's positions once shown to them (by citizen or by codice fiscale,
 *   for positions loaded through the API).
 */
const TIES: Record<ScopeRole, (eb: CitizensEb, enteId: number, today: string) => Expression<SqlBool>> = {
  anagrafe: (eb, enteId) =>
    eb.or([
      eb.exists(
        eb
          .selectFrom("residences as scope_r")
          .select("scope_r.id")
          .whereRef("scope_r.citizen_id", "=", "citizens.id")
          .where("scope_r.entity_id", "=", enteId),
      ),
      praticaOf(eb, enteId, "anagrafe"),
    ]),
  tributi: (eb, enteId, today) =>
    eb.or([
      eb.exists(
        eb
          .selectFrom("property_owners as scope_po")
          .innerJoin("properties as scope_p", "scope_p.id", "scope_po.property_id")
          .select("scope_po.id")
          .whereRef("scope_po.citizen_id", "=", "citizens.id")
          .where("scope_p.entity_id", "=", enteId)
          .where((w) => w.or([w("scope_po.to_date", "is", null), w("scope_po.to_date", ">=", today)])),
      ),
      eb.exists(
        eb
          .selectFrom("imu_assessments as scope_imu")
          .select("scope_imu.id")
          .whereRef("scope_imu.citizen_id", "=", "citizens.id")
          .where("scope_imu.entity_id", "=", enteId),
      ),
      eb.exists(
        eb
          .selectFrom("tari_assessments as scope_tari")
          .select("scope_tari.id")
          .whereRef("scope_tari.citizen_id", "=", "citizens.id")
          .where("scope_tari.entity_id", "=", enteId),
      ),
      eb.exists(
        eb
          .selectFrom("tax_notices as scope_tn")
          .select("scope_tn.id")
          .whereRef("scope_tn.citizen_id", "=", "citizens.id")
          .where("scope_tn.entity_id", "=", enteId),
      ),
      praticaOf(eb, enteId, "tributi"),
    ]),
  pagamenti: (eb, enteId) =>
    eb.or([
      eb.exists(
        eb
          .selectFrom("debt_positions as scope_d")
          .select("scope_d.id")
          .whereRef("scope_d.debtor_citizen_id", "=", "citizens.id")
          .where("scope_d.entity_id", "=", enteId)
          .where("scope_d.status", "in", DEBTOR_TIE_STATUSES),
      ),
      eb.exists(
        eb
          .selectFrom("debt_positions as scope_dc")
          .select("scope_dc.id")
          .whereRef("scope_dc.debtor_fiscal_code", "=", "citizens.codice_fiscale")
          .where("scope_dc.entity_id", "=", enteId)
          .where("scope_dc.status", "in", DEBTOR_TIE_STATUSES),
      ),
    ]),
};

function praticaOf(eb: CitizensEb, enteId: number, area: "anagrafe" | "tributi"): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom("pratiche as scope_pr")
      .select("scope_pr.id")
      .whereRef("scope_pr.citizen_id", "=", "citizens.id")
      .where("scope_pr.entity_id", "=", enteId)
      .where("scope_pr.area", "=", area),
  );
}

/**
 * "Is this person tied to my ente by one of these roles?" One boolean expression over `citizens`,
 * so that every query that lists or opens a person puts it in its WHERE clause: nothing is
 * filtered afterwards in code. Roles that see no one (auditor, admin) tie no one.
 */
export function tiedToEnte(
  eb: CitizensEb,
  enteId: number,
  today: string,
  roles: readonly OperatorRole[],
): Expression<SqlBool> {
  return eb.or(scopeRolesOf(roles).map((role) => TIES[role](eb, enteId, today)));
}

export interface TiedCitizen {
  id: number;
  codiceFiscale: string;
  surname: string;
  name: string;
  birthDate: string;
  /** The roles, among those asked, by which the person is tied to the ente (never empty). */
  roles: ScopeRole[];
}

/**
 * The person, with the roles that tie them to the ente, if they exist and at least one of `roles`
 * ties them; undefined otherwise (the caller answers 404). One query: a column per role.
 */
export async function findTiedCitizen(
  db: Db,
  scope: OperatorScope,
  citizenId: number,
  today: string,
): Promise<TiedCitizen | undefined> {
  const asked = scopeRolesOf(scope.roles);
  if (!asked.length) return undefined;
  const row = await db
    .selectFrom("citizens")
    .select([
      "citizens.id",
      "citizens.codice_fiscale",
      "citizens.surname",
      "citizens.name",
      "citizens.birth_date",
    ])
    .select((eb) =>
      asked.map((role) =>
        eb
          .case()
          .when(TIES[role](eb, scope.enteId, today))
          .then(1)
          .else(0)
          .end()
          .as(`tie_${role}`),
      ),
    )
    .where("citizens.id", "=", citizenId)
    .executeTakeFirst();
  if (!row) return undefined;
  const flags = row as unknown as Record<string, number | string>;
  const roles = asked.filter((role) => Number(flags[`tie_${role}`]) === 1);
  if (!roles.length) return undefined;
  return {
    id: row.id,
    codiceFiscale: row.codice_fiscale,
    surname: row.surname,
    name: row.name,
    birthDate: row.birth_date,
    roles,
  };
}
