import { listDelegationsGiven } from "~/dossier/delegations.server";
import type { Db } from "../../db/schema";
import { listCertificates } from "~/dossier/certificates.server";
import { getCitizen, getHousehold, getIdentityDocuments, getResidences } from "~/dossier/registry.server";
import {
  listImuAssessments,
  listProperties,
  listRefunds,
  listTariAssessments,
  listTaxNotices,
  maskIban,
} from "~/dossier/taxpayer.server";
import { listCitizenNotices, type NoticeSummary } from "~/payments/positions.server";
import { instalmentLabel, noticeState } from "~/payments/rules";
import { listMessageLinks } from "~/operator/messages.server";
import type { DossierSection } from "~/operator/sections";

/**
 * What each dossier section shows an operator: the citizen dossier's own queries, narrowed to the
 * operator's ente wherever the data belongs to an ente (its properties, its taxes, its notices,
 * its pratiche). Registry data and identity documents are shown whole to the registry office.
 * Read-only: nothing here writes.
 */

type Area = "anagrafe" | "tributi";

/** Years of IMU and TARI shown, newest first. */
const TAX_YEARS_SHOWN = 5;

export interface SectionEnte {
  id: number;
  name: string;
  belfiore: string | null;
}

export async function getSectionEnte(db: Db, enteId: number): Promise<SectionEnte> {
  const e = await db
    .selectFrom("entities")
    .select(["id", "name", "belfiore"])
    .where("id", "=", enteId)
    .executeTakeFirstOrThrow();
  return { id: e.id, name: e.name, belfiore: e.belfiore };
}

async function registry(db: Db, citizenId: number, today: string) {
  const [c, residences, household] = await Promise.all([
    getCitizen(db, citizenId),
    getResidences(db, citizenId),
    getHousehold(db, citizenId, today),
  ]);
  if (!c) throw new Error("citizen vanished");
  return {
    person: {
      surname: c.surname,
      name: c.name,
      codiceFiscale: c.codice_fiscale,
      sex: c.sex,
      birthDate: c.birth_date,
      birthPlace: c.birth_place,
      birthProvince: c.birth_province,
      citizenship: c.citizenship,
    },
    residences,
    household,
  };
}

async function personPratiche(db: Db, enteId: number, citizenId: number, areas: readonly Area[]) {
  if (!areas.length) return [];
  return db
    .selectFrom("pratiche")
    .select([
      "id",
      "title",
      "area",
      "status",
      "protocol_number",
      "submitted_date",
      "deadline_date",
      "updated_at",
    ])
    .where("entity_id", "=", enteId)
    .where("citizen_id", "=", citizenId)
    .where("area", "in", [...areas])
    .where("status", "!=", "bozza")
    .orderBy("updated_at", "desc")
    .limit(100)
    .execute();
}

/** The assessments of the citizen's newest TAX_YEARS_SHOWN years that belong to the ente. */
function ofNewestYears<T extends { year: number; enteId: number }>(all: T[], enteId: number): T[] {
  const years = [...new Set(all.map((a) => a.year))].sort((a, b) => b - a).slice(0, TAX_YEARS_SHOWN);
  return all.filter((a) => years.includes(a.year) && a.enteId === enteId);
}

async function imuYears(db: Db, enteId: number, citizenId: number, today: string) {
  return ofNewestYears(await listImuAssessments(db, citizenId, today), enteId);
}

async function tariYears(db: Db, enteId: number, citizenId: number, today: string) {
  return ofNewestYears(await listTariAssessments(db, citizenId, today), enteId);
}

async function f24ForEnte(db: Db, ente: SectionEnte, citizenId: number) {
  if (!ente.belfiore) return [];
  return db
    .selectFrom("f24_payments")
    .select(["id", "paid_date", "tax_code", "reference_year", "amount_cents", "channel"])
    .where("citizen_id", "=", citizenId)
    .where("ente_code", "=", ente.belfiore)
    .orderBy("paid_date", "desc")
    .orderBy("id", "desc")
    .limit(100)
    .execute();
}

