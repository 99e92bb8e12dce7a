import { z } from "zod";
import type { ReminderChannel, Db } from "../../db/schema";
import { appendAudit } from "~/audit.server";
import { getCitizen, listResidenceRecords } from "~/dossier/registry.server";
import { requestAddressConfirmation, setMailKindStopped, stoppedMailKinds } from "~/mail/address.server";
import type { MailLinks } from "~/mail/links.server";
import { REMINDER_DAYS, STOPPABLE_MAIL_KINDS, type StoppableMailKind } from "~/mail/messages";

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
    reminderDaysBefore: z.coerce
      .number({
        error: `Indica quanti giorni prima della scadenza, da ${REMINDER_DAYS.min} a ${REMINDER_DAYS.max}.`,
      })
      .int(`Indica quanti giorni prima della scadenza, da ${REMINDER_DAYS.min} a ${REMINDER_DAYS.max}.`)
      .min(
        REMINDER_DAYS.min,
        `Indica quanti giorni prima della scadenza, da ${REMINDER_DAYS.min} a ${REMINDER_DAYS.max}.`,
      )
      .max(
        REMINDER_DAYS.max,
        `Indica quanti giorni prima della scadenza, da ${REMINDER_DAYS.min} a ${REMINDER_DAYS.max}.`,
      )
      .default(REMINDER_DAYS.default),
    mailKinds: z
      .array(z.enum(STOPPABLE_MAIL_KINDS, { error: "Scegli tra i tipi di email proposti." }))
      .optional(),
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

export type ContactFieldErrors = Partial<
  Record<"email" | "phone" | "reminderChannel" | "reminderDaysBefore" | "mailKinds", string>
>;

const CONTACT_FIELDS = ["email", "phone", "reminderChannel", "reminderDaysBefore", "mailKinds"] as const;

/** Parses the submitted form: the preferences, or the first error of each field in Italian. */
export function parseContactPreferences(
  form: FormData,
): { ok: true; value: ContactPreferences } | { ok: false; errors: ContactFieldErrors } {
  const raw = {
    email: form.get("email") ?? null,
    phone: form.get("phone") ?? null,
    reminderChannel: form.get("reminderChannel") ?? undefined,
    reminderDaysBefore: form.get("reminderDaysBefore") ?? undefined,
    // The ticked kinds; a form that did not offer the choice (no `mailKindsOffered`) changes none.
    mailKinds: form.has("mailKindsOffered") ? form.getAll("mailKinds") : undefined,
  };
  const parsed = contactPreferencesSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: ContactFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    const known = CONTACT_FIELDS.find((f) => f === field);
    if (known && !errors[known]) {
      errors[known] = issue.message;
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
  /** The confirmed address mail goes to, and when it was confirmed. */
  email: string | null;
  emailConfirmedAt: string | null;
  /** An address waiting for its confirmation link, and when the link stops working. */
  emailPending: string | null;
  emailLinkExpiresAt: string | null;
  phone: string | null;
  reminderChannel: ReminderChannel;
  reminderDaysBefore: number;
  /** The kinds of mail the citizen receives (those not stopped). */
  mailKinds: StoppableMailKind[];
  contactsUpdatedAt: string | null;
  residence: { address: string; postalCode: string; comune: string; since: string } | null;
}

export async function getProfile(db: Db, citizenId: number): Promise<ProfileData | null> {
  const [c, residences, stopped] = await Promise.all([
    getCitizen(db, citizenId),
    listResidenceRecords(db, citizenId),
    stoppedMailKinds(db, citizenId),
  ]);
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
    emailConfirmedAt: c.email_confirmed_at,
    emailPending: c.email_pending,
    emailLinkExpiresAt: c.email_token_expires_at,
    phone: c.phone,
    reminderChannel: c.reminder_channel,
    reminderDaysBefore: c.reminder_days_before,
    mailKinds: STOPPABLE_MAIL_KINDS.filter((k) => !stopped.includes(k)),
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

/**
 * Saves the preferences with their timestamp and the audit row, together. A new email address is
 * not used at once: it waits for the link sent to it (queued in the same transaction), and the
 * confirmed address, if any, keeps receiving mail until then. An empty address removes both.
 * Returns the address a confirmation link was sent to, if one was.
 */
export async function updateContactPreferences(
  db: Db,
  p: {
    citizenId: number;
    value: ContactPreferences;
    updatedAt: string;
    auditKey: string;
    actorCodiceFiscale: string;
    links: MailLinks;
  },
): Promise<{ confirmationSentTo: string | null }> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("citizens")
      .select(["name", "email", "email_confirmed_at"])
      .where("id", "=", p.citizenId)
      .executeTakeFirst();
    if (!current) throw new Error("citizen row not found");
    const wanted = p.value.email;
    const sameAsConfirmed =
      wanted !== null &&
      current.email_confirmed_at !== null &&
      wanted.toLowerCase() === current.email?.toLowerCase();
    await trx
      .updateTable("citizens")
      .set({
        phone: p.value.phone,
        reminder_channel: p.value.reminderChannel,
        reminder_days_before: p.value.reminderDaysBefore,
        contacts_updated_at: p.updatedAt,
        ...(wanted === null
          ? {
              email: null,
              email_confirmed_at: null,
              email_pending: null,
              email_token_hash: null,
              email_token_expires_at: null,
            }
          : sameAsConfirmed
            ? { email_pending: null, email_token_hash: null, email_token_expires_at: null }
            : {}),
      })
      .where("id", "=", p.citizenId)
      .execute();
    let confirmationSentTo: string | null = null;
    // A new address (or the pending one typed again: a fresh link) gets its confirmation link.
    if (wanted !== null && !sameAsConfirmed) {
      await requestAddressConfirmation(trx, {
        citizenId: p.citizenId,
        name: current.name,
        address: wanted,
        now: p.updatedAt,
        links: p.links,
      });
      confirmationSentTo = wanted;
    }
    const chosen = p.value.mailKinds;
    if (chosen)
      for (const kind of STOPPABLE_MAIL_KINDS)
        await setMailKindStopped(trx, {
          citizenId: p.citizenId,
          kind,
          stopped: !chosen.includes(kind),
          now: p.updatedAt,
        });
    await appendAudit(trx, p.auditKey, {
      actorKind: "cittadino",
      actorCodiceFiscale: p.actorCodiceFiscale,
      subjectCitizenId: p.citizenId,
      action: "profile.contacts.update",
      section: "profilo",
      // Which fields were set, never their values: the log carries no contact data.
      details: {
        email: wanted === null ? "assente" : sameAsConfirmed ? "confermata" : "da confermare",
        phone: p.value.phone ? "indicato" : "assente",
        reminderChannel: p.value.reminderChannel,
        reminderDaysBefore: p.value.reminderDaysBefore,
        ...(chosen ? { mailKinds: chosen.join(",") } : {}),
      },
    });
    return { confirmationSentTo };
  });
}
