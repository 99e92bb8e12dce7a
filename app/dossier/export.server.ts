import type { Db } from "../../db/schema";
import { OPEN_PRATICA_STATES } from "~/rules/pratiche";
import { serializeCalendar, type IcsEvent } from "~/dossier/ical";
import { DOCUMENT_KIND_LABEL } from "~/dossier/labels";
import { formatEuroSymbol } from "~/rules/money";
import { PAYABLE_STATUSES } from "~/rules/gpd";
import { formatNav } from "~/rules/nav";
import {
  imuComputation,
  instalmentState,
  listF24Payments,
  listInstalments,
  listProperties,
  listRefunds,
  listTaxNotices,
  listVehicles,
  type Instalment,
} from "~/dossier/taxpayer.server";

/**
 * The citizen's own data, to take away: the whole dossier as one JSON document (data
 * portability), and the deadlines as an iCalendar feed. One query per section, scoped by the
 * citizen's id, whatever the size of the dossier.
 */


export const EXPORT_SCHEMA = "fascicolo-del-cittadino/i-miei-dati";
export const EXPORT_SCHEMA_VERSION = 1;

export interface SpidIdentity {
  codiceFiscale: string;
  name: string;
  surname: string;
  spidLevel: number;
  /** The attributes as the identity provider sent them (JSON text from the session). */
  attributesJson: string;
}

