import type { AuditLogTable, Db } from "../../db/schema";
import { appendAudit } from "~/audit.server";
import { formatDayIt } from "~/rules/time";
import { reasonCategoryLabel, REPORT_TEXT_MAX } from "~/operator/limits";
import { rolesLabel, sectionLabel } from "~/operator/audit-labels";
import { cleanText } from "~/operator/text";
import { paginate } from "~/pagination.server";
import { DELEGATION_AREA_SHORT, isDelegationArea } from "~/rules/delegation";

/**
 * "Chi ha visto i miei dati": the citizen's view of the log. Each entry is an opening of their
 * dossier by an operator (with the stated reason and the sections then looked at) or the look at
 * one of their pratiche from an office's worklist. Read from the audit log itself, so the citizen
 * sees exactly what the auditors see.
 */

export const CITIZEN_ACCESS_PAGE_SIZE = 20;
/** The log actions that are "a look at my dossier", each one entry of the list. */
export const CITIZEN_VISIBLE_ACTIONS = ["access.open", "pratica.view"] as const;

export interface CitizenAccessEntry {
  /** The audit row id of the opening: what a report points to. */
  id: number;
  at: string;
  kind: "fascicolo" | "pratica";
  ente: string;
  office: string | null;
  /** Only when the ente's policy shows operators' names (entities.show_operator_names). */
  operatorName: string | null;
  roles: string;
  reasonCategory: string;
  reasonText: string | null;
  /** Sections looked at within this access, in the order first seen. */
  sections: string[];
  reportedAt: string | null;
}

export interface CitizenAccessPage {
  entries: CitizenAccessEntry[];
  total: number;
  page: number;
  pageCount: number;
}

function parseReported(details: string | null): number | null {
  try {
    const d = JSON.parse(details ?? "{}") as { reportedAuditId?: unknown };
    return typeof d.reportedAuditId === "number" ? d.reportedAuditId : null;
  } catch {
    return null;
  }
}

async function reportsOf(db: Db, citizenId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom("audit_log")
    .select(["details", "at"])
    .where("subject_citizen_id", "=", citizenId)
    .where("action", "=", "access.report")
    .where("actor_kind", "=", "cittadino")
    .orderBy("id")
    .limit(1000)
    .execute();
  const out = new Map<number, string>();
  for (const r of rows) {
    const id = parseReported(r.details);
    if (id !== null && !out.has(id)) out.set(id, r.at);
  }
  return out;
}

/** The operator's name, only where their ente's policy shows operators' names to citizens. */
function shownOperatorName(r: {
  show_operator_names: number | null;
  op_name: string | null;
  op_surname: string | null;
}): string | null {
  return r.show_operator_names === 1 && r.op_name && r.op_surname ? `${r.op_name} ${r.op_surname}` : null;
}

/** One row of the audit log about the citizen, whoever wrote it, as the data export lists it. */
export interface CitizenAuditEntry {
  at: string;
  actorKind: AuditLogTable["actor_kind"];
  ente: string | null;
  role: string | null;
  /** Only for an operator's action, and only when their ente's policy shows operators' names. */
  operator: string | null;
  action: string;
  section: string | null;
  reasonCategory: string | null;
  reasonText: string | null;
}

/** Every row of the audit log about the citizen, newest first: one query (the data export). */
export async function listCitizenAuditTrail(db: Db, citizenId: number): Promise<CitizenAuditEntry[]> {
  const rows = await db
    .selectFrom("audit_log as a")
    .leftJoin("entities as e", "e.id", "a.entity_id")
    .leftJoin("operators as o", "o.id", "a.operator_id")
    .select([
      "a.at",
      "a.actor_kind",
      "a.role",
      "a.action",
      "a.section",
      "a.reason_category",
      "a.reason_text",
      "e.name as ente",
      "e.show_operator_names",
      "o.name as op_name",
      "o.surname as op_surname",
    ])
    .where("a.subject_citizen_id", "=", citizenId)
    .orderBy("a.at", "desc")
    .orderBy("a.id", "desc")
    .execute();
  return rows.map((r) => ({
    at: r.at,
    actorKind: r.actor_kind,
    ente: r.ente,
    role: r.role,
    operator: r.actor_kind === "operatore" ? shownOperatorName(r) : null,
    action: r.action,
    section: r.section,
    reasonCategory: r.reason_category,
    reasonText: r.reason_text,
  }));
}

