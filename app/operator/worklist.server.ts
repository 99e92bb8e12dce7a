import type { Transaction } from "kysely";
import { fitSubject } from "~/rules/message";
import type { Database, Db } from "../../db/schema";
import { appendAudit } from "~/audit.server";
import type { AuditAction } from "~/audit-actions";
import { addDays } from "~/rules/time";
import {
  AWAITING_ENTE_STATES,
  canTransition,
  isFinalPraticaState,
  isPraticaState,
  nextPraticaStates,
  OPEN_PRATICA_STATES,
  PRATICA_STATES,
  refusedTransitionMessage,
  type PraticaStatus,
} from "~/rules/pratiche";
import { operatorAudit, type OperatorActor } from "~/operator/actor";
import { INTEGRATION_DAYS, NOTE_MAX, NOTE_MIN } from "~/operator/limits";
import { cleanText } from "~/operator/text";
import { stripUnsafeNameChars } from "~/dossier/uploads.server";
import { parsePage } from "~/http.server";
import { paginate } from "~/pagination.server";

/**
 * The ente's pratiche as operators work on them: a worklist by state, limited to the areas of the
 * operator's roles (anagrafe -> area anagrafe, tributi -> area tributi), and the actions on one
 * pratica. Every action re-reads the pratica inside its transaction, writes the milestone, the
 * message to the citizen and one audit row together.
 */

type Area = "anagrafe" | "tributi";

export const WORKLIST_PAGE_SIZE = 25;
/** Drafts are the citizen's own until sent: the ente does not see them. */
export const WORKLIST_STATES: readonly PraticaStatus[] = PRATICA_STATES.filter((s) => s !== "bozza");
/** Days from protocol to the deadline when the pratica had none. */
const DEFAULT_DEADLINE_DAYS = 30;

export type AssignedFilter = "" | "mie" | "libere";

/** "aperte": every state still to be worked on (the default); "tutte": concluded ones too. */
export type StatusFilter = PraticaStatus | "aperte" | "tutte";

export interface WorklistFilters {
  status: StatusFilter;
  assigned: AssignedFilter;
  page: number;
}

export function parseWorklistFilters(params: URLSearchParams): WorklistFilters {
  const status = params.get("stato") ?? "";
  const assigned = params.get("assegnazione") ?? "";
  return {
    status: (isPraticaState(status) && status !== "bozza") || status === "tutte" ? status : "aperte",
    assigned: assigned === "mie" || assigned === "libere" ? assigned : "",
    page: parsePage(params),
  };
}

export interface WorklistItem {
  id: number;
  title: string;
  area: string;
  status: PraticaStatus;
  protocolNumber: string | null;
  submittedDate: string | null;
  deadlineDate: string | null;
  applicant: string;
  assignedTo: string | null;
  assignedToMe: boolean;
}

export interface Worklist {
  items: WorklistItem[];
  total: number;
  page: number;
  pageCount: number;
  counts: Partial<Record<PraticaStatus, number>>;
}

function scoped(db: Db | Transaction<Database>, enteId: number, areas: readonly Area[]) {
  return db
    .selectFrom("pratiche as p")
    .where("p.entity_id", "=", enteId)
    .where("p.area", "in", areas.length ? [...areas] : ["__none__" as Area])
    .where("p.status", "!=", "bozza");
}

