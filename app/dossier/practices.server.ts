import type { Db } from "../../db/schema";
import { appendAudit } from "~/audit.server";
import { canTransition, isPraticaState, type PraticaStatus } from "~/rules/pratiche";
import { humanizeCode } from "~/rules/italian";
import { stripUnsafeNameChars } from "~/dossier/uploads.server";
import { paginate } from "~/pagination.server";

/** The citizen's requests (pratiche): list, detail, milestones, attachments, integration. */

export const PRATICHE_PAGE_SIZE = 20;

/** Names of the pratica types the portal knows; other types read as their code (humanizeCode). */
export const PRATICA_TYPE_LABELS: Record<string, string> = {
  cambio_residenza: "Cambio di residenza",
  cambio_indirizzo: "Cambio di indirizzo",
  iscrizione_anagrafica: "Iscrizione anagrafica",
  carta_identita: "Carta d'identità elettronica",
  certificato: "Richiesta di certificato",
  richiesta_certificato: "Richiesta di certificato",
  agevolazione_tari: "Agevolazione TARI",
  riduzione_tari: "Riduzione TARI",
  rimborso_imu: "Rimborso IMU",
  rimborso_tari: "Rimborso TARI",
  rateizzazione: "Rateizzazione",
  contestazione_accertamento: "Contestazione di un accertamento",
  ricorso_multa: "Ricorso contro una sanzione",
  contrassegno_disabili: "Contrassegno per persone con disabilità",
  permesso_ztl: "Permesso ZTL",
  occupazione_suolo: "Occupazione di suolo pubblico",
  iscrizione_mensa: "Iscrizione alla mensa scolastica",
  bonus_famiglia: "Contributo per le famiglie",
};

/** Italian name of a service code: the known ones by name, others from the code itself. */
export function praticaTypeLabel(type: string): string {
  return PRATICA_TYPE_LABELS[type] ?? humanizeCode(type);
}

export interface PraticaFilters {
  status?: PraticaStatus;
  type?: string;
  page: number;
}

export interface PraticaListItem {
  id: number;
  title: string;
  type: string;
  status: PraticaStatus;
  protocolNumber: string | null;
  submittedDate: string | null;
  deadlineDate: string | null;
  updatedAt: string;
  enteName: string;
}

export interface PraticaList {
  items: PraticaListItem[];
  total: number;
  page: number;
  pageCount: number;
}

/** One page of the citizen's pratiche, most recently updated first (two queries: page and count). */
export async function listPratiche(db: Db, citizenId: number, filters: PraticaFilters): Promise<PraticaList> {
  let base = db.selectFrom("pratiche as p").where("p.citizen_id", "=", citizenId);
  if (filters.status) base = base.where("p.status", "=", filters.status);
  if (filters.type) base = base.where("p.type", "=", filters.type);
  const { rows, total, page, pageCount } = await paginate(
    base
      .innerJoin("entities as e", "e.id", "p.entity_id")
      .select([
        "p.id",
        "p.title",
        "p.type",
        "p.status",
        "p.protocol_number",
        "p.submitted_date",
        "p.deadline_date",
        "p.updated_at",
        "e.name as entity_name",
      ])
      .orderBy("p.updated_at", "desc")
      .orderBy("p.id", "desc"),
    { page: filters.page, pageSize: PRATICHE_PAGE_SIZE },
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      type: r.type,
      status: r.status,
      protocolNumber: r.protocol_number,
      submittedDate: r.submitted_date,
      deadlineDate: r.deadline_date,
      updatedAt: r.updated_at,
      enteName: r.entity_name,
    })),
    total,
    page,
    pageCount,
  };
}

/** The service codes the citizen has pratiche of, for the type filter. */
export async function listPraticaTypes(db: Db, citizenId: number): Promise<string[]> {
  const rows = await db
    .selectFrom("pratiche")
    .select("type")
    .distinct()
    .where("citizen_id", "=", citizenId)
    .orderBy("type")
    .limit(100)
    .execute();
  return rows.map((r) => r.type);
}