export async function listCitizenAccesses(
  db: Db,
  citizenId: number,
  page: number,
): Promise<CitizenAccessPage> {
  const base = db
    .selectFrom("audit_log as a")
    .where("a.subject_citizen_id", "=", citizenId)
    .where("a.actor_kind", "=", "operatore")
    .where("a.action", "in", [...CITIZEN_VISIBLE_ACTIONS]);
  const [{ rows, total, page: shown, pageCount }, reports] = await Promise.all([
    paginate(
      base
        .leftJoin("entities as e", "e.id", "a.entity_id")
        .leftJoin("operators as o", "o.id", "a.operator_id")
        .leftJoin("offices as of", "of.id", "o.office_id")
        .select([
          "a.id",
          "a.at",
          "a.action",
          "a.role",
          "a.access_id",
          "a.reason_category",
          "a.reason_text",
          "e.name as ente",
          "e.show_operator_names",
          "o.name as op_name",
          "o.surname as op_surname",
          "of.name as office",
        ])
        .orderBy("a.id", "desc"),
      { page, pageSize: CITIZEN_ACCESS_PAGE_SIZE },
    ),
    reportsOf(db, citizenId),
  ]);
  const accessIds = rows.map((r) => r.access_id).filter((id): id is number => id !== null);
  const views = accessIds.length
    ? await db
        .selectFrom("audit_log")
        .select(["access_id", "section", "role"])
        .where("subject_citizen_id", "=", citizenId)
        .where("action", "=", "dossier.view")
        .where("access_id", "in", accessIds)
        .orderBy("id")
        .execute()
    : [];
  const sectionsByAccess = new Map<number, { sections: string[]; roles: Set<string> }>();
  for (const v of views) {
    if (v.access_id === null) continue;
    const entry = sectionsByAccess.get(v.access_id) ?? { sections: [], roles: new Set<string>() };
    const label = sectionLabel(v.section);
    if (label && !entry.sections.includes(label)) entry.sections.push(label);
    for (const r of (v.role ?? "").split(",")) if (r) entry.roles.add(r);
    sectionsByAccess.set(v.access_id, entry);
  }
  return {
    entries: rows.map((r) => {
      const seen = r.access_id !== null ? sectionsByAccess.get(r.access_id) : undefined;
      // The roles actually used to look, when sections were opened; else those held at opening.
      const roles = seen && seen.roles.size ? [...seen.roles].join(",") : r.role;
      return {
        id: r.id,
        at: r.at,
        kind: r.action === "access.open" ? "fascicolo" : "pratica",
        ente: r.ente ?? "Ente non più presente",
        office: r.office ?? null,
        operatorName: shownOperatorName(r),
        roles: rolesLabel(roles),
        reasonCategory: reasonCategoryLabel(r.reason_category),
        reasonText: r.reason_text,
        sections: seen?.sections ?? [],
        reportedAt: reports.get(r.id) ?? null,
      } satisfies CitizenAccessEntry;
    }),
    total,
    page: shown,
    pageCount,
  };
}

export type ReportResult =
  { ok: true; ente: string } | { ok: false; status: 400 | 404 | 409; message: string };

/**
 * The citizen reports an access they consider improper. What reaches the ente's auditors is an
 * audit row (`access.report`, with the ente's entity_id and the citizen's words as reason_text),
 * listed on /operatore/registro-accessi; the citizen gets a receipt in their inbox. Both writes in
 * one transaction.
 */
