import type { Db } from "../../db/schema";
import { appendAudit, describeAuditVerification, verifyAudit } from "~/audit.server";
import { addDays, isValidIsoDate, parseDateIt, romeDayStart } from "~/rules/time";
import { validateCodiceFiscale } from "~/rules/codice-fiscale";
import { operatorAudit, type OperatorActor } from "~/operator/actor";
import { AUDIT_EXPORT_MAX, reasonCategoryLabel } from "~/operator/limits";
import { auditActionLabel, AUDIT_ACTION_FILTERS, rolesLabel, sectionLabel } from "~/operator/audit-labels";
import { toCsv } from "~/operator/csv";
import { isDossierSection } from "~/operator/sections";
import { parseId, parsePage } from "~/http.server";
import { paginate } from "~/pagination.server";

/**
 * The auditor's view of the ente's log: the rows whose entity_id is the ente, filtered, paged and
 * exported. Reading and exporting are themselves logged. Read-only: nothing here changes a row.
 */

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilters {
  from: string;
  to: string;
  operatorId: number | null;
  section: string;
  action: string;
  cf: string;
  page: number;
}

export type ParsedAuditFilters =
  | { ok: true; filters: AuditFilters; citizenId: number | null | "none" }
  | { ok: false; message: string; filters: AuditFilters };

/** A day typed as YYYY-MM-DD (date inputs) or gg/mm/aaaa (text fallback); kept as typed when neither. */
function normaliseDay(value: string | null): string {
  const s = (value ?? "").trim().slice(0, 20);
  if (!s || isValidIsoDate(s)) return s;
  return parseDateIt(s) ?? s;
}

/** Reads the filter form; a codice fiscale is validated and turned into the person's id. */
export async function parseAuditFilters(db: Db, params: URLSearchParams): Promise<ParsedAuditFilters> {
  const op = parseId(params.get("operatore"));
  const filters: AuditFilters = {
    from: normaliseDay(params.get("da")),
    to: normaliseDay(params.get("a")),
    operatorId: op,
    section: (params.get("sezione") ?? "").trim(),
    action: (params.get("azione") ?? "").trim(),
    cf: (params.get("cf") ?? "").trim().toUpperCase().slice(0, 40),
    page: parsePage(params),
  };
  if (filters.from && !isValidIsoDate(filters.from))
    return { ok: false, message: "La data iniziale non è valida.", filters };
  if (filters.to && !isValidIsoDate(filters.to))
    return { ok: false, message: "La data finale non è valida.", filters };
  if (filters.from && filters.to && filters.from > filters.to)
    return { ok: false, message: "La data iniziale è successiva a quella finale.", filters };
  if (filters.section && !isDossierSection(filters.section))
    return { ok: false, message: "Sezione non valida.", filters };
  if (filters.action && !AUDIT_ACTION_FILTERS.includes(filters.action))
    return { ok: false, message: "Tipo di operazione non valido.", filters };
  let citizenId: number | null | "none" = null;
  if (filters.cf) {
    const cf = validateCodiceFiscale(filters.cf);
    if (!cf.ok) return { ok: false, message: `Codice fiscale: ${cf.reason}`, filters };
    filters.cf = cf.cf;
    const c = await db
      .selectFrom("citizens")
      .select("id")
      .where("codice_fiscale", "=", cf.cf)
      .executeTakeFirst();
    citizenId = c ? c.id : "none";
  }
  return { ok: true, filters, citizenId };
}

function filtered(db: Db, enteId: number, f: AuditFilters, citizenId: number | null | "none") {
  let q = db.selectFrom("audit_log as a").where("a.entity_id", "=", enteId);
  if (f.from) q = q.where("a.at", ">=", romeDayStart(f.from));
  if (f.to) q = q.where("a.at", "<", romeDayStart(addDays(f.to, 1)));
  if (f.operatorId) q = q.where("a.operator_id", "=", f.operatorId);
  if (f.section) q = q.where("a.section", "=", f.section);
  if (f.action) q = q.where("a.action", "=", f.action);
  if (citizenId === "none") q = q.where("a.id", "<", 0);
  else if (citizenId !== null) q = q.where("a.subject_citizen_id", "=", citizenId);
  return q;
}

