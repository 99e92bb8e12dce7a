/**
 * The demo's delegations (docs/decisions/025-delegations.md), written after the migrations that
 * create their table. Parents need no row: Chiara Martinetti acts for her minor daughter through
 * the registry household. Dates move with the seed's `today`:
 * - Giuseppe Ferrero → his daughter Elena (not a resident), pagamenti: accepted, active;
 * - Federico Colombo → Elena, every area: waiting for her acceptance;
 * - Giuseppe Ferrero → Federico Colombo, fascicolo: expired, its expiry already told to Giuseppe.
 * Ids are left to the database (identity on PostgreSQL, rowid on SQLite).
 */
import type { Db } from "../schema";
import { dayFromIso, isoDay, romeInstant } from "./dates";
import { PERSONA_DELEGATA, PERSONA_GIOVANE, PERSONA_PENSIONATO, type PersonaData } from "./personas";

type Person = Pick<PersonaData, "codiceFiscale" | "name" | "surname">;

interface SeedDelegation {
  delegator: Person;
  delegate: Person;
  /** Comma-separated, in the order fascicolo, contribuente, pagamenti. */
  areas: string;
  startsOn: number;
  endsOn: number;
  createdOn: number;
  acceptedOn: number | null;
  expiryNotifiedOn: number | null;
}

/** Inserts the demo delegations; one whose delegator is not among the residents is left out. */
export async function seedDelegations(db: Db, today: string): Promise<void> {
  const day = dayFromIso(today);
  const wanted: SeedDelegation[] = [
    {
      delegator: PERSONA_PENSIONATO,
      delegate: PERSONA_DELEGATA,
      areas: "pagamenti",
      startsOn: day - 30,
      endsOn: day - 30 + 300,
      createdOn: day - 30,
      acceptedOn: day - 29,
      expiryNotifiedOn: null,
    },
    {
      delegator: PERSONA_GIOVANE,
      delegate: PERSONA_DELEGATA,
      areas: "fascicolo,contribuente,pagamenti",
      startsOn: day,
      endsOn: day + 180,
      // Asked the day before, so that its creation is never later than the seed's own instant.
      createdOn: day - 1,
      acceptedOn: null,
      expiryNotifiedOn: null,
    },
    {
      delegator: PERSONA_PENSIONATO,
      delegate: PERSONA_GIOVANE,
      areas: "fascicolo",
      startsOn: day - 400,
      endsOn: day - 35,
      createdOn: day - 400,
      acceptedOn: day - 399,
      expiryNotifiedOn: day - 34,
    },
  ];

  const codes = [...new Set(wanted.map((d) => d.delegator.codiceFiscale))];
  const citizens = await db
    .selectFrom("citizens")
    .select(["id", "codice_fiscale"])
    .where("codice_fiscale", "in", codes)
    .execute();
  const idOf = new Map(citizens.map((c) => [c.codice_fiscale, c.id]));

  const rows = wanted.flatMap((d) => {
    const delegatorId = idOf.get(d.delegator.codiceFiscale);
    if (delegatorId === undefined) return [];
    return [
      {
        delegator_citizen_id: delegatorId,
        delegate_fiscal_code: d.delegate.codiceFiscale,
        delegate_name: d.delegate.name,
        delegate_surname: d.delegate.surname,
        areas: d.areas,
        starts_on: isoDay(d.startsOn),
        ends_on: isoDay(d.endsOn),
        channel: "online" as const,
        operator_id: null,
        reason_text: null,
        created_at: romeInstant(d.createdOn, 9),
        accepted_at: d.acceptedOn === null ? null : romeInstant(d.acceptedOn, 18, 30),
        refused_at: null,
        revoked_at: null,
        revoked_by: null,
        first_used_at: null,
        expiry_notified_at: d.expiryNotifiedOn === null ? null : romeInstant(d.expiryNotifiedOn, 3),
      },
    ];
  });
  if (rows.length) await db.insertInto("delegations").values(rows).execute();
}