export interface PraticaDetail {
  id: number;
  title: string;
  type: string;
  area: string;
  status: PraticaStatus;
  protocolNumber: string | null;
  protocolDate: string | null;
  submittedDate: string | null;
  deadlineDate: string | null;
  nextSteps: string | null;
  updatedAt: string;
  enteId: number;
  enteName: string;
  office: {
    name: string;
    address: string;
    phone: string;
    email: string;
    openingHours: string;
  } | null;
}

/** The citizen's pratiche with the ente and the office in charge: one query builder for detail and export. */
function praticaDetailQuery(db: Db, citizenId: number) {
  return db
    .selectFrom("pratiche as p")
    .innerJoin("entities as e", "e.id", "p.entity_id")
    .leftJoin("offices as o", "o.id", "p.office_id")
    .select([
      "p.id",
      "p.title",
      "p.type",
      "p.area",
      "p.status",
      "p.protocol_number",
      "p.protocol_date",
      "p.submitted_date",
      "p.deadline_date",
      "p.next_steps",
      "p.updated_at",
      "p.entity_id",
      "e.name as entity_name",
      "o.name as office_name",
      "o.address as office_address",
      "o.phone as office_phone",
      "o.email as office_email",
      "o.opening_hours as office_hours",
    ])
    .where("p.citizen_id", "=", citizenId);
}

type PraticaDetailRow = Awaited<ReturnType<ReturnType<typeof praticaDetailQuery>["executeTakeFirstOrThrow"]>>;

function toPraticaDetail(r: PraticaDetailRow): PraticaDetail {
  return {
    id: r.id,
    title: r.title,
    type: r.type,
    area: r.area,
    status: r.status,
    protocolNumber: r.protocol_number,
    protocolDate: r.protocol_date,
    submittedDate: r.submitted_date,
    deadlineDate: r.deadline_date,
    nextSteps: r.next_steps,
    updatedAt: r.updated_at,
    enteId: r.entity_id,
    enteName: r.entity_name,
    office: r.office_name
      ? {
          name: r.office_name,
          address: r.office_address ?? "",
          phone: r.office_phone ?? "",
          email: r.office_email ?? "",
          openingHours: r.office_hours ?? "",
        }
      : null,
  };
}

/** One pratica of the citizen, with the ente and the office in charge; undefined if not theirs. */
export async function getPratica(
  db: Db,
  citizenId: number,
  praticaId: number,
): Promise<PraticaDetail | undefined> {
  const r = await praticaDetailQuery(db, citizenId).where("p.id", "=", praticaId).executeTakeFirst();
  return r ? toPraticaDetail(r) : undefined;
}

/** Every pratica of the citizen in detail, most recently updated first (the data export and the deadlines feed). */
export async function listPraticheDetails(db: Db, citizenId: number): Promise<PraticaDetail[]> {
  const rows = await praticaDetailQuery(db, citizenId)
    .orderBy("p.updated_at", "desc")
    .orderBy("p.id", "desc")
    .execute();
  return rows.map(toPraticaDetail);
}

/**
 * The date each of the citizen's pratiche "da integrare" must be answered by: the due date of the
 * latest message about it that carries one (the office's request for documents), by pratica id.
 */
export async function listIntegrationDueDates(
  db: Db,
  citizenId: number,
  praticaId?: number,
): Promise<Map<number, string>> {
  let q = db
    .selectFrom("messages as m")
    .innerJoin("pratiche as p", "p.id", "m.pratica_id")
    .select(["m.pratica_id", "m.due_date"])
    .where("m.citizen_id", "=", citizenId)
    .where("p.citizen_id", "=", citizenId)
    .where("p.status", "=", "da_integrare")
    .where("m.due_date", "is not", null)
    .orderBy("m.sent_at")
    .orderBy("m.id")
    .limit(500);
  if (praticaId !== undefined) q = q.where("p.id", "=", praticaId);
  const out = new Map<number, string>();
  for (const r of await q.execute())
    if (r.pratica_id !== null && r.due_date) out.set(r.pratica_id, r.due_date);
  return out;
}

