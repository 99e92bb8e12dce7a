import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../db/seed/index";
import { PERSONA_FAMIGLIA, PERSONA_GIOVANE } from "../../db/seed/personas";
import { openTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import {
  bookSlot,
  cancelAppointment,
  getAppointment,
  listAppointments,
  listBookableOffices,
  listFreeSlots,
  listOfficeServices,
  MAX_ACTIVE_BOOKINGS,
} from "~/dossier/appointments.server";
import {
  getAttachmentForDownload,
  getPratica,
  getPraticaEvents,
  listPratiche,
  listPraticaTypes,
  praticaTypeLabel,
  submitIntegration,
} from "~/dossier/practices.server";

const TODAY = "2026-11-26";
const NOW = "2026-11-26T10:00:00.000Z";
const UNTIL = "2027-01-26";
const KEY = "k".repeat(40);

let handle: TestDatabase;
const ids: Record<string, number> = {};

beforeAll(async () => {
  handle = await openTestDatabase({ migrate: false });
  await seed(handle, { citizens: 60, today: TODAY });
  for (const [key, p] of Object.entries({ famiglia: PERSONA_FAMIGLIA, giovane: PERSONA_GIOVANE })) {
    const row = await handle.db
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

const file = { filename: "isee.pdf", storedName: "0123456789abcdef0123456789abcdef.pdf", mime: "application/pdf", sizeBytes: 45 };

describe("pratiche", () => {
  it("lists only the citizen's own, filtered and paged", async () => {
    const db = handle.db;
    const all = await listPratiche(db, ids.famiglia, { page: 1 });
    expect(all.total).toBeGreaterThan(0);
    const waiting = await listPratiche(db, ids.famiglia, { page: 1, status: "da_integrare" });
    expect(waiting.items.every((p) => p.status === "da_integrare")).toBe(true);
    const none = await listPratiche(db, ids.famiglia, { page: 1, type: "non_esiste" });
    expect(none.total).toBe(0);
    expect(await listPraticaTypes(db, ids.famiglia)).toContain(all.items[0].type);
    const theirs = await listPratiche(db, ids.giovane, { page: 1 });
    const mine = new Set(all.items.map((p) => p.id));
    expect(theirs.items.some((p) => mine.has(p.id))).toBe(false);
  });

  it("hides another citizen's pratica, events and attachments", async () => {
    const db = handle.db;
    const [p] = (await listPratiche(db, ids.famiglia, { page: 1 })).items;
    expect(await getPratica(db, ids.giovane, p.id)).toBeUndefined();
    expect(await getPraticaEvents(db, ids.giovane, p.id)).toEqual([]);
    expect((await getPraticaEvents(db, ids.famiglia, p.id)).length).toBeGreaterThan(0);
  });

  it("takes an integration only from the owner of a pratica in da_integrare, in one transaction", async () => {
    const db = handle.db;
    const [p] = (await listPratiche(db, ids.famiglia, { page: 1, status: "da_integrare" })).items;
    const base = { codiceFiscale: PERSONA_FAMIGLIA.codiceFiscale, note: "Ecco l'ISEE", file, now: NOW, auditKey: KEY };

    expect(await submitIntegration(db, { ...base, citizenId: ids.giovane, praticaId: p.id })).toEqual({
      ok: false,
      reason: "not_found",
    });
    const res = await submitIntegration(db, { ...base, citizenId: ids.famiglia, praticaId: p.id });
    expect(res.ok).toBe(true);
    const after = await getPratica(db, ids.famiglia, p.id);
    expect(after?.status).toBe("in_lavorazione");
    const events = await getPraticaEvents(db, ids.famiglia, p.id);
    expect(events.at(-1)).toMatchObject({ status: "in_lavorazione", actor: "cittadino" });
    if (res.ok) {
      expect(await getAttachmentForDownload(db, ids.famiglia, p.id, res.attachmentId)).toMatchObject({ mime: "application/pdf" });
      expect(await getAttachmentForDownload(db, ids.giovane, p.id, res.attachmentId)).toBeUndefined();
    }
    const audit = await db.selectFrom("audit_log").select(["action", "subject_citizen_id"]).orderBy("id", "desc").executeTakeFirst();
    expect(audit).toEqual({ action: "pratica.integrazione", subject_citizen_id: ids.famiglia });

    const again = await submitIntegration(db, { ...base, citizenId: ids.famiglia, praticaId: p.id });
    expect(again).toMatchObject({ ok: false, reason: "state" });
  });

  it("names service codes in Italian", () => {
    expect(praticaTypeLabel("agevolazione_tari")).toBe("Agevolazione TARI");
    expect(praticaTypeLabel("nuovo_servizio")).toBe("Nuovo servizio");
  });
});

describe("appuntamenti", () => {
  async function someFreeSlot(): Promise<number> {
    const db = handle.db;
    const [office] = await listBookableOffices(db, NOW, UNTIL);
    const [service] = await listOfficeServices(db, office.id, NOW, UNTIL);
    const slots = await listFreeSlots(db, office.id, service, NOW, UNTIL);
    return slots[0].id;
  }

  it("lets exactly one of two people racing for a slot book it", async () => {
    const db = handle.db;
    const slotId = await someFreeSlot();
    const results = await Promise.all(
      [ids.famiglia, ids.giovane].map((citizenId) =>
        bookSlot(db, { citizenId, codiceFiscale: "X", slotId, notes: null, now: NOW, auditKey: KEY }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "taken" }]);
    const holders = await db.selectFrom("appointments").select("citizen_id").where("slot_id", "=", slotId).where("status", "=", "prenotato").execute();
    expect(holders).toHaveLength(1);
  });

  it("cancels only the owner's upcoming booking and frees the slot", async () => {
    const db = handle.db;
    const slotId = await someFreeSlot();
    const booked = await bookSlot(db, { citizenId: ids.giovane, codiceFiscale: "X", slotId, notes: "Email: a@b.it", now: NOW, auditKey: KEY });
    expect(booked.ok).toBe(true);
    if (!booked.ok) return;
    const input = { codiceFiscale: "X", appointmentId: booked.appointmentId, now: NOW, auditKey: KEY };
    expect(await cancelAppointment(db, { ...input, citizenId: ids.famiglia })).toEqual({ ok: false, reason: "not_found" });
    expect(await getAppointment(db, ids.famiglia, booked.appointmentId, NOW)).toBeUndefined();
    expect(await cancelAppointment(db, { ...input, citizenId: ids.giovane })).toEqual({ ok: true });
    expect(await cancelAppointment(db, { ...input, citizenId: ids.giovane })).toEqual({ ok: false, reason: "not_cancellable" });
    const a = await getAppointment(db, ids.giovane, booked.appointmentId, NOW);
    expect(a).toMatchObject({ status: "annullato", upcoming: false });
    const again = await bookSlot(db, { citizenId: ids.famiglia, codiceFiscale: "X", slotId, notes: null, now: NOW, auditKey: KEY });
    expect(again.ok).toBe(true);
  });

  it("refuses slots in the past and more than the allowed active bookings", async () => {
    const db = handle.db;
    const slotId = await someFreeSlot();
    const later = "2099-01-01T00:00:00.000Z";
    expect(await bookSlot(db, { citizenId: ids.giovane, codiceFiscale: "X", slotId, notes: null, now: later, auditKey: KEY })).toEqual({
      ok: false,
      reason: "gone",
    });
    const { upcoming } = await listAppointments(db, ids.giovane, NOW);
    let result;
    for (let i = upcoming.length; i <= MAX_ACTIVE_BOOKINGS; i++) {
      result = await bookSlot(db, { citizenId: ids.giovane, codiceFiscale: "X", slotId: await someFreeSlot(), notes: null, now: NOW, auditKey: KEY });
    }
    expect(result).toEqual({ ok: false, reason: "too_many" });
    expect((await listAppointments(db, ids.giovane, NOW)).upcoming).toHaveLength(MAX_ACTIVE_BOOKINGS);
  });
});