export interface AuditRowView {
  id: number;
  at: string;
  actorKind: string;
  actor: string;
  actorCodiceFiscale: string | null;
  role: string;
  action: string;
  actionLabel: string;
  section: string;
  subjectCf: string | null;
  subjectName: string | null;
  accessId: number | null;
  reasonCategory: string;
  reasonText: string | null;
  details: string | null;
  hmac: string;
}

function selectRows(q: ReturnType<typeof filtered>) {
  return q
    .leftJoin("operators as o", "o.id", "a.operator_id")
    .leftJoin("citizens as c", "c.id", "a.subject_citizen_id")
    .select([
      "a.id",
      "a.at",
      "a.actor_kind",
      "a.actor_fiscal_code",
      "a.role",
      "a.action",
      "a.section",
      "a.access_id",
      "a.reason_category",
      "a.reason_text",
      "a.details",
      "a.hmac",
      "o.name as op_name",
      "o.surname as op_surname",
      "c.codice_fiscale as subject_cf",
      "c.surname as subject_surname",
      "c.name as subject_name",
    ])
    .orderBy("a.id", "desc");
}

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectRows>["execute"]>>[number];

function toView(r: SelectedRow): AuditRowView {
  const actor =
    r.actor_kind === "operatore"
      ? r.op_surname
        ? `${r.op_name} ${r.op_surname}`
        : "Operatore"
      : r.actor_kind === "cittadino"
        ? "Cittadino"
        : r.actor_kind === "delegato"
          ? "Persona delegata"
          : r.actor_kind === "api"
            ? "API"
            : "Sistema";
  return {
    id: r.id,
    at: r.at,
    actorKind: r.actor_kind,
    actor,
    actorCodiceFiscale: r.actor_fiscal_code,
    role: rolesLabel(r.role),
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    section: sectionLabel(r.section),
    subjectCf: r.subject_cf ?? null,
    subjectName: r.subject_surname ? `${r.subject_surname} ${r.subject_name}` : null,
    accessId: r.access_id,
    reasonCategory: reasonCategoryLabel(r.reason_category),
    reasonText: r.reason_text,
    details: r.details,
    hmac: r.hmac,
  };
}

export interface AuditPage {
  rows: AuditRowView[];
  total: number;
  page: number;
  pageCount: number;
}

export async function listAuditRows(
  db: Db,
  enteId: number,
  filters: AuditFilters,
  citizenId: number | null | "none",
): Promise<AuditPage> {
  const base = filtered(db, enteId, filters, citizenId);
  const { rows, total, page, pageCount } = await paginate(selectRows(base), {
    page: filters.page,
    pageSize: AUDIT_PAGE_SIZE,
  });
  return { rows: rows.map(toView), total, page, pageCount };
}

export async function countAuditRows(
  db: Db,
  enteId: number,
  filters: AuditFilters,
  citizenId: number | null | "none",
): Promise<number> {
  const { n } = await filtered(db, enteId, filters, citizenId)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export const AUDIT_CSV_HEADER = [
  "id",
  "data_ora_utc",
  "tipo_attore",
  "attore",
  "codice_fiscale_attore",
  "ruolo",
  "azione",
  "descrizione_azione",
  "sezione",
  "codice_fiscale_interessato",
  "interessato",
  "accesso",
  "categoria_motivo",
  "motivo",
  "dettagli",
  "hmac",
] as const;

/** The whole filtered log as CSV (newest first), at most AUDIT_EXPORT_MAX rows. */
export async function exportAuditCsv(
  db: Db,
  enteId: number,
  filters: AuditFilters,
  citizenId: number | null | "none",
): Promise<{ csv: string; rows: number }> {
  const rows = (
    await selectRows(filtered(db, enteId, filters, citizenId))
      .limit(AUDIT_EXPORT_MAX)
      .execute()
  ).map(toView);
  const csv = toCsv(
    AUDIT_CSV_HEADER,
    rows.map((r) => [
      r.id,
      r.at,
      r.actorKind,
      r.actor,
      r.actorCodiceFiscale,
      r.role,
      r.action,
      r.actionLabel,
      r.section,
      r.subjectCf,
      r.subjectName,
      r.accessId,
      r.reasonCategory,
      r.reasonText,
      r.details,
      r.hmac,
    ]),
  );
  return { csv, rows: rows.length };
}

/** The filters as recorded with an audit.read / audit.export row. */
function filtersForLog(f: AuditFilters): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  if (f.operatorId) out.operatorId = f.operatorId;
  if (f.section) out.section = f.section;
  if (f.action) out.action = f.action;
  if (f.cf) out.cf = f.cf;
  return out;
}