export interface OperatorNotice {
  optionId: number;
  purpose: string;
  service: string;
  amountCents: number;
  dueDate: string;
  nav: string;
  instalment: string;
  state: string;
  overdue: boolean;
  paidAt: string | null;
}

/** The person's notices of the ente (payment options of its positions), in the three tabs of the hub. */
async function notices(db: Db, enteId: number, citizenId: number, today: string, now: Date) {
  const tabs = ["da-pagare", "non-pagabili", "pagati"] as const;
  const pages = await Promise.all(
    tabs.map((tab) => listCitizenNotices(db, { citizenId, tab, enteId: enteId, page: 1, pageSize: 50 })),
  );
  const view = (n: NoticeSummary): OperatorNotice => {
    const state = noticeState(n, today, now);
    return {
      optionId: n.optionId,
      purpose: n.purpose,
      service: n.service,
      amountCents: n.amountCents,
      dueDate: n.dueDate,
      nav: n.nav,
      instalment: instalmentLabel(n.instalmentNumber, n.instalmentCount, n.isPartialPayment),
      state: state.label,
      overdue: state.overdue,
      paidAt: n.paidAt,
    };
  };
  return tabs.map((tab, i) => ({ tab, total: pages[i].total, items: pages[i].items.map(view) }));
}

/** The data of one section for one person, as the operator's ente and roles allow. */
export async function loadSection(
  db: Db,
  input: {
    section: DossierSection;
    citizenId: number;
    ente: SectionEnte;
    areas: readonly Area[];
    today: string;
    now: Date;
  },
) {
  const { citizenId, ente, today } = input;
  switch (input.section) {
    case "anagrafe":
      return { section: "anagrafe" as const, ...(await registry(db, citizenId, today)) };
    case "documenti":
      return { section: "documenti" as const, documents: await getIdentityDocuments(db, citizenId, today) };
    case "certificati": {
      const page = await listCertificates(db, citizenId, { page: 1, pageSize: 100 });
      return {
        section: "certificati" as const,
        certificates: page.items.filter((c) => c.enteName === ente.name),
      };
    }
    case "pratiche":
      return {
        section: "pratiche" as const,
        pratiche: await personPratiche(db, ente.id, citizenId, input.areas),
      };
    case "immobili": {
      const all = await listProperties(db, citizenId, { includePast: true });
      return {
        section: "immobili" as const,
        properties: ente.belfiore ? all.filter((p) => p.belfiore === ente.belfiore) : [],
      };
    }
    case "imu":
      return { section: "imu" as const, assessments: await imuYears(db, ente.id, citizenId, today) };
    case "tari":
      return { section: "tari" as const, assessments: await tariYears(db, ente.id, citizenId, today) };
    case "accertamenti": {
      const all = await listTaxNotices(db, citizenId, today);
      return { section: "accertamenti" as const, notices: all.filter((n) => n.comune === ente.name) };
    }
    case "f24":
      return { section: "f24" as const, payments: await f24ForEnte(db, ente, citizenId) };
    case "rimborsi": {
      const all = await listRefunds(db, citizenId);
      return {
        section: "rimborsi" as const,
        refunds: all.filter((r) => r.ente === ente.name).map((r) => ({ ...r, iban: maskIban(r.iban) })),
      };
    }
    case "pagamenti":
      return {
        section: "pagamenti" as const,
        notices: await notices(db, ente.id, citizenId, today, input.now),
      };
    case "deleghe":
      return {
        section: "deleghe" as const,
        delegations: await listDelegationsGiven(db, citizenId, input.now),
        today,
      };
    case "messaggio":
      return {
        section: "messaggio" as const,
        links: await listMessageLinks(db, { enteId: ente.id, citizenId, areas: input.areas }),
      };
  }
}

export type SectionData = Awaited<ReturnType<typeof loadSection>>;
