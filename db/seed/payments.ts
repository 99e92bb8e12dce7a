/**
 * Taxes and what is owed: IMU, TARI, bollo, traffic fines, health tickets, tax notices and
 * refunds, each with its debt position on the payments hub and, when paid, its receipt. Only
 * what fell due before today is ever paid (lump-sum payers pay a tax's instalments together at
 * its first due date), and never after today.
 */
import { computeBollo, type EuroClass } from "../../app/rules/bollo";
import { computeImu, imuInstalments } from "../../app/rules/imu";
import { formatDateIt } from "../../app/rules/time";
import { splitEvenly } from "../../app/rules/money";
import type { RefundStatus } from "../../app/rules/refunds";
import { computeTari, type TariInstalmentCount } from "../../app/rules/tari";
import type { Row } from "../schema";
import {
  CATEGORY,
  type EnteInfo,
  type OptionSpec,
  type Person,
  type SeedBuilder,
  type TransferSpec,
} from "./builder";
import { VEHICLE_MODELS } from "./data";
import { dayFromIso, dayFromParts, isoDay, lastDayOfMonth, monthOf, romeInstant, yearOf } from "./dates";
import { Weighted, type Prng } from "./prng";

/** 0 diligent, 1 late, 2 defaulter. */
export type Profile = 0 | 1 | 2;

export interface Payer {
  profile: Profile;
  /** Pays all instalments of a tax together at the first due date. */
  lumpSum: boolean;
}

export interface Ownership {
  person: Person;
  propertyId: number;
  ente: EnteInfo;
  category: string;
  rendita: number;
  share: number;
  mainHome: boolean;
  from: number;
}

const PAYER_PROFILE = new Weighted<Profile>([
  [0, 85],
  [1, 11],
  [2, 4],
]);
const VEHICLE_MODEL = new Weighted(VEHICLE_MODELS.map((m) => [m, m.weight] as const));
const NOTICE_STATUS = new Weighted([
  ["notificato", 50],
  ["pagato", 30],
  ["in_contestazione", 14],
  ["annullato", 4],
] as const);
const REFUND_STATUS = new Weighted<RefundStatus>([
  ["richiesto", 20],
  ["in_istruttoria", 25],
  ["approvato", 20],
  ["liquidato", 30],
  ["respinto", 5],
] as const);
const MULTE = [
  ["Sosta in divieto (art. 7 C.d.S.)", 4200],
  ["Transito in zona a traffico limitato (art. 7 C.d.S.)", 8300],
  ["Eccesso di velocità entro 10 km/h (art. 142 C.d.S.)", 4200],
  ["Eccesso di velocità oltre 10 km/h (art. 142 C.d.S.)", 17300],
  ["Passaggio con semaforo rosso (art. 146 C.d.S.)", 16700],
  ["Uso del telefono alla guida (art. 173 C.d.S.)", 16500],
] as const;
const NOTIFICATION_CENTS = 1460;
const TICKETS = [
  ["Visita cardiologica", 2950],
  ["Visita oculistica", 2950],
  ["Ecografia dell'addome completo", 3615],
  ["Esami del sangue", 1830],
  ["Risonanza magnetica del ginocchio", 3615],
  ["Radiografia del torace", 1850],
] as const;

export function randomPayer(rng: Prng): Payer {
  return { profile: PAYER_PROFILE.pick(rng), lumpSum: rng.chance(0.1) };
}

export class Payments {
  constructor(
    private readonly b: SeedBuilder,
    private readonly today: number,
    private readonly year: number,
  ) {}

  /** When (if ever) an option falling due on `due` was paid; only what fell due is paid. */
  paidAt(payer: Payer, due: number, published: number): string | null {
    const r = this.b.rng;
    if (due >= this.today) return null;
    const p = payer.profile === 0 ? 0.985 : payer.profile === 1 ? 0.85 : 0.3;
    if (!r.chance(p)) return null;
    let day =
      payer.profile === 0
        ? due - r.int(0, 20)
        : due + r.int(payer.profile === 1 ? 1 : 5, payer.profile === 1 ? 45 : 120);
    if (day <= published) day = published + 1;
    if (day >= this.today) return null;
    return this.b.instantOn(day);
  }

