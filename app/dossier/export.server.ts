import {
  listDelegationsGiven,
  listDelegationsReceived,
  type DelegationView,
} from "~/dossier/delegations.server";
import type { Db } from "../../db/schema";
import { OPEN_PRATICA_STATES } from "~/rules/pratiche";
import { serializeCalendar, type IcsEvent } from "~/dossier/ical";
import { DOCUMENT_KIND_LABEL } from "~/dossier/labels";
import { formatEuroSymbol } from "~/rules/money";
import { formatNav } from "~/rules/nav";
import {
  getCitizen,
  getHousehold,
  getIdentityDocuments,
  listResidenceRecords,
} from "~/dossier/registry.server";
import { listAllCertificates } from "~/dossier/certificates.server";
import {
  listCitizenPraticaAttachments,
  listCitizenPraticaEvents,
  listIntegrationDueDates,
  listPraticheDetails,
  type PraticaAttachment,
  type PraticaEvent,
} from "~/dossier/practices.server";
import { listMessageDetails, listMessageDueDates } from "~/dossier/messages.server";
import { listAllAppointments, nextAppointments } from "~/dossier/appointments.server";
import {
  instalmentState,
  listAllF24Payments,
  listImuAssessments,
  listProperties,
  listRefunds,
  listTariAssessments,
  listTaxNotices,
  listVehicles,
  type Instalment,
} from "~/dossier/taxpayer.server";
import {
  listCitizenOptions,
  listCitizenPositions,
  listCitizenReceipts,
  listPayableOptions,
  type CitizenOption,
} from "~/payments/positions.server";
import { listCitizenAuditTrail } from "~/operator/citizen-accesses.server";

