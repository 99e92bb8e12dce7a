import { z } from "zod";
import type { ReminderChannel, Db } from "../../db/schema";
import { appendAudit } from "~/audit.server";
import { getCitizen, listResidenceRecords } from "~/dossier/registry.server";

/**
 * Contact preferences: the only personal data the citizen edits here. Validated with zod with
 * messages in Italian, saved with its timestamp and an audit row in one transaction.
 */

const emptyToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** +39 and 6 to 11 digits; spaces, dots and dashes typed between digits are dropped. */
export function normalizePhone(input: string): string {
  return input.replace(/[\s.\-()]/g, "");
}

export const contactPreferencesSchema = z
  .object({
    email: z.preprocess(
      emptyToNull,
      z
        .string({ error: "Indica un indirizzo email valido." })
        .trim()
        .max(254, "L'indirizzo email è troppo lungo (al massimo 254 caratteri).")
        .pipe(
          z.email({
            error: "L'indirizzo email non è valido: controlla che sia scritto come nome@dominio.it.",
          }),
        )
        .nullable(),
    ),
    phone: z.preprocess(
      (v) => {
        const e = emptyToNull(v);
        return typeof e === "string" ? normalizePhone(e) : e;
      },
      z
        .string({ error: "Indica un numero di cellulare valido." })
        .regex(/^\+39\d{6,11}$/, {
          error:
            "Il numero di cellulare deve iniziare con +39 seguito da 6 a 11 cifre, ad esempio +39 333 1234567.",
        })
        .nullable(),
    ),
    reminderChannel: z.enum(["email", "sms", "nessuno"], {
      error: "Scegli come ricevere i promemoria: email, SMS o nessuno.",
    }),
  })
  .superRefine((v, ctx) => {
    if (v.reminderChannel === "email" && !v.email) {
      ctx.addIssue({
        code: "custom",
        path: ["email"],
        message: "Per ricevere i promemoria via email indica un indirizzo email.",
      });
    }
    if (v.reminderChannel === "sms" && !v.phone) {
      ctx.addIssue({
        code: "custom",
        path: ["phone"],
        message: "Per ricevere i promemoria via SMS indica un numero di cellulare.",
      });
    }
  });

export type ContactPreferences = z.infer<typeof contactPreferencesSchema>;

export type ContactFieldErrors = Partial<Record<"email" | "phone" | "reminderChannel", string>>;

/** Parses the submitted form: the preferences, or the first error of each field in Italian. */
export function parseContactPreferences(
  form: FormData,
): { ok: true; value: ContactPreferences } | { ok: false; errors: ContactFieldErrors } {
  const raw = {
    email: form.get("email") ?? null,
    phone: form.get("phone") ?? null,
    reminderChannel: form.get("reminderChannel") ?? undefined,
  };
  const parsed = contactPreferencesSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: ContactFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field === "email" || field === "phone" || field === "reminderChannel") && !errors[field]) {
      errors[field] = issue.message;
    }
  }
  return { ok: false, errors };
}

export interface ProfileData {
  codiceFiscale: string;
  surname: string;
  name: string;
  sex: "M" | "F";
  birthDate: string;
  birthPlace: string;
  birthProvince: string | null;
  citizenship: string;
  email: string | null;
  phone: string | null;
  reminderChannel: ReminderChannel;
  contactsUpdatedAt: string | null;
  residence: { address: string; postalCode: string; comune: string; since: string } | null;
}

export async function getProfile(db: Db, citizenId: number): Promise<ProfileData | null> {
  const [c, residences] = await Promise.all([getCitizen(db, citizenId), listResidenceRecords(db, citizenId)]);
  // The current residence: the newest without an end date.
  const residence = residences.find((r) => r.endDate === null);
  if (!c) return null;
  return {
    codiceFiscale: c.codice_fiscale,
    surname: c.surname,
    name: c.name,
    sex: c.sex,
    birthDate: c.birth_date,
    birthPlace: c.birth_place,
    birthProvince: c.birth_province,
    citizenship: c.citizenship,
    email: c.email,
    phone: c.phone,
    reminderChannel: c.reminder_channel,
    contactsUpdatedAt: c.contacts_updated_at,
    residence: residence
      ? {
          address: residence.address,
          postalCode: residence.postalCode,
          comune: residence.comune,
          since: residence.startDate,
        }
      : null,
  };
}

/** Saves the preferences with their timestamp and the audit row, together. */
export async function updateContactPreferences(
  db: Db,
  p: {
    citizenId: number;
    value: ContactPreferences;
    updatedAt: string;
    auditKey: string;
    actorCodiceFiscale: string;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("citizens")
      .set({
        email: p.value.email,
        phone: p.value.phone,
        reminder_channel: p.value.reminderChannel,
        contacts_updated_at: p.updatedAt,
      })
      .where("id", "=", p.citizenId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new Error("citizen row not found");
    await appendAudit(trx, p.auditKey, {
      actorKind: "cittadino",
      actorCodiceFiscale: p.actorCodiceFiscale,
      subjectCitizenId: p.citizenId,
      action: "profile.contacts.update",
      section: "profilo",
      // Which fields were set, never their values: the log carries no contact data.
      details: {
        email: p.value.email ? "indicata" : "assente",
        phone: p.value.phone ? "indicato" : "assente",
        reminderChannel: p.value.reminderChannel,
      },
    });
  });
}
