import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startCheckout } from "~/payments/checkout.server";
import { citizenActor } from "~/payments/context.server";
import { expireDuePositions } from "~/payments/creditor-jobs.server";
import { getPosition, publishPosition } from "~/payments/creditor-positions.server";
import type { CreditorActor } from "~/payments/creditor.server";
import type { TestDb } from "../../tests/support/payments-db";
import { auditRowsOf, createdPosition, openCreditorFixture } from "../../tests/support/creditor-fixture";

let t: TestDb;
let operator: CreditorActor;
let api: CreditorActor;

beforeEach(async () => {
  ({ t, operator, api } = await openCreditorFixture());
});
afterEach(async () => {
  await t.close();
});

const created = (by: CreditorActor = operator, overrides: Record<string, unknown> = {}) =>
  createdPosition(t, by, overrides);
const auditRows = (action: string) => auditRowsOf(t, action);

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
