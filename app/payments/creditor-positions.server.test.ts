import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAudit } from "~/audit.server";
import type { OperatorActor } from "~/operator/actor";
import type { NewPositionInput } from "~/payments/creditor-input";
import { parsePositionInput } from "~/payments/position-schema.server";
import { navCheckDigits, parseNav } from "~/rules/nav";
import { startCheckout } from "~/payments/checkout.server";
import { citizenActor } from "~/payments/context.server";
import {
  createPosition,
  getPosition,
  getPositionByIupd,
  invalidatePosition,
  listPositions,
  publishPosition,
} from "~/payments/creditor-positions.server";
import { activateDuePositions } from "~/payments/creditor-jobs.server";
import { TEST_AUDIT_KEY } from "../../tests/support/payments-db";
import type { CreditorActor } from "~/payments/creditor.server";
import type { TestDb } from "../../tests/support/payments-db";
import {
  addOperator,
  auditRowsOf,
  COMUNE_CF,
  createdPosition,
  messagesOf as messagesIn,
  openCreditorFixture,
  positionInput,
  rawPosition,
  REGIONE_CF,
} from "../../tests/support/creditor-fixture";

let t: TestDb;
let operator: CreditorActor;
let api: CreditorActor;
let regioneApi: CreditorActor;

beforeEach(async () => {
  ({ t, operator, api, regioneApi } = await openCreditorFixture());
});
afterEach(async () => {
  await t.close();
});

const created = (by: CreditorActor = operator, overrides: Record<string, unknown> = {}) =>
  createdPosition(t, by, overrides);
const input = positionInput;
const auditRows = (action: string) => auditRowsOf(t, action);
const messagesOf = (citizenId: number) => messagesIn(t, citizenId);

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
      actor: await addOperator(t, t.comuneId, ["anagrafe"], "BSOSLV78E54L219C"),
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
