/**
 * Fifty payers of one notice, spread over two server processes on one database: exactly one gets
 * to pay, the other 49 are refused before paying ("già in pagamento"), and one receipt results.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "../../db/connection";
import { PERSONAS } from "../../db/seed/personas";
import { verifyAudit } from "../../app/audit.server";
import { WebClient, csrfOf } from "../support/http";
import { loginAs } from "../support/saml-client";
import { freshDataDir, startServer, type TestServer } from "../support/server";

const PAYERS = 50;
/** Payers signed in as the debtor (the rest pay without login, as anyone holding the notice may). */
const SIGNED_IN = 6;

let servers: TestServer[] = [];
let handle: DbHandle;

beforeAll(async () => {
  const dataDir = await freshDataDir();
  const env = { RATE_LIMIT_FACTOR: "1000" };
  // One after the other: the first process writes the demo secrets both then share.
  servers.push(await startServer({ dataDir, env }));
  servers.push(await startServer({ dataDir, env }));
  handle = await openDatabase(servers[0]!.databaseUrl);
});
afterAll(async () => {
  await handle?.close();
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
});

describe("50 payers of one notice over two processes", () => {
  it("lets exactly one pay; the other 49 are refused before paying; one receipt", async () => {
    const db = handle.db;
    const notice = await db
      .selectFrom("payment_options as po")
      .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
      .selectAll("po")
      .where("dp.debtor_fiscal_code", "=", PERSONAS.famiglia.codiceFiscale)
      .where("dp.service", "=", "BOLLO")
      .where("po.status", "=", "PO_UNPAID")
      .executeTakeFirstOrThrow();
    const holderQuery = `/paga-un-avviso?codice=${notice.nav}&ente=${notice.creditor_fiscal_code}`;

    // Every payer opens the page from which they will pay, on one server or the other.
    const prepared = await Promise.all(
      Array.from(
        { length: PAYERS },
        async (_, i): Promise<{ payer: WebClient; path: string; form: Record<string, string> }> => {
          const server = servers[i % 2]!;
          if (i < SIGNED_IN) {
            const { cookie } = await loginAs(server.url, { codiceFiscale: PERSONAS.famiglia.codiceFiscale });
            const payer = new WebClient(server.url, cookie);
            const page = await payer.get(`/area-personale/pagamenti/${notice.id}`);
            expect(page.status).toBe(200);
            return {
              payer,
              path: `/area-personale/pagamenti/${notice.id}`,
              form: { csrf: csrfOf(page.body, 'value="paga"'), intent: "paga" },
            };
          }
          const payer = new WebClient(server.url);
          const page = await payer.get(holderQuery);
          expect(page.status).toBe(200);
          return {
            payer,
            path: holderQuery,
            form: {
              csrf: csrfOf(page.body, 'name="email"'),
              codice: notice.nav,
              ente: notice.creditor_fiscal_code,
              email: "",
            },
          };
        },
      ),
    );

    // All at once.
    const t0 = performance.now();
    const latencies: number[] = [];
    const answers = await Promise.all(
      prepared.map(async (p) => {
        const t = performance.now();
        const a = await p.payer.post(p.path, p.form);
        latencies.push(performance.now() - t);
        return a;
      }),
    );
    const startMs = performance.now() - t0;
    latencies.sort((a, b) => a - b);

    const winners = answers.filter(
      (a) => a.status === 303 && /^\/checkout\/[0-9a-f]{32}$/.test(a.location ?? ""),
    );
    const inPayment = answers.filter((a) => a.status === 409 && a.text.includes("già in pagamento"));
    const other = answers.filter((a) => !winners.includes(a) && !inPayment.includes(a));
    expect(other.map((a) => `${a.status} ${a.text.slice(0, 200)}`)).toEqual([]);
    expect(winners).toHaveLength(1);
    expect(inPayment).toHaveLength(PAYERS - 1);

    const winnerIndex = answers.indexOf(winners[0]!);
    const checkoutPath = winners[0]!.location!;
    const checkoutId = checkoutPath.slice("/checkout/".length);
    expect(
      (
        await db
          .selectFrom("payment_options")
          .select("reserved_by")
          .where("id", "=", notice.id)
          .executeTakeFirstOrThrow()
      ).reserved_by,
    ).toBe(checkoutId);
    const checkoutsForNotice = await db
      .selectFrom("checkout_items")
      .select("checkout_id")
      .where("option_id", "=", notice.id)
      .execute();
    expect(checkoutsForNotice).toHaveLength(1);

    // The winner completes the payment.
    const winner = prepared[winnerIndex]!.payer;
    const page = await winner.get(checkoutPath);
    expect(page.status).toBe(200);
    const t1 = performance.now();
    const done = await winner.post(checkoutPath, {
      csrf: csrfOf(page.body, 'name="esito"'),
      esito: "successo",
      metodo: "carta",
    });
    const payMs = performance.now() - t1;
    expect(done.status).toBe(303);
    expect((await winner.get(checkoutPath)).text).toContain("Pagamento eseguito");

    // The others try again: now the notice is paid, and they are told so before paying.
    const t2 = performance.now();
    const retries = await Promise.all(
      prepared.filter((_, i) => i !== winnerIndex).map((p) => p.payer.post(p.path, p.form)),
    );
    const retryMs = performance.now() - t2;
    // One refusal alone, for scale: what a single request costs on this machine right now.
    const t3 = performance.now();
    await prepared[(winnerIndex + 1) % PAYERS]!.payer.post(
      prepared[(winnerIndex + 1) % PAYERS]!.path,
      prepared[(winnerIndex + 1) % PAYERS]!.form,
    );
    const singleMs = performance.now() - t3;
    const alreadyPaid = retries.filter((a) => a.status === 409 && a.text.includes("già pagato"));
    expect(alreadyPaid).toHaveLength(PAYERS - 1);

    const receipts = await db.selectFrom("receipts").selectAll().where("option_id", "=", notice.id).execute();
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.checkout_id).toBe(checkoutId);
    const option = await db
      .selectFrom("payment_options")
      .selectAll()
      .where("id", "=", notice.id)
      .executeTakeFirstOrThrow();
    expect(option).toMatchObject({ status: "PO_PAID", reserved_by: null });
    const secrets = JSON.parse(fs.readFileSync(path.join(servers[0]!.dataDir, "secrets.json"), "utf8")) as {
      auditHmacKey: string;
    };
    expect((await verifyAudit(db, secrets.auditHmacKey, null)).ok).toBe(true);

    const figures = {
      payers: PAYERS,
      processes: servers.length,
      signedIn: SIGNED_IN,
      anonymous: PAYERS - SIGNED_IN,
      startRequestsMs: Math.round(startMs),
      latencyMs: {
        min: Math.round(latencies[0]!),
        p50: Math.round(latencies[latencies.length >> 1]!),
        max: Math.round(latencies.at(-1)!),
      },
      winners: winners.length,
      refusedInPayment: inPayment.length,
      winnerProcess: winnerIndex % 2,
      completeMs: Math.round(payMs),
      retriesRefusedAlreadyPaid: alreadyPaid.length,
      retriesMs: Math.round(retryMs),
      singleRefusalMs: Math.round(singleMs),
      receipts: receipts.length,
    };
    console.log(`[concorrenza] ${JSON.stringify(figures)}`);
  });
});
