import type { Db, Row } from "../../db/schema";
import { appendAudit } from "~/audit.server";
import {
  checkDelegationRequest,
  DELEGATION_AREA_SHORT,
  DELEGATION_AREAS,
  delegationState,
  formatAreas,
  majorityDay,
  mayRenew,
  parentMayAct,
  parseAreas,
  PARENT_RELATIONS,
  renewalPeriod,
  type DelegationArea,
  type DelegationState,
} from "~/rules/delegation";
import { addDays, formatDateIt, romeDay } from "~/rules/time";

/**
 * Delegations and parents' ties: listing them, creating, accepting, refusing, renewing and
 * revoking delegations, and the tie a session acting for someone rests on, looked up again on
 * every request. Every change is one transaction with its audit row and the message it sends to
 * the delegator.
 */

export interface PersonRef {
  codiceFiscale: string;
  name: string;
  surname: string;
}

/** Why a person may act for another right now. */
export interface Tie {
  kind: "genitore" | "delega";
  /** Null for a parent's tie. */
  delegationId: number | null;
  areas: DelegationArea[];
  /** The person acted for. */
  subject: PersonRef & { citizenId: number };
  /** The last day of the tie (the day before the 18th birthday for a parent). */
  until: string;
}

export interface DelegationView {
  id: number;
  state: DelegationState;
  areas: DelegationArea[];
  startsOn: string;
  endsOn: string;
  channel: "online" | "sportello";
  createdAt: string;
  acceptedAt: string | null;
  firstUsedAt: string | null;
  delegate: PersonRef;
  delegator: PersonRef & { citizenId: number };
}

type DelegationRow = Row<"delegations"> & { dr_cf: string; dr_name: string; dr_surname: string };

function view(r: DelegationRow, now: Date): DelegationView {
  return {
    id: r.id,
    state: delegationState(r, now),
    areas: parseAreas(r.areas),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    channel: r.channel,
    createdAt: r.created_at,
    acceptedAt: r.accepted_at,
    firstUsedAt: r.first_used_at,
    delegate: { codiceFiscale: r.delegate_fiscal_code, name: r.delegate_name, surname: r.delegate_surname },
    delegator: {
      citizenId: r.delegator_citizen_id,
      codiceFiscale: r.dr_cf,
      name: r.dr_name,
      surname: r.dr_surname,
    },
  };
}

function selectDelegations(db: Db) {
  return db
    .selectFrom("delegations as d")
    .innerJoin("citizens as c", "c.id", "d.delegator_citizen_id")
    .selectAll("d")
    .select(["c.codice_fiscale as dr_cf", "c.name as dr_name", "c.surname as dr_surname"]);
}

/** Delegations a citizen gave, newest first (at most 200: the page lists them all). */
export async function listDelegationsGiven(db: Db, citizenId: number, now: Date): Promise<DelegationView[]> {
  const rows = await selectDelegations(db)
    .where("d.delegator_citizen_id", "=", citizenId)
    .orderBy("d.id", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => view(r, now));
}

/** Delegations given to a person (by codice fiscale), newest first. */
export async function listDelegationsReceived(
  db: Db,
  codiceFiscale: string,
  now: Date,
): Promise<DelegationView[]> {
  const rows = await selectDelegations(db)
    .where("d.delegate_fiscal_code", "=", codiceFiscale)
    .orderBy("d.id", "desc")
    .limit(200)
    .execute();
  return rows.map((r) => view(r, now));
}

/** The minor children a citizen acts for as a parent, per the registry's current households. */
export async function listParentTies(db: Db, citizenId: number, now: Date): Promise<Tie[]> {
  const rows = await db
    .selectFrom("household_members as p")
    .innerJoin("household_members as k", "k.household_id", "p.household_id")
    .innerJoin("citizens as c", "c.id", "k.citizen_id")
    .select([
      "p.relation as parent_relation",
      "k.relation as child_relation",
      "c.id",
      "c.codice_fiscale",
      "c.name",
      "c.surname",
      "c.birth_date",
    ])
    .where("p.citizen_id", "=", citizenId)
    .where("p.until_date", "is", null)
    .where("p.relation", "in", [...PARENT_RELATIONS])
    .where("k.until_date", "is", null)
    .where("k.relation", "=", "figlio")
    .where("k.citizen_id", "!=", citizenId)
    .orderBy("c.birth_date")
    .execute();
  return rows
    .filter((r) =>
      parentMayAct(
        { parentRelation: r.parent_relation, childRelation: r.child_relation, childBirthDate: r.birth_date },
        now,
      ),
    )
    .map((r) => ({
      kind: "genitore" as const,
      delegationId: null,
      areas: [...DELEGATION_AREAS],
      subject: { citizenId: r.id, codiceFiscale: r.codice_fiscale, name: r.name, surname: r.surname },
      until: addDays(majorityDay(r.birth_date), -1),
    }));
}