/** How many pratiche of the areas wait for the ente (the operator's home counts them). */
export async function countAwaitingPratiche(db: Db, enteId: number, areas: readonly Area[]): Promise<number> {
  const r = await scoped(db, enteId, areas)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("p.status", "in", [...AWAITING_ENTE_STATES])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listWorklist(
  db: Db,
  input: { actor: OperatorActor; areas: readonly Area[]; filters: WorklistFilters },
): Promise<Worklist> {
  const { actor, areas, filters } = input;
  let base = scoped(db, actor.enteId, areas);
  if (filters.status === "aperte") base = base.where("p.status", "in", [...OPEN_PRATICA_STATES]);
  else if (filters.status !== "tutte") base = base.where("p.status", "=", filters.status);
  if (filters.assigned === "mie") base = base.where("p.assigned_operator_id", "=", actor.id);
  if (filters.assigned === "libere") base = base.where("p.assigned_operator_id", "is", null);
  const [{ rows, total, page, pageCount }, byStatus] = await Promise.all([
    paginate(
      base
        .innerJoin("citizens as c", "c.id", "p.citizen_id")
        .leftJoin("operators as o", "o.id", "p.assigned_operator_id")
        .select([
          "p.id",
          "p.title",
          "p.area",
          "p.status",
          "p.protocol_number",
          "p.submitted_date",
          "p.deadline_date",
          "p.assigned_operator_id",
          "c.surname",
          "c.name",
          "o.surname as op_surname",
          "o.name as op_name",
        ])
        .orderBy("p.submitted_date")
        .orderBy("p.id"),
      { page: filters.page, pageSize: WORKLIST_PAGE_SIZE },
    ),
    scoped(db, actor.enteId, areas)
      .select((eb) => ["p.status", eb.fn.countAll<number>().as("n")])
      .groupBy("p.status")
      .execute(),
  ]);
  const counts: Partial<Record<PraticaStatus, number>> = {};
  for (const r of byStatus) if (isPraticaState(r.status)) counts[r.status] = Number(r.n);
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      area: r.area,
      status: r.status,
      protocolNumber: r.protocol_number,
      submittedDate: r.submitted_date,
      deadlineDate: r.deadline_date,
      applicant: `${r.surname} ${r.name}`,
      assignedTo: r.op_surname ? `${r.op_name} ${r.op_surname}` : null,
      assignedToMe: r.assigned_operator_id === actor.id,
    })),
    total,
    page,
    pageCount,
    counts,
  };
}

export interface WorkPratica {
  id: number;
  citizenId: number;
  applicant: { surname: string; name: string; codiceFiscale: string };
  title: string;
  type: string;
  area: Area;
  status: PraticaStatus;
  protocolNumber: string | null;
  protocolDate: string | null;
  submittedDate: string | null;
  deadlineDate: string | null;
  nextSteps: string | null;
  updatedAt: string;
  office: string | null;
  assignedOperatorId: number | null;
  assignedTo: string | null;
  nextStates: PraticaStatus[];
  events: Array<{ id: number; status: string; note: string | null; actor: string; at: string }>;
  attachments: Array<{
    id: number;
    filename: string;
    sizeBytes: number;
    uploadedBy: string;
    uploadedAt: string;
  }>;
}

/** One pratica of the ente in the operator's areas, or undefined (the route answers 404). */
export async function getWorkPratica(
  db: Db,
  input: { actor: OperatorActor; areas: readonly Area[]; praticaId: number },
): Promise<WorkPratica | undefined> {
  const r = await scoped(db, input.actor.enteId, input.areas)
    .innerJoin("citizens as c", "c.id", "p.citizen_id")
    .leftJoin("offices as of", "of.id", "p.office_id")
    .leftJoin("operators as o", "o.id", "p.assigned_operator_id")
    .select([
      "p.id",
      "p.citizen_id",
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
      "p.assigned_operator_id",
      "c.surname",
      "c.name",
      "c.codice_fiscale",
      "of.name as office_name",
      "o.surname as op_surname",
      "o.name as op_name",
    ])
    .where("p.id", "=", input.praticaId)
    .executeTakeFirst();
  if (!r || !isPraticaState(r.status)) return undefined;
  const [events, attachments] = await Promise.all([
    db
      .selectFrom("pratica_events")
      .select(["id", "status", "note", "actor", "at"])
      .where("pratica_id", "=", r.id)
      .orderBy("at")
      .orderBy("id")
      .limit(200)
      .execute(),
    db
      .selectFrom("pratica_attachments")
      .select(["id", "filename", "size_bytes", "uploaded_by", "uploaded_at"])
      .where("pratica_id", "=", r.id)
      .orderBy("uploaded_at")
      .orderBy("id")
      .limit(200)
      .execute(),
  ]);
  return {
    id: r.id,
    citizenId: r.citizen_id,
    applicant: { surname: r.surname, name: r.name, codiceFiscale: r.codice_fiscale },
    title: r.title,
    type: r.type,
    area: r.area as Area,
    status: r.status,
    protocolNumber: r.protocol_number,
    protocolDate: r.protocol_date,
    submittedDate: r.submitted_date,
    deadlineDate: r.deadline_date,
    nextSteps: r.next_steps,
    updatedAt: r.updated_at,
    office: r.office_name ?? null,
    assignedOperatorId: r.assigned_operator_id,
    assignedTo: r.op_surname ? `${r.op_name} ${r.op_surname}` : null,
    // "da_integrare" has its own form, with the list of what is needed.
    nextStates: nextPraticaStates(r.status).filter((s) => s !== "da_integrare"),
    events,
    attachments: attachments.map((a) => ({
      id: a.id,
      filename: stripUnsafeNameChars(a.filename),
      sizeBytes: a.size_bytes,
      uploadedBy: a.uploaded_by,
      uploadedAt: a.uploaded_at,
    })),
  };
}