  /** Paid with the others at the first due date ("unica soluzione"), or one by one. */
  instalmentPayments(payer: Payer, dues: number[], published: number): (string | null)[] {
    const first = dues[0]!;
    if (payer.lumpSum && payer.profile === 0 && first < this.today) {
      const day = Math.max(published + 1, first - this.b.rng.int(0, 10));
      const at = this.b.instantOn(day);
      return dues.map(() => at);
    }
    return dues.map((d) => this.paidAt(payer, d, published));
  }

  monthsHeld(from: number): number {
    if (from < dayFromParts(this.year, 1, 1)) return 12;
    const iso = isoDay(from);
    const month = Number(iso.slice(5, 7));
    return Number(iso.slice(8, 10)) <= 15 ? 13 - month : 12 - month;
  }

  /** One IMU assessment per owner and comune, one line per property, a position when due. */
  imu(
    ownerships: Ownership[],
    payer: Payer,
    forced?: (string | null)[],
  ): { optionIds: number[]; options: OptionSpec[] }[] {
    const positions: { optionIds: number[]; options: OptionSpec[] }[] = [];
    const b = this.b;
    const groups = new Map<string, Ownership[]>();
    for (const o of ownerships) {
      const key = `${o.person.id}:${o.ente.row.id}`;
      const list = groups.get(key);
      if (list) list.push(o);
      else groups.set(key, [o]);
    }
    for (const list of groups.values()) {
      const person = list[0]!.person;
      const e = list[0]!.ente;
      const assessmentId = b.nextId("imu_assessments");
      let total = 0;
      let f24Code = "3918";
      let largest = -1;
      const computed = dayFromParts(this.year, 5, 10);
      for (const o of list) {
        const result = computeImu({
          renditaCents: o.rendita,
          category: o.category,
          rateBp: e.row.imu_rate_bp,
          sharePercent: o.share / 100,
          monthsHeld: this.monthsHeld(o.from),
          mainHome: o.mainHome,
          year: this.year,
          mainHomeRateBp: e.row.imu_main_home_rate_bp,
        });
        const s = result.steps;
        const amount = result.exempt ? 0 : s.amountCents;
        total += amount;
        if (amount > largest) {
          largest = amount;
          f24Code = result.f24Code;
        }
        b.add("imu_lines", {
          id: b.nextId("imu_lines"),
          assessment_id: assessmentId,
          property_id: o.propertyId,
          category: o.category,
          rendita_cents: o.rendita,
          revalued_cents: s.revaluedCents,
          multiplier: s.multiplier,
          base_cents: s.baseCents,
          rate_bp: s.rateBp,
          months_held: s.monthsHeld,
          share_bp: o.share,
          main_home: o.mainHome ? 1 : 0,
          exempt: result.exempt ? 1 : 0,
          deduction_cents: s.deductionCents,
          amount_cents: amount,
          f24_code: result.f24Code,
        });
      }
      b.add("imu_assessments", {
        id: assessmentId,
        citizen_id: person.id,
        entity_id: e.row.id,
        year: this.year,
        amount_cents: total,
        computed_at: romeInstant(computed, 5, 0),
      });
      if (total === 0) continue;
      const instalments = imuInstalments(total, this.year);
      const dues = instalments.map((i) => dayFromIso(i.dueDate));
      const paid = forced ?? this.instalmentPayments(payer, dues, computed);
      const labels = ["Acconto", "Saldo"];
      const options: OptionSpec[] = instalments.map((inst, i) => ({
        amount: inst.amountCents,
        description: `IMU ${this.year} - ${labels[i]} - ${e.row.name}`,
        due: dues[i]!,
        instalment: i + 1,
        partial: true,
        transfers: [
          {
            amount: inst.amountCents,
            beneficiary: e,
            remittance: `IMU ${this.year} ${labels[i]!.toLowerCase()} - ${person.cf}`,
            category: CATEGORY.IMU,
          },
        ],
        paidAt: paid[i] ?? null,
      }));
      const { optionIds } = b.position({
        creditor: e,
        debtor: person,
        service: "IMU",
        description: `IMU ${this.year} - ${e.row.name}`,
        year: this.year,
        createdDay: computed,
        options,
      });
      positions.push({ optionIds, options });
      options.forEach((o, i) =>
        b.taxInstalment({
          person,
          ente: e,
          tax: "IMU",
          year: this.year,
          sourceId: assessmentId,
          number: i + 1,
          label: labels[i]!,
          due: o.due,
          amount: o.amount,
          f24Code,
          optionId: optionIds[i]!,
        }),
      );
      const unpaid = options.findIndex((o) => !o.paidAt);
      if (unpaid >= 0 && !forced) {
        const o = options[unpaid]!;
        if (o.due - this.today <= 45 && this.today - o.due <= 60) {
          const sent = Math.min(this.today - 1, Math.max(o.due - 20, computed + 1));
          b.message({
            person,
            ente: e,
            officeKind: "tributi",
            subject: `IMU ${this.year}: ${labels[unpaid]!.toLowerCase()} ${o.due < this.today ? "non risulta pagato" : "in scadenza"}`,
            body: `L'importo di ${b.euro(o.amount)} per l'IMU ${this.year} (${labels[unpaid]!.toLowerCase()}) scade il ${formatDateIt(isoDay(o.due))}. Puoi pagarlo con pagoPA dall'area Pagamenti.`,
            sentDay: sent,
            read: this.b.wasRead(sent),
            dueDay: o.due,
            paymentOptionId: optionIds[unpaid]!,
          });
        }
      }
      // Earlier years were paid with F24 (the tax notices look at a year without payments).
      for (const y of [this.year - 1, this.year - 2]) {
        if (list.some((o) => o.from >= dayFromParts(y, 1, 1))) continue;
        if (payer.profile === 2 && b.rng.chance(0.4)) continue;
        for (const inst of imuInstalments(total, y)) {
          b.f24(
            person,
            dayFromIso(inst.dueDate) - b.rng.int(0, 12),
            f24Code,
            e.row.belfiore!,
            y,
            inst.amountCents,
          );
        }
      }
      if (!forced && b.rng.chance(0.012)) this.taxNotice(person, e, total);
      if (!forced && b.rng.chance(0.005))
        this.refund(
          person,
          e,
          "IMU",
          this.year - 1,
          b.rng.int(30, 400) * 100,
          "Versamento IMU eseguito in eccesso",
          null,
        );
    }
    return positions;
  }

