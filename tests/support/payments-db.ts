// A small database for the payment core's unit tests (SQLite in memory, or PostgreSQL in unit-pg): one comune with a postal account,
// one region without, two citizens, and helpers to add positions. Used by tests only.
import type { Kysely } from "kysely";
import { openTestDatabase, type TestDatabase } from "./test-database";
import type { Database, PositionStatus } from "../../db/schema";
import { generateNav } from "../../app/rules/nav";
import type { PaymentsEnv } from "../../app/payments/context.server";

export const TEST_AUDIT_KEY = "chiave-di-prova-per-il-registro-degli-accessi-0123456789";

export interface TestDb {
  handle: TestDatabase;
  db: Kysely<Database>;
  comuneId: number;
  regioneId: number;
  citizenA: number;
  citizenB: number;
  env: PaymentsEnv & { advance(ms: number): void };
  addPosition(opts: {
    citizenId: number;
    entityId?: number;
    status?: PositionStatus;
    amounts: number[];
    /** The amounts are instalments (is_partial_payment = 1); else one option per amount, single payments. */
    instalments?: boolean;
    dueDates?: string[];
  }): Promise<{ positionId: number; optionIds: number[]; navs: string[] }>;
  close(): Promise<void>;
}

let sequence = 1;

export async function createTestDb(): Promise<TestDb> {
  const handle = await openTestDatabase();
  const db = handle.db;
  const entity = (
    name: string,
    fiscal: string,
    seg: string,
    postal: string | null,
    kind: "comune" | "regione",
  ) =>
    db
      .insertInto("entities")
      .values({
        kind,
        name,
        fiscal_code: fiscal,
        ipa_code: `c_${seg}`,
        belfiore: null,
        province_code: "TO",
        parent_id: null,
        iban: "IT60X0542811101000000123456",
        postal_account: postal,
        segregation_code: seg,
        email: "tributi@comune.demo.it",
        pec: "protocollo@pec.comune.demo.it",
        phone: "0110000000",
        address: "Piazza del Municipio 1, 10100 Torino",
        website: "https://www.comune.demo.it",
        imu_rate_bp: 106,
        imu_main_home_rate_bp: 60,
        tari_instalments: 3,
        tefa_bp: 500,
        show_operator_names: 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  const comune = await entity("Comune di Prova", "00514490010", "12", "000012345678", "comune");
  const regione = await entity("Regione di Prova", "80087670016", "96", null, "regione");
  const citizen = (cf: string, name: string, surname: string) =>
    db
      .insertInto("citizens")
      .values({
        codice_fiscale: cf,
        surname,
        name,
        sex: "F",
        birth_date: "1980-06-23",
        birth_place: "Roma",
        birth_belfiore: "H501",
        birth_province: "RM",
        citizenship: "italiana",
        email: null,
        phone: null,
        reminder_channel: "email",
        contacts_updated_at: null,
        created_at: "2026-01-01T00:00:00.000Z",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  const a = await citizen("RSSMRA80H63H501X", "Maria", "Rossi");
  const b = await citizen("MRNLCU00A01H501J", "Luca", "Marini");

  let offset = 0;
  const env = {
    auditKey: TEST_AUDIT_KEY,
    now: () => new Date(Date.now() + offset),
    stamp: () => new Date(Date.now() + offset).toISOString(),
    today: () => "2026-11-26",
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
      const entityId = opts.entityId ?? comune.id;
      const ent = await db
        .selectFrom("entities")
        .selectAll()
        .where("id", "=", entityId)
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
          entity_id: entityId,
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