/** Whether the pratica is one of the ente's in the operator's areas (checked before anything else in actions). */
export async function isPraticaInScope(
  db: Db,
  input: { actor: OperatorActor; areas: readonly Area[]; praticaId: number },
): Promise<boolean> {
  const r = await scoped(db, input.actor.enteId, input.areas)
    .select("p.id")
    .where("p.id", "=", input.praticaId)
    .executeTakeFirst();
  return r !== undefined;
}

/** The reason every pratica row in the log carries: the pratica itself. */
export function praticaReason(p: { id: number; protocolNumber: string | null }): string {
  return p.protocolNumber ? `Istruttoria pratica n. ${p.protocolNumber}` : `Istruttoria pratica (id ${p.id})`;
}

/**
 * A look at a pratica (its page, or one of its attachments) writes one audit row, with the pratica
 * as the stated reason.
 */
export async function recordPraticaView(
  db: Db,
  auditKey: string,
  input: {
    actor: OperatorActor;
    pratica: Pick<WorkPratica, "id" | "citizenId" | "area" | "protocolNumber">;
    /** The attachment opened, when the look is a download. */
    attachmentId?: number;
    now: Date;
  },
): Promise<void> {
  const download = input.attachmentId !== undefined;
  await appendAudit(
    db,
    auditKey,
    {
      ...operatorAudit(input.actor),
      role: input.pratica.area,
      subjectCitizenId: input.pratica.citizenId,
      action: download ? "pratica.attachment.download" : "pratica.view",
      section: "pratiche",
      reasonCategory: "istruttoria",
      reasonText: praticaReason(input.pratica),
      details: download
        ? { praticaId: input.pratica.id, attachmentId: input.attachmentId }
        : { praticaId: input.pratica.id },
    },
    input.now,
  );
}

/**
 * One attachment of a pratica the operator may work on (the pratica is re-checked against the
 * ente and the operator's areas), or undefined.
 */
export async function getWorkAttachment(
  db: Db,
  input: { actor: OperatorActor; areas: readonly Area[]; praticaId: number; attachmentId: number },
): Promise<
  | {
      pratica: { id: number; citizenId: number; area: Area; protocolNumber: string | null };
      attachment: { id: number; filename: string; storedName: string; mime: string };
    }
  | undefined
> {
  const r = await scoped(db, input.actor.enteId, input.areas)
    .innerJoin("pratica_attachments as a", "a.pratica_id", "p.id")
    .select([
      "p.id",
      "p.citizen_id",
      "p.area",
      "p.protocol_number",
      "a.id as attachment_id",
      "a.filename",
      "a.stored_name",
      "a.mime",
    ])
    .where("p.id", "=", input.praticaId)
    .where("a.id", "=", input.attachmentId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    pratica: { id: r.id, citizenId: r.citizen_id, area: r.area as Area, protocolNumber: r.protocol_number },
    attachment: { id: r.attachment_id, filename: r.filename, storedName: r.stored_name, mime: r.mime },
  };
}