  tari(
    head: Person,
    e: EnteInfo,
    propertyId: number | null,
    size: number,
    surface: number,
    payer: Payer,
    created: number,
    forced?: (string | null)[],
  ): { optionIds: number[]; dues: number[]; paid: (string | null)[] } {
    const b = this.b;
    const count = e.row.tari_instalments as TariInstalmentCount;
    const t = computeTari({
      surfaceM2: surface,
      householdSize: size,
      year: this.year,
      instalments: count,
      tefaBp: e.row.tefa_bp,
    });
    const assessmentId = b.nextId("tari_assessments");
    const published = dayFromParts(this.year, 2, 20);
    b.add("tari_assessments", {
      id: assessmentId,
      citizen_id: head.id,
      entity_id: e.row.id,
      property_id: propertyId,
      year: this.year,
      household_size: size,
      surface_m2: surface,
      fixed_cents: t.fixedCents,
      variable_cents: t.variableCents,
      tefa_cents: t.tefaCents,
      amount_cents: t.totalCents,
      computed_at: romeInstant(published - 10, 5, 0),
    });
    const dues = t.instalments.map((i) => dayFromIso(i.dueDate));
    const paid = forced ?? this.instalmentPayments(payer, dues, published);
    const tefa = splitEvenly(t.tefaCents, count);
    const province = e.province!;
    const options: OptionSpec[] = t.instalments.map((inst, i) => ({
      amount: inst.amountCents,
      description: `TARI ${this.year} - Rata ${inst.number} di ${count} - ${e.row.name}`,
      due: dues[i]!,
      instalment: inst.number,
      partial: count > 1,
      transfers: [
        {
          amount: inst.amountCents - tefa[i]!,
          beneficiary: e,
          remittance: `TARI ${this.year} rata ${inst.number} - ${head.cf}`,
          category: CATEGORY.TARI,
        },
        {
          amount: tefa[i]!,
          beneficiary: province,
          remittance: `TEFA ${this.year} rata ${inst.number} - ${head.cf}`,
          category: CATEGORY.TEFA,
        },
      ],
      paidAt: paid[i] ?? null,
    }));
    const { optionIds } = b.position({
      creditor: e,
      debtor: head,
      service: "TARI",
      description: `TARI ${this.year} - ${e.row.name}`,
      year: this.year,
      createdDay: published,
      options,
    });
    options.forEach((o, i) =>
      b.taxInstalment({
        person: head,
        ente: e,
        tax: "TARI",
        year: this.year,
        sourceId: assessmentId,
        number: i + 1,
        label: `Rata ${i + 1} di ${count}`,
        due: o.due,
        amount: o.amount,
        f24Code: "3944",
        optionId: optionIds[i]!,
      }),
    );
    if (!forced) {
      const sent = published + 5;
      b.message({
        person: head,
        ente: e,
        officeKind: "tributi",
        subject: `TARI ${this.year}: avviso di pagamento`,
        body: `È disponibile l'avviso TARI ${this.year} di ${b.euro(t.totalCents)} in ${count} rate, per ${surface} m² e ${size} ${size === 1 ? "componente" : "componenti"} del nucleo. Puoi pagare con pagoPA dall'area Pagamenti.`,
        sentDay: sent,
        read: this.b.wasRead(sent),
        dueDay: dues[0]!,
        paymentOptionId: optionIds[0]!,
      });
      const overdue = options.findIndex((o) => !o.paidAt && o.due < this.today - 30);
      if (overdue >= 0) {
        const o = options[overdue]!;
        const reminder = o.due + 30;
        b.message({
          person: head,
          ente: e,
          officeKind: "tributi",
          subject: `TARI ${this.year}: rata ${overdue + 1} non pagata`,
          body: `Non risulta il pagamento della rata ${overdue + 1} della TARI ${this.year} (${b.euro(o.amount)}), scaduta il ${formatDateIt(isoDay(o.due))}. Ti invitiamo a pagarla per evitare l'avviso di accertamento.`,
          sentDay: reminder,
          read: this.b.wasRead(reminder),
          dueDay: o.due,
          paymentOptionId: optionIds[overdue]!,
        });
      }
      for (const y of [this.year - 1, this.year - 2]) {
        if (created >= dayFromParts(y, 1, 1)) continue;
        if (payer.profile === 2 && b.rng.chance(0.4)) continue;
        const amount = Math.round((t.totalCents * (y === this.year - 1 ? 98 : 96)) / 100);
        b.f24(head, dayFromParts(y, 5, 31) - b.rng.int(0, 20), "3944", e.row.belfiore!, y, amount);
      }
    }
    return { optionIds, dues, paid };
  }