/**
 * The tie that lets `person` act for `subjectCitizenId` now: the named delegation (when
 * `delegationId` is set) or a parent's tie. Null when there is none: revoked a second ago,
 * expired at midnight, the child of age today.
 */
export async function findTie(
  db: Db,
  person: { codiceFiscale: string; citizenId: number | null },
  subjectCitizenId: number,
  delegationId: number | null,
  now: Date,
): Promise<Tie | null> {
  if (delegationId === null) {
    if (person.citizenId === null) return null;
    const ties = await listParentTies(db, person.citizenId, now);
    return ties.find((t) => t.subject.citizenId === subjectCitizenId) ?? null;
  }
  const row = await selectDelegations(db)
    .where("d.id", "=", delegationId)
    .where("d.delegator_citizen_id", "=", subjectCitizenId)
    .where("d.delegate_fiscal_code", "=", person.codiceFiscale)
    .executeTakeFirst();
  if (!row) return null;
  const v = view(row, now);
  if (v.state !== "attiva") return null;
  return { kind: "delega", delegationId: v.id, areas: v.areas, subject: v.delegator, until: v.endsOn };
}

/** The entity that signs the portal's own messages: the region. */
async function portalSender(db: Db): Promise<number> {
  const region = await db
    .selectFrom("entities")
    .select("id")
    .where("kind", "=", "regione")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  if (region) return region.id;
  const any = await db.selectFrom("entities").select("id").orderBy("id").limit(1).executeTakeFirstOrThrow();
  return any.id;
}

async function messageDelegator(
  db: Db,
  citizenId: number,
  subject: string,
  body: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto("messages")
    .values({
      citizen_id: citizenId,
      sender_entity_id: await portalSender(db),
      sender_office_id: null,
      operator_id: null,
      subject,
      body,
      sent_at: now.toISOString(),
      read_at: null,
      due_date: null,
      payment_option_id: null,
      pratica_id: null,
    })
    .execute();
}

function areasText(areas: readonly DelegationArea[]): string {
  return areas.map((a) => DELEGATION_AREA_SHORT[a]).join(", ");
}

function fullName(p: { name: string; surname: string }): string {
  return `${p.name} ${p.surname}`;
}

export type DelegationResult =
  | { ok: true; id: number }
  | { ok: false; status: 400 | 404 | 409; message: string; errors?: Record<string, string> };

export interface StoredPaper {
  storedName: string;
  filename: string;
}

export interface CreateDelegationInput {
  delegator: { citizenId: number; codiceFiscale: string };
  delegate: { codiceFiscale: string; name: string; surname: string };
  areas: readonly string[];
  startsOn: string;
  endsOn: string;
  now: Date;
  /**
   * Registered at the counter: the operator, their ente, the stated reason and the two scanned
   * papers (already received; the caller keeps them only once this commits); accepted at once.
   */
  counter?: {
    operatorId: number;
    enteId: number;
    operatorCodiceFiscale: string;
    reason: string;
    documents: { form: StoredPaper; idDocument: StoredPaper };
  };
}