export type ActionResult = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };

const NOT_FOUND: ActionResult = { ok: false, status: 404, message: "Pratica non trovata." };

async function lockPratica(
  trx: Transaction<Database>,
  actor: OperatorActor,
  areas: readonly Area[],
  id: number,
) {
  return scoped(trx, actor.enteId, areas)
    .select([
      "p.id",
      "p.citizen_id",
      "p.title",
      "p.area",
      "p.status",
      "p.protocol_number",
      "p.protocol_date",
      "p.deadline_date",
      "p.office_id",
      "p.assigned_operator_id",
    ])
    .where("p.id", "=", id)
    .executeTakeFirst();
}

/** Cleans a note or message typed by the operator (several lines allowed). */
export function cleanNote(value: FormDataEntryValue | null): string {
  return cleanText(value);
}

export async function takeCharge(
  db: Db,
  auditKey: string,
  input: { actor: OperatorActor; areas: readonly Area[]; praticaId: number; now: Date },
): Promise<ActionResult> {
  return db.transaction().execute(async (trx) => {
    const p = await lockPratica(trx, input.actor, input.areas, input.praticaId);
    if (!p) return NOT_FOUND;
    if (p.assigned_operator_id === input.actor.id)
      return { ok: false, status: 409, message: "La pratica è già assegnata a te." };
    if (isPraticaState(p.status) && isFinalPraticaState(p.status))
      return { ok: false, status: 409, message: "La pratica è conclusa: non può essere presa in carico." };
    const at = input.now.toISOString();
    await trx
      .updateTable("pratiche")
      .set({ assigned_operator_id: input.actor.id, updated_at: at })
      .where("id", "=", p.id)
      .execute();
    await appendAudit(
      trx,
      auditKey,
      {
        ...operatorAudit(input.actor),
        role: p.area,
        subjectCitizenId: p.citizen_id,
        action: "pratica.take",
        section: "pratiche",
        reasonCategory: "istruttoria",
        reasonText: praticaReason({ id: p.id, protocolNumber: p.protocol_number }),
        details: { praticaId: p.id, previousOperatorId: p.assigned_operator_id },
      },
      input.now,
    );
    return { ok: true };
  });
}

async function nextProtocolNumber(trx: Transaction<Database>, enteId: number, year: string): Promise<string> {
  const last = await trx
    .selectFrom("pratiche")
    .select("protocol_number")
    .where("entity_id", "=", enteId)
    .where("protocol_number", "like", `${year}/%`)
    .orderBy("protocol_number", "desc")
    .limit(1)
    .executeTakeFirst();
  const n = last?.protocol_number ? Number(last.protocol_number.slice(5)) + 1 : 1;
  return `${year}/${String(Number.isFinite(n) ? n : 1).padStart(7, "0")}`;
}

