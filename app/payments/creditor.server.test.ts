import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAudit } from "~/audit.server";
import type { OperatorActor } from "~/operator/actor";
import { navCheckDigits, parseNav } from "~/rules/nav";
import { startCheckout } from "~/payments/checkout.server";
import { citizenActor } from "~/payments/context.server";
import type { CreditorActor } from "~/payments/creditor.server";
import {
  createPosition,
  getPosition,
  getPositionByIupd,
  invalidatePosition,
  listPositions,
  publishPosition,
} from "~/payments/creditor-positions.server";
import { activateDuePositions, expireDuePositions } from "~/payments/creditor-jobs.server";
import { listReceipts, parseReceiptRange } from "~/payments/creditor-receipts.server";
import { dailyReceiptTotals, receiptsCsv } from "~/payments/creditor-reconciliation.server";
import type { NewPositionInput } from "~/payments/creditor-input";
import { parsePositionInput } from "~/payments/position-schema.server";
import { applyReceipt } from "~/payments/receipts.server";
import { createTestDb, TEST_AUDIT_KEY, type TestDb } from "../../tests/support/payments-db";

let t: TestDb;
let operator: CreditorActor;
let api: CreditorActor;
let regioneApi: CreditorActor;

const COMUNE_CF = "00514490010";
const REGIONE_CF = "80087650018";
const TODAY = "2026-11-26";

async function addOperator(
  enteId: number,
  roles: OperatorActor["roles"],
  fiscalCode = "GRDMRT85A63L219Y",
): Promise<OperatorActor> {
  const row = await t.db
    .insertInto("operators")
    .values({
      codice_fiscale: fiscalCode,
      entity_id: enteId,
      office_id: null,
      surname: "Giordano",
      name: "Marta",
      email: "m.giordano@comune.demo.it",
      active: 1,
      created_at: "2026-01-01T00:00:00.000Z",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, enteId: enteId, officeId: null, codiceFiscale: fiscalCode, roles };
}

beforeEach(async () => {
  t = await createTestDb();
  operator = { kind: "operatore", actor: await addOperator(t.comuneId, ["pagamenti"]) };
  api = { kind: "api", enteId: t.comuneId, apiKeyId: 7, label: "Gestionale tributi" };
  regioneApi = { kind: "api", enteId: t.regioneId, apiKeyId: 8, label: "Bollo" };
});
afterEach(async () => {
  await t.close();
});

function rawPosition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "F",
    debtorFiscalCode: "RSSMRA80H63H501X",
    debtorName: "Maria Rossi",
    service: "TARI",
    description: "TARI 2026 - saldo",
    options: [
      {
        amountCents: 15000,
        description: "TARI 2026 unica soluzione",
        dueDate: "2026-12-31",
        transfers: [{ amountCents: 15000, remittanceInformation: "TARI 2026", category: "9/0101101IM/" }],
      },
    ],
    ...overrides,
  };
}

