import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCodiceFiscale } from "../../app/rules/codice-fiscale";
import { openDatabase, type DbHandle } from "../connection";
import { TABLE_ORDER } from "./builder";
import { seed } from "./index";
import { RICH_DOSSIER_RESIDENT } from "./personas";

const TODAY = "2026-11-26";
const CITIZENS = 400;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-rich-"));
let plain: DbHandle;
let rich: DbHandle;

async function seeded(name: string, richDossier?: number): Promise<DbHandle> {
  const handle = await openDatabase(path.join(dir, name), { bulk: true });
  await seed(handle, { citizens: CITIZENS, today: TODAY, richDossier });
  return handle;
}

function all<T = Record<string, unknown>>(h: DbHandle, query: string, ...params: unknown[]): T[] {
  return h.sqlite!.prepare(query).all(...params) as T[];
}

function count(h: DbHandle, query: string, ...params: unknown[]): number {
  return (h.sqlite!.prepare(query).get(...params) as { n: number }).n;
}

beforeAll(async () => {
  plain = await seeded("plain.db");
  rich = await seeded("rich.db", 100);
}, 60_000);

afterAll(async () => {
  await plain?.close();
  await rich?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("seed with a rich dossier (benchmarks)", () => {
  it("gives the rich resident the codice fiscale computed from the data", () => {
    const P = RICH_DOSSIER_RESIDENT;
    expect(
      computeCodiceFiscale({
        surname: P.surname,
        name: P.name,
        birthDate: P.birthDate,
        sex: P.sex,
        belfiore: P.birthBelfiore,
      }),
    ).toBe(P.codiceFiscale);
  });

  it("adds one resident after everyone else, who are the same as in the seed without it", () => {
    expect(count(rich, "select count(*) n from citizens")).toBe(CITIZENS + 1);
    const last = all<{ codice_fiscale: string }>(
      rich,
      "select codice_fiscale from citizens order by id desc limit 1",
    );
    expect(last[0]!.codice_fiscale).toBe(RICH_DOSSIER_RESIDENT.codiceFiscale);
    // Bookings are drawn after every resident: they alone differ.
    for (const table of TABLE_ORDER.filter((t) => t !== "appointments")) {
      const order = table === "operator_roles" ? "operator_id, role" : "id";
      const before = all(plain, `select * from ${table} order by ${order}`);
      const after = all(rich, `select * from ${table} order by ${order}`);
      expect(after.slice(0, before.length), table).toEqual(before);
    }
  });

  it("holds about a hundred times a usual adult's positions, payments, messages, pratiche and certificates", () => {
    const id = all<{ id: number }>(
      rich,
      "select id from citizens where codice_fiscale = ?",
      RICH_DOSSIER_RESIDENT.codiceFiscale,
    )[0]!.id;
    const adults = count(
      rich,
      "select count(*) n from citizens where birth_date <= '2008-11-26' and id <> ?",
      id,
    );
    const ratio = (ofRich: string, ofAll: string) => {
      const mine = count(rich, ofRich, id);
      return mine / ((count(rich, ofAll) - mine) / adults);
    };
    expect(
      ratio(
        "select count(*) n from debt_positions where debtor_citizen_id = ?",
        "select count(*) n from debt_positions",
      ),
    ).toBeGreaterThan(50);
    expect(
      ratio(
        "select count(*) n from receipts r join payment_options o on o.id = r.option_id join debt_positions p on p.id = o.position_id where p.debtor_citizen_id = ?",
        "select count(*) n from receipts",
      ),
    ).toBeGreaterThan(50);
    expect(
      ratio("select count(*) n from messages where citizen_id = ?", "select count(*) n from messages"),
    ).toBeGreaterThan(50);
    expect(count(rich, "select count(*) n from pratiche where citizen_id = ?", id)).toBeGreaterThanOrEqual(5);
    expect(
      count(rich, "select count(*) n from certificates where citizen_id = ?", id),
    ).toBeGreaterThanOrEqual(4);
  });

  // That the portal rebuilds its certificates: app/dossier/certificates-seeded.server.test.ts.
  it("keeps the rich dossier's references consistent", () => {
    expect(all(rich, "pragma foreign_key_check")).toEqual([]);
  });
});