export async function reportAccess(
  db: Db,
  auditKey: string,
  input: {
    citizenId: number;
    codiceFiscale: string;
    auditId: number;
    text: FormDataEntryValue | null;
    now: Date;
  },
): Promise<ReportResult> {
  const text = cleanText(input.text);
  if (text.length > REPORT_TEXT_MAX)
    return {
      ok: false,
      status: 400,
      message: `La segnalazione può contenere al massimo ${REPORT_TEXT_MAX} caratteri.`,
    };
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("audit_log as a")
      .leftJoin("entities as e", "e.id", "a.entity_id")
      .select(["a.id", "a.entity_id", "a.access_id", "a.at", "e.name as ente"])
      .where("a.id", "=", input.auditId)
      .where("a.subject_citizen_id", "=", input.citizenId)
      .where("a.actor_kind", "=", "operatore")
      .where("a.action", "in", [...CITIZEN_VISIBLE_ACTIONS])
      .executeTakeFirst();
    if (!row || row.entity_id === null)
      return { ok: false, status: 404, message: "Accesso non trovato." } as const;
    const reported = await reportsOf(trx, input.citizenId);
    if (reported.has(row.id))
      return {
        ok: false,
        status: 409,
        message: "Hai già segnalato questo accesso: gli uffici di controllo l'hanno ricevuto.",
      } as const;
    const ente = row.ente ?? "l'ente";
    const message = await trx
      .insertInto("messages")
      .values({
        citizen_id: input.citizenId,
        sender_entity_id: row.entity_id,
        sender_office_id: null,
        operator_id: null,
        subject: "Abbiamo ricevuto la tua segnalazione di un accesso ai tuoi dati",
        body:
          `La tua segnalazione sull'accesso ai tuoi dati del ${formatDayIt(row.at)} ` +
          `è stata inoltrata al responsabile dei controlli di ${ente}, che la esaminerà.` +
          (text ? `\n\nIl tuo messaggio:\n${text}` : ""),
        sent_at: input.now.toISOString(),
        read_at: null,
        due_date: null,
        payment_option_id: null,
        pratica_id: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      auditKey,
      {
        actorKind: "cittadino",
        actorCodiceFiscale: input.codiceFiscale,
        enteId: row.entity_id,
        subjectCitizenId: input.citizenId,
        accessId: row.access_id,
        action: "access.report",
        reasonCategory: "segnalazione",
        reasonText: text || "Il cittadino ritiene improprio questo accesso.",
        details: { reportedAuditId: row.id, messageId: message.id },
      },
      input.now,
    );
    return { ok: true, ente } as const;
  });
}

/** An action someone took for the citizen (a delegate, or a parent for a minor child). */
export interface OnBehalfEntry {
  id: number;
  at: string;
  /** The person who acted: name as the delegation or the registry knows them, and codice fiscale. */
  actor: string;
  actorCodiceFiscale: string;
  action: string;
  /** Where: the delegated area of a page seen, or the section of an action. */
  where: string | null;
}

export const ON_BEHALF_SHOWN = 50;

/** The latest actions taken for the citizen by someone acting for them, newest first. */
export async function listOnBehalfActions(db: Db, citizenId: number): Promise<OnBehalfEntry[]> {
  const rows = await db
    .selectFrom("audit_log")
    .select(["id", "at", "actor_fiscal_code", "action", "section"])
    .where("subject_citizen_id", "=", citizenId)
    .where("actor_kind", "=", "delegato")
    .orderBy("id", "desc")
    .limit(ON_BEHALF_SHOWN)
    .execute();
  const codes = [...new Set(rows.map((r) => r.actor_fiscal_code).filter((c): c is string => c !== null))];
  const names = new Map<string, string>();
  if (codes.length) {
    const [delegates, residents] = await Promise.all([
      db
        .selectFrom("delegations")
        .select(["delegate_fiscal_code as cf", "delegate_name as name", "delegate_surname as surname"])
        .where("delegator_citizen_id", "=", citizenId)
        .where("delegate_fiscal_code", "in", codes)
        .execute(),
      db
        .selectFrom("citizens")
        .select(["codice_fiscale as cf", "name", "surname"])
        .where("codice_fiscale", "in", codes)
        .execute(),
    ]);
    for (const p of [...delegates, ...residents]) names.set(p.cf, `${p.name} ${p.surname}`);
  }
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: names.get(r.actor_fiscal_code ?? "") ?? "Persona delegata",
    actorCodiceFiscale: r.actor_fiscal_code ?? "",
    action: r.action,
    where:
      r.section === null
        ? null
        : isDelegationArea(r.section)
          ? DELEGATION_AREA_SHORT[r.section]
          : sectionLabel(r.section),
  }));
}