function input(overrides: Record<string, unknown> = {}): NewPositionInput {
  const parsed = parsePositionInput(rawPosition(overrides), { today: TODAY });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

async function created(by: CreditorActor = operator, overrides: Record<string, unknown> = {}) {
  const r = await createPosition(t.db, t.env, by, input(overrides));
  if (!r.ok) throw new Error(`${r.code}: ${r.message} ${JSON.stringify(r.errors)}`);
  return r.value;
}

const auditRows = (action: string) =>
  t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();
const messagesOf = (citizenId: number) =>
  t.db.selectFrom("messages").selectAll().where("citizen_id", "=", citizenId).orderBy("id").execute();

describe("parsePositionInput", () => {
  it("accepts a single payment and normalises the debtor's code", () => {
    const r = parsePositionInput(rawPosition({ debtorFiscalCode: " rssmra80h63h501x " }), { today: TODAY });
    expect(r).toMatchObject({
      ok: true,
      value: {
        type: "F",
        debtorFiscalCode: "RSSMRA80H63H501X",
        iupd: null,
        isPartialPayment: false,
        switchToExpired: false,
        options: [
          { amountCents: 15000, transfers: [{ idTransfer: 1, organizationFiscalCode: null, iban: null }] },
        ],
      },
    });
  });

  it("keys Italian messages by field path", () => {
    const r = parsePositionInput(
      {
        type: "X",
        debtorFiscalCode: "RSSMRA80H63H501Y",
        debtorName: "",
        service: "PARCHEGGIO",
        description: "x".repeat(141),
        iupd: "con spazi",
        options: [
          {
            amountCents: 10.5,
            description: "Rata",
            dueDate: "2026-02-30",
            retentionDate: "oggi",
            transfers: [
              {
                amountCents: 100,
                remittanceInformation: "ok",
                category: "9/0101100IM",
                iban: "IT00X0000000000000000000000",
              },
            ],
          },
        ],
      },
      { today: TODAY },
    );
    expect(r.ok).toBe(false);
    const errors = (r as { errors: Record<string, string> }).errors;
    expect(errors.type).toMatch(/F \(persona fisica\) o G/);
    expect(errors.debtorFiscalCode).toBeUndefined(); // no type, no rule to check it against
    expect(errors.debtorName).toBe("Indica il nome del debitore.");
    expect(errors.service).toMatch(/IMU, TARI/);
    expect(errors.description).toMatch(/al massimo 140 caratteri \(ne hai scritti 141\)/);
    expect(errors.iupd).toMatch(/IUPD/);
    expect(errors["options[0].amountCents"]).toMatch(/numero intero di centesimi/);
    expect(errors["options[0].dueDate"]).toMatch(/data valida/);
    expect(errors["options[0].retentionDate"]).toMatch(/data valida/);
    expect(errors["options[0].transfers[0].category"]).toBe(
      "La categoria (tassonomia pagoPA) deve avere la forma 9/0101100IM/.",
    );
    expect(errors["options[0].transfers[0].iban"]).toMatch(/IBAN non è valido/);
  });

  it("checks the debtor's code by type: codice fiscale for F, partita IVA for G", () => {
    const f = parsePositionInput(rawPosition({ debtorFiscalCode: "RSSMRA80H63H501Y" }));
    expect(f).toMatchObject({
      ok: false,
      errors: { debtorFiscalCode: "Il carattere di controllo non è corretto." },
    });
    const g = parsePositionInput(rawPosition({ type: "G", debtorFiscalCode: "00743110158" }));
    expect(g).toMatchObject({
      ok: false,
      errors: { debtorFiscalCode: expect.stringMatching(/partita IVA non è valida/) },
    });
    expect(parsePositionInput(rawPosition({ type: "G", debtorFiscalCode: "00743110157" })).ok).toBe(true);
    expect(
      parsePositionInput(rawPosition({ type: "G", debtorFiscalCode: "RSSMRA80H63H501X" })),
    ).toMatchObject({
      ok: false,
      errors: { debtorFiscalCode: expect.stringMatching(/11 cifre/) },
    });
  });

  it("refuses a due date in the past, a retention date before the due date and transfers that do not add up", () => {
    const r = parsePositionInput(
      rawPosition({
        options: [
          {
            amountCents: 15000,
            description: "TARI",
            dueDate: "2026-11-25",
            transfers: [
              { amountCents: 10000, remittanceInformation: "TARI", category: "9/0101101IM/" },
              { amountCents: 4000, remittanceInformation: "TEFA", category: "9/0101101IM/" },
            ],
          },
        ],
      }),
      { today: TODAY },
    );
    expect(r).toMatchObject({
      ok: false,
      errors: {
        "options[0].dueDate": "La scadenza non può essere già passata.",
        "options[0].transfers":
          "La somma dei trasferimenti (€ 140,00) deve essere uguale all'importo (€ 150,00).",
      },
    });
    const retention = parsePositionInput(
      rawPosition({
        options: [
          {
            amountCents: 100,
            description: "x",
            dueDate: "2026-12-31",
            retentionDate: "2026-12-30",
            transfers: [{ amountCents: 100, remittanceInformation: "x", category: "9/0101101IM/" }],
          },
        ],
      }),
    );
    expect(retention).toMatchObject({
      ok: false,
      errors: { "options[0].retentionDate": expect.any(String) },
    });
    const six = parsePositionInput(
      rawPosition({
        options: [
          {
            amountCents: 600,
            description: "x",
            dueDate: "2026-12-31",
            transfers: Array.from({ length: 6 }, () => ({
              amountCents: 100,
              remittanceInformation: "x",
              category: "9/0101101IM/",
            })),
          },
        ],
      }),
    );
    expect(six).toMatchObject({
      ok: false,
      errors: { "options[0].transfers": "Al massimo 5 trasferimenti per opzione di pagamento." },
    });
  });

  it("wants one single payment or at least two instalments in order of due date", () => {
    const opt = (dueDate: string, extra: Record<string, unknown> = {}) => ({
      amountCents: 100,
      description: "Rata",
      dueDate,
      transfers: [{ amountCents: 100, remittanceInformation: "x", category: "9/0101101IM/" }],
      ...extra,
    });
    expect(
      parsePositionInput(
        rawPosition({ isPartialPayment: false, options: [opt("2026-12-01"), opt("2027-01-01")] }),
      ),
    ).toMatchObject({
      ok: false,
      errors: { options: expect.stringMatching(/unica soluzione ha una sola opzione/) },
    });
    expect(
      parsePositionInput(rawPosition({ isPartialPayment: true, options: [opt("2026-12-01")] })),
    ).toMatchObject({
      ok: false,
      errors: { options: "Un pagamento a rate ha almeno due rate." },
    });
    expect(
      parsePositionInput(rawPosition({ options: [opt("2027-01-01"), opt("2026-12-01")] })),
    ).toMatchObject({
      ok: false,
      errors: { "options[1].dueDate": "Le rate vanno indicate in ordine di scadenza." },
    });
    expect(
      parsePositionInput(
        rawPosition({
          options: [
            opt("2026-12-01", { isPartialPayment: true }),
            opt("2027-01-01", { isPartialPayment: false }),
          ],
        }),
      ),
    ).toMatchObject({ ok: false, errors: { "options[1].isPartialPayment": expect.any(String) } });
    const ok = parsePositionInput(rawPosition({ options: [opt("2026-12-01"), opt("2027-01-01")] }));
    expect(ok).toMatchObject({ ok: true, value: { isPartialPayment: true } });
  });

  it("refuses a validity date after the first due date", () => {
    expect(parsePositionInput(rawPosition({ validityDate: "2027-01-01" }))).toMatchObject({
      ok: false,
      errors: { validityDate: "La data di validità non può essere successiva alla prima scadenza." },
    });
  });
});

describe("createPosition", () => {
  it("creates a DRAFT with aux-3 codes of the ente's segregation code, the debtor linked and an audit row", async () => {
    const p = await created();
    expect(p).toMatchObject({
      status: "DRAFT",
      enteId: t.comuneId,
      creditorFiscalCode: COMUNE_CF,
      debtorCitizenId: t.citizenA,
      companyName: "Comune di Torino",
      totalCents: 15000,
      publishedAt: null,
    });
    expect(p.iupd).toMatch(/^TARI-2026-01\d{15}$/);
    const o = p.options[0]!;
    expect(o.nav).toMatch(/^301\d{15}$/);
    expect(o.iuv).toBe(o.nav.slice(1));
    expect(o.nav.slice(16)).toBe(navCheckDigits(o.nav.slice(0, 16)));
    expect(parseNav(o.nav)).toMatchObject({ ok: true, value: { auxDigit: 3, segregationCode: "01" } });
    expect(o).toMatchObject({ instalmentNumber: 0, isPartialPayment: false, status: "PO_UNPAID" });
    expect(o.transfers).toEqual([
      {
        idTransfer: 1,
        amountCents: 15000,
        organizationFiscalCode: COMUNE_CF,
        iban: "IT21J0306901185000000514495",
        remittanceInformation: "TARI 2026",
        category: "9/0101101IM/",
      },
    ]);
    const audit = await auditRows("payments.position.create");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_kind: "operatore",
      operator_id: (operator as { actor: OperatorActor }).actor.id,
      entity_id: t.comuneId,
      subject_citizen_id: t.citizenA,
      role: "pagamenti",
    });
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ positionId: p.id, navs: [o.nav], channel: "web" });
  });

  it("continues after the largest code the ente has issued, and numbers instalments", async () => {
    const existing = await t.addPosition({ citizenId: t.citizenB, amounts: [100] });
    const lastSequence = Number(existing.navs[0]!.slice(3, 16));
    const p = await created(api, {
      options: [1, 2, 3].map((n) => ({
        amountCents: 1000 * n,
        description: `Rata ${n}`,
        dueDate: `2027-0${n}-16`,
        transfers: [{ amountCents: 1000 * n, remittanceInformation: `Rata ${n}`, category: "9/0101101IM/" }],
      })),
    });
    expect(p.options.map((o) => Number(o.nav.slice(3, 16)))).toEqual([
      lastSequence + 1,
      lastSequence + 2,
      lastSequence + 3,
    ]);
    expect(p.options.map((o) => [o.instalmentNumber, o.isPartialPayment])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);
    expect(p.isPartialPayment).toBe(true);
    const [audit] = await auditRows("payments.position.create");
    expect(audit).toMatchObject({ actor_kind: "api", operator_id: null, entity_id: t.comuneId });
    expect(JSON.parse(audit!.details!)).toMatchObject({
      channel: "api",
      apiKeyId: 7,
      apiKeyLabel: "Gestionale tributi",
    });
  });

  it("gives concurrent creations distinct codes", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => createPosition(t.db, t.env, api, input())),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const navs = results.map((r) => (r.ok ? r.value.options[0]!.nav : ""));
    expect(new Set(navs).size).toBe(8);
    expect(navs.every((n) => parseNav(n).ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.value.iupd : ""))).size).toBe(8);
    expect((await verifyAudit(t.db, TEST_AUDIT_KEY, null)).ok).toBe(true);
  });

  it("answers 409 to an iupd the ente already used; another ente may use it", async () => {
    await created(operator, { iupd: "TARI-2026-0001" });
    const again = await createPosition(t.db, t.env, api, input({ iupd: "TARI-2026-0001" }));
    expect(again).toMatchObject({ ok: false, status: 409, code: "iupd_esistente" });
    expect((again as { message: string }).message).toContain("TARI-2026-0001");
    const other = await createPosition(t.db, t.env, regioneApi, input({ iupd: "TARI-2026-0001" }));
    expect(other.ok).toBe(true);
    expect(await auditRows("payments.position.create")).toHaveLength(2);
  });

  it("sends the first transfer to the ente and finds the IBAN of another ente of the portal", async () => {
    const twoWay = (first: string | null, second: string) => ({
      options: [
        {
          amountCents: 10500,
          description: "TARI con tributo provinciale",
          dueDate: "2026-12-31",
          transfers: [
            {
              amountCents: 10000,
              remittanceInformation: "TARI",
              category: "9/0101101IM/",
              organizationFiscalCode: first,
            },
            {
              amountCents: 500,
              remittanceInformation: "TEFA",
              category: "9/0101101IM/",
              organizationFiscalCode: second,
            },
          ],
        },
      ],
    });
    const wrong = await createPosition(t.db, t.env, api, input(twoWay(REGIONE_CF, COMUNE_CF)));
    expect(wrong).toMatchObject({
      ok: false,
      status: 400,
      errors: { "options[0].transfers[0].organizationFiscalCode": expect.stringContaining(COMUNE_CF) },
    });
    const unknown = await createPosition(t.db, t.env, api, input(twoWay(null, "00743110157")));
    expect(unknown).toMatchObject({
      ok: false,
      status: 400,
      errors: { "options[0].transfers[1].iban": expect.any(String) },
    });
    const ok = await created(api, twoWay(null, REGIONE_CF));
    expect(ok.options[0]!.transfers.map((x) => x.organizationFiscalCode)).toEqual([COMUNE_CF, REGIONE_CF]);
    expect(await auditRows("payments.position.create")).toHaveLength(1);
  });

  it("refuses a due date already past by the portal's clock even when the caller did not check it", async () => {
    const v = parsePositionInput(
      rawPosition({ options: [{ ...(rawPosition().options as object[])[0]!, dueDate: "2026-11-01" }] }),
    );
    expect(v.ok).toBe(true);
    const r = await createPosition(t.db, t.env, api, (v as { value: NewPositionInput }).value);
    expect(r).toMatchObject({
      ok: false,
      status: 400,
      errors: { "options[0].dueDate": "La scadenza non può essere già passata." },
    });
    expect(
      await t.db.selectFrom("debt_positions").select("id").where("iupd", "like", "TARI-%").execute(),
    ).toHaveLength(0);
  });

  it("lets only operators with the payments role act", async () => {
    const anagrafe: CreditorActor = {
      kind: "operatore",
      actor: await addOperator(t.comuneId, ["anagrafe"], "BSOSLV78E54L219C"),
    };
    expect(await createPosition(t.db, t.env, anagrafe, input())).toMatchObject({ ok: false, status: 404 });
  });
});