/** Creates a delegation (waiting for the delegate's acceptance unless registered at the counter). */
export async function createDelegation(
  db: Db,
  auditKey: string,
  input: CreateDelegationInput,
): Promise<DelegationResult> {
  const today = romeDay(input.now);
  const check = checkDelegationRequest({
    delegatorCodiceFiscale: input.delegator.codiceFiscale,
    delegateCodiceFiscale: input.delegate.codiceFiscale,
    areas: input.areas,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    today,
  });
  const name = input.delegate.name.trim();
  const surname = input.delegate.surname.trim();
  const errors: Record<string, string> = check.ok ? {} : { ...check.errors };
  if (!name) errors.nome = "Indica il nome della persona da delegare.";
  if (!surname) errors.cognome = "Indica il cognome della persona da delegare.";
  if (name.length > 80) errors.nome = "Il nome può avere al massimo 80 caratteri.";
  if (surname.length > 80) errors.cognome = "Il cognome può avere al massimo 80 caratteri.";
  if (!check.ok || Object.keys(errors).length)
    return { ok: false, status: 400, message: "Controlla i dati della delega.", errors };
  const nowIso = input.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const existing = await selectDelegations(trx)
      .where("d.delegator_citizen_id", "=", input.delegator.citizenId)
      .where("d.delegate_fiscal_code", "=", check.delegateCodiceFiscale)
      .execute();
    if (existing.some((r) => ["attiva", "in_attesa"].includes(delegationState(r, input.now))))
      return {
        ok: false as const,
        status: 409 as const,
        message:
          "Questa persona ha già una tua delega attiva o in attesa di accettazione: revocala prima di crearne una nuova.",
      };
    const row = await trx
      .insertInto("delegations")
      .values({
        delegator_citizen_id: input.delegator.citizenId,
        delegate_fiscal_code: check.delegateCodiceFiscale,
        delegate_name: name,
        delegate_surname: surname,
        areas: formatAreas(check.areas),
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        channel: input.counter ? "sportello" : "online",
        operator_id: input.counter?.operatorId ?? null,
        reason_text: input.counter?.reason ?? null,
        form_stored_name: input.counter?.documents.form.storedName ?? null,
        form_filename: input.counter?.documents.form.filename ?? null,
        id_document_stored_name: input.counter?.documents.idDocument.storedName ?? null,
        id_document_filename: input.counter?.documents.idDocument.filename ?? null,
        created_at: nowIso,
        accepted_at: input.counter ? nowIso : null,
        refused_at: null,
        revoked_at: null,
        revoked_by: null,
        first_used_at: null,
        expiry_notified_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      auditKey,
      input.counter
        ? {
            actorKind: "operatore",
            actorCodiceFiscale: input.counter.operatorCodiceFiscale,
            operatorId: input.counter.operatorId,
            enteId: input.counter.enteId,
            role: "anagrafe",
            subjectCitizenId: input.delegator.citizenId,
            action: "delegation.create",
            reasonCategory: "delega_sportello",
            reasonText: input.counter.reason,
            details: { delegationId: row.id, delegate: check.delegateCodiceFiscale, areas: check.areas },
          }
        : {
            actorKind: "cittadino",
            actorCodiceFiscale: input.delegator.codiceFiscale,
            subjectCitizenId: input.delegator.citizenId,
            action: "delegation.create",
            details: { delegationId: row.id, delegate: check.delegateCodiceFiscale, areas: check.areas },
          },
      input.now,
    );
    const period = `dal ${formatDateIt(input.startsOn)} al ${formatDateIt(input.endsOn)}`;
    await messageDelegator(
      trx,
      input.delegator.citizenId,
      `Hai delegato ${fullName({ name, surname })}`,
      `${fullName({ name, surname })} (codice fiscale ${check.delegateCodiceFiscale}) potrà agire per tuo conto ` +
        `per: ${areasText(check.areas)}, ${period}.` +
        (input.counter
          ? " La delega è stata registrata allo sportello ed è già attiva."
          : " La delega vale da quando la persona la accetta nella sua area personale.") +
        " Puoi revocarla in qualsiasi momento dalla pagina Deleghe della tua area personale.",
      input.now,
    );
    return { ok: true as const, id: row.id };
  });
}

const NOT_FOUND = { ok: false, status: 404, message: "Delega non trovata." } as const;