export interface PraticaEvent {
  id: number;
  praticaId: number;
  status: PraticaStatus;
  note: string | null;
  actor: "cittadino" | "operatore" | "sistema";
  at: string;
}

/** Milestones of the citizen's pratiche, oldest first. */
function praticaEventsQuery(db: Db, citizenId: number) {
  return db
    .selectFrom("pratica_events as ev")
    .innerJoin("pratiche as p", "p.id", "ev.pratica_id")
    .select(["ev.id", "ev.pratica_id as praticaId", "ev.status", "ev.note", "ev.actor", "ev.at"])
    .where("p.citizen_id", "=", citizenId)
    .orderBy("ev.at")
    .orderBy("ev.id");
}

/** Milestones of one of the citizen's pratiche, oldest first. */
export async function getPraticaEvents(
  db: Db,
  citizenId: number,
  praticaId: number,
): Promise<PraticaEvent[]> {
  return praticaEventsQuery(db, citizenId).where("ev.pratica_id", "=", praticaId).limit(200).execute();
}

/** The milestones of all the citizen's pratiche, oldest first, in one query (the data export). */
export async function listCitizenPraticaEvents(db: Db, citizenId: number): Promise<PraticaEvent[]> {
  return praticaEventsQuery(db, citizenId).execute();
}

export interface PraticaAttachment {
  id: number;
  praticaId: number;
  filename: string;
  mime: string;
  sizeBytes: number;
  uploadedBy: "cittadino" | "operatore";
  note: string | null;
  uploadedAt: string;
}

/** Attachments of the citizen's pratiche, oldest first. */
function praticaAttachmentsQuery(db: Db, citizenId: number) {
  return db
    .selectFrom("pratica_attachments as a")
    .innerJoin("pratiche as p", "p.id", "a.pratica_id")
    .select([
      "a.id",
      "a.pratica_id",
      "a.filename",
      "a.mime",
      "a.size_bytes",
      "a.uploaded_by",
      "a.note",
      "a.uploaded_at",
    ])
    .where("p.citizen_id", "=", citizenId)
    .orderBy("a.uploaded_at")
    .orderBy("a.id");
}

type PraticaAttachmentRow = Awaited<
  ReturnType<ReturnType<typeof praticaAttachmentsQuery>["executeTakeFirstOrThrow"]>
>;

function toPraticaAttachment(r: PraticaAttachmentRow): PraticaAttachment {
  return {
    id: r.id,
    praticaId: r.pratica_id,
    // Names are cleaned on upload; rows from before that lose their control and bidi characters here.
    filename: stripUnsafeNameChars(r.filename),
    mime: r.mime,
    sizeBytes: r.size_bytes,
    uploadedBy: r.uploaded_by,
    note: r.note,
    uploadedAt: r.uploaded_at,
  };
}

export async function getPraticaAttachments(
  db: Db,
  citizenId: number,
  praticaId: number,
): Promise<PraticaAttachment[]> {
  const rows = await praticaAttachmentsQuery(db, citizenId)
    .where("a.pratica_id", "=", praticaId)
    .limit(200)
    .execute();
  return rows.map(toPraticaAttachment);
}

/** The attachments of all the citizen's pratiche, oldest first, in one query (the data export). */
export async function listCitizenPraticaAttachments(db: Db, citizenId: number): Promise<PraticaAttachment[]> {
  const rows = await praticaAttachmentsQuery(db, citizenId).execute();
  return rows.map(toPraticaAttachment);
}

