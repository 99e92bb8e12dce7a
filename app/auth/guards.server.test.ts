import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import type { Config } from "~/env.server";
import { requireCitizen, requireLevel, requireOperator, requireUser } from "~/auth/guards.server";
import { createSession, sessionCookieHeader } from "~/auth/session.server";

let handle: TestDatabase;
let context: AppLoadContext;
let enteId: number;
const config = { secure: false, sessionIdleMinutes: 15, sessionMaxHours: 8 } as Config;

beforeAll(async () => {
  handle = await openTestDatabase();
  ({ id: enteId } = await handle.db
    .insertInto("entities")
    .values({
      kind: "comune",
      name: "Comune di Prova",
      fiscal_code: "00514490010",
      ipa_code: "c_12",
      belfiore: null,
      province_code: "TO",
      parent_id: null,
      iban: "IT60X0542811101000000123456",
      postal_account: null,
      segregation_code: "12",
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
    .executeTakeFirstOrThrow());
  await handle.db
    .insertInto("operators")
    .values({
      id: 7,
      codice_fiscale: "RSSMRA80A01H501U",
      entity_id: enteId,
      office_id: null,
      surname: "Rossi",
      name: "Mario",
      email: "m@example.it",
      active: 1,
      created_at: "2026-01-01T00:00:00Z",
    })
    .execute();
  await handle.db.insertInto("operator_roles").values({ operator_id: 7, role: "tributi" }).execute();
  context = { db: handle.db, config, cspNonce: "", requestId: "t", services: {} } as AppLoadContext;
});

afterAll(async () => {
  await handle.close();
});

async function requestAs(
  opts: { level: number; operator?: boolean; codiceFiscale?: string },
  url = "http://portale.test/area-personale/dati-spid?x=1",
) {
  const { token } = await createSession(handle.db, config, {
    fiscal_code: opts.codiceFiscale ?? "RSSMRA80A01H501U",
    citizen_id: null,
    name: "Mario",
    surname: "Rossi",
    spid_attributes: "{}",
    credential: "spid",
    spid_level: opts.level,
    idp_entity_id: "https://idp.example/metadata",
    name_id: "_n",
    name_id_format: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
    acting_as: "cittadino",
    operator_id: opts.operator ? 7 : null,
  });
  const cookie = sessionCookieHeader(config, token).split(";")[0];
  return new Request(url, { headers: { Cookie: cookie } });
}

async function thrown(p: Promise<unknown>): Promise<Response> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("nothing thrown");
}

describe("guards", () => {
  it("requireUser: no session is a 303 to the login that comes back here", async () => {
    const res = await thrown(
      requireUser(new Request("http://portale.test/area-personale/pratiche?_data=x"), context),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/saml/login?next=%2Farea-personale%2Fpratiche");
  });

  it("requireLevel: a lower level goes back to the same IdP at the level needed", async () => {
    const res = await thrown(requireLevel(await requestAs({ level: 1 }), context, 2));
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get("Location")!, "http://portale.test");
    expect(location.pathname).toBe("/saml/login");
    expect(location.searchParams.get("idp")).toBe("https://idp.example/metadata");
    expect(location.searchParams.get("level")).toBe("2");
    expect(location.searchParams.get("next")).toBe("/area-personale/dati-spid?x=1");
  });

  it("requireLevel: an equal or higher level passes", async () => {
    const session = await requireLevel(await requestAs({ level: 3 }), context, 2);
    expect(session.spid_level).toBe(3);
  });

  it("requireCitizen: anyone signed in, with citizenId null when not in the registry", async () => {
    const { citizenId } = await requireCitizen(await requestAs({ level: 2 }), context);
    expect(citizenId).toBeNull();
  });

  it("requireOperator: 404 for non-operators and for a missing role; roles read from the database", async () => {
    const citizenOnly = await requestAs({ level: 2, codiceFiscale: "MRNLCU00A01H501J" });
    expect((await thrown(requireOperator(citizenOnly, context))).status).toBe(404);
    const request = await requestAs({ level: 2, operator: true });
    const { operator } = await requireOperator(request, context, "tributi");
    expect(operator).toMatchObject({ id: 7, enteId: enteId, roles: ["tributi"] });
    expect((await thrown(requireOperator(request, context, "anagrafe"))).status).toBe(404);
    await handle.db.insertInto("operator_roles").values({ operator_id: 7, role: "anagrafe" }).execute();
    expect((await requireOperator(request, context, "anagrafe")).operator.roles).toEqual([
      "anagrafe",
      "tributi",
    ]);
  });

  it("requireOperator: an operator whose session acts for no ente yet is sent to choose one, then back", async () => {
    const res = await thrown(
      requireOperator(
        await requestAs({ level: 2 }, "http://portale.test/operatore/posizioni?pagina=2"),
        context,
      ),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(
      "/operatore/scegli-ente?next=%2Foperatore%2Fposizioni%3Fpagina%3D2",
    );
  });
});