function parseAttributes(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function stateOut(i: Instalment) {
  return {
    number: i.number,
    label: i.label,
    dueDate: i.dueDate,
    amountCents: i.amountCents,
    f24Code: i.f24Code,
    creditor: i.enteName,
    paymentOptionId: i.paymentOptionId,
    noticeNumber: i.nav,
    state: i.state.kind,
    paidAt: i.state.kind === "pagata" ? i.state.paidAt : null,
    receiptId: i.state.kind === "pagata" ? i.state.receiptId : null,
  };
}

/** Every section of the dossier. For a person the registry does not know: their SPID data, empty sections. */
export async function buildDossierExport(
  db: Db,
  p: {
    citizenId: number | null;
    spid: SpidIdentity;
    today: string;
    generatedAt: string;
    portal: { name: string; url: string };
  },
) {
  const header = {
    schema: EXPORT_SCHEMA,
    schemaVersion: EXPORT_SCHEMA_VERSION,
    generatedAt: p.generatedAt,
    portal: p.portal,
    notes: [
      "Importi in centesimi di euro (numeri interi); date nel formato AAAA-MM-GG, istanti in UTC (ISO 8601).",
      "Lo stato delle rate (pagata, da_pagare, scaduta, annullata) è ricavato dalla posizione di pagamento collegata alla data di generazione.",
    ],
    spid: {
      fiscalCode: p.spid.codiceFiscale,
      name: p.spid.name,
      surname: p.spid.surname,
      spidLevel: p.spid.spidLevel,
      attributes: parseAttributes(p.spid.attributesJson),
    },
  };
  if (p.citizenId === null) {
    return {
      ...header,
      registry: null,
      contactPreferences: null,
      residences: [],
      household: null,
      identityDocuments: [],
      certificates: [],
      pratiche: [],
      messages: [],
      appointments: [],
      properties: [],
      imu: [],
      tari: [],
      vehicles: [],
      taxNotices: [],
      f24Payments: [],
      refunds: [],
      payments: [],
      accessLog: [],
    };
  }
  const citizenId = p.citizenId;
  const [
    citizen,
    residences,
    householdRows,
    documents,
    certificates,
    pratiche,
    events,
    attachments,
    messages,
    appointments,
    properties,
    imuAssessments,
    imuLines,
    tariAssessments,
    instalments,
    vehicles,
    notices,
    refunds,
    positions,
    options,
    receipts,
    audit,
  ] = await Promise.all([
    db.selectFrom("citizens").selectAll().where("id", "=", citizenId).executeTakeFirst(),
    db
      .selectFrom("residences as r")
      .innerJoin("entities as e", "e.id", "r.entity_id")
      .select([
        "r.address",
        "r.postal_code",
        "e.name as comune",
        "e.province_code",
        "r.start_date",
        "r.end_date",
      ])
      .where("r.citizen_id", "=", citizenId)
      .orderBy("r.start_date", "desc")
      .execute(),
    db
      .selectFrom("household_members as hm")
      .innerJoin("households as h", "h.id", "hm.household_id")
      .innerJoin("entities as e", "e.id", "h.entity_id")
      .innerJoin("citizens as c", "c.id", "hm.citizen_id")
      .select([
        "h.id as household_id",
        "h.code",
        "h.address",
        "e.name as comune",
        "c.id as member_id",
        "c.codice_fiscale",
        "c.surname",
        "c.name",
        "c.sex",
        "c.birth_date",
        "hm.relation",
        "hm.since_date",
        "hm.until_date",
      ])
      .where("hm.household_id", "in", (eb) =>
        eb
          .selectFrom("household_members as own")
          .select("own.household_id")
          .where("own.citizen_id", "=", citizenId),
      )
      .orderBy("hm.household_id")
      .orderBy("hm.since_date")
      .orderBy("c.id")
      .execute(),
    db
      .selectFrom("identity_documents")
      .select(["kind", "number", "issuer", "issue_date", "expiry_date"])
      .where("citizen_id", "=", citizenId)
      .orderBy("expiry_date", "desc")
      .execute(),
    db
      .selectFrom("certificates as c")
      .innerJoin("entities as e", "e.id", "c.entity_id")
      .select([
        "c.id",
        "c.kind",
        "e.name as ente",
        "c.purpose",
        "c.issued_at",
        "c.verification_code",
        "c.content_hash",
      ])
      .where("c.citizen_id", "=", citizenId)
      .orderBy("c.issued_at", "desc")
      .execute(),
    db
      .selectFrom("pratiche as p")
      .innerJoin("entities as e", "e.id", "p.entity_id")
      .leftJoin("offices as o", "o.id", "p.office_id")
      .select([
        "p.id",
        "p.type",
        "p.title",
        "e.name as ente",
        "o.name as office",
        "p.protocol_number",
        "p.submitted_date",
        "p.protocol_date",
        "p.deadline_date",
        "p.status",
        "p.next_steps",
        "p.updated_at",
      ])
      .where("p.citizen_id", "=", citizenId)
      .orderBy("p.updated_at", "desc")
      .execute(),
    db
      .selectFrom("pratica_events as ev")
      .innerJoin("pratiche as p", "p.id", "ev.pratica_id")
      .select(["ev.pratica_id", "ev.status", "ev.note", "ev.actor", "ev.at"])
      .where("p.citizen_id", "=", citizenId)
      .orderBy("ev.at")
      .orderBy("ev.id")
      .execute(),
    db
      .selectFrom("pratica_attachments as a")
      .innerJoin("pratiche as p", "p.id", "a.pratica_id")
      .select([
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
      .execute(),
    db
      .selectFrom("messages as m")
      .innerJoin("entities as e", "e.id", "m.sender_entity_id")
      .leftJoin("offices as o", "o.id", "m.sender_office_id")
      .select([
        "m.id",
        "e.name as sender",
        "o.name as office",
        "m.subject",
        "m.body",
        "m.sent_at",
        "m.read_at",
        "m.due_date",
        "m.payment_option_id",
        "m.pratica_id",
      ])
      .where("m.citizen_id", "=", citizenId)
      .orderBy("m.sent_at", "desc")
      .execute(),
    db
      .selectFrom("appointments as a")
      .innerJoin("appointment_slots as s", "s.id", "a.slot_id")
      .innerJoin("offices as o", "o.id", "s.office_id")
      .innerJoin("entities as e", "e.id", "o.entity_id")
      .select([
        "a.id",
        "s.service",
        "o.name as office",
        "o.address",
        "e.name as ente",
        "s.starts_at",
        "s.ends_at",
        "a.status",
        "a.notes",
        "a.booked_at",
        "a.cancelled_at",
      ])
      .where("a.citizen_id", "=", citizenId)
      .orderBy("s.starts_at", "desc")
      .execute(),
    listProperties(db, citizenId, { includePast: true }),
    db
      .selectFrom("imu_assessments as a")
      .innerJoin("entities as e", "e.id", "a.entity_id")
      .select(["a.id", "a.year", "e.name as comune", "e.belfiore", "a.amount_cents", "a.computed_at"])
      .where("a.citizen_id", "=", citizenId)
      .orderBy("a.year", "desc")
      .orderBy("a.id")
      .execute(),
    db
      .selectFrom("imu_lines as l")
      .innerJoin("imu_assessments as a", "a.id", "l.assessment_id")
      .selectAll("l")
      .where("a.citizen_id", "=", citizenId)
      .orderBy("l.id")
      .execute(),
    db
      .selectFrom("tari_assessments as t")
      .innerJoin("entities as e", "e.id", "t.entity_id")
      .leftJoin("properties as p", "p.id", "t.property_id")
      .select([
        "t.id",
        "t.year",
        "e.name as comune",
        "p.address",
        "t.household_size",
        "t.surface_m2",
        "t.fixed_cents",
        "t.variable_cents",
        "t.tefa_cents",
        "t.amount_cents",
        "t.computed_at",
      ])
      .where("t.citizen_id", "=", citizenId)
      .orderBy("t.year", "desc")
      .execute(),
    listInstalments(db, citizenId, p.today),
    listVehicles(db, citizenId, p.today),
    listTaxNotices(db, citizenId, p.today),
    listRefunds(db, citizenId),
    db
      .selectFrom("debt_positions as dp")
      .select([
        "dp.id",
        "dp.iupd",
        "dp.company_name",
        "dp.service",
        "dp.description",
        "dp.status",
        "dp.validity_date",
        "dp.created_at",
        "dp.published_at",
        "dp.updated_at",
      ])
      .where("dp.debtor_citizen_id", "=", citizenId)
      .where("dp.status", "!=", "DRAFT")
      .orderBy("dp.created_at", "desc")
      .execute(),
    db
      .selectFrom("payment_options as po")
      .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
      .select([
        "po.id",
        "po.position_id",
        "po.iuv",
        "po.nav",
        "po.amount_cents",
        "po.description",
        "po.due_date",
        "po.is_partial_payment",
        "po.instalment_number",
        "po.status",
      ])
      .where("dp.debtor_citizen_id", "=", citizenId)
      .where("dp.status", "!=", "DRAFT")
      .orderBy("po.due_date")
      .execute(),
    db
      .selectFrom("receipts as r")
      .innerJoin("payment_options as po", "po.id", "r.option_id")
      .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
      .select([
        "r.id",
        "r.receipt_id",
        "r.option_id",
        "r.notice_number",
        "r.outcome",
        "r.payment_amount_cents",
        "r.fee_cents",
        "r.description",
        "r.company_name",
        "r.payer_fiscal_code",
        "r.payer_name",
        "r.psp_company_name",
        "r.payment_method",
        "r.payment_date_time",
      ])
      .where("dp.debtor_citizen_id", "=", citizenId)
      .execute(),
    db
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
        "o.name as operator_name",
        "o.surname as operator_surname",
      ])
      .where("a.subject_citizen_id", "=", citizenId)
      .orderBy("a.at", "desc")
      .orderBy("a.id", "desc")
      .execute(),
  ]);

  const currentHousehold = householdRows.filter(
    (r) => r.since_date <= p.today && (r.until_date === null || r.until_date > p.today),
  );
  const ownHousehold = currentHousehold.find((r) => r.member_id === citizenId);
  const receiptsByOption = new Map(receipts.map((r) => [r.option_id, r]));
  const optionsByPosition = new Map<number, typeof options>();
  for (const o of options) {
    const list = optionsByPosition.get(o.position_id) ?? [];
    list.push(o);
    optionsByPosition.set(o.position_id, list);
  }
  const imuInstalments = instalments.filter((i) => i.tax === "IMU");
  const tariInstalments = instalments.filter((i) => i.tax === "TARI");

  return {
    ...header,
    registry: citizen
      ? {
          codiceFiscale: citizen.codice_fiscale,
          surname: citizen.surname,
          name: citizen.name,
          sex: citizen.sex,
          birthDate: citizen.birth_date,
          birthPlace: citizen.birth_place,
          birthBelfiore: citizen.birth_belfiore,
          birthProvince: citizen.birth_province,
          citizenship: citizen.citizenship,
        }
      : null,
    contactPreferences: citizen
      ? {
          email: citizen.email,
          phone: citizen.phone,
          reminderChannel: citizen.reminder_channel,
          updatedAt: citizen.contacts_updated_at,
        }
      : null,
    residences: residences.map((r) => ({
      address: r.address,
      postalCode: r.postal_code,
      comune: r.comune,
      province: r.province_code,
      startDate: r.start_date,
      endDate: r.end_date,
    })),
    household: ownHousehold
      ? {
          code: ownHousehold.code,
          address: ownHousehold.address,
          comune: ownHousehold.comune,
          members: currentHousehold
            .filter((r) => r.household_id === ownHousehold.household_id)
            .map((r) => ({
              codiceFiscale: r.codice_fiscale,
              surname: r.surname,
              name: r.name,
              sex: r.sex,
              birthDate: r.birth_date,
              relation: r.relation,
              since: r.since_date,
              self: r.member_id === citizenId,
            })),
        }
      : null,
    identityDocuments: documents.map((d) => ({
      kind: d.kind,
      number: d.number,
      issuer: d.issuer,
      issueDate: d.issue_date,
      expiryDate: d.expiry_date,
    })),
    certificates: certificates.map((c) => ({
      id: c.id,
      kind: c.kind,
      issuer: c.ente,
      purpose: c.purpose,
      issuedAt: c.issued_at,
      verificationCode: c.verification_code,
      contentHash: c.content_hash,
    })),
    pratiche: pratiche.map((pr) => ({
      id: pr.id,
      type: pr.type,
      title: pr.title,
      ente: pr.ente,
      office: pr.office,
      protocolNumber: pr.protocol_number,
      submittedDate: pr.submitted_date,
      protocolDate: pr.protocol_date,
      deadlineDate: pr.deadline_date,
      status: pr.status,
      nextSteps: pr.next_steps,
      updatedAt: pr.updated_at,
      events: events
        .filter((e) => e.pratica_id === pr.id)
        .map((e) => ({ status: e.status, note: e.note, actor: e.actor, at: e.at })),
      attachments: attachments
        .filter((a) => a.pratica_id === pr.id)
        .map((a) => ({
          filename: a.filename,
          mime: a.mime,
          sizeBytes: a.size_bytes,
          uploadedBy: a.uploaded_by,
          note: a.note,
          uploadedAt: a.uploaded_at,
        })),
    })),
    messages: messages.map((m) => ({
      id: m.id,
      sender: m.sender,
      office: m.office,
      subject: m.subject,
      body: m.body,
      sentAt: m.sent_at,
      readAt: m.read_at,
      dueDate: m.due_date,
      paymentOptionId: m.payment_option_id,
      praticaId: m.pratica_id,
    })),
    appointments: appointments.map((a) => ({
      id: a.id,
      service: a.service,
      office: a.office,
      address: a.address,
      ente: a.ente,
      startsAt: a.starts_at,
      endsAt: a.ends_at,
      status: a.status,
      notes: a.notes,
      bookedAt: a.booked_at,
      cancelledAt: a.cancelled_at,
    })),
    properties: properties.map((pr) => ({
      comune: pr.comune,
      belfiore: pr.belfiore,
      address: pr.address,
      foglio: pr.foglio,
      particella: pr.particella,
      subalterno: pr.subalterno,
      category: pr.category,
      renditaCents: pr.renditaCents,
      surfaceM2: pr.surfaceM2,
      shareBp: pr.shareBp,
      mainHome: pr.mainHome,
      fromDate: pr.fromDate,
      toDate: pr.toDate,
    })),
    imu: imuAssessments.map((a) => ({
      year: a.year,
      comune: a.comune,
      codiceEnte: a.belfiore,
      amountCents: a.amount_cents,
      computedAt: a.computed_at,
      lines: imuLines
        .filter((l) => l.assessment_id === a.id)
        .map((l) => ({ propertyId: l.property_id, ...imuComputation(l) })),
      instalments: imuInstalments.filter((i) => i.sourceId === a.id).map(stateOut),
    })),
    tari: tariAssessments.map((t) => ({
      year: t.year,
      comune: t.comune,
      address: t.address,
      householdSize: t.household_size,
      surfaceM2: t.surface_m2,
      fixedCents: t.fixed_cents,
      variableCents: t.variable_cents,
      tefaCents: t.tefa_cents,
      amountCents: t.amount_cents,
      computedAt: t.computed_at,
      instalments: tariInstalments.filter((i) => i.sourceId === t.id).map(stateOut),
    })),
    vehicles: vehicles.map((v) => ({
      plate: v.plate,
      kind: v.kind,
      makeModel: v.makeModel,
      kw: v.kw,
      euroClass: v.euroClass,
      registrationDate: v.registrationDate,
      bolloMonth: v.bolloMonth,
      bollo: v.bollo.map((b) => ({ year: b.year, ...stateOut(b) })),
    })),
    taxNotices: notices.map((n) => ({
      comune: n.comune,
      tax: n.tax,
      year: n.year,
      number: n.number,
      issuedDate: n.issuedDate,
      reason: n.reason,
      taxCents: n.taxCents,
      penaltyCents: n.penaltyCents,
      interestCents: n.interestCents,
      amountCents: n.amountCents,
      status: n.status,
      dueDate: n.dueDate,
      paymentState: n.payment?.kind ?? null,
    })),
    // All of them: the F24 history of a person is a few rows a year.
    f24Payments: await allF24(db, citizenId),
    refunds: refunds.map((r) => ({
      ente: r.ente,
      tax: r.tax,
      year: r.year,
      amountCents: r.amountCents,
      reason: r.reason,
      requestedDate: r.requestedDate,
      status: r.status,
      paidDate: r.paidDate,
      iban: r.iban,
    })),
    payments: positions.map((pos) => ({
      iupd: pos.iupd,
      creditor: pos.company_name,
      service: pos.service,
      description: pos.description,
      status: pos.status,
      validityDate: pos.validity_date,
      createdAt: pos.created_at,
      publishedAt: pos.published_at,
      updatedAt: pos.updated_at,
      options: (optionsByPosition.get(pos.id) ?? []).map((o) => {
        const r = receiptsByOption.get(o.id);
        return {
          id: o.id,
          iuv: o.iuv,
          noticeNumber: o.nav,
          amountCents: o.amount_cents,
          description: o.description,
          dueDate: o.due_date,
          isPartialPayment: o.is_partial_payment === 1,
          instalmentNumber: o.instalment_number,
          status: o.status,
          state: instalmentState(
            {
              dueDate: o.due_date,
              optionStatus: o.status,
              positionStatus: pos.status,
              receiptId: r && r.outcome === "OK" ? r.id : null,
              receiptPaidAt: r && r.outcome === "OK" ? r.payment_date_time : null,
            },
            p.today,
          ).kind,
          receipt: r
            ? {
                id: r.id,
                receiptId: r.receipt_id,
                outcome: r.outcome,
                amountCents: r.payment_amount_cents,
                feeCents: r.fee_cents,
                description: r.description,
                creditor: r.company_name,
                payerFiscalCode: r.payer_fiscal_code,
                payerName: r.payer_name,
                psp: r.psp_company_name,
                method: r.payment_method,
                paidAt: r.payment_date_time,
              }
            : null,
        };
      }),
    })),
    accessLog: audit.map((a) => ({
      at: a.at,
      actorKind: a.actor_kind,
      ente: a.ente,
      role: a.role,
      // The operator's name only where their ente's policy lets citizens see it.
      operator:
        a.actor_kind === "operatore" && a.show_operator_names === 1 && a.operator_name
          ? `${a.operator_name} ${a.operator_surname}`
          : null,
      action: a.action,
      section: a.section,
      reasonCategory: a.reason_category,
      reasonText: a.reason_text,
    })),
  };
}

async function allF24(db: Db, citizenId: number) {
  const page = await listF24Payments(db, citizenId, { pageSize: 10_000 });
  return page.items.map((f) => ({
    paidDate: f.paidDate,
    taxCode: f.taxCode,
    enteCode: f.enteCode,
    referenceYear: f.referenceYear,
    amountCents: f.amountCents,
    channel: f.channel,
  }));
}

export type DossierExport = Awaited<ReturnType<typeof buildDossierExport>>;

// ---------------------------------------------------------------------------------------------
// Calendar of deadlines


/**
 * What is ahead of the citizen: unpaid payment notices due from today on, expiries of their
 * identity documents, booked appointments, deadlines of open requests. Four queries.
 */
export async function listDeadlineEvents(
  db: Db,
  citizenId: number,
  p: { today: string; now: string; publicUrl: string },
): Promise<IcsEvent[]> {
  const host = new URL(p.publicUrl).hostname;
  const uid = (kind: string, id: number) => `${kind}-${id}@${host}`;
  const [options, documents, appointments, pratiche] = await Promise.all([
    db
      .selectFrom("payment_options as po")
      .innerJoin("debt_positions as dp", "dp.id", "po.position_id")
      .select(["po.id", "po.description", "po.amount_cents", "po.due_date", "po.nav", "dp.company_name"])
      .where("dp.debtor_citizen_id", "=", citizenId)
      .where("dp.status", "in", [...PAYABLE_STATUSES])
      .where("po.status", "=", "PO_UNPAID")
      .where("po.due_date", ">=", p.today)
      .orderBy("po.due_date")
      .limit(500)
      .execute(),
    db
      .selectFrom("identity_documents")
      .select(["id", "kind", "number", "issuer", "expiry_date"])
      .where("citizen_id", "=", citizenId)
      .where("expiry_date", ">=", p.today)
      .orderBy("expiry_date")
      .limit(50)
      .execute(),
    db
      .selectFrom("appointments as a")
      .innerJoin("appointment_slots as s", "s.id", "a.slot_id")
      .innerJoin("offices as o", "o.id", "s.office_id")
      .select(["a.id", "s.service", "s.starts_at", "s.ends_at", "o.name as office", "o.address"])
      .where("a.citizen_id", "=", citizenId)
      .where("a.status", "=", "prenotato")
      .where("s.starts_at", ">=", p.now)
      .orderBy("s.starts_at")
      .limit(100)
      .execute(),
    db
      .selectFrom("pratiche as pr")
      .innerJoin("entities as e", "e.id", "pr.entity_id")
      .select(["pr.id", "pr.title", "pr.status", "pr.deadline_date", "pr.protocol_number", "e.name as ente"])
      .where("pr.citizen_id", "=", citizenId)
      .where("pr.status", "in", OPEN_PRATICA_STATES)
      .where("pr.deadline_date", ">=", p.today)
      .orderBy("pr.deadline_date")
      .limit(100)
      .execute(),
  ]);
  const area = `${p.publicUrl}/area-personale`;
  const events: IcsEvent[] = [];
  for (const o of options) {
    events.push({
      uid: uid("pagamento", o.id),
      summary: `Scadenza pagamento: ${o.description} (${formatEuroSymbol(o.amount_cents)})`,
      description:
        `${o.company_name}\nImporto: ${formatEuroSymbol(o.amount_cents)}\nCodice avviso: ${formatNav(o.nav)}\n` +
        `Paga con pagoPA dall'area personale: ${area}/pagamenti/${o.id}`,
      url: `${area}/pagamenti/${o.id}`,
      start: { date: o.due_date },
      categories: ["Pagamenti"],
    });
  }
  for (const d of documents) {
    events.push({
      uid: uid("documento", d.id),
      summary: `Scadenza del documento: ${DOCUMENT_KIND_LABEL[d.kind]} n. ${d.number}`,
      description: `Documento rilasciato da ${d.issuer}. Ricordati di rinnovarlo per tempo.\n${area}/documenti`,
      url: `${area}/documenti`,
      start: { date: d.expiry_date },
      categories: ["Documenti"],
    });
  }
  for (const a of appointments) {
    events.push({
      uid: uid("appuntamento", a.id),
      summary: `Appuntamento: ${a.service}`,
      description: `${a.office}, ${a.address}\n${area}/appuntamenti`,
      location: `${a.office}, ${a.address}`,
      url: `${area}/appuntamenti`,
      start: { dateTime: a.starts_at },
      end: { dateTime: a.ends_at },
      categories: ["Appuntamenti"],
    });
  }
  for (const pr of pratiche) {
    const waiting = pr.status === "da_integrare";
    events.push({
      uid: uid("pratica", pr.id),
      summary: waiting
        ? `Termine per integrare la pratica: ${pr.title}`
        : `Termine della pratica: ${pr.title}`,
      description:
        `${pr.ente}${pr.protocol_number ? `, protocollo ${pr.protocol_number}` : ""}.\n` +
        (waiting
          ? "L'ufficio attende da te documenti o informazioni."
          : "Entro questa data l'ufficio deve concludere la pratica.") +
        `\n${area}/pratiche/${pr.id}`,
      url: `${area}/pratiche/${pr.id}`,
      start: { date: pr.deadline_date! },
      categories: ["Pratiche"],
    });
  }
  return events;
}

export async function buildDeadlinesCalendar(
  db: Db,
  citizenId: number | null,
  p: { today: string; now: string; publicUrl: string; portalName: string },
): Promise<string> {
  const events = citizenId === null ? [] : await listDeadlineEvents(db, citizenId, p);
  return serializeCalendar({
    prodId: `-//${p.portalName}//Scadenze//IT`,
    name: `${p.portalName}: le mie scadenze`,
    dtstamp: p.now,
    events,
  });
}