export async function messageCitizen(
  trx: Transaction<Database>,
  input: {
    actor: OperatorActor;
    citizenId: number;
    officeId: number | null;
    subject: string;
    body: string;
    now: Date;
    dueDate?: string | null;
    praticaId?: number | null;
    paymentOptionId?: number | null;
  },
): Promise<number> {
  const row = await trx
    .insertInto("messages")
    .values({
      citizen_id: input.citizenId,
      sender_entity_id: input.actor.enteId,
      sender_office_id: input.officeId ?? input.actor.officeId,
      operator_id: input.actor.id,
      subject: fitSubject(input.subject),
      body: input.body,
      sent_at: input.now.toISOString(),
      read_at: null,
      due_date: input.dueDate ?? null,
      payment_option_id: input.paymentOptionId ?? null,
      pratica_id: input.praticaId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const STATE_SUBJECT: Partial<Record<PraticaStatus, string>> = {
  protocollata: "La tua pratica è stata protocollata",
  in_lavorazione: "La tua pratica è in lavorazione",
  accettata: "La tua pratica è stata accolta",
  respinta: "La tua pratica è stata respinta",
};

type LockedPratica = NonNullable<Awaited<ReturnType<typeof lockPratica>>> & { status: PraticaStatus };

/** Columns a step writes besides the state, updated_at and the operator in charge. */
type PraticaPatch = {
  protocol_number?: string;
  protocol_date?: string;
  deadline_date?: string;
  next_steps?: string | null;
};

export interface PraticaStep {
  actor: OperatorActor;
  auditKey: string;
  now: Date;
  /** The new state: refused (409) unless the state machine of rules/pratiche allows it. */
  to: PraticaStatus;
  set?: PraticaPatch;
  /** The milestone's note. */
  note: string;
  /** What the citizen receives in the inbox, tied to the pratica. */
  message: { subject: string; body: string; dueDate?: string };
  /** The audit row's action and details (the pratica, the old state and the message are added). */
  audit: { action: AuditAction; details: Record<string, unknown> };
}

/**
 * One step of a pratica's life, as operators make it: the state change allowed by canTransition,
 * written only if the state is still the one read (409 otherwise, someone else moved it), with
 * the milestone, the message to the citizen and one audit row, in the caller's transaction. The
 * operator who makes the step takes the pratica in charge when nobody had it.
 */
export async function applyPraticaStep(
  trx: Transaction<Database>,
  pratica: LockedPratica,
  step: PraticaStep,
): Promise<ActionResult> {
  const p = pratica;
  if (!canTransition(p.status, step.to))
    return { ok: false, status: 409, message: refusedTransitionMessage(p.status, step.to) };
  const at = step.now.toISOString();
  const updated = await trx
    .updateTable("pratiche")
    .set({
      status: step.to,
      ...step.set,
      updated_at: at,
      ...(p.assigned_operator_id == null ? { assigned_operator_id: step.actor.id } : {}),
    })
    .where("id", "=", p.id)
    .where("status", "=", p.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    return { ok: false, status: 409, message: "La pratica è cambiata nel frattempo: ricarica la pagina." };
  await trx
    .insertInto("pratica_events")
    .values({
      pratica_id: p.id,
      status: step.to,
      note: step.note,
      actor: "operatore",
      operator_id: step.actor.id,
      at,
    })
    .execute();
  const messageId = await messageCitizen(trx, {
    actor: step.actor,
    citizenId: p.citizen_id,
    officeId: p.office_id,
    subject: step.message.subject,
    body: step.message.body,
    dueDate: step.message.dueDate,
    praticaId: p.id,
    now: step.now,
  });
  await appendAudit(
    trx,
    step.auditKey,
    {
      ...operatorAudit(step.actor),
      role: p.area,
      subjectCitizenId: p.citizen_id,
      action: step.audit.action,
      section: "pratiche",
      reasonCategory: "istruttoria",
      reasonText: praticaReason({ id: p.id, protocolNumber: step.set?.protocol_number ?? p.protocol_number }),
      details: { praticaId: p.id, from: p.status, ...step.audit.details, messageId },
    },
    step.now,
  );
  return { ok: true };
}

/**
 * Moves a pratica to the next state (checked by the state machine) with a milestone whose note is
 * also sent to the citizen as a message.
 */
export async function changePraticaState(
  db: Db,
  auditKey: string,
  input: {
    actor: OperatorActor;
    areas: readonly Area[];
    praticaId: number;
    to: string;
    note: string;
    today: string;
    now: Date;
  },
): Promise<ActionResult> {
  if (!isPraticaState(input.to))
    return { ok: false, status: 400, message: "Scegli il nuovo stato della pratica." };
  if (input.to === "da_integrare")
    return {
      ok: false,
      status: 400,
      message: "Per chiedere documenti usa il modulo «Chiedi un'integrazione».",
    };
  if (input.note.length < NOTE_MIN || input.note.length > NOTE_MAX)
    return {
      ok: false,
      status: 400,
      message: `Scrivi al cittadino una nota tra ${NOTE_MIN} e ${NOTE_MAX} caratteri: la riceverà come messaggio.`,
    };
  const to = input.to;
  return db.transaction().execute(async (trx) => {
    const p = await lockPratica(trx, input.actor, input.areas, input.praticaId);
    if (!p || !isPraticaState(p.status)) return NOT_FOUND;
    const set: PraticaPatch = {};
    let note = input.note;
    if (to === "protocollata" && !p.protocol_number) {
      const protocol = await nextProtocolNumber(trx, input.actor.enteId, input.today.slice(0, 4));
      set.protocol_number = protocol;
      set.protocol_date = input.today;
      if (!p.deadline_date) set.deadline_date = addDays(input.today, DEFAULT_DEADLINE_DAYS);
      note = `Protocollata con n. ${protocol}. ${note}`;
    }
    if (to === "accettata" || to === "respinta" || to === "in_lavorazione") set.next_steps = null;
    return applyPraticaStep(trx, p, {
      actor: input.actor,
      auditKey,
      now: input.now,
      to,
      set,
      note,
      message: {
        subject: `${STATE_SUBJECT[to] ?? "Aggiornamento della tua pratica"}: ${p.title}`,
        body: note,
      },
      audit: { action: "pratica.transition", details: { to } },
    });
  });
}

/** The list of what is needed, one item per line of the form ("- " or "• " bullets dropped). */
export function parseDocumentList(value: FormDataEntryValue | null): string[] {
  return cleanNote(value)
    .split("\n")
    .map((l) => l.replace(/^\s*[-*•]\s*/, "").trim())
    .filter((l) => l.length > 0)
    .slice(0, 20);
}

/**
 * Asks the citizen for more documents: the pratica goes to "da_integrare" with the list in
 * next_steps, and the citizen gets a message with the list and the date to answer by.
 */
export async function requestIntegration(
  db: Db,
  auditKey: string,
  input: {
    actor: OperatorActor;
    areas: readonly Area[];
    praticaId: number;
    documents: string[];
    note: string;
    today: string;
    now: Date;
  },
): Promise<ActionResult> {
  if (!input.documents.length)
    return { ok: false, status: 400, message: "Indica almeno un documento da inviare, uno per riga." };
  if (input.documents.some((d) => d.length > 200))
    return {
      ok: false,
      status: 400,
      message: "Ogni documento richiesto può occupare al massimo 200 caratteri.",
    };
  if (input.note.length > NOTE_MAX)
    return { ok: false, status: 400, message: `La nota può contenere al massimo ${NOTE_MAX} caratteri.` };
  return db.transaction().execute(async (trx) => {
    const p = await lockPratica(trx, input.actor, input.areas, input.praticaId);
    if (!p || !isPraticaState(p.status)) return NOT_FOUND;
    const dueDate = addDays(input.today, INTEGRATION_DAYS);
    const list = input.documents.map((d) => `- ${d}`).join("\n");
    const nextSteps = `Invia entro il ${dueDate.split("-").reverse().join("/")} i seguenti documenti:\n${list}`;
    return applyPraticaStep(trx, p, {
      actor: input.actor,
      auditKey,
      now: input.now,
      to: "da_integrare",
      set: { next_steps: nextSteps },
      note: input.note ? `${input.note}\n${nextSteps}` : nextSteps,
      message: {
        subject: `Servono altri documenti per la tua pratica: ${p.title}`,
        body: `${input.note ? `${input.note}\n\n` : ""}${nextSteps}\n\nPuoi inviarli dalla pagina della pratica nella tua area personale.`,
        dueDate,
      },
      audit: { action: "pratica.integration_request", details: { documents: input.documents.length } },
    });
  });
}