/** The delegate accepts or refuses a delegation waiting for them. */
export async function answerDelegation(
  db: Db,
  auditKey: string,
  input: { id: number; delegate: PersonRef & { citizenId: number | null }; accept: boolean; now: Date },
): Promise<DelegationResult> {
  return db.transaction().execute(async (trx) => {
    const row = await selectDelegations(trx)
      .where("d.id", "=", input.id)
      .where("d.delegate_fiscal_code", "=", input.delegate.codiceFiscale)
      .executeTakeFirst();
    if (!row) return NOT_FOUND;
    if (row.accepted_at !== null || delegationState(row, input.now) !== "in_attesa")
      return {
        ok: false as const,
        status: 409 as const,
        message: "Questa delega non è più in attesa di una risposta.",
      };
    const nowIso = input.now.toISOString();
    const changed = await trx
      .updateTable("delegations")
      .set(input.accept ? { accepted_at: nowIso } : { refused_at: nowIso })
      .where("id", "=", row.id)
      .where("accepted_at", "is", null)
      .where("refused_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1)
      return {
        ok: false as const,
        status: 409 as const,
        message: "Questa delega non è più in attesa di una risposta.",
      };
    await appendAudit(
      trx,
      auditKey,
      {
        actorKind: "delegato",
        actorCodiceFiscale: input.delegate.codiceFiscale,
        subjectCitizenId: row.delegator_citizen_id,
        action: input.accept ? "delegation.accept" : "delegation.refuse",
        details: { delegationId: row.id },
      },
      input.now,
    );
    const who = fullName(
      row.delegate_name ? { name: row.delegate_name, surname: row.delegate_surname } : input.delegate,
    );
    await messageDelegator(
      trx,
      row.delegator_citizen_id,
      input.accept ? `${who} ha accettato la tua delega` : `${who} ha rifiutato la tua delega`,
      input.accept
        ? `${who} ha accettato la delega per: ${areasText(parseAreas(row.areas))}. ` +
            `Può agire per tuo conto fino al ${formatDateIt(row.ends_on)}; ogni sua azione compare in "Chi ha visto i miei dati".`
        : `${who} ha rifiutato la delega per: ${areasText(parseAreas(row.areas))}. La delega non è attiva.`,
      input.now,
    );
    return { ok: true as const, id: row.id };
  });
}

/** Revocation by the delegator, or renunciation by the delegate: from this instant on. */
export async function revokeDelegation(
  db: Db,
  auditKey: string,
  input: {
    id: number;
    by: "delegante" | "delegato";
    /** The delegator's citizen id (by "delegante") or the delegate's codice fiscale (by "delegato"). */
    citizenId?: number | null;
    codiceFiscale: string;
    now: Date;
  },
): Promise<DelegationResult> {
  return db.transaction().execute(async (trx) => {
    let q = selectDelegations(trx).where("d.id", "=", input.id);
    q =
      input.by === "delegante"
        ? q.where("d.delegator_citizen_id", "=", input.citizenId ?? -1)
        : q.where("d.delegate_fiscal_code", "=", input.codiceFiscale);
    const row = await q.executeTakeFirst();
    if (!row) return NOT_FOUND;
    const state = delegationState(row, input.now);
    if (state !== "attiva" && state !== "in_attesa")
      return { ok: false as const, status: 409 as const, message: "Questa delega non è più attiva." };
    const nowIso = input.now.toISOString();
    const changed = await trx
      .updateTable("delegations")
      .set({ revoked_at: nowIso, revoked_by: input.by })
      .where("id", "=", row.id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1)
      return { ok: false as const, status: 409 as const, message: "Questa delega non è più attiva." };
    await appendAudit(
      trx,
      auditKey,
      {
        actorKind: input.by === "delegante" ? "cittadino" : "delegato",
        actorCodiceFiscale: input.codiceFiscale,
        subjectCitizenId: row.delegator_citizen_id,
        action: "delegation.revoke",
        details: { delegationId: row.id, by: input.by },
      },
      input.now,
    );
    const who = fullName({ name: row.delegate_name, surname: row.delegate_surname });
    await messageDelegator(
      trx,
      row.delegator_citizen_id,
      input.by === "delegante" ? `Hai revocato la delega a ${who}` : `${who} ha rinunciato alla tua delega`,
      `Da ${formatDateIt(romeDay(input.now))} ${who} non può più agire per tuo conto ` +
        `(${areasText(parseAreas(row.areas))}).`,
      input.now,
    );
    return { ok: true as const, id: row.id };
  });
}

/** The delegator renews an active or expired delegation for a year from today. */
export async function renewDelegation(
  db: Db,
  auditKey: string,
  input: { id: number; citizenId: number; codiceFiscale: string; now: Date },
): Promise<DelegationResult> {
  return db.transaction().execute(async (trx) => {
    const row = await selectDelegations(trx)
      .where("d.id", "=", input.id)
      .where("d.delegator_citizen_id", "=", input.citizenId)
      .executeTakeFirst();
    if (!row) return NOT_FOUND;
    if (!mayRenew(delegationState(row, input.now)))
      return {
        ok: false as const,
        status: 409 as const,
        message: "Si rinnova solo una delega attiva o scaduta.",
      };
    const period = renewalPeriod(romeDay(input.now));
    await trx
      .updateTable("delegations")
      .set({ starts_on: period.startsOn, ends_on: period.endsOn, expiry_notified_at: null })
      .where("id", "=", row.id)
      .execute();
    await appendAudit(
      trx,
      auditKey,
      {
        actorKind: "cittadino",
        actorCodiceFiscale: input.codiceFiscale,
        subjectCitizenId: input.citizenId,
        action: "delegation.renew",
        details: { delegationId: row.id, endsOn: period.endsOn },
      },
      input.now,
    );
    return { ok: true as const, id: row.id };
  });
}

/**
 * Starts acting for someone: only on a tie that holds now. The session keeps whom it acts for;
 * the guard checks the tie again on every request. The first use of a delegation tells the
 * delegator.
 */
export async function startActing(
  db: Db,
  auditKey: string,
  input: {
    sessionId: string;
    person: PersonRef & { citizenId: number | null };
    subjectCitizenId: number;
    delegationId: number | null;
    now: Date;
  },
): Promise<Tie | null> {
  const tie = await findTie(db, input.person, input.subjectCitizenId, input.delegationId, input.now);
  if (!tie) return null;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("sessions")
      .set({ acting_for_citizen_id: tie.subject.citizenId, acting_delegation_id: tie.delegationId })
      .where("id", "=", input.sessionId)
      .execute();
    await appendAudit(
      trx,
      auditKey,
      {
        actorKind: "delegato",
        actorCodiceFiscale: input.person.codiceFiscale,
        subjectCitizenId: tie.subject.citizenId,
        action: "delegation.act",
        details: { delegationId: tie.delegationId, tie: tie.kind },
      },
      input.now,
    );
    if (tie.delegationId !== null) {
      const first = await trx
        .updateTable("delegations")
        .set({ first_used_at: input.now.toISOString() })
        .where("id", "=", tie.delegationId)
        .where("first_used_at", "is", null)
        .executeTakeFirst();
      if (Number(first.numUpdatedRows) === 1)
        await messageDelegator(
          trx,
          tie.subject.citizenId,
          `${fullName(input.person)} ha usato per la prima volta la tua delega`,
          `${fullName(input.person)} ha iniziato ad agire per tuo conto (${areasText(tie.areas)}). ` +
            `Trovi ogni sua azione in "Chi ha visto i miei dati" e puoi revocare la delega in qualsiasi momento.`,
          input.now,
        );
    }
  });
  return tie;
}