  /** A vehicle and its latest bollo: the last one due up to about 40 days from today. */
  vehicle(
    p: Person,
    payer: Payer,
    fixed?: { makeModel: string; kw: number; registration: number; forcePaid?: boolean },
  ): { optionId: number; due: number; amount: number; plate: string } {
    const b = this.b;
    const r = b.rng;
    let makeModel: string;
    let kw: number;
    let kind: "autovettura" | "motociclo";
    let registration: number;
    if (fixed) {
      makeModel = fixed.makeModel;
      kw = fixed.kw;
      kind = "autovettura";
      registration = fixed.registration;
    } else {
      const model = VEHICLE_MODEL.pick(r);
      makeModel = model.makeModel;
      kw = r.int(model.kw[0], model.kw[1]);
      kind = model.kind;
      const maxDays = Math.max(401, Math.min(8000, (p.age - 18) * 365));
      registration = this.today - r.int(400, maxDays);
    }
    const regYear = yearOf(registration);
    const euroClass: EuroClass =
      regYear >= 2015
        ? 6
        : regYear >= 2011
          ? 5
          : regYear >= 2006
            ? 4
            : regYear >= 2001
              ? 3
              : regYear >= 1997
                ? 2
                : 1;
    const plate = b.plate(registration);
    const bolloMonth = monthOf(registration);
    const vehicleId = b.nextId("vehicles");
    b.add("vehicles", {
      id: vehicleId,
      citizen_id: p.id,
      plate,
      kind,
      make_model: makeModel,
      kw,
      euro_class: euroClass,
      registration_date: isoDay(registration),
      bollo_month: bolloMonth,
    });
    const todayYear = yearOf(this.today);
    let due = lastDayOfMonth(todayYear + 1, bolloMonth);
    for (let y = todayYear + 1; due > this.today + 40; y--) due = lastDayOfMonth(y - 1, bolloMonth);
    const amount = computeBollo({ kw, euroClass }).amountCents;
    const region = b.ente("regione");
    const published = due - 45;
    const paidAt = fixed
      ? fixed.forcePaid
        ? b.instantOn(due - 6)
        : null
      : this.paidAt(payer, due, published);
    const dueYear = yearOf(due);
    const { optionIds } = b.position({
      creditor: region,
      debtor: p,
      service: "BOLLO",
      description: `Tassa automobilistica ${dueYear} - veicolo ${plate}`,
      year: dueYear,
      createdDay: published,
      options: [
        {
          amount,
          description: `Bollo auto ${plate} - scadenza ${formatDateIt(isoDay(due)).slice(3)}`,
          due,
          instalment: 0,
          partial: false,
          transfers: [
            {
              amount,
              beneficiary: region,
              remittance: `Tassa automobilistica ${plate} ${dueYear}`,
              category: CATEGORY.BOLLO,
            },
          ],
          paidAt,
        },
      ],
    });
    b.taxInstalment({
      person: p,
      ente: region,
      tax: "BOLLO",
      year: dueYear,
      sourceId: vehicleId,
      number: 1,
      label: `Bollo ${plate}`,
      due,
      amount,
      f24Code: null,
      optionId: optionIds[0]!,
    });
    if (!paidAt && !fixed && due >= this.today - 30) {
      const sent = Math.min(this.today - 1, due - 30);
      b.message({
        person: p,
        ente: region,
        officeKind: "bollo",
        subject: `Bollo auto ${plate}: ${due < this.today ? "scaduto" : "in scadenza"}`,
        body: `La tassa automobilistica del veicolo ${plate} (${b.euro(amount)}) ${due < this.today ? "è scaduta" : "scade"} il ${formatDateIt(isoDay(due))}. Puoi pagarla con pagoPA dall'area Pagamenti.`,
        sentDay: sent,
        read: this.b.wasRead(sent),
        dueDay: due,
        paymentOptionId: optionIds[0]!,
      });
    }
    return { optionId: optionIds[0]!, due, amount, plate };
  }

