import type { Db } from "../../db/schema";
import { z } from "zod";
import { appendAudit } from "~/audit.server";
import { operatorAudit, type OperatorActor } from "~/operator/actor";
import { findCurrentAccess } from "~/operator/access.server";
import { BODY_MAX, SUBJECT_MAX, SUBJECT_MIN } from "~/operator/limits";
import { cleanNote, messageCitizen } from "~/operator/worklist.server";
import { parseForm } from "~/form-data.server";
import { parseId } from "~/http.server";
import { PAYABLE_STATUSES } from "~/rules/gpd";

const SUBJECT = `Scrivi un oggetto tra ${SUBJECT_MIN} e ${SUBJECT_MAX} caratteri.`;
const BODY = `Scrivi un testo tra 10 e ${BODY_MAX} caratteri.`;

/** A message from the operator's ente to a person, sent from their dossier within an access. */

type Area = "anagrafe" | "tributi";

export interface LinkableOption {
  id: number;
  description: string;
  amountCents: number;
  dueDate: string;
  nav: string;
}

export interface LinkablePratica {
  id: number;
  title: string;
  protocolNumber: string | null;
}

/** What a message may point to: the ente's unpaid notices of this person and their pratiche. */
export async function listMessageLinks(
  db: Db,
  input: { enteId: number; citizenId: number; areas: readonly Area[] },
): Promise<{ options: LinkableOption[]; pratiche: LinkablePratica[] }> {
  const [options, pratiche] = await Promise.all([
    db
      .selectFrom("payment_options as po")
      .innerJoin("debt_positions as d", "d.id", "po.position_id")
      .select(["po.id", "po.description", "po.amount_cents", "po.due_date", "po.nav"])
      .where("d.entity_id", "=", input.enteId)
      .where((eb) =>
        eb.or([
          eb("d.debtor_citizen_id", "=", input.citizenId),
          eb(
            "d.debtor_fiscal_code",
            "=",
            eb.selectFrom("citizens").select("codice_fiscale").where("id", "=", input.citizenId),
          ),
        ]),
      )
      .where("po.status", "=", "PO_UNPAID")
      // Payable, or past its date and still unpaid: what an operator may point a message to.
      .where("d.status", "in", [...PAYABLE_STATUSES, "EXPIRED"])
      .orderBy("po.due_date")
      .limit(50)
      .execute(),
    input.areas.length
      ? db
          .selectFrom("pratiche")
          .select(["id", "title", "protocol_number"])
          .where("entity_id", "=", input.enteId)
          .where("citizen_id", "=", input.citizenId)
          .where("area", "in", [...input.areas])
          .where("status", "!=", "bozza")
          .orderBy("updated_at", "desc")
          .limit(50)
          .execute()
      : Promise.resolve([]),
  ]);
  return {
    options: options.map((o) => ({
      id: o.id,
      description: o.description,
      amountCents: o.amount_cents,
      dueDate: o.due_date,
      nav: o.nav,
    })),
    pratiche: pratiche.map((p) => ({ id: p.id, title: p.title, protocolNumber: p.protocol_number })),
  };
}

export type MessageForm =
  | { ok: true; subject: string; body: string; paymentOptionId: number | null; praticaId: number | null }
  | { ok: false; errors: Partial<Record<"subject" | "body" | "link", string>> };

const LINK = "Il collegamento scelto non è valido.";

/** An optional link: empty is none, otherwise an id. */
const optionalLink = z.preprocess(
  (value) => {
    const s = String(value ?? "").trim();
    return s ? (parseId(s) ?? "invalid") : null;
  },
  z.number({ error: LINK }).nullable(),
);

/** The message form of the dossier: subject and text within bounds, optional links by id. */
export const dossierMessageSchema = z.object({
  oggetto: z.preprocess(
    (value) => cleanNote(typeof value === "string" ? value : null).replace(/\s+/g, " "),
    z.string().min(SUBJECT_MIN, SUBJECT).max(SUBJECT_MAX, SUBJECT),
  ),
  testo: z.preprocess(
    (value) => cleanNote(typeof value === "string" ? value : null),
    z.string().min(10, BODY).max(BODY_MAX, BODY),
  ),
  avviso: optionalLink,
  pratica: optionalLink,
});