describe("publishPosition", () => {
  it("makes the position VALID at once and tells the debtor, linked to the notice", async () => {
    const p = await created();
    const r = await publishPosition(t.db, t.env, operator, p.id);
    expect(r).toMatchObject({ ok: true, value: { status: "VALID" } });
    expect((r as { value: { publishedAt: string } }).value.publishedAt).toBeTruthy();
    const msgs = await messagesOf(t.citizenA);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({
      sender_entity_id: t.comuneId,
      payment_option_id: p.options[0]!.id,
      due_date: "2026-12-31",
      read_at: null,
      subject: "Nuovo avviso di pagamento: TARI 2026 - saldo",
    });
    expect(msgs[0]!.body).toContain("€ 150,00");
    expect(msgs[0]!.body).toContain("31/12/2026");
    const audit = await auditRows("payments.position.publish");
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ status: "VALID", messageId: msgs[0]!.id });

    const twice = await publishPosition(t.db, t.env, operator, p.id);
    expect(twice).toMatchObject({ ok: false, status: 409, code: "stato_non_valido" });
    expect(await messagesOf(t.citizenA)).toHaveLength(1);
  });

  it("keeps a position with a future validity date PUBLISHED, silent, until the date comes", async () => {
    const p = await created(api, { validityDate: "2026-12-01" });
    expect(await publishPosition(t.db, t.env, api, p.id)).toMatchObject({
      ok: true,
      value: { status: "PUBLISHED" },
    });
    expect(await messagesOf(t.citizenA)).toHaveLength(0);
    expect(await activateDuePositions(t.db, t.env)).toBe(0);
    const later = { ...t.env, today: () => "2026-12-01" };
    expect(await activateDuePositions(t.db, later)).toBe(1);
    expect((await getPosition(t.db, t.comuneId, p.id))!.status).toBe("VALID");
    expect(await messagesOf(t.citizenA)).toHaveLength(1);
    expect(await auditRows("payments.position.validate")).toMatchObject([{ actor_kind: "sistema" }]);
    expect(await activateDuePositions(t.db, later)).toBe(0);
  });

  it("sends no message when the debtor is not a citizen of the portal", async () => {
    const p = await created(api, { debtorFiscalCode: "BNZVCN32S10E573Z", debtorName: "Vincenzo Benzi" });
    expect(p.debtorCitizenId).toBeNull();
    expect(await publishPosition(t.db, t.env, api, p.id)).toMatchObject({
      ok: true,
      value: { status: "VALID" },
    });
    expect(await t.db.selectFrom("messages").select("id").execute()).toHaveLength(0);
  });

  it("does not find another ente's position", async () => {
    const p = await created();
    expect(await publishPosition(t.db, t.env, regioneApi, p.id)).toMatchObject({ ok: false, status: 404 });
    expect(await getPosition(t.db, t.regioneId, p.id)).toBeNull();
    expect(await getPositionByIupd(t.db, t.regioneId, p.iupd)).toBeNull();
    expect((await getPositionByIupd(t.db, t.comuneId, p.iupd))!.id).toBe(p.id);
    expect((await listPositions(t.db, t.regioneId)).items.map((x) => x.id)).not.toContain(p.id);
    expect(await invalidatePosition(t.db, t.env, regioneApi, p.id, "Motivo qualsiasi")).toMatchObject({
      status: 404,
    });
    expect((await getPosition(t.db, t.comuneId, p.id))!.status).toBe("DRAFT");
  });
});

