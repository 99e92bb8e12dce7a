// A small database for the payment core's unit tests (SQLite in memory, or PostgreSQL in unit-pg),
// made by the seed's generators: the seed's entities (Comune di Torino has a postal account, the
// region here has none), two citizens, and helpers to add positions.
import { openTestDatabase, type TestDatabase } from "./test-database";
import type { Db } from "../../db/schema";
import type { PositionStatus } from "../../app/rules/gpd";
import { SeedBuilder } from "../../db/seed/builder";
import { ITALIAN_PLACES } from "../../db/seed/data";
import { dayFromIso } from "../../db/seed/dates";
import { resetIdentitySequences, writeRowsKysely } from "../../db/seed/write-kysely";
import { generateNav } from "../../app/rules/nav";
import type { PaymentsEnv } from "../../app/payments/context.server";

export const TEST_AUDIT_KEY = "chiave-di-prova-per-il-registro-degli-accessi-0123456789";

export interface TestDb {
  handle: TestDatabase;
  db: Db;
  comuneId: number;
  regioneId: number;
  citizenA: number;
  citizenB: number;
  env: PaymentsEnv & { advance(ms: number): void };
  addPosition(opts: {
    citizenId: number;
    enteId?: number;
    status?: PositionStatus;
    amounts: number[];
    /** The amounts are instalments (is_partial_payment = 1); else one option per amount, single payments. */
    instalments?: boolean;
    dueDates?: string[];
  }): Promise<{ positionId: number; optionIds: number[]; navs: string[] }>;
  close(): Promise<void>;
}

let sequence = 1;

const TODAY = "2026-11-26";
const ROMA = ITALIAN_PLACES.find((p) => p.belfiore === "H501")!;

export async function createTestDb(): Promise<TestDb> {
  const handle = await openTestDatabase();
  const db = handle.db;
  // The seed's own entities and offices; the region's postal account is taken away so that the
  // tests have a creditor without one (a notice without the postal slip).
  const seed = new SeedBuilder(1, dayFromIso(TODAY), Number(TODAY.slice(0, 4)));
  const comune = seed.ente("torino").row;
  const regione = seed.ente("regione").row;
  regione.postal_account = null;
  const citizen = (name: string, surname: string, sex: "F" | "M", birthDate: string, fixedCf: string) =>
    seed.citizen({
      surname,
      name,
      sex,
      birth: dayFromIso(birthDate),
      place: ROMA,
      citizenship: "italiana",
      contacts: false,
      fixedCf,
    });
  const a = citizen("Maria", "Rossi", "F", "1980-06-23", "RSSMRA80H63H501X");
  const b = citizen("Luca", "Marini", "M", "2000-01-01", "MRNLCU00A01H501J");
  await writeRowsKysely(db, seed.take(), {});
  if (handle.kind === "postgres") await resetIdentitySequences(db);

  let offset = 0;
  const env = {
    auditKey: TEST_AUDIT_KEY,
    now: () => new Date(Date.now() + offset),
    stamp: () => new Date(Date.now() + offset).toISOString(),
    today: () => TODAY,
    advance(ms: number) {
      offset += ms;
    },
  };

  return {
    handle,
    db,
    comuneId: comune.id,
    regioneId: regione.id,
    citizenA: a.id,
    citizenB: b.id,
    env,
    async addPosition(opts) {
      const enteId = opts.enteId ?? comune.id;
      const ent = await db
        .selectFrom("entities")
        .selectAll()
        .where("id", "=", enteId)
        .executeTakeFirstOrThrow();
      const cit = await db
        .selectFrom("citizens")
        .selectAll()
        .where("id", "=", opts.citizenId)
        .executeTakeFirstOrThrow();
      const n = sequence++;
      const pos = await db
        .insertInto("debt_positions")
        .values({
          entity_id: enteId,
          iupd: `IUPD-${n}`,
          type: "F",
          debtor_fiscal_code: cit.codice_fiscale,
          debtor_name: `${cit.name} ${cit.surname}`,
          debtor_citizen_id: cit.id,
          company_name: ent.name,
          service: "IMU",
          description: "IMU 2026 - altri fabbricati",
          validity_date: null,
          switch_to_expired: 0,
          status: opts.status ?? "VALID",
          status_reason: opts.status === "INVALID" ? "Annullato dall'ente: importo ricalcolato" : null,
          created_at: "2026-01-01T00:00:00.000Z",
          published_at: "2026-01-01T00:00:00.000Z",
          updated_at: "2026-01-01T00:00:00.000Z",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const optionIds: number[] = [];
      const navs: string[] = [];
      for (const [i, amount] of opts.amounts.entries()) {
        const { nav, iuv } = generateNav(ent.segregation_code, n * 10 + i);
        const o = await db
          .insertInto("payment_options")
          .values({
            position_id: pos.id,
            creditor_fiscal_code: ent.fiscal_code,
            iuv,
            nav,
            amount_cents: amount,
            description: opts.instalments ? `IMU 2026 rata ${i + 1}` : "IMU 2026 unica soluzione",
            due_date: opts.dueDates?.[i] ?? "2026-12-16",
            retention_date: null,
            is_partial_payment: opts.instalments ? 1 : 0,
            instalment_number: opts.instalments ? i + 1 : 0,
            status: "PO_UNPAID",
            reserved_until: null,
            reserved_by: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await db
          .insertInto("transfers")
          .values({
            option_id: o.id,
            id_transfer: 1,
            amount_cents: amount,
            organization_fiscal_code: ent.fiscal_code,
            iban: ent.iban,
            remittance_information: "IMU 2026",
            category: "9/0101100IM/",
          })
          .execute();
        optionIds.push(o.id);
        navs.push(nav);
      }
      return { positionId: pos.id, optionIds, navs };
    },
    close: () => handle.close(),
  };
}