export function parseMessageForm(form: FormData): MessageForm {
  const parsed = parseForm(dossierMessageSchema, form);
  if (!parsed.ok) {
    const errors: Partial<Record<"subject" | "body" | "link", string>> = {};
    if (parsed.errors.oggetto) errors.subject = parsed.errors.oggetto;
    if (parsed.errors.testo) errors.body = parsed.errors.testo;
    if (parsed.errors.avviso || parsed.errors.pratica) errors.link = LINK;
    return { ok: false, errors };
  }
  const v = parsed.data;
  return { ok: true, subject: v.oggetto, body: v.testo, paymentOptionId: v.avviso, praticaId: v.pratica };
}

export type SendResult =
  | { ok: true; messageId: number }
  | { ok: false; reason: "no_access" }
  | { ok: false; reason: "invalid_link"; message: string };

/**
 * Sends the message and logs it in one transaction, checking within it that the access is still
 * valid and that the linked notice or pratica belongs to the ente and to this person.
 */
export async function sendDossierMessage(
  db: Db,
  auditKey: string,
  input: {
    actor: OperatorActor;
    citizenId: number;
    roles: readonly string[];
    areas: readonly Area[];
    subject: string;
    body: string;
    paymentOptionId: number | null;
    praticaId: number | null;
    now: Date;
  },
): Promise<SendResult> {
  return db.transaction().execute(async (trx) => {
    const access = await findCurrentAccess(trx, input.actor, input.citizenId, input.now);
    if (!access) return { ok: false, reason: "no_access" } as const;
    if (input.paymentOptionId != null) {
      const ok = await trx
        .selectFrom("payment_options as po")
        .innerJoin("debt_positions as d", "d.id", "po.position_id")
        .select("po.id")
        .where("po.id", "=", input.paymentOptionId)
        .where("d.entity_id", "=", input.actor.enteId)
        .where((eb) =>
          eb.or([
            eb("d.debtor_citizen_id", "=", input.citizenId),
            eb(
              "d.debtor_fiscal_code",
              "=",
              eb.selectFrom("citizens").select("codice_fiscale").where("id", "=", input.citizenId),
            ),
          ]),
        )
        .executeTakeFirst();
      if (!ok)
        return {
          ok: false,
          reason: "invalid_link",
          message: "L'avviso scelto non è tra quelli dell'ente per questa persona.",
        } as const;
    }
    if (input.praticaId != null) {
      const ok = input.areas.length
        ? await trx
            .selectFrom("pratiche")
            .select("id")
            .where("id", "=", input.praticaId)
            .where("entity_id", "=", input.actor.enteId)
            .where("citizen_id", "=", input.citizenId)
            .where("area", "in", [...input.areas])
            .executeTakeFirst()
        : undefined;
      if (!ok)
        return {
          ok: false,
          reason: "invalid_link",
          message: "La pratica scelta non è tra quelle dell'ente per questa persona.",
        } as const;
    }
    const messageId = await messageCitizen(trx, {
      actor: input.actor,
      citizenId: input.citizenId,
      officeId: null,
      subject: input.subject,
      body: input.body,
      praticaId: input.praticaId,
      paymentOptionId: input.paymentOptionId,
      now: input.now,
    });
    await appendAudit(
      trx,
      auditKey,
      {
        ...operatorAudit(input.actor),
        role: input.roles.join(","),
        subjectCitizenId: input.citizenId,
        accessId: access.id,
        action: "message.send",
        section: "messaggio",
        reasonCategory: access.reasonCategory,
        reasonText: access.reasonText,
        details: { messageId, paymentOptionId: input.paymentOptionId, praticaId: input.praticaId },
      },
      input.now,
    );
    return { ok: true, messageId } as const;
  });
}