  multa(
    p: Person,
    e: EnteInfo,
    payer: Payer,
    fixed: { issue: number; violation: number } | null,
  ): { optionId: number; due: number; amount: number } {
    const b = this.b;
    const r = b.rng;
    const n = b.nextMultaNumber();
    const [violation, sanction] = MULTE[fixed ? fixed.violation : r.int(0, MULTE.length - 1)]!;
    const issue = fixed ? fixed.issue : this.today - r.int(10, 500);
    const due = issue + 60;
    const notified = fixed ? true : r.chance(0.85);
    const amount = sanction + (notified ? NOTIFICATION_CENTS : 0);
    const verbale = `${yearOf(issue)}/V/${String(n).padStart(7, "0")}`;
    let paidAt: string | null = null;
    const annulled = !fixed && n % 200 === 2;
    if (!fixed && !annulled) {
      const p2 = payer.profile === 0 ? 0.9 : payer.profile === 1 ? 0.7 : 0.2;
      if (r.chance(p2)) {
        const day = issue + (payer.profile === 0 ? r.int(2, 20) : r.int(20, 58));
        if (day < this.today) paidAt = b.instantOn(day);
      }
    }
    const transfers: TransferSpec[] = [
      {
        amount: sanction,
        beneficiary: e,
        remittance: `Verbale ${verbale} - sanzione`,
        category: CATEGORY.MULTA,
      },
    ];
    if (notified)
      transfers.push({
        amount: NOTIFICATION_CENTS,
        beneficiary: e,
        remittance: `Verbale ${verbale} - spese di notifica`,
        category: CATEGORY.MULTA,
      });
    const expired = !paidAt && !annulled && due < this.today - 30;
    const { optionIds } = b.position({
      creditor: e,
      debtor: p,
      service: "MULTA",
      description: `Verbale n. ${verbale} - ${violation}`,
      year: yearOf(issue),
      createdDay: issue,
      options: [
        {
          amount,
          description: `Verbale n. ${verbale} - Polizia locale`,
          due,
          instalment: 0,
          partial: false,
          transfers,
          paidAt,
        },
      ],
      unpaidStatus: annulled ? "INVALID" : expired ? "EXPIRED" : undefined,
      statusReason: annulled
        ? "Verbale annullato in autotutela"
        : expired
          ? "Non pagato nei termini: avviato il recupero coattivo"
          : undefined,
    });
    if (!paidAt && !annulled && !expired) {
      const sent = Math.min(this.today - 1, issue + 3);
      b.message({
        person: p,
        ente: e,
        officeKind: "polizia_locale",
        subject: `Verbale di contestazione n. ${verbale}`,
        body: `Ti è stato notificato il verbale n. ${verbale} per: ${violation}. Importo da pagare ${b.euro(amount)} entro il ${formatDateIt(isoDay(due))}. Entro 5 giorni dalla notifica la sanzione è ridotta del 30%.`,
        sentDay: sent,
        read: fixed ? false : this.b.wasRead(sent),
        dueDay: due,
        paymentOptionId: optionIds[0]!,
      });
    }
    return { optionId: optionIds[0]!, due, amount };
  }