/** One attachment, only if it belongs to this pratica of this citizen. */
export async function getAttachmentForDownload(
  db: Db,
  citizenId: number,
  praticaId: number,
  attachmentId: number,
): Promise<{ filename: string; storedName: string; mime: string; sizeBytes: number } | undefined> {
  const r = await db
    .selectFrom("pratica_attachments as a")
    .innerJoin("pratiche as p", "p.id", "a.pratica_id")
    .select(["a.filename", "a.stored_name", "a.mime", "a.size_bytes"])
    .where("a.id", "=", attachmentId)
    .where("a.pratica_id", "=", praticaId)
    .where("p.citizen_id", "=", citizenId)
    .executeTakeFirst();
  return r
    ? { filename: r.filename, storedName: r.stored_name, mime: r.mime, sizeBytes: r.size_bytes }
    : undefined;
}

export interface IntegrationInput {
  citizenId: number;
  codiceFiscale: string;
  /** "delegato" when someone acting for the citizen answers (codiceFiscale is then theirs). */
  actorKind?: "cittadino" | "delegato";
  /** The name of the person acting for the citizen, written on the pratica's milestone. */
  delegateName?: string | null;
  praticaId: number;
  note: string;
  file: { filename: string; storedName: string; mime: string; sizeBytes: number };
  now: string;
  auditKey: string;
}

export type IntegrationResult =
  | { ok: true; attachmentId: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "state"; message: string };

/**
 * The citizen answers a request for documents: the attachment, the milestone, the new state and
 * the audit row land together or not at all. The state is read again inside the transaction so
 * that two answers sent at once cannot both move the pratica.
 */
export async function submitIntegration(db: Db, input: IntegrationInput): Promise<IntegrationResult> {
  return db.transaction().execute(async (trx) => {
    const pratica = await trx
      .selectFrom("pratiche")
      .select(["id", "status", "entity_id"])
      .where("id", "=", input.praticaId)
      .where("citizen_id", "=", input.citizenId)
      .executeTakeFirst();
    if (!pratica) return { ok: false, reason: "not_found" } as const;
    // Only an answer to a request for documents moves the pratica back to "in_lavorazione".
    const next = "in_lavorazione";
    if (
      !isPraticaState(pratica.status) ||
      pratica.status !== "da_integrare" ||
      !canTransition(pratica.status, next)
    ) {
      return {
        ok: false,
        reason: "state",
        message: "Questa pratica non è in attesa di integrazioni: non è possibile inviare documenti.",
      } as const;
    }
    const attachment = await trx
      .insertInto("pratica_attachments")
      .values({
        pratica_id: pratica.id,
        filename: input.file.filename,
        stored_name: input.file.storedName,
        mime: input.file.mime,
        size_bytes: input.file.sizeBytes,
        uploaded_by: "cittadino",
        note: input.note || null,
        uploaded_at: input.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("pratica_events")
      .values({
        pratica_id: pratica.id,
        status: next,
        note:
          (input.delegateName
            ? `Integrazione inviata da ${input.delegateName} (codice fiscale ${input.codiceFiscale}) per conto della persona interessata`
            : "Integrazione inviata") +
          (input.note ? `: ${input.note}` : input.delegateName ? "." : " dal cittadino."),
        actor: "cittadino",
        operator_id: null,
        at: input.now,
      })
      .execute();
    await trx
      .updateTable("pratiche")
      .set({ status: next, updated_at: input.now })
      .where("id", "=", pratica.id)
      .where("citizen_id", "=", input.citizenId)
      .execute();
    await appendAudit(
      trx,
      input.auditKey,
      {
        actorKind: input.actorKind ?? "cittadino",
        actorCodiceFiscale: input.codiceFiscale,
        enteId: pratica.entity_id,
        subjectCitizenId: input.citizenId,
        action: "pratica.integrazione",
        section: "pratiche",
        details: {
          praticaId: pratica.id,
          attachmentId: attachment.id,
          mime: input.file.mime,
          size: input.file.sizeBytes,
        },
      },
      new Date(input.now),
    );
    return { ok: true, attachmentId: attachment.id } as const;
  });
}