/**
 * The citizen's own data, to take away: the whole dossier as one JSON document (data
 * portability), and the deadlines as an iCalendar feed. Every section is read by the module
 * that owns it, with the function its pages use (or that function's unpaged variant): a fixed
 * number of queries, each scoped by the citizen's id, whatever the size of the dossier.
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
  // Delegations received are the person's as a delegate, whether or not the registry knows them.
  const now = new Date(p.generatedAt);
  const received = (await listDelegationsReceived(db, p.spid.codiceFiscale, now)).map(exportDelegation);
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
      delegations: { given: [], received },
      accessLog: [],
    };
  }
  const citizenId = p.citizenId;
  const [
    citizen,
    residences,
    household,
    documents,
    certificates,
    pratiche,
    events,
    attachments,
    messages,
    appointments,
    properties,
    imu,
    tari,
    vehicles,
    notices,
    f24Payments,
    refunds,
    positions,
    options,
    receipts,
    given,
    audit,
  ] = await Promise.all([
    getCitizen(db, citizenId),
    listResidenceRecords(db, citizenId),
    getHousehold(db, citizenId, p.today, { order: "registry" }),
    getIdentityDocuments(db, citizenId, p.today, { all: true }),
    listAllCertificates(db, citizenId),
    listPraticheDetails(db, citizenId),
    listCitizenPraticaEvents(db, citizenId),
    listCitizenPraticaAttachments(db, citizenId),
    listMessageDetails(db, citizenId),
    listAllAppointments(db, citizenId, p.generatedAt),
    listProperties(db, citizenId, { includePast: true }),
    listImuAssessments(db, citizenId, p.today),
    listTariAssessments(db, citizenId, p.today),
    listVehicles(db, citizenId, p.today),
    listTaxNotices(db, citizenId, p.today),
    listAllF24Payments(db, citizenId),
    listRefunds(db, citizenId),
    listCitizenPositions(db, citizenId),
    listCitizenOptions(db, citizenId),
    listCitizenReceipts(db, citizenId),
    listDelegationsGiven(db, citizenId, now),
    listCitizenAuditTrail(db, citizenId),
  ]);

  const eventsByPratica = groupBy(events, (e: PraticaEvent) => e.praticaId);
  const attachmentsByPratica = groupBy(attachments, (a: PraticaAttachment) => a.praticaId);
  const optionsByPosition = groupBy(options, (o: CitizenOption) => o.positionId);
  const receiptsByOption = new Map(receipts.map((r) => [r.option_id, r]));
  // Taxes by year, newest first: IMU then in the order assessed, TARI latest assessed first; IMU
  // lines in the order computed.
  type Assessed = { year: number; id: number };
  const imuOrder = (a: Assessed, b: Assessed) => b.year - a.year || a.id - b.id;
  const tariOrder = (a: Assessed, b: Assessed) => b.year - a.year || b.id - a.id;

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
      postalCode: r.postalCode,
      comune: r.comune,
      province: r.province,
      startDate: r.startDate,
      endDate: r.endDate,
    })),
    household: household
      ? {
          code: household.code,
          address: household.address,
          comune: household.comune,
          members: household.members.map((m) => ({
            codiceFiscale: m.codiceFiscale,
            surname: m.surname,
            name: m.name,
            sex: m.sex,
            birthDate: m.birthDate,
            relation: m.relation,
            since: m.since,
            self: m.isSelf,
          })),
        }
      : null,
    identityDocuments: documents.map((d) => ({
      kind: d.kind,
      number: d.number,
      issuer: d.issuer,
      issueDate: d.issueDate,
      expiryDate: d.expiryDate,
    })),
    certificates: certificates.map((c) => ({
      id: c.id,
      kind: c.kind,
      issuer: c.enteName,
      purpose: c.purpose,
      issuedAt: c.issuedAt,
      verificationCode: c.verificationCode,
      contentHash: c.contentHash,
    })),
    pratiche: pratiche.map((pr) => ({
      id: pr.id,
      type: pr.type,
      title: pr.title,
      ente: pr.enteName,
      office: pr.office?.name ?? null,
      protocolNumber: pr.protocolNumber,
      submittedDate: pr.submittedDate,
      protocolDate: pr.protocolDate,
      deadlineDate: pr.deadlineDate,
      status: pr.status,
      nextSteps: pr.nextSteps,
      updatedAt: pr.updatedAt,
      events: (eventsByPratica.get(pr.id) ?? []).map((e) => ({
        status: e.status,
        note: e.note,
        actor: e.actor,
        at: e.at,
      })),
      attachments: (attachmentsByPratica.get(pr.id) ?? []).map((a) => ({
        filename: a.filename,
        mime: a.mime,
        sizeBytes: a.sizeBytes,
        uploadedBy: a.uploadedBy,
        note: a.note,
        uploadedAt: a.uploadedAt,
      })),
    })),
    messages: messages.map((m) => ({
      id: m.id,
      sender: m.senderName,
      office: m.officeName,
      subject: m.subject,
      body: m.body,
      sentAt: m.sentAt,
      readAt: m.readAt,
      dueDate: m.dueDate,
      paymentOptionId: m.payment?.optionId ?? null,
      praticaId: m.pratica?.id ?? null,
    })),
    appointments: appointments.map((a) => ({
      id: a.id,
      service: a.service,
      office: a.officeName,
      address: a.officeAddress,
      ente: a.enteName,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      status: a.status,
      notes: a.notes,
      bookedAt: a.bookedAt,
      cancelledAt: a.cancelledAt,
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
    imu: [...imu].sort(imuOrder).map((a) => ({
      year: a.year,
      comune: a.comune,
      codiceEnte: a.belfiore,
      amountCents: a.amountCents,
      computedAt: a.computedAt,
      lines: [...a.lines]
        .sort((x, y) => x.id - y.id)
        .map((l) => ({
          propertyId: l.propertyId,
          category: l.category,
          renditaCents: l.renditaCents,
          revaluedCents: l.revaluedCents,
          multiplier: l.multiplier,
          baseCents: l.baseCents,
          rateBp: l.rateBp,
          monthsHeld: l.monthsHeld,
          shareBp: l.shareBp,
          mainHome: l.mainHome,
          exempt: l.exempt,
          deductionCents: l.deductionCents,
          amountCents: l.amountCents,
          f24Code: l.f24Code,
        })),
      instalments: a.instalments.map(stateOut),
    })),
    tari: [...tari].sort(tariOrder).map((t) => ({
      year: t.year,
      comune: t.comune,
      address: t.address,
      householdSize: t.householdSize,
      surfaceM2: t.surfaceM2,
      fixedCents: t.fixedCents,
      variableCents: t.variableCents,
      tefaCents: t.tefaCents,
      amountCents: t.amountCents,
      computedAt: t.computedAt,
      instalments: t.instalments.map(stateOut),
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
    f24Payments: f24Payments.map((f) => ({
      paidDate: f.paidDate,
      taxCode: f.taxCode,
      enteCode: f.enteCode,
      referenceYear: f.referenceYear,
      amountCents: f.amountCents,
      channel: f.channel,
    })),
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
      creditor: pos.companyName,
      service: pos.service,
      description: pos.description,
      status: pos.status,
      validityDate: pos.validityDate,
      createdAt: pos.createdAt,
      publishedAt: pos.publishedAt,
      updatedAt: pos.updatedAt,
      options: (optionsByPosition.get(pos.id) ?? []).map((o) => {
        const r = receiptsByOption.get(o.optionId);
        return {
          id: o.optionId,
          iuv: o.iuv,
          noticeNumber: o.nav,
          amountCents: o.amountCents,
          description: o.purpose,
          dueDate: o.dueDate,
          isPartialPayment: o.isPartialPayment === 1,
          instalmentNumber: o.instalmentNumber,
          status: o.optionStatus,
          state: instalmentState(
            {
              dueDate: o.dueDate,
              optionStatus: o.optionStatus,
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
    delegations: { given: given.map(exportDelegation), received },
    accessLog: audit,
  };
}

/** A delegation as the export writes it: who to whom, which areas, when, and its state then. */
function exportDelegation(d: DelegationView) {
  return {
    id: d.id,
    state: d.state,
    areas: d.areas,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    channel: d.channel,
    createdAt: d.createdAt,
    acceptedAt: d.acceptedAt,
    firstUsedAt: d.firstUsedAt,
    delegator: d.delegator,
    delegate: d.delegate,
  };
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

export type DossierExport = Awaited<ReturnType<typeof buildDossierExport>>;

// ---------------------------------------------------------------------------------------------
// Calendar of deadlines

/**
 * What is ahead of the citizen: unpaid payment notices due from today on, expiries of their
 * identity documents, booked appointments, deadlines of open requests, the dates by which the
 * offices wait for an integration and the due dates messages state. Six queries.
 */
export async function listDeadlineEvents(
  db: Db,
  citizenId: number,
  p: { today: string; now: string; publicUrl: string },
): Promise<IcsEvent[]> {
  const host = new URL(p.publicUrl).hostname;
  const uid = (kind: string, id: number) => `${kind}-${id}@${host}`;
  const [payable, allDocuments, appointments, allPratiche, integrationDue, messageDue] = await Promise.all([
    listPayableOptions(db, citizenId),
    getIdentityDocuments(db, citizenId, p.today, { all: true }),
    nextAppointments(db, citizenId, p.now, 100),
    listPraticheDetails(db, citizenId),
    listIntegrationDueDates(db, citizenId),
    listMessageDueDates(db, citizenId, p.today),
  ]);
  // Notices due from today on, earliest first.
  const options = payable.filter((o) => o.dueDate >= p.today).slice(0, 500);
  // Documents not yet expired, earliest expiry first.
  const documents = allDocuments
    .filter((d) => d.expiryDate >= p.today)
    .reverse()
    .slice(0, 50);
  // Open pratiche with a deadline ahead, earliest first.
  const pratiche = allPratiche
    .filter(
      (pr) =>
        OPEN_PRATICA_STATES.includes(pr.status) && pr.deadlineDate !== null && pr.deadlineDate >= p.today,
    )
    .sort((a, b) => a.deadlineDate!.localeCompare(b.deadlineDate!))
    .slice(0, 100);
  const area = `${p.publicUrl}/area-personale`;
  const events: IcsEvent[] = [];
  for (const o of options) {
    events.push({
      uid: uid("pagamento", o.optionId),
      summary: `Scadenza pagamento: ${o.purpose} (${formatEuroSymbol(o.amountCents)})`,
      description:
        `${o.companyName}\nImporto: ${formatEuroSymbol(o.amountCents)}\nCodice avviso: ${formatNav(o.nav)}\n` +
        `Paga con pagoPA dall'area personale: ${area}/pagamenti/${o.optionId}`,
      url: `${area}/pagamenti/${o.optionId}`,
      start: { date: o.dueDate },
      categories: ["Pagamenti"],
    });
  }
  for (const d of documents) {
    events.push({
      uid: uid("documento", d.id),
      summary: `Scadenza del documento: ${DOCUMENT_KIND_LABEL[d.kind]} n. ${d.number}`,
      description: `Documento rilasciato da ${d.issuer}. Ricordati di rinnovarlo per tempo.\n${area}/documenti`,
      url: `${area}/documenti`,
      start: { date: d.expiryDate },
      categories: ["Documenti"],
    });
  }
  for (const a of appointments) {
    events.push({
      uid: uid("appuntamento", a.id),
      summary: `Appuntamento: ${a.service}`,
      description: `${a.officeName}, ${a.officeAddress}\n${area}/appuntamenti`,
      location: `${a.officeName}, ${a.officeAddress}`,
      url: `${area}/appuntamenti`,
      start: { dateTime: a.startsAt },
      end: { dateTime: a.endsAt },
      categories: ["Appuntamenti"],
    });
  }
  for (const pr of pratiche) {
    events.push({
      uid: uid("pratica", pr.id),
      summary: `Termine della pratica: ${pr.title}`,
      description:
        `${pr.enteName}${pr.protocolNumber ? `, protocollo ${pr.protocolNumber}` : ""}.\n` +
        "Entro questa data l'ufficio deve concludere la pratica." +
        `\n${area}/pratiche/${pr.id}`,
      url: `${area}/pratiche/${pr.id}`,
      start: { date: pr.deadlineDate! },
      categories: ["Pratiche"],
    });
  }
  // Integrations the offices wait for, answered from the pratica's page.
  for (const pr of allPratiche) {
    const due = integrationDue.get(pr.id);
    if (pr.status !== "da_integrare" || !due || due < p.today) continue;
    events.push({
      uid: uid("integrazione", pr.id),
      summary: `Invia i documenti richiesti per la pratica: ${pr.title}`,
      description:
        `${pr.enteName}${pr.protocolNumber ? `, protocollo ${pr.protocolNumber}` : ""}.\n` +
        "L'ufficio attende da te documenti o informazioni entro questa data: inviali dalla pagina della pratica." +
        `\n${area}/pratiche/${pr.id}`,
      url: `${area}/pratiche/${pr.id}`,
      start: { date: due },
      categories: ["Pratiche"],
    });
  }
  // Due dates stated by messages (App IO's due_date), other than a linked notice's.
  for (const m of messageDue) {
    events.push({
      uid: uid("messaggio", m.id),
      summary: `Scadenza indicata da ${m.senderName}: ${m.subject}`,
      description: `Dal messaggio «${m.subject}».\n${area}/messaggi/${m.id}`,
      url: `${area}/messaggi/${m.id}`,
      start: { date: m.dueDate },
      categories: ["Messaggi"],
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