  ticket(p: Person, payer: Payer): void {
    const b = this.b;
    const r = b.rng;
    const asl = b.ente("asl_to");
    const [service, amount] = r.pick(TICKETS);
    const exam = this.today - r.int(5, 400);
    const due = exam + 30;
    const paidAt = r.chance(payer.profile === 2 ? 0.4 : 0.88)
      ? b.instantOn(Math.min(exam, this.today - 1))
      : null;
    const expired = !paidAt && due < this.today - 60;
    const { optionIds } = b.position({
      creditor: asl,
      debtor: p,
      service: "TICKET",
      description: `Ticket sanitario - ${service}`,
      year: yearOf(exam),
      createdDay: exam,
      options: [
        {
          amount,
          description: `Ticket - ${service} del ${formatDateIt(isoDay(exam))}`,
          due,
          instalment: 0,
          partial: false,
          transfers: [
            {
              amount,
              beneficiary: asl,
              remittance: `Ticket ${service} ${isoDay(exam)}`,
              category: CATEGORY.TICKET,
            },
          ],
          paidAt,
        },
      ],
      unpaidStatus: expired ? "EXPIRED" : undefined,
      statusReason: expired ? "Scaduto: non più pagabile con questo avviso" : undefined,
    });
    if (!paidAt && !expired) {
      const sent = Math.min(this.today - 1, exam + 2);
      b.message({
        person: p,
        ente: asl,
        officeKind: "sanita",
        subject: `Ticket da pagare: ${service}`,
        body: `Per la prestazione «${service}» del ${formatDateIt(isoDay(exam))} risulta da pagare il ticket di ${b.euro(amount)}.`,
        sentDay: sent,
        read: this.b.wasRead(sent),
        dueDay: due,
        paymentOptionId: optionIds[0]!,
      });
    }
  }

