import type { Db } from "../../db/schema";
import { LOCK_KEYS, lockChain } from "../../db/dialect";
import { z } from "zod";
import { appendAudit } from "~/audit.server";
import { parseId } from "~/http.server";
import { isEmailAddress } from "~/rules/email.server";
import { IDENTITY_CARD_OFFICE_KIND, identityCardService } from "~/rules/appointments";

/** Appointments at the offices of the administrations: the citizen's bookings and free slots. */

/** Upcoming bookings one person may hold at once, so that nobody hoards an office's slots. */
export const MAX_ACTIVE_BOOKINGS = 5;

/** The booking form (slot, optional contact details and note), with its Italian messages. */
export const bookingFormSchema = z.object({
  slot: z.string().refine((v) => parseId(v) !== null, "Scegli un orario tra quelli disponibili."),
  email: z
    .string()
    .trim()
    .max(200, "L'indirizzo email è troppo lungo.")
    .refine(
      (v) => v === "" || isEmailAddress(v),
      "Scrivi un indirizzo email valido, per esempio nome@esempio.it.",
    ),
  telefono: z
    .string()
    .trim()
    .refine(
      (v) => v === "" || /^\+?[0-9 ]{6,20}$/.test(v),
      "Scrivi un numero di telefono con sole cifre, per esempio 011 1234567.",
    ),
  note: z.string().trim().max(300, "Le note possono contenere al massimo 300 caratteri."),
});
const FREE_SLOTS_LIMIT = 400;
/** PostgreSQL advisory lock space for slots (SQLite already serialises writers). */

export interface Appointment {
  id: number;
  status: "prenotato" | "annullato" | "svolto";
  startsAt: string;
  endsAt: string;
  service: string;
  notes: string | null;
  bookedAt: string;
  cancelledAt: string | null;
  officeName: string;
  officeAddress: string;
  officePhone: string;
  officeEmail: string;
  enteName: string;
  /** Booked and still ahead: it can be cancelled. */
  upcoming: boolean;
}

const appointmentColumns = [
  "a.id",
  "a.status",
  "a.notes",
  "a.booked_at",
  "a.cancelled_at",
  "s.starts_at",
  "s.ends_at",
  "s.service",
  "o.name as office_name",
  "o.address as office_address",
  "o.phone as office_phone",
  "o.email as office_email",
  "e.name as entity_name",
] as const;

function baseAppointments(db: Db, citizenId: number) {
  return db
    .selectFrom("appointments as a")
    .innerJoin("appointment_slots as s", "s.id", "a.slot_id")
    .innerJoin("offices as o", "o.id", "s.office_id")
    .innerJoin("entities as e", "e.id", "o.entity_id")
    .select(appointmentColumns)
    .where("a.citizen_id", "=", citizenId);
}

type AppointmentRow = Awaited<ReturnType<ReturnType<typeof baseAppointments>["executeTakeFirstOrThrow"]>>;

function toAppointment(r: AppointmentRow, now: string): Appointment {
  return {
    id: r.id,
    status: r.status,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    service: r.service,
    notes: r.notes,
    bookedAt: r.booked_at,
    cancelledAt: r.cancelled_at,
    officeName: r.office_name,
    officeAddress: r.office_address,
    officePhone: r.office_phone,
    officeEmail: r.office_email,
    enteName: r.entity_name,
    upcoming: r.status === "prenotato" && r.starts_at > now,
  };
}

/** Upcoming bookings (soonest first) and the latest past or cancelled ones. */
export async function listAppointments(
  db: Db,
  citizenId: number,
  now: string,
): Promise<{ upcoming: Appointment[]; past: Appointment[] }> {
  const [upcoming, past] = await Promise.all([
    baseAppointments(db, citizenId)
      .where("a.status", "=", "prenotato")
      .where("s.starts_at", ">", now)
      .orderBy("s.starts_at")
      .limit(50)
      .execute(),
    baseAppointments(db, citizenId)
      .where((w) => w.or([w("a.status", "!=", "prenotato"), w("s.starts_at", "<=", now)]))
      .orderBy("s.starts_at", "desc")
      .limit(50)
      .execute(),
  ]);
  return {
    upcoming: upcoming.map((r) => toAppointment(r, now)),
    past: past.map((r) => toAppointment(r, now)),
  };
}

/** The next few bookings, for the Scrivania. */
export async function nextAppointments(
  db: Db,
  citizenId: number,
  now: string,
  limit = 3,
): Promise<Appointment[]> {
  const rows = await baseAppointments(db, citizenId)
    .where("a.status", "=", "prenotato")
    .where("s.starts_at", ">", now)
    .orderBy("s.starts_at")
    .limit(limit)
    .execute();
  return rows.map((r) => toAppointment(r, now));
}

