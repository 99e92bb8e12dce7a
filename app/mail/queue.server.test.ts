import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/connection";
import { openTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import {
  claimDueMail,
  deliverDueMail,
  enqueueMail,
  MAX_ATTEMPTS,
  messageIdOf,
  retryDelayMs,
  type MailTransport,
  type OutgoingMail,
} from "~/mail/queue.server";

// Two "processes" on one database (a SQLite file, or a PostgreSQL database), one clock.
let a: TestDatabase;
let b: DbHandle;

beforeEach(async () => {
  a = await openTestDatabase({ shared: true });
  b = await a.connect();
});

afterEach(async () => {
  await b.close();
  await a.close();
});

const content = { subject: "Prova", text: "Testo", html: "<p>Testo</p>" };

async function queue(n: number) {
  for (let i = 0; i < n; i++)
    await enqueueMail(a.db, {
      kind: "promemoria",
      citizenId: null,
      recipient: `persona${i}@posta.test`,
      mail: content,
      dedupeKey: `prova:${i}`,
      now: "2026-11-26T10:00:00.000Z",
    });
}

function recording(
  fail: (m: OutgoingMail) => boolean = () => false,
): MailTransport & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return {
    name: "prova",
    sent,
    async send(m) {
      if (fail(m)) throw new Error("451 casella occupata");
      sent.push(m);
    },
  };
}

describe("the mail queue", () => {
  it("queues a key once", async () => {
    await queue(1);
    const again = await enqueueMail(a.db, {
      kind: "promemoria",
      citizenId: null,
      recipient: "altro@posta.test",
      mail: content,
      dedupeKey: "prova:0",
      now: "2026-11-26T11:00:00.000Z",
    });
    expect(again).toBe(false);
    expect(await a.db.selectFrom("mail_queue").select("recipient").execute()).toEqual([
      { recipient: "persona0@posta.test" },
    ]);
  });

  it("two processes claiming at once split the rows, never share one", async () => {
    await queue(30);
    const now = Date.now() + 1000;
    const [x, y] = await Promise.all([
      claimDueMail(a.db, "processo-a", now, { limit: 20 }),
      claimDueMail(b.db, "processo-b", now, { limit: 20 }),
    ]);
    const ids = [...x, ...y].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(30);
    // Leased rows are not due again until their lease ends.
    expect(await claimDueMail(a.db, "processo-c", now + 60_000)).toHaveLength(0);
    expect(await claimDueMail(a.db, "processo-c", now + 121_000)).toHaveLength(20);
  });

  it("sends each row once across two delivering processes", async () => {
    await queue(12);
    const t = recording();
    const opts = {
      transport: t,
      from: '"Portale" <noreply@portale.test>',
      attachmentsOf: async () => [],
      limit: 5,
    };
    const now = () => Date.now() + 1000;
    let total = 0;
    for (let round = 0; round < 3; round++) {
      const sent = await Promise.all([
        deliverDueMail({ ...opts, db: a.db, holder: "a", now }),
        deliverDueMail({ ...opts, db: b.db, holder: "b", now }),
      ]);
      total += sent[0] + sent[1];
    }
    expect(total).toBe(12);
    expect(t.sent.map((m) => m.to).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `persona${i}@posta.test`).sort(),
    );
    const rows = await a.db
      .selectFrom("mail_queue")
      .select(["state", "transport", "message_id", "id", "dedupe_key"])
      .execute();
    for (const r of rows) {
      expect(r.state).toBe("inviato");
      expect(r.transport).toBe("prova");
      expect(r.message_id).toBe(messageIdOf(r, opts.from));
    }
  });

  it("retries a failure later, longer each time, and gives up after the last attempt", async () => {
    await queue(1);
    const t = recording(() => true);
    let clock = Date.now() + 1000;
    const opts = {
      db: a.db,
      transport: t,
      from: "noreply@portale.test",
      holder: "a",
      attachmentsOf: async () => [],
      now: () => clock,
    };
    expect(await deliverDueMail(opts)).toBe(0);
    let row = await a.db.selectFrom("mail_queue").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      state: "in_coda",
      attempts: 1,
      last_error: "451 casella occupata",
      leased_by: null,
    });
    expect(Date.parse(row.next_attempt_at) - clock).toBe(retryDelayMs(1));
    // Not before its time.
    expect(await claimDueMail(a.db, "a", clock + retryDelayMs(1) - 1)).toHaveLength(0);
    for (let n = 2; n <= MAX_ATTEMPTS; n++) {
      clock = Date.parse(row.next_attempt_at);
      await deliverDueMail(opts);
      row = await a.db.selectFrom("mail_queue").selectAll().executeTakeFirstOrThrow();
      expect(row.attempts).toBe(n);
    }
    expect(row.state).toBe("non_inviabile");
    expect(await claimDueMail(a.db, "a", clock + 10 * 3_600_000)).toHaveLength(0);
    expect(retryDelayMs(1)).toBe(60_000);
    expect(retryDelayMs(3)).toBe(240_000);
    expect(retryDelayMs(20)).toBe(360 * 60_000);
  });
});