describe("invalidatePosition", () => {
  it("invalidates a VALID position with its reason and tells the debtor", async () => {
    const p = await created();
    await publishPosition(t.db, t.env, operator, p.id);
    const r = await invalidatePosition(
      t.db,
      t.env,
      operator,
      p.id,
      "Importo ricalcolato dopo la dichiarazione",
    );
    expect(r).toMatchObject({
      ok: true,
      value: { status: "INVALID", statusReason: "Importo ricalcolato dopo la dichiarazione" },
    });
    const msgs = await messagesOf(t.citizenA);
    expect(msgs.map((m) => m.subject)).toEqual([
      "Nuovo avviso di pagamento: TARI 2026 - saldo",
      "Avviso di pagamento annullato: TARI 2026 - saldo",
    ]);
    expect(await auditRows("payments.position.invalidate")).toMatchObject([
      { reason_text: "Importo ricalcolato dopo la dichiarazione", actor_kind: "operatore" },
    ]);
  });

  it("refuses DRAFT, PAID and INVALID positions, and a missing reason", async () => {
    const draft = await created();
    expect(await invalidatePosition(t.db, t.env, api, draft.id, "Errore di calcolo")).toMatchObject({
      ok: false,
      status: 409,
      code: "stato_non_valido",
      message: "Una posizione in stato «Bozza» non può essere annullata.",
    });
    const paid = await t.addPosition({ citizenId: t.citizenA, amounts: [100], status: "PAID" });
    expect(await invalidatePosition(t.db, t.env, api, paid.positionId, "Errore di calcolo")).toMatchObject({
      status: 409,
      message: "Una posizione in stato «Pagato» non può essere annullata.",
    });
    const valid = await t.addPosition({ citizenId: t.citizenA, amounts: [100] });
    expect(await invalidatePosition(t.db, t.env, api, valid.positionId, "  no ")).toMatchObject({
      status: 400,
      errors: { reason: expect.stringMatching(/tra 5 e 500 caratteri/) },
    });
    expect((await invalidatePosition(t.db, t.env, api, valid.positionId, "Errore di calcolo")).ok).toBe(true);
    expect(await invalidatePosition(t.db, t.env, api, valid.positionId, "Errore di calcolo")).toMatchObject({
      status: 409,
      message: "Una posizione in stato «Annullato» non può essere annullata.",
    });
    expect(await auditRows("payments.position.invalidate")).toHaveLength(1);
  });

  it("does not pull a notice from under a running checkout, and allows it once the reservation has lapsed", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [100, 200], instalments: true });
    const started = await startCheckout(t.db, t.env, {
      optionIds: [p.optionIds[1]!],
      payerCitizenId: t.citizenA,
      actor: citizenActor("RSSMRA80H63H501X"),
    });
    expect(started.ok).toBe(true);
    expect(await invalidatePosition(t.db, t.env, api, p.positionId, "Errore di calcolo")).toMatchObject({
      ok: false,
      status: 409,
      code: "in_pagamento",
    });
    expect((await getPosition(t.db, t.comuneId, p.positionId))!.status).toBe("VALID");
    t.env.advance(16 * 60_000);
    expect(await invalidatePosition(t.db, t.env, api, p.positionId, "Errore di calcolo")).toMatchObject({
      ok: true,
      value: { status: "INVALID" },
    });
  });
});