/** Every booking of the citizen, latest start first, in one query (the data export). */
export async function listAllAppointments(db: Db, citizenId: number, now: string): Promise<Appointment[]> {
  const rows = await baseAppointments(db, citizenId)
    .orderBy("s.starts_at", "desc")
    .orderBy("a.id", "desc")
    .execute();
  return rows.map((r) => toAppointment(r, now));
}

export async function getAppointment(
  db: Db,
  citizenId: number,
  appointmentId: number,
  now: string,
): Promise<Appointment | undefined> {
  const r = await baseAppointments(db, citizenId).where("a.id", "=", appointmentId).executeTakeFirst();
  return r ? toAppointment(r, now) : undefined;
}

export interface BookableOffice {
  id: number;
  name: string;
  address: string;
  enteId: number;
  enteName: string;
}

/** Offices with slots in the booking window, grouped by ente. */
export async function listBookableOffices(db: Db, now: string, until: string): Promise<BookableOffice[]> {
  return db
    .selectFrom("offices as o")
    .innerJoin("entities as e", "e.id", "o.entity_id")
    .select(["o.id", "o.name", "o.address", "e.id as enteId", "e.name as enteName"])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("appointment_slots as s")
          .select("s.id")
          .whereRef("s.office_id", "=", "o.id")
          .where("s.starts_at", ">", now)
          .where("s.starts_at", "<", until),
      ),
    )
    .orderBy("e.name")
    .orderBy("o.name")
    .limit(500)
    .execute();
}

export async function getOffice(db: Db, officeId: number): Promise<BookableOffice | undefined> {
  return db
    .selectFrom("offices as o")
    .innerJoin("entities as e", "e.id", "o.entity_id")
    .select(["o.id", "o.name", "o.address", "e.id as enteId", "e.name as enteName"])
    .where("o.id", "=", officeId)
    .executeTakeFirst();
}

/** Services an office takes bookings for in the window. */
export async function listOfficeServices(
  db: Db,
  officeId: number,
  now: string,
  until: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("appointment_slots")
    .select("service")
    .distinct()
    .where("office_id", "=", officeId)
    .where("starts_at", ">", now)
    .where("starts_at", "<", until)
    .orderBy("service")
    .limit(100)
    .execute();
  return rows.map((r) => r.service);
}

/**
 * Where the citizen renews the identity card: the anagrafe office of the comune of residence, with
 * its identity card service, if it takes bookings in the window; null otherwise.
 */
export async function identityCardBooking(
  db: Db,
  homeEnteId: number | null,
  now: string,
  until: string,
): Promise<{ officeId: number; service: string } | null> {
  if (homeEnteId === null) return null;
  const office = await db
    .selectFrom("offices")
    .select("id")
    .where("entity_id", "=", homeEnteId)
    .where("kind", "=", IDENTITY_CARD_OFFICE_KIND)
    .orderBy("id")
    .executeTakeFirst();
  if (!office) return null;
  const service = identityCardService(await listOfficeServices(db, office.id, now, until));
  return service ? { officeId: office.id, service } : null;
}

export interface FreeSlot {
  id: number;
  startsAt: string;
  endsAt: string;
}

/** Slots of one office and service in the window with no active booking, soonest first. */
export async function listFreeSlots(
  db: Db,
  officeId: number,
  service: string,
  now: string,
  until: string,
): Promise<FreeSlot[]> {
  const rows = await db
    .selectFrom("appointment_slots as s")
    .select(["s.id", "s.starts_at", "s.ends_at"])
    .where("s.office_id", "=", officeId)
    .where("s.service", "=", service)
    .where("s.starts_at", ">", now)
    .where("s.starts_at", "<", until)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("appointments as a")
            .select("a.id")
            .whereRef("a.slot_id", "=", "s.id")
            .where("a.status", "=", "prenotato"),
        ),
      ),
    )
    .orderBy("s.starts_at")
    .limit(FREE_SLOTS_LIMIT)
    .execute();
  return rows.map((r) => ({ id: r.id, startsAt: r.starts_at, endsAt: r.ends_at }));
}

export interface SlotSummary {
  id: number;
  startsAt: string;
  endsAt: string;
  service: string;
  officeName: string;
  officeAddress: string;
  enteName: string;
  /** Nobody holds it and it starts within the window. */
  bookable: boolean;
}

/** One slot with its office, for the summary before booking; undefined if it does not exist. */
export async function getSlotSummary(
  db: Db,
  slotId: number,
  now: string,
  until: string,
): Promise<SlotSummary | undefined> {
  const r = await db
    .selectFrom("appointment_slots as s")
    .innerJoin("offices as o", "o.id", "s.office_id")
    .innerJoin("entities as e", "e.id", "o.entity_id")
    .select(["s.id", "s.starts_at", "s.ends_at", "s.service", "o.name", "o.address", "e.name as ente_name"])
    .select(({ exists, selectFrom }) =>
      exists(
        selectFrom("appointments as a")
          .select("a.id")
          .whereRef("a.slot_id", "=", "s.id")
          .where("a.status", "=", "prenotato"),
      ).as("held"),
    )
    .where("s.id", "=", slotId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    service: r.service,
    officeName: r.name,
    officeAddress: r.address,
    enteName: r.ente_name,
    bookable: !r.held && r.starts_at > now && r.starts_at < until,
  };
}