/** Back to one's own area. */
export async function stopActing(db: Db, sessionId: string): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ acting_for_citizen_id: null, acting_delegation_id: null })
    .where("id", "=", sessionId)
    .execute();
}

/**
 * The periodic job: tells each delegator once that a delegation of theirs has expired. The
 * conditional update makes it once, also when two processes run it together.
 */
export async function notifyExpiredDelegations(db: Db, now: Date): Promise<number> {
  const today = romeDay(now);
  const rows = await selectDelegations(db)
    .where("d.ends_on", "<", today)
    .where("d.expiry_notified_at", "is", null)
    .where("d.revoked_at", "is", null)
    .where("d.refused_at", "is", null)
    .orderBy("d.id")
    .limit(500)
    .execute();
  let n = 0;
  for (const row of rows) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable("delegations")
        .set({ expiry_notified_at: now.toISOString() })
        .where("id", "=", row.id)
        .where("expiry_notified_at", "is", null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return;
      const who = fullName({ name: row.delegate_name, surname: row.delegate_surname });
      await messageDelegator(
        trx,
        row.delegator_citizen_id,
        `La tua delega a ${who} è scaduta`,
        `La delega a ${who} (${areasText(parseAreas(row.areas))}) è scaduta il ${formatDateIt(row.ends_on)}. ` +
          "Puoi rinnovarla per un altro anno dalla pagina Deleghe della tua area personale.",
        now,
      );
      n++;
    });
  }
  return n;
}