describe("expireDuePositions", () => {
  it("expires a VALID position that asks for it after its last due date, not before, and not mid-payment", async () => {
    const expiring = await created(api, { switchToExpired: true });
    const lasting = await created(api);
    for (const p of [expiring, lasting])
      expect(await publishPosition(t.db, t.env, api, p.id)).toMatchObject({
        ok: true,
        value: { status: "VALID" },
      });

    // The due date (31/12/2026) is still ahead.
    expect(await expireDuePositions(t.db, t.env)).toBe(0);
    const onDueDate = { ...t.env, today: () => "2026-12-31" };
    expect(await expireDuePositions(t.db, onDueDate)).toBe(0);

    // Past it, but a checkout holds the notice: it waits for the checkout to end.
    const started = await startCheckout(t.db, t.env, {
      optionIds: [expiring.options[0]!.id],
      payerCitizenId: t.citizenA,
      actor: citizenActor("RSSMRA80H63H501X"),
    });
    expect(started.ok).toBe(true);
    const later = { ...t.env, today: () => "2027-01-01" };
    expect(await expireDuePositions(t.db, later)).toBe(0);

    t.env.advance(16 * 60_000);
    expect(await expireDuePositions(t.db, later)).toBe(1);
    expect((await getPosition(t.db, t.comuneId, expiring.id))!).toMatchObject({
      status: "EXPIRED",
      statusReason: "Scaduto il termine di pagamento.",
    });
    expect((await getPosition(t.db, t.comuneId, lasting.id))!.status).toBe("VALID");
    expect(await auditRows("payments.position.expire")).toMatchObject([{ actor_kind: "sistema" }]);
    expect(await expireDuePositions(t.db, later)).toBe(0);
  });
});