export interface BookingInput {
  citizenId: number;
  codiceFiscale: string;
  /** "delegato" when someone acting for the citizen books (codiceFiscale is then theirs). */
  actorKind?: "cittadino" | "delegato";
  slotId: number;
  notes: string | null;
  now: string;
  auditKey: string;
}

export type BookingResult =
  { ok: true; appointmentId: number } | { ok: false; reason: "taken" | "gone" | "too_many" };

/**
 * Books a slot. The check that nobody holds it and the insert happen in one transaction under a
 * lock on the slot (SQLite: the write lock taken by BEGIN IMMEDIATE; PostgreSQL: an advisory lock
 * per slot), so of two people racing for the same slot exactly one gets it.
 */
export async function bookSlot(db: Db, input: BookingInput): Promise<BookingResult> {
  return db.transaction().execute(async (trx) => {
    await lockChain(trx, LOCK_KEYS.appointmentSlot(input.slotId));
    const slot = await trx
      .selectFrom("appointment_slots as s")
      .innerJoin("offices as o", "o.id", "s.office_id")
      .select(["s.id", "s.starts_at", "s.service", "o.entity_id", "o.id as office_id"])
      .where("s.id", "=", input.slotId)
      .executeTakeFirst();
    if (!slot || slot.starts_at <= input.now) return { ok: false, reason: "gone" } as const;
    const holder = await trx
      .selectFrom("appointments")
      .select("id")
      .where("slot_id", "=", slot.id)
      .where("status", "=", "prenotato")
      .executeTakeFirst();
    if (holder) return { ok: false, reason: "taken" } as const;
    const { n } = await trx
      .selectFrom("appointments as a")
      .innerJoin("appointment_slots as s", "s.id", "a.slot_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("a.citizen_id", "=", input.citizenId)
      .where("a.status", "=", "prenotato")
      .where("s.starts_at", ">", input.now)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_ACTIVE_BOOKINGS) return { ok: false, reason: "too_many" } as const;
    const row = await trx
      .insertInto("appointments")
      .values({
        slot_id: slot.id,
        citizen_id: input.citizenId,
        status: "prenotato",
        notes: input.notes,
        booked_at: input.now,
        cancelled_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      input.auditKey,
      {
        actorKind: input.actorKind ?? "cittadino",
        actorCodiceFiscale: input.codiceFiscale,
        enteId: slot.entity_id,
        subjectCitizenId: input.citizenId,
        action: "appuntamento.prenotazione",
        section: "appuntamenti",
        details: {
          appointmentId: row.id,
          slotId: slot.id,
          officeId: slot.office_id,
          startsAt: slot.starts_at,
        },
      },
      new Date(input.now),
    );
    return { ok: true, appointmentId: row.id } as const;
  });
}

export type CancelResult = { ok: true } | { ok: false; reason: "not_found" | "not_cancellable" };

/** Cancels one of the citizen's upcoming bookings; the slot becomes free again. */
export async function cancelAppointment(
  db: Db,
  input: {
    citizenId: number;
    codiceFiscale: string;
    actorKind?: "cittadino" | "delegato";
    appointmentId: number;
    now: string;
    auditKey: string;
  },
): Promise<CancelResult> {
  return db.transaction().execute(async (trx) => {
    const appt = await trx
      .selectFrom("appointments as a")
      .innerJoin("appointment_slots as s", "s.id", "a.slot_id")
      .innerJoin("offices as o", "o.id", "s.office_id")
      .select(["a.id", "a.status", "a.slot_id", "s.starts_at", "o.entity_id"])
      .where("a.id", "=", input.appointmentId)
      .where("a.citizen_id", "=", input.citizenId)
      .executeTakeFirst();
    if (!appt) return { ok: false, reason: "not_found" } as const;
    if (appt.status !== "prenotato" || appt.starts_at <= input.now) {
      return { ok: false, reason: "not_cancellable" } as const;
    }
    await trx
      .updateTable("appointments")
      .set({ status: "annullato", cancelled_at: input.now })
      .where("id", "=", appt.id)
      .where("citizen_id", "=", input.citizenId)
      .where("status", "=", "prenotato")
      .execute();
    await appendAudit(
      trx,
      input.auditKey,
      {
        actorKind: input.actorKind ?? "cittadino",
        actorCodiceFiscale: input.codiceFiscale,
        enteId: appt.entity_id,
        subjectCitizenId: input.citizenId,
        action: "appuntamento.annullamento",
        section: "appuntamenti",
        details: { appointmentId: appt.id, slotId: appt.slot_id, startsAt: appt.starts_at },
      },
      new Date(input.now),
    );
    return { ok: true } as const;
  });
}