  taxNotice(p: Person, e: EnteInfo, annualImu: number): void {
    const b = this.b;
    const r = b.rng;
    const year = this.year - 3;
    const issued = this.today - r.int(20, 300);
    const tax = Math.max(100, Math.round(annualImu / 2));
    const penalty = Math.round(tax * 0.3);
    const interest = Math.round(tax * 0.025 * 2.5);
    const amount = tax + penalty + interest;
    const status = NOTICE_STATUS.pick(r);
    e.noticeSeq++;
    const number = `${yearOf(issued)}/IMU/${String(e.noticeSeq).padStart(6, "0")}`;
    const due = issued + 60;
    let paidAt: string | null = null;
    if (status === "pagato") paidAt = b.instantOn(Math.min(this.today - 1, issued + r.int(5, 55)));
    const noticeId = b.nextId("tax_notices");
    const { optionIds } = b.position({
      creditor: e,
      debtor: p,
      service: "ACCERTAMENTO",
      description: `Avviso di accertamento IMU ${year} n. ${number}`,
      year,
      createdDay: issued,
      options: [
        {
          amount,
          description: `Accertamento IMU ${year} n. ${number}`,
          due,
          instalment: 0,
          partial: false,
          transfers: [
            {
              amount,
              beneficiary: e,
              remittance: `Avviso di accertamento ${number} - ${p.cf}`,
              category: CATEGORY.IMU,
            },
          ],
          paidAt,
        },
      ],
      unpaidStatus: status === "annullato" ? "INVALID" : undefined,
      statusReason: status === "annullato" ? "Avviso annullato in autotutela" : undefined,
    });
    b.add("tax_notices", {
      id: noticeId,
      citizen_id: p.id,
      entity_id: e.row.id,
      tax: "IMU",
      year,
      number,
      issued_date: isoDay(issued),
      reason: `Omesso versamento del saldo IMU ${year}`,
      tax_cents: tax,
      penalty_cents: penalty,
      interest_cents: interest,
      amount_cents: amount,
      status,
      payment_option_id: optionIds[0]!,
    });
    b.taxInstalment({
      person: p,
      ente: e,
      tax: "ACCERTAMENTO",
      year,
      sourceId: noticeId,
      number: 1,
      label: `Avviso ${number}`,
      due,
      amount,
      f24Code: null,
      optionId: optionIds[0]!,
    });
    const sent = Math.min(this.today - 1, issued + 2);
    b.message({
      person: p,
      ente: e,
      officeKind: "tributi",
      subject: `Avviso di accertamento IMU ${year}`,
      body: `Ti è stato notificato l'avviso di accertamento n. ${number} per omesso versamento del saldo IMU ${year}: ${b.euro(amount)} tra imposta, sanzione e interessi.`,
      sentDay: sent,
      read: this.b.wasRead(sent),
      dueDay: due,
      paymentOptionId: optionIds[0]!,
    });
  }

  refund(
    p: Person,
    e: EnteInfo,
    tax: string,
    year: number,
    amount: number,
    reason: string,
    fixed: { requested: number; status: Row<"refunds">["status"]; paid: number | null } | null,
  ): void {
    const b = this.b;
    const r = b.rng;
    const status = fixed?.status ?? REFUND_STATUS.pick(r);
    const requested = fixed?.requested ?? this.today - r.int(20, 400);
    const paid = fixed
      ? fixed.paid
      : status === "liquidato"
        ? Math.min(this.today - 1, requested + r.int(30, 180))
        : null;
    b.add("refunds", {
      id: b.nextId("refunds"),
      citizen_id: p.id,
      entity_id: e.row.id,
      tax,
      year,
      amount_cents: amount,
      reason,
      requested_date: isoDay(requested),
      status,
      paid_date: paid === null ? null : isoDay(paid),
      iban: status === "respinto" ? null : b.citizenIban(),
    });
  }

  // ---- requests and messages ------------------------------------------------------------------
}