describe("listPositions", () => {
  it("finds by iupd, NAV (with spaces) or debtor, filters by state and pages", async () => {
    const a = await created(api, { iupd: "MULTA-1" });
    const b = await created(api, { debtorFiscalCode: "MRNLCU00A01H501J", debtorName: "Luca Marini" });
    await publishPosition(t.db, t.env, api, b.id);
    await created(regioneApi);

    const all = await listPositions(t.db, t.comuneId);
    expect(all.items.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(all.total).toBe(2);
    expect((await listPositions(t.db, t.comuneId, { q: "MULTA-1" })).items.map((x) => x.id)).toEqual([a.id]);
    const spaced = b.options[0]!.nav.replace(/(.{4})/g, "$1 ");
    expect((await listPositions(t.db, t.comuneId, { q: spaced })).items.map((x) => x.id)).toEqual([b.id]);
    expect((await listPositions(t.db, t.comuneId, { q: "mrnlcu00a01h501j" })).items.map((x) => x.id)).toEqual(
      [b.id],
    );
    expect((await listPositions(t.db, t.comuneId, { status: "VALID" })).items.map((x) => x.id)).toEqual([
      b.id,
    ]);
    expect((await listPositions(t.db, t.regioneId, { q: "MULTA-1" })).total).toBe(0);

    const page2 = await listPositions(t.db, t.comuneId, { pageSize: 1, page: 2 });
    expect(page2).toMatchObject({ total: 2, page: 2, pageCount: 2, pageSize: 1 });
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0]!.options[0]!.transfers).toHaveLength(1);
  });
});

