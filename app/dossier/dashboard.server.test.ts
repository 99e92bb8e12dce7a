import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/schema";
import { seed } from "../../db/seed/index";
import { PERSONA_FAMIGLIA, PERSONA_GIOVANE, PERSONA_PENSIONATO } from "../../db/seed/personas";
import { openTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import {
  effectiveOptions,
  f24Category,
  getAmountsDue,
  getRecentActivity,
  loadScrivania,
  yearlyTotals,
  type OptionRow,
} from "~/dossier/dashboard.server";
import { listDeadlineEvents } from "~/dossier/export.server";
import { countUnread, getMessage, listMessages, markMessageRead } from "~/dossier/messages.server";
import {
  documentsNeedingRenewal,
  expiryState,
  getHousehold,
  getIdentityDocuments,
  spidFields,
} from "~/dossier/registry.server";

const TODAY = "2026-11-26";
const NOW = "2026-11-26T10:00:00.000Z";

const opt = (
  o: Partial<OptionRow & { service: string }> & { optionId: number; positionId: number },
): OptionRow & { service: string } => ({
  isPartial: false,
  status: "PO_UNPAID",
  amountCents: 1000,
  dueDate: "2026-06-16",
  service: "IMU",
  ...o,
});

describe("effectiveOptions", () => {
  it("counts the instalments, not the single payment offered beside them", () => {
    const rows = [
      opt({ optionId: 1, positionId: 1, amountCents: 2000 }),
      opt({ optionId: 2, positionId: 1, isPartial: true }),
      opt({ optionId: 3, positionId: 1, isPartial: true }),
    ];
    expect(effectiveOptions(rows).map((o) => o.optionId)).toEqual([2, 3]);
  });
  it("counts the single payment once it is paid", () => {
    const rows = [
      opt({ optionId: 1, positionId: 1, amountCents: 2000, status: "PO_PAID" }),
      opt({ optionId: 2, positionId: 1, isPartial: true }),
    ];
    expect(effectiveOptions(rows).map((o) => o.optionId)).toEqual([1]);
  });
  it("keeps single payments of positions without instalments", () => {
    const rows = [opt({ optionId: 1, positionId: 1 }), opt({ optionId: 2, positionId: 2 })];
    expect(effectiveOptions(rows)).toHaveLength(2);
  });
});

describe("yearlyTotals", () => {
  it("splits by year and category, pagoPA by due year and F24 by reference year", () => {
    const years = yearlyTotals(
      [
        opt({ optionId: 1, positionId: 1, isPartial: true, status: "PO_PAID", amountCents: 66780 }),
        opt({ optionId: 2, positionId: 1, isPartial: true, dueDate: "2026-12-16", amountCents: 66780 }),
        opt({ optionId: 3, positionId: 2, service: "BOLLO", dueDate: "2026-12-31", amountCents: 21930 }),
        opt({
          optionId: 4,
          positionId: 3,
          service: "MULTA",
          dueDate: "2025-03-01",
          status: "PO_REPORTED",
          amountCents: 4200,
        }),
        opt({ optionId: 5, positionId: 4, dueDate: "2019-01-01" }),
      ],
      [
        { year: 2025, taxCode: "3918", amountCents: 133560 },
        { year: 2025, taxCode: "3944", amountCents: 30400 },
      ],
      2025,
      2026,
    );
    expect(years.map((y) => y.year)).toEqual([2025, 2026]);
    expect(years[0].due).toEqual({ IMU: 133560, TARI: 30400, BOLLO: 0, ALTRO: 4200 });
    expect(years[0].paidTotal).toBe(years[0].dueTotal);
    expect(years[1].due).toEqual({ IMU: 133560, TARI: 0, BOLLO: 21930, ALTRO: 0 });
    expect(years[1].paid).toEqual({ IMU: 66780, TARI: 0, BOLLO: 0, ALTRO: 0 });
  });
  it("maps F24 tax codes", () => {
    expect(f24Category("3912")).toBe("IMU");
    expect(f24Category("3930")).toBe("IMU");
    expect(f24Category("3944")).toBe("TARI");
    expect(f24Category("1001")).toBe("ALTRO");
  });
});

describe("expiryState", () => {
  it("flags documents from 90 days before expiry, and past ones", () => {
    expect(expiryState("2026-11-25", TODAY)).toBe("scaduta");
    expect(expiryState("2026-11-26", TODAY)).toBe("in_scadenza");
    expect(expiryState("2027-02-24", TODAY)).toBe("in_scadenza");
    expect(expiryState("2027-02-25", TODAY)).toBe("valida");
  });
});

describe("spidFields", () => {
  it("shows the attributes received, in Italian, without the TINIT- prefix", () => {
    const fields = spidFields({
      spid_attributes: JSON.stringify({
        name: "Chiara",
        fiscalNumber: "TINIT-MRTCHR86C52L219H",
        dateOfBirth: "1986-03-12",
        gender: "F",
        spidCode: "DEMO-1",
      }),
    });
    expect(fields).toEqual([
      { label: "Nome", value: "Chiara" },
      { label: "Codice fiscale", value: "MRTCHR86C52L219H" },
      { label: "Data di nascita", value: "12/03/1986" },
      { label: "Sesso", value: "Femminile" },
    ]);
  });
  it("survives a broken attribute record", () => {
    expect(spidFields({ spid_attributes: "{not json" })).toEqual([]);
  });
});

describe("queries on a seeded database", () => {
  let handle: TestDatabase;
  let db: Db;
  let queries = 0;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    handle = await openTestDatabase({ migrate: false });
    await seed(handle, { citizens: 60, today: TODAY });
    // The same database through a plugin that counts the statements it runs: each result passes
    // through transformResult once, on SQLite and PostgreSQL alike (transformQuery also sees
    // every subquery).
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        queries++;
        return args.result;
      },
    };
    db = handle.db.withPlugin(counting);
    for (const [key, p] of Object.entries({
      famiglia: PERSONA_FAMIGLIA,
      giovane: PERSONA_GIOVANE,
      pensionato: PERSONA_PENSIONATO,
    })) {
      const row = await db
        .selectFrom("citizens")
        .select("id")
        .where("codice_fiscale", "=", p.codiceFiscale)
        .executeTakeFirstOrThrow();
      ids[key] = row.id;
    }
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  it("loads the Scrivania in a fixed number of queries", async () => {
    queries = 0;
    const s = await loadScrivania(db, ids.famiglia, TODAY, NOW, new Date(NOW));
    expect(queries).toBe(8);
    expect(s.due.count).toBeGreaterThan(0);
    expect(s.due.overdueCount).toBeGreaterThanOrEqual(1);
    expect(s.due.items[0].overdue).toBe(true);
    expect(s.waiting.length).toBe(1);
    expect(s.documents.map((d) => d.kind)).toEqual(["carta_identita"]);
    expect(s.appointments.length).toBeGreaterThan(0);
    expect(s.activity.length).toBeGreaterThan(0);
    expect(s.years.at(-1)?.year).toBe(2026);
  });

  it("sums what is due without counting single payments beside instalments", async () => {
    const due = await getAmountsDue(db, ids.famiglia, TODAY, new Date(NOW));
    const sum = due.items.reduce((s, i) => s + i.amountCents, 0);
    if (due.count <= due.items.length) expect(due.totalCents).toBe(sum);
    expect(due.items.every((i, k) => k === 0 || due.items[k - 1].dueDate <= i.dueDate)).toBe(true);
  });

  it("shows nothing due for the pensioner who paid everything", async () => {
    const due = await getAmountsDue(db, ids.pensionato, TODAY, new Date(NOW));
    expect(due.count).toBe(0);
    expect(due.totalCents).toBe(0);
  });

  it("tells apart a notice held by a running checkout: due, but not payable meanwhile", async () => {
    const now = new Date(NOW);
    const before = await getAmountsDue(db, ids.famiglia, TODAY, now);
    expect(before.items.length).toBeGreaterThan(1);
    expect(before.items.every((i) => i.payable)).toBe(true);
    const held = before.items[0]!.optionId;
    const hold = (until: string | null) =>
      db
        .updateTable("payment_options")
        .set({ reserved_until: until, reserved_by: until ? "c".repeat(32) : null })
        .where("id", "=", held)
        .execute();
    try {
      await hold(new Date(now.getTime() + 60_000).toISOString());
      const during = await getAmountsDue(db, ids.famiglia, TODAY, now);
      expect(during.items.find((i) => i.optionId === held)?.payable).toBe(false);
      expect(during.items.filter((i) => i.optionId !== held).every((i) => i.payable)).toBe(true);
      expect(during.totalCents).toBe(before.totalCents);
      await hold(new Date(now.getTime() - 60_000).toISOString());
      const after = await getAmountsDue(db, ids.famiglia, TODAY, now);
      expect(after.items.find((i) => i.optionId === held)?.payable).toBe(true);
    } finally {
      await hold(null);
    }
  });

  it("merges the timeline newest first, and only the citizen's own events", async () => {
    const mine = await getRecentActivity(db, ids.famiglia, 50);
    expect(mine.every((a, k) => k === 0 || mine[k - 1].at >= a.at)).toBe(true);
    const others = await getRecentActivity(db, ids.giovane, 50);
    const mineKeys = new Set(mine.map((a) => `${a.kind}:${a.refId}`));
    expect(others.some((a) => a.kind !== "pratica" && mineKeys.has(`${a.kind}:${a.refId}`))).toBe(false);
  });

  it("lists the household with the minor child", async () => {
    const h = await getHousehold(db, ids.famiglia, TODAY);
    expect(h?.members).toHaveLength(3);
    const child = h!.members.find((m) => m.relation === "figlio");
    expect(child?.minor).toBe(true);
    expect(h!.members.find((m) => m.isSelf)?.relation).toBe("intestatario");
  });

  it("flags the identity card that expires within 90 days", async () => {
    const docs = await getIdentityDocuments(db, ids.famiglia, TODAY);
    const renew = documentsNeedingRenewal(docs);
    expect(renew).toHaveLength(1);
    expect(renew[0].state).toBe("in_scadenza");
  });

  it("keeps messages to their owner and marks them read idempotently", async () => {
    const list = await listMessages(db, ids.famiglia, { page: 1 });
    const unreadBefore = await countUnread(db, ids.famiglia);
    const target = list.items.find((m) => !m.read)!;
    expect(await getMessage(db, ids.giovane, target.id)).toBeUndefined();
    expect(await markMessageRead(db, ids.giovane, target.id, NOW)).toBe(false);
    expect(await countUnread(db, ids.famiglia)).toBe(unreadBefore);
    expect(await markMessageRead(db, ids.famiglia, target.id, NOW)).toBe(true);
    expect(await markMessageRead(db, ids.famiglia, target.id, NOW)).toBe(false);
    expect(await countUnread(db, ids.famiglia)).toBe(unreadBefore - 1);
    const msg = await getMessage(db, ids.famiglia, target.id);
    expect(msg?.readAt).toBe(NOW);
  });

  it("writes the calendar's deadlines in Italian: the document by its name, amounts and notice numbers as on the page", async () => {
    const events = await listDeadlineEvents(db, ids.famiglia, {
      today: TODAY,
      now: NOW,
      publicUrl: "https://portale.example.it",
    });
    const card = events.find((e) => e.uid.startsWith("documento-"));
    expect(card?.summary).toMatch(/^Scadenza del documento: Carta d'identità n\. \S+$/);
    expect(card?.description).toMatch(/^Documento rilasciato da .+\. Ricordati di rinnovarlo per tempo\./);
    const payment = events.find((e) => e.uid.startsWith("pagamento-"));
    expect(payment?.summary).toMatch(/\(€ \d{1,3}(\.\d{3})*,\d{2}\)$/);
    expect(payment?.description).toMatch(/Codice avviso: \d{4} \d{4} \d{4} \d{4} \d{2}\n/);

    // The pratica da integrare: the date the office asked the documents by (30 days from its request,
    // made 12 days ago), apart from the pratica's own deadline.
    const integration = events.filter((e) => e.uid.startsWith("integrazione-"));
    expect(integration).toHaveLength(1);
    expect(integration[0]).toMatchObject({
      summary: "Invia i documenti richiesti per la pratica: Richiesta di riduzione TARI",
      start: { date: "2026-12-14" },
      categories: ["Pratiche"],
    });
    expect(integration[0]!.description).toContain(
      "L'ufficio attende da te documenti o informazioni entro questa data",
    );
    expect(events.filter((e) => e.uid.startsWith("pratica-")).map((e) => e.summary)).not.toContain(
      integration[0]!.summary,
    );
  });
});