export async function logAuditRead(
  db: Db,
  auditKey: string,
  input: {
    actor: OperatorActor;
    kind: "audit.read" | "audit.export";
    filters: AuditFilters;
    citizenId: number | null | "none";
    rows: number;
    now: Date;
  },
): Promise<void> {
  await appendAudit(
    db,
    auditKey,
    {
      ...operatorAudit(input.actor),
      role: "auditor",
      subjectCitizenId: typeof input.citizenId === "number" ? input.citizenId : null,
      action: input.kind,
      details: {
        filters: filtersForLog(input.filters),
        ...(input.kind === "audit.read" ? { page: input.filters.page } : {}),
        rows: input.rows,
      },
    },
    input.now,
  );
}

export interface AuditCheck {
  ok: boolean;
  rows: number;
  /** The same sentence `npm run audit:verify` prints. */
  message: string;
  /** When the check ran (ISO). */
  at: string;
}

/**
 * The auditor's "Verifica integrità": the whole chain and the checkpoint, as `npm run
 * audit:verify` checks them, then the check itself is logged with its verdict (after the walk, so
 * the verdict is about the log as it was when asked).
 */
export async function checkAuditLog(
  db: Db,
  config: { auditHmacKey: string; dataDir: string },
  input: { actor: OperatorActor; now: Date },
): Promise<AuditCheck> {
  const result = await verifyAudit(db, config.auditHmacKey, config.dataDir);
  await appendAudit(
    db,
    config.auditHmacKey,
    {
      ...operatorAudit(input.actor),
      role: "auditor",
      action: "audit.verify",
      details: { ok: result.ok, rows: result.rows, ...(result.problem ? { problem: result.problem } : {}) },
    },
    input.now,
  );
  return {
    ok: result.ok,
    rows: result.rows,
    message: describeAuditVerification(result),
    at: input.now.toISOString(),
  };
}

export interface CitizenReport {
  id: number;
  at: string;
  citizenCf: string | null;
  citizenName: string | null;
  reportedAuditId: number | null;
  accessId: number | null;
  text: string | null;
}

/** Citizens' reports of improper accesses to the ente, newest first. */
export async function listCitizenReports(db: Db, enteId: number, limit = 20): Promise<CitizenReport[]> {
  const rows = await db
    .selectFrom("audit_log as a")
    .leftJoin("citizens as c", "c.id", "a.subject_citizen_id")
    .select([
      "a.id",
      "a.at",
      "a.access_id",
      "a.reason_text",
      "a.details",
      "c.codice_fiscale",
      "c.surname",
      "c.name",
    ])
    .where("a.entity_id", "=", enteId)
    .where("a.action", "=", "access.report")
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => {
    let reported: number | null = null;
    try {
      const d = JSON.parse(r.details ?? "{}") as { reportedAuditId?: unknown };
      reported = typeof d.reportedAuditId === "number" ? d.reportedAuditId : null;
    } catch {
      reported = null;
    }
    return {
      id: r.id,
      at: r.at,
      citizenCf: r.codice_fiscale ?? null,
      citizenName: r.surname ? `${r.surname} ${r.name}` : null,
      reportedAuditId: reported,
      accessId: r.access_id,
      text: r.reason_text,
    };
  });
}

export async function countCitizenReports(db: Db, enteId: number): Promise<number> {
  const { n } = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("entity_id", "=", enteId)
    .where("action", "=", "access.report")
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function listEnteOperatorNames(
  db: Db,
  enteId: number,
): Promise<Array<{ id: number; label: string }>> {
  const rows = await db
    .selectFrom("operators")
    .select(["id", "surname", "name"])
    .where("entity_id", "=", enteId)
    .orderBy("surname")
    .orderBy("name")
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, label: `${r.surname} ${r.name}` }));
}