describe("receipts", () => {
  it("lists the ente's receipts in a range of Italian days, sums them per day and exports CSV", async () => {
    const p = await created(api);
    await publishPosition(t.db, t.env, api, p.id);
    const other = await t.addPosition({ citizenId: t.citizenA, amounts: [999], enteId: t.regioneId });
    const o = p.options[0]!;
    const pay = (nav: string, iuv: string, cf: string, amount: number, id: string, at: string) =>
      applyReceipt(t.db, t.env, {
        receiptId: id,
        noticeNumber: nav,
        fiscalCode: cf,
        outcome: "OK",
        creditorReferenceId: iuv,
        paymentAmountCents: amount,
        description: "=SOMMA(A1)",
        companyName: "Comune di Torino",
        debtor: { fiscalCode: "RSSMRA80H63H501X", fullName: "Maria Rossi" },
        payer: null,
        idPsp: "DEMOPSP",
        pspCompanyName: "PSP dimostrativo",
        paymentMethod: "CP",
        feeCents: 100,
        // 23:30 UTC on the 26th is already the 27th in Italy.
        paymentDateTime: at,
        applicationDate: at.slice(0, 10),
        transfers: [],
      });
    expect(
      (await pay(o.nav, o.iuv, COMUNE_CF, o.amountCents, "r-comune-1", "2026-11-26T23:30:00.000Z")).ok,
    ).toBe(true);
    const otherOption = await t.db
      .selectFrom("payment_options")
      .selectAll()
      .where("id", "=", other.optionIds[0]!)
      .executeTakeFirstOrThrow();
    expect(
      (
        await pay(
          otherOption.nav,
          otherOption.iuv,
          REGIONE_CF,
          999,
          "r-regione-1",
          "2026-11-27T08:00:00.000Z",
        )
      ).ok,
    ).toBe(true);

    expect(parseReceiptRange("2026-11-27", "2026-11-26")).toMatchObject({
      ok: false,
      errors: { to: "La data finale non può precedere quella iniziale." },
    });
    expect(parseReceiptRange("2026-1-1", "")).toMatchObject({
      ok: false,
      errors: { from: expect.any(String), to: expect.any(String) },
    });
    expect((await listReceipts(t.db, t.comuneId, { from: "2026-11-26", to: "2026-11-26" })).total).toBe(0);
    const list = await listReceipts(t.db, t.comuneId, { from: "2026-11-27", to: "2026-11-27" });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      receiptId: "r-comune-1",
      noticeNumber: o.nav,
      paymentAmountCents: 15000,
      iupd: p.iupd,
      positionId: p.id,
    });
    expect(
      (await listReceipts(t.db, t.regioneId, { from: "2026-11-27", to: "2026-11-27" })).items.map(
        (r) => r.receiptId,
      ),
    ).toEqual(["r-regione-1"]);
    expect(await dailyReceiptTotals(t.db, t.comuneId, { from: "2026-11-01", to: "2026-11-30" })).toEqual([
      { day: "2026-11-27", count: 1, totalCents: 15000, feeCents: 100 },
    ]);
    const csv = receiptsCsv(list.items);
    expect(csv.startsWith('\uFEFF"Data e ora del pagamento";')).toBe(true);
    expect(csv).toContain('"150,00";"1,00"');
    expect(csv).toContain(`"'=SOMMA(A1)"`);
    expect(csv.split("\r\n")).toHaveLength(3);
  });
});
