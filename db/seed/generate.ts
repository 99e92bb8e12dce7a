/**
 * Deterministic demo data: households of residents with their dossiers, the personas, operators
 * and appointment calendars. Yields plain rows in batches; writing them is the writers' job.
 *
 * The tax year is the current year once the IMU acconto (16 June) has fallen due, otherwise the
 * previous one: so a persona's "acconto paid, saldo due" and "one TARI instalment overdue" hold
 * for any `today`.
 */
import { computeTari } from "../../app/rules/tari";
import { formatDateIt } from "../../app/rules/time";
import { imuInstalments } from "../../app/rules/imu";
import type { HouseholdRelation, OperatorRole, Sex } from "../schema";
import { SeedBuilder, type EnteInfo, type Person, type Rows, type SeedResidence } from "./builder";
import {
  CERTIFICATE_PURPOSES,
  COUNTRIES,
  FEMALE_NAMES,
  ITALIAN_PLACES,
  MALE_NAMES,
  PIEMONTE_PLACES,
  STREETS,
  SURNAMES,
  type Country,
  type Place,
} from "./data";
import {
  addYears,
  dayFromIso,
  dayFromParts,
  isoDay,
  isWorkingDay,
  monthOf,
  romeInstant,
  workingDayOnOrAfter,
  yearOf,
} from "./dates";
import { COMUNE_OFFICES, OTHER_OFFICES } from "./entities";
import { Payments, randomPayer, type Ownership, type Payer } from "./payments";
import {
  OPERATOR_PERSONAS,
  PERSONA_FAMIGLIA,
  PERSONA_GIOVANE,
  PERSONA_PENSIONATO,
  RICH_DOSSIER_RESIDENT,
  type OperatorKey,
  type PersonaData,
} from "./personas";
import { Weighted } from "./prng";
import { PRATICA_TYPES, Requests } from "./requests";

export interface GenerateOptions {
  citizens: number;
  today: string;
  seed: number;
  /**
   * Benchmarks only: one more resident (RICH_DOSSIER_RESIDENT) whose dossier holds about this many
   * times the rows of a usual adult's, generated after everyone else so that the other residents
   * are those of the same seed without it.
   */
  richDossier?: number;
}

export interface Batch {
  rows: Rows;
  /** Residents generated so far, this batch included. */
  residents: number;
}

/** Residents created by the fixed stories: the three personas' households and the resident operator's. */
export const FIXED_RESIDENTS = 7;
export const MIN_CITIZENS = 10;

export function taxYearFor(today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) > "06-16" ? year : year - 1;
}

interface Plan {
  relation: HouseholdRelation;
  sex: Sex;
  age: number;
}

interface Member {
  person: Person;
  relation: HouseholdRelation;
  since: number;
  adult: boolean;
  residence: SeedResidence;
}

interface ForcedHead {
  ente: EnteInfo;
  size: number;
  surname: string;
  name: string;
  sex: Sex;
  birth: number;
  place: Place;
  fixedCf: string;
}

const HOUSEHOLD_SIZE = new Weighted([
  [1, 33],
  [2, 28],
  [3, 19],
  [4, 15],
  [5, 5],
] as const);
const MAIN_HOME_CATEGORY = new Weighted([
  ["A/2", 45],
  ["A/3", 42],
  ["A/4", 6],
  ["A/7", 6],
  ["A/1", 0.3],
  ["A/8", 0.7],
] as const);
const SECOND_HOME_CATEGORY = new Weighted([
  ["A/2", 60],
  ["A/3", 30],
  ["A/7", 10],
] as const);
const CERTIFICATE_KIND = new Weighted([
  ["residenza", 50],
  ["stato_famiglia", 35],
  ["nascita", 15],
] as const);
const COUNTRY = new Weighted(COUNTRIES.map((c) => [c, c.weight] as const));
const SINGLE_AGE = new Weighted([
  [[19, 34], 30],
  [[35, 64], 36],
  [[65, 96], 34],
] as const);
const COUPLE_AGE = new Weighted([
  [[22, 40], 28],
  [[41, 64], 32],
  [[65, 93], 40],
] as const);

const RENDITA_PER_M2: Record<string, readonly [number, number]> = {
  "A/1": [2200, 2800],
  "A/2": [700, 950],
  "A/3": [520, 720],
  "A/4": [350, 480],
  "A/7": [950, 1250],
  "A/8": [1600, 2100],
};

const GENERAL_MESSAGES = [
  [
    "Nuovo calendario della raccolta differenziata",
    "Dal prossimo mese cambiano i giorni di raccolta di carta e plastica nella tua zona. Trovi il calendario aggiornato sul sito del Comune.",
  ],
  [
    "Apertura straordinaria dei servizi demografici",
    "Sabato mattina gli sportelli dell'Anagrafe saranno aperti dalle 9:00 alle 12:30, solo su appuntamento.",
  ],
  [
    "Lavori stradali nel tuo quartiere",
    "Per lavori di manutenzione della rete idrica sono previste modifiche alla viabilità per due settimane.",
  ],
  [
    "Iscrizioni aperte ai centri estivi",
    "Sono aperte le iscrizioni ai centri estivi comunali per bambini e ragazzi dai 3 ai 14 anni.",
  ],
] as const;

/**
 * What a usual adult has, on average, of what `richDossier` multiplies (measured on a seed of
 * 20,000 residents): units with a TARI, vehicles, fines, health tickets, pratiche, certificates,
 * general messages (the other messages come with the positions and the pratiche).
 */
const RICH_PER_ADULT = {
  properties: 0.56,
  vehicles: 0.61,
  fines: 0.03,
  tickets: 0.03,
  pratiche: 0.06,
  certificates: 0.04,
  messages: 0.04,
};

export function* generate(opts: GenerateOptions, batchResidents = 20_000): Generator<Batch> {
  if (opts.citizens < MIN_CITIZENS) throw new Error(`Servono almeno ${MIN_CITIZENS} residenti.`);
  const g = new World(opts);
  yield* g.run(batchResidents);
}

class World {
  private readonly b: SeedBuilder;
  private readonly opts: GenerateOptions;
  private readonly today: number;
  private readonly year: number;
  private residents = 0;
  private readonly operators = new Map<OperatorKey, number>();
  private readonly comuneChoice: Weighted<EnteInfo>;
  private readonly slotsByOffice = new Map<number, { id: number; day: number }[]>();
  private readonly bookedSlots = new Set<number>();
  private readonly pay: Payments;
  private readonly req: Requests;

  constructor(opts: GenerateOptions) {
    this.opts = opts;
    this.today = dayFromIso(opts.today);
    this.year = taxYearFor(opts.today);
    this.b = new SeedBuilder(opts.seed, this.today, this.year);
    this.comuneChoice = new Weighted(this.b.comuni.map((e) => [e, e.spec.population ?? 1] as const));
    this.pay = new Payments(this.b, this.today, this.year);
    this.req = new Requests(this.b, this.today, this.operators);
  }

  *run(batchResidents: number): Generator<Batch> {
    this.operatorRows();
    this.appointmentSlots();
    this.famiglia();
    this.giovane();
    this.pensionato();
    const op = OPERATOR_PERSONAS.torinoTributi;
    this.household({
      ente: this.b.ente("torino"),
      size: 2,
      surname: op.surname,
      name: op.name,
      sex: op.sex,
      birth: dayFromIso(op.birthDate),
      place: { name: "Cuneo", belfiore: op.birthBelfiore, province: "CN" },
      fixedCf: op.codiceFiscale,
    });
    yield { rows: this.b.take(), residents: this.residents };

    let sinceYield = 0;
    while (this.residents < this.opts.citizens) {
      const before = this.residents;
      this.household();
      sinceYield += this.residents - before;
      if (sinceYield >= batchResidents) {
        sinceYield = 0;
        yield { rows: this.b.take(), residents: this.residents };
      }
    }
    if (this.opts.richDossier) this.richDossier(this.opts.richDossier);
    this.bookings();
    yield { rows: this.b.take(), residents: this.residents };
  }

  // ---- reference data -------------------------------------------------------------------------

  private operatorRows(): void {
    const b = this.b;
    for (const [key, op] of Object.entries(OPERATOR_PERSONAS) as [
      OperatorKey,
      (typeof OPERATOR_PERSONAS)[OperatorKey],
    ][]) {
      if (!op.alsoResident) b.reserveFiscalCode(op.codiceFiscale);
      const local = `${op.name}.${op.surname}`.toLowerCase().replace(/[^a-z.]/g, "");
      const posts: readonly { enteIpa: string; officeKind: string; role: OperatorRole }[] = [
        op,
        ...("alsoAt" in op ? op.alsoAt : []),
      ];
      for (const [i, post] of posts.entries()) {
        const e = b.enti.find((x) => x.row.ipa_code === post.enteIpa)!;
        const id = b.nextId("operators");
        if (i === 0) this.operators.set(key, id);
        b.add("operators", {
          id,
          codice_fiscale: op.codiceFiscale,
          entity_id: e.row.id,
          office_id: b.office(e, post.officeKind),
          surname: op.surname,
          name: op.name,
          email: `${local}@${e.spec.domain}`,
          active: 1,
          created_at: romeInstant(this.today - 400, 9, 0),
        });
        b.add("operator_roles", { operator_id: id, role: post.role });
      }
    }
  }

  private appointmentSlots(): void {
    const b = this.b;
    for (const e of b.enti) {
      const specs = e.row.kind === "comune" ? COMUNE_OFFICES : (OTHER_OFFICES[e.spec.key] ?? []);
      for (const spec of specs) {
        if (!spec.service) continue;
        const officeId = b.office(e, spec.kind)!;
        const slots: { id: number; day: number }[] = [];
        for (let day = this.today + 1; day <= this.today + 30; day++) {
          if (!isWorkingDay(day, e.spec.patronDay)) continue;
          for (let k = 0; k < 7; k++) {
            const id = b.nextId("appointment_slots");
            const minutes = 9 * 60 + k * 30;
            b.add("appointment_slots", {
              id,
              office_id: officeId,
              service: spec.service,
              starts_at: romeInstant(day, 0, minutes),
              ends_at: romeInstant(day, 0, minutes + 30),
            });
            slots.push({ id, day });
          }
        }
        this.slotsByOffice.set(officeId, slots);
      }
    }
  }

  private bookings(): void {
    const b = this.b;
    const r = b.rng;
    const torino = b.ente("torino");
    for (const e of b.enti) {
      const pool = e.row.kind === "comune" ? e.adults : torino.adults;
      if (pool.length === 0) continue;
      for (const officeId of e.offices.values()) {
        for (const slot of this.slotsByOffice.get(officeId) ?? []) {
          if (this.bookedSlots.has(slot.id)) continue;
          if (!r.chance(slot.day - this.today <= 7 ? 0.45 : 0.18)) continue;
          const bookedDay = this.today - r.int(1, 20);
          const cancelled = r.chance(0.06);
          b.add("appointments", {
            id: b.nextId("appointments"),
            slot_id: slot.id,
            citizen_id: r.pick(pool),
            status: cancelled ? "annullato" : "prenotato",
            notes: null,
            booked_at: romeInstant(bookedDay, r.int(8, 21), r.int(0, 59), r.int(0, 59)),
            cancelled_at: cancelled
              ? romeInstant(Math.min(bookedDay + r.int(0, 3), this.today - 1), 22, r.int(0, 59))
              : null,
          });
        }
      }
    }
  }

  private book(e: EnteInfo, officeKind: string, person: Person, fromDay: number, note: string): void {
    const b = this.b;
    const slots = this.slotsByOffice.get(b.office(e, officeKind)!) ?? [];
    const slot = slots.find((s) => s.day >= fromDay) ?? slots[slots.length - 1];
    if (!slot) return;
    this.bookedSlots.add(slot.id);
    b.add("appointments", {
      id: b.nextId("appointments"),
      slot_id: slot.id,
      citizen_id: person.id,
      status: "prenotato",
      notes: note,
      booked_at: romeInstant(this.today - 3, 21, 12),
      cancelled_at: null,
    });
  }

  // ---- people -------------------------------------------------------------------------------

  private place(e: EnteInfo): Place {
    return {
      name: e.row.name.replace(/^Comune di /, ""),
      belfiore: e.row.belfiore!,
      province: e.row.province_code,
    };
  }

  private firstName(sex: Sex, birth: number, country: Country | null): string {
    const r = this.b.rng;
    if (country) return r.pick(sex === "M" ? country.male : country.female);
    const year = yearOf(birth);
    const lists = sex === "M" ? MALE_NAMES : FEMALE_NAMES;
    return r.pick(year < 1960 ? lists.older : year < 1990 ? lists.middle : lists.younger);
  }

  private birthDay(age: number): number {
    return addYears(this.today, -age) - this.b.rng.int(0, 364);
  }

  private italianBirthplace(home: EnteInfo, age: number): Place {
    const r = this.b.rng;
    const k = r.float();
    if (k < 0.45) return this.place(home);
    if (k < 0.62) return this.place(r.pick(this.b.comuni));
    if (k < (age > 55 ? 0.75 : 0.85)) return r.pick(PIEMONTE_PLACES);
    return r.pick(ITALIAN_PLACES);
  }

  private plan(size: number): Plan[] {
    const r = this.b.rng;
    const band = (bands: Weighted<readonly [number, number]>) => {
      const [lo, hi] = bands.pick(r);
      return r.int(lo, hi);
    };
    const couple = (headAge: number): Plan[] => {
      const sameSex = r.chance(0.015);
      const headSex: Sex = r.chance(0.62) ? "M" : "F";
      const spouseSex: Sex = sameSex ? headSex : headSex === "M" ? "F" : "M";
      const gap = r.int(-4, 4) + (sameSex ? 0 : headSex === "M" ? -2 : 2);
      const spouseAge = Math.max(18, Math.min(99, headAge + gap));
      const relation: HouseholdRelation = sameSex
        ? "unito_civilmente"
        : headAge < 40 && r.chance(0.25)
          ? "convivente"
          : "coniuge";
      return [
        { relation: "intestatario", sex: headSex, age: headAge },
        { relation, sex: spouseSex, age: spouseAge },
      ];
    };
    if (size === 1) {
      const age = band(SINGLE_AGE);
      return [{ relation: "intestatario", sex: r.chance(age > 70 ? 0.68 : 0.5) ? "F" : "M", age }];
    }
    if (size === 2) {
      const k = r.float();
      if (k < 0.78) return couple(band(COUPLE_AGE));
      if (k < 0.93) {
        const parentAge = r.int(32, 62);
        return [
          { relation: "intestatario", sex: r.chance(0.75) ? "F" : "M", age: parentAge },
          { relation: "figlio", sex: r.chance(0.5) ? "M" : "F", age: r.int(0, Math.min(30, parentAge - 22)) },
        ];
      }
      const headAge = r.int(38, 66);
      return [
        { relation: "intestatario", sex: r.chance(0.5) ? "M" : "F", age: headAge },
        { relation: "genitore", sex: r.chance(0.7) ? "F" : "M", age: Math.min(99, headAge + r.int(22, 36)) },
      ];
    }
    const members = couple(r.int(29, 57));
    const mother = members.find((m) => m.sex === "F") ?? members[0]!;
    if (size >= 4 && r.chance(0.1)) {
      members.push({
        relation: "genitore",
        sex: r.chance(0.7) ? "F" : "M",
        age: Math.min(99, members[0]!.age + r.int(24, 34)),
      });
    }
    while (members.length < size) {
      members.push({
        relation: "figlio",
        sex: r.chance(0.51) ? "M" : "F",
        age: r.int(0, Math.min(30, mother.age - 21)),
      });
    }
    return members;
  }

  /** A whole household: people, home, documents, taxes, payments, requests and messages. */
  private household(forced?: ForcedHead): void {
    const b = this.b;
    const r = b.rng;
    const e = forced?.ente ?? this.comuneChoice.pick(r);
    const remaining = this.opts.citizens - this.residents;
    const size = forced?.size ?? Math.max(1, Math.min(HOUSEHOLD_SIZE.pick(r), remaining));
    const country = forced ? null : r.chance(0.09) ? COUNTRY.pick(r) : null;
    const naturalised = country !== null && r.chance(0.3);
    const plans = this.plan(size);
    if (forced) {
      plans[0] = {
        relation: "intestatario",
        sex: forced.sex,
        age: Math.floor((this.today - forced.birth) / 365.2425),
      };
      if (plans[1] && plans[1].relation !== "unito_civilmente") plans[1].sex = forced.sex === "M" ? "F" : "M";
    }
    const surnames = country ? country.surnames : SURNAMES;
    const headSurname = forced?.surname ?? r.pick(surnames);
    const spouseSurname = r.pick(surnames);
    const partner =
      plans[1] && plans[1].relation !== "figlio" && plans[1].relation !== "genitore" ? plans[1] : null;
    const childSurname =
      partner && partner.sex === "M" && plans[0]!.sex === "F" ? spouseSurname : headSurname;
    const street = r.pick(STREETS);
    const address = `${street} ${r.int(1, 180)}`;
    const postalCode = r.pick(e.spec.postalCodes ?? ["10100"]);
    const headAge = plans[0]!.age;
    const owner =
      r.chance(headAge < 30 ? 0.3 : headAge < 45 ? 0.6 : headAge < 65 ? 0.75 : 0.82) &&
      !(country && r.chance(0.4));
    const maxYears = Math.max(1, Math.min(headAge - 18, 40));
    const created = owner
      ? dayFromParts(this.year, 1, 1) - r.int(30, maxYears * 365)
      : this.today - r.int(30, maxYears * 365);
    const household = b.household(e, address, created);
    const members: Member[] = [];
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i]!;
      const isHead = i === 0;
      const birth = isHead && forced ? forced.birth : this.birthDay(plan.age);
      const surname = isHead
        ? headSurname
        : plan.relation === "figlio"
          ? childSurname
          : plan.relation === "genitore"
            ? plan.sex === "M"
              ? headSurname
              : r.pick(surnames)
            : spouseSurname;
      const adult = plan.age >= 18;
      const bornAbroad = country !== null && (plan.relation !== "figlio" || (plan.age > 6 && r.chance(0.5)));
      const place =
        isHead && forced ? forced.place : bornAbroad ? country!.place : this.italianBirthplace(e, plan.age);
      const citizenship =
        country && !naturalised && (bornAbroad || r.chance(0.6)) ? country.citizenship : "Italia";
      const person = b.citizen({
        surname,
        name: isHead && forced ? forced.name : this.firstName(plan.sex, birth, country),
        sex: plan.sex,
        birth,
        place,
        citizenship,
        contacts: adult && r.chance(plan.age > 80 ? 0.4 : 0.87),
        fixedCf: isHead ? forced?.fixedCf : undefined,
      });
      const since = Math.max(created, birth);
      b.member(household, person, plan.relation, since);
      if (adult && r.chance(0.28) && since > birth + 18 * 365 + 400) {
        const from = r.pick(b.comuni);
        const start = Math.max(birth + 18 * 365, since - r.int(365, 15 * 365));
        b.residence(
          person,
          from,
          `${r.pick(STREETS)} ${r.int(1, 150)}`,
          r.pick(from.spec.postalCodes ?? ["10100"]),
          start,
          since - 1,
        );
      }
      const residence = b.residence(person, e, address, postalCode, since, null);
      members.push({ person, relation: plan.relation, since, adult, residence });
      if (adult) b.noteAdult(e, person);
    }
    this.residents += members.length;
    const head = members[0]!.person;
    const payer = randomPayer(r);

    // documents
    const cieExpiry = new Map<number, number>();
    for (const m of members) {
      const expiry = this.documents(m.person, e);
      if (expiry !== null) cieExpiry.set(m.person.id, expiry);
    }

    // home and other properties
    const ownerships: Ownership[] = [];
    const spouse = members.find((m) => m.relation === "coniuge" || m.relation === "unito_civilmente");
    let mainHomeId: number | null = null;
    let surface: number;
    if (owner) {
      const category = MAIN_HOME_CATEGORY.pick(r);
      surface = r.int(40 + 12 * size, 70 + 18 * size);
      const [lo, hi] = RENDITA_PER_M2[category]!;
      const rendita = Math.round((surface * r.int(lo, hi)) / 100) * 100 + r.int(0, 99);
      mainHomeId = b.property(e, category, rendita, surface, address);
      const shared = spouse && r.chance(0.65);
      for (const m of shared ? [members[0]!, spouse] : [members[0]!]) {
        ownerships.push({
          person: m.person,
          propertyId: mainHomeId,
          ente: e,
          category,
          rendita,
          share: shared ? 5000 : 10000,
          mainHome: true,
          from: created,
        });
      }
      if (r.chance(0.45)) {
        const rendita = r.int(5500, 16000);
        const id = b.property(e, "C/6", rendita, r.int(12, 24), `${address} (box auto)`);
        ownerships.push({
          person: head,
          propertyId: id,
          ente: e,
          category: "C/6",
          rendita,
          share: 10000,
          mainHome: false,
          from: created,
        });
      }
      if (r.chance(headAge > 50 ? 0.18 : 0.07)) {
        const where = r.chance(0.5) ? e : r.pick(b.comuni);
        const category = SECOND_HOME_CATEGORY.pick(r);
        const s = r.int(45, 110);
        const [lo2, hi2] = RENDITA_PER_M2[category]!;
        const rendita = Math.round((s * r.int(lo2, hi2)) / 100) * 100;
        const id = b.property(where, category, rendita, s, `${r.pick(STREETS)} ${r.int(1, 160)}`);
        const boughtThisYear = r.chance(0.03);
        const from = boughtThisYear ? dayFromParts(this.year, r.int(1, 5), 1) : created - r.int(0, 3000);
        const withSpouse = spouse && r.chance(0.4);
        for (const m of withSpouse ? [members[0]!, spouse] : [members[0]!]) {
          ownerships.push({
            person: m.person,
            propertyId: id,
            ente: where,
            category,
            rendita,
            share: withSpouse ? 5000 : 10000,
            mainHome: false,
            from,
          });
        }
      }
      if (r.chance(0.025)) {
        const rendita = r.int(1500, 5000) * 100;
        const id = b.property(e, "C/1", rendita, r.int(30, 120), `${r.pick(STREETS)} ${r.int(1, 160)}`);
        ownerships.push({
          person: head,
          propertyId: id,
          ente: e,
          category: "C/1",
          rendita,
          share: 10000,
          mainHome: false,
          from: created - r.int(0, 2000),
        });
      }
      if (r.chance(0.004)) {
        const rendita = r.int(3000, 12000) * 100;
        const id = b.property(e, "D/7", rendita, r.int(300, 1500), `Strada industriale ${r.int(1, 60)}`);
        ownerships.push({
          person: head,
          propertyId: id,
          ente: e,
          category: "D/7",
          rendita,
          share: 10000,
          mainHome: false,
          from: created - r.int(0, 2000),
        });
      }
    } else {
      surface = r.int(35 + 10 * size, 60 + 18 * size);
    }
    for (const o of ownerships) b.owner(o.propertyId, o.person, o.share, o.mainHome, o.from);
    this.pay.imu(ownerships, payer);
    this.pay.tari(head, e, mainHomeId, size, surface, payer, created);

    // vehicles, fines, health tickets
    for (const m of members) {
      if (!m.adult || m.person.age < 20) continue;
      const p = m.person.age > 80 ? 0.3 : m.person.age < 23 ? 0.3 : 0.68;
      if (!r.chance(p)) continue;
      this.pay.vehicle(m.person, payer);
      if (r.chance(0.05)) this.pay.multa(m.person, r.chance(0.7) ? e : b.ente("torino"), payer, null);
    }
    if (e.spec.key === "torino") {
      for (const m of members)
        if (r.chance(m.person.age > 60 ? 0.1 : 0.04)) this.pay.ticket(m.adult ? m.person : head, payer);
    }

    // requests, certificates, messages
    for (const m of members) {
      if (!m.adult) continue;
      if (r.chance(0.05)) this.req.randomPratica(m.person, e, owner, ownerships.length > 0);
      if (r.chance(0.04)) {
        const kind = CERTIFICATE_KIND.pick(r);
        b.certificate({
          person: m.person,
          kind,
          purpose: r.pick(CERTIFICATE_PURPOSES),
          // On a day they already lived here: the registry of that day is what gets certified.
          day: this.today - r.int(1, Math.min(365, this.today - m.since)),
          residence: m.residence,
          household,
        });
      }
      const expiry = cieExpiry.get(m.person.id);
      if (expiry !== undefined && expiry - this.today <= 90 && expiry - this.today > -30)
        this.req.expiryMessage(m.person, e, expiry);
    }
    if (members.some((m) => m.person.age >= 3 && m.person.age <= 13) && r.chance(0.08)) {
      this.req.pratica(head, e, PRATICA_TYPES.iscrizione_mensa!, this.req.randomStatus());
    }
    if (r.chance(0.08)) {
      const [subject, body] = r.pick(GENERAL_MESSAGES);
      const sent = this.today - r.int(1, 200);
      b.message({
        person: head,
        ente: e,
        officeKind: "urp",
        subject,
        body,
        sentDay: sent,
        read: this.b.wasRead(sent),
      });
    }
  }

  /**
   * A resident of Torino with about `factor` times a usual adult's dossier, made by the generators
   * above: homes, boxes and shops in every comune (an IMU assessment per comune, a TARI per unit),
   * vehicles, fines, health tickets, a tax notice and a refund, pratiche, certificates and
   * messages. A late payer, so that some of everything is still due.
   */
  private richDossier(factor: number): void {
    const b = this.b;
    const r = b.rng;
    const e = b.ente("torino");
    const P = RICH_DOSSIER_RESIDENT;
    const times = (perAdult: number) => Math.max(1, Math.round(perAdult * factor));
    const created = addYears(this.today, -20);
    const address = "Via Po 21";
    const household = b.household(e, address, created);
    const person = this.personaCitizen(P);
    this.residents += 1;
    b.member(household, person, "intestatario", created);
    const residence = b.residence(person, e, address, "10123", created, null);
    this.documents(person, e);
    const payer: Payer = { profile: 1, lumpSum: false };

    const ownerships: Ownership[] = [];
    const units: { ente: EnteInfo; propertyId: number; surface: number; from: number }[] = [];
    for (let i = 0; i < times(RICH_PER_ADULT.properties); i++) {
      const where = i === 0 ? e : b.comuni[i % b.comuni.length]!;
      const category = i === 0 ? "A/2" : SECOND_HOME_CATEGORY.pick(r);
      const surface = r.int(45, 110);
      const [lo, hi] = RENDITA_PER_M2[category]!;
      const rendita = Math.round((surface * r.int(lo, hi)) / 100) * 100;
      const at = i === 0 ? address : `${r.pick(STREETS)} ${r.int(1, 160)}`;
      const propertyId = b.property(where, category, rendita, surface, at);
      const from = i === 0 ? created : created + r.int(0, 5000);
      ownerships.push({
        person,
        propertyId,
        ente: where,
        category,
        rendita,
        share: 10000,
        mainHome: i === 0,
        from,
      });
      units.push({ ente: where, propertyId, surface, from });
    }
    for (const o of ownerships) b.owner(o.propertyId, person, o.share, o.mainHome, o.from);
    this.pay.imu(ownerships, payer);
    for (const u of units) this.pay.tari(person, u.ente, u.propertyId, 1, u.surface, payer, u.from);

    for (let i = 0; i < times(RICH_PER_ADULT.vehicles); i++) this.pay.vehicle(person, payer);
    for (let i = 0; i < times(RICH_PER_ADULT.fines); i++)
      this.pay.multa(person, r.chance(0.7) ? e : r.pick(b.comuni), payer, null);
    for (let i = 0; i < times(RICH_PER_ADULT.tickets); i++) this.pay.ticket(person, payer);
    this.pay.taxNotice(person, e, 120_000);
    this.pay.refund(
      person,
      e,
      "IMU",
      this.year - 1,
      r.int(30, 400) * 100,
      "Versamento IMU eseguito in eccesso",
      null,
    );

    for (let i = 0; i < times(RICH_PER_ADULT.pratiche); i++) this.req.randomPratica(person, e, true, true);
    for (let i = 0; i < times(RICH_PER_ADULT.certificates); i++)
      b.certificate({
        person,
        kind: CERTIFICATE_KIND.pick(r),
        purpose: r.pick(CERTIFICATE_PURPOSES),
        day: this.today - r.int(1, 365),
        residence,
        household,
      });
    for (let i = 0; i < times(RICH_PER_ADULT.messages); i++) {
      const [subject, body] = r.pick(GENERAL_MESSAGES);
      const sent = this.today - r.int(1, 200);
      b.message({
        person,
        ente: e,
        officeKind: "urp",
        subject,
        body,
        sentDay: sent,
        read: b.wasRead(sent),
      });
    }
  }

  /** CIE for most, passport for some, driving licence for many adults; returns the CIE expiry. */
  private documents(p: Person, e: EnteInfo): number | null {
    const b = this.b;
    const r = b.rng;
    let cie: number | null = null;
    const adult = p.age >= 18;
    if (adult ? r.chance(0.93) : p.age >= 3 && r.chance(0.6)) {
      const years = adult ? 10 : 5;
      let expiry = this.today + r.int(-120, years * 365 - 1);
      let issue = addYears(expiry, -years);
      // A ten-year card is issued to adults only, a five-year one after the first month of life.
      const earliest = adult ? addYears(p.birth, 18) : p.birth + 30;
      if (issue < earliest) {
        issue = Math.min(this.today - 1, earliest + r.int(0, 300));
        expiry = addYears(issue, years);
      }
      cie = b.document(p, "carta_identita", issue, expiry, e.row.name, e);
    }
    if (adult && r.chance(0.18)) {
      const expiry = this.today + r.int(-400, 3650);
      const issue = addYears(expiry, -10);
      if (issue >= addYears(p.birth, 18)) {
        b.document(p, "passaporto", issue, expiry, `Questura di ${this.provinceCity(e)}`, null);
      }
    }
    if (adult && p.age <= 85 && r.chance(0.72)) {
      const years = p.age < 50 ? 10 : p.age < 70 ? 5 : p.age < 80 ? 3 : 2;
      const expiry = this.today + r.int(-30, years * 365);
      const issue = Math.max(addYears(expiry, -years), p.birth + 18 * 366);
      b.document(p, "patente", issue, expiry, `Motorizzazione civile di ${this.provinceCity(e)}`, null);
    }
    return cie;
  }

  private provinceCity(e: EnteInfo): string {
    const byCode: Record<string, string> = { TO: "Torino", CN: "Cuneo", AT: "Asti", NO: "Novara" };
    return byCode[e.row.province_code ?? "TO"] ?? "Torino";
  }

  // ---- payments -------------------------------------------------------------------------------

  private famiglia(): void {
    const b = this.b;
    const torino = b.ente("torino");
    const cuneo = b.ente("cuneo");
    // Earlier in Collegno: no tie at all to Moncalieri, whose operator must not see her.
    const collegno = b.ente("collegno");
    const P = PERSONA_FAMIGLIA;
    const created = addYears(this.today, -12) - 75;
    const address = "Via Nizza 45";
    const household = b.household(torino, address, created);
    const chiara = this.personaCitizen(P);
    const davide = b.citizen({
      surname: "Rinaudo",
      name: "Davide",
      sex: "M",
      birth: dayFromIso("1984-07-05"),
      place: this.place(cuneo),
      citizenship: "Italia",
      contacts: true,
    });
    const sofiaBirth = addYears(this.today, -9) - 40;
    const sofia = b.citizen({
      surname: "Rinaudo",
      name: "Sofia",
      sex: "F",
      birth: sofiaBirth,
      place: this.place(torino),
      citizenship: "Italia",
      contacts: false,
    });
    this.residents += 3;
    b.member(household, chiara, "intestatario", created);
    b.member(household, davide, "coniuge", created);
    b.member(household, sofia, "figlio", sofiaBirth);
    b.residence(chiara, collegno, "Via Roma 12", "10093", addYears(created, -6), created - 1);
    b.residence(chiara, torino, address, "10126", created, null);
    b.residence(davide, torino, address, "10126", created, null);
    b.residence(sofia, torino, address, "10126", sofiaBirth, null);

    const cieExpiry = this.today + 45;
    b.document(chiara, "carta_identita", addYears(cieExpiry, -10), cieExpiry, torino.row.name, torino);
    b.document(
      chiara,
      "patente",
      addYears(this.today + 2100, -10),
      this.today + 2100,
      "Motorizzazione civile di Torino",
      null,
    );
    b.document(
      davide,
      "carta_identita",
      addYears(this.today + 1500, -10),
      this.today + 1500,
      torino.row.name,
      torino,
    );
    b.document(
      davide,
      "patente",
      addYears(this.today + 900, -10),
      this.today + 900,
      "Motorizzazione civile di Cuneo",
      null,
    );
    b.document(
      sofia,
      "carta_identita",
      addYears(this.today + 800, -5),
      this.today + 800,
      torino.row.name,
      torino,
    );

    const mainHome = b.property(torino, "A/2", 86_000, 95, address);
    const secondHome = b.property(torino, "A/2", 75_000, 70, "Via Garibaldi 18");
    const bought = addYears(dayFromParts(this.year, 1, 1), -8);
    b.owner(mainHome, chiara, 5000, true, created);
    b.owner(mainHome, davide, 5000, true, created);
    b.owner(secondHome, chiara, 10000, false, bought);
    const acconto = dayFromParts(this.year, 6, 16);
    const ownerships: Ownership[] = [
      {
        person: chiara,
        propertyId: mainHome,
        ente: torino,
        category: "A/2",
        rendita: 86_000,
        share: 5000,
        mainHome: true,
        from: created,
      },
      {
        person: chiara,
        propertyId: secondHome,
        ente: torino,
        category: "A/2",
        rendita: 75_000,
        share: 10000,
        mainHome: false,
        from: bought,
      },
      {
        person: davide,
        propertyId: mainHome,
        ente: torino,
        category: "A/2",
        rendita: 86_000,
        share: 5000,
        mainHome: true,
        from: created,
      },
    ];
    const payer: Payer = { profile: 0, lumpSum: false };
    const [imuPosition] = this.pay.imu(ownerships, payer, [b.instantOn(acconto - 4), null]);

    // TARI: everything due before today is paid except the latest instalment that fell due.
    const tariDues = computeTari({
      surfaceM2: 95,
      householdSize: 3,
      year: this.year,
      instalments: 3,
    }).instalments.map((i) => dayFromIso(i.dueDate));
    const lastPast = tariDues.filter((d) => d < this.today).length - 1;
    const tariPaid = tariDues.map((d, i) => (d < this.today && i !== lastPast ? b.instantOn(d - 3) : null));
    const tari = this.pay.tari(chiara, torino, mainHome, 3, 95, payer, created, tariPaid);

    const regMonth = monthOf(this.today + 10);
    const registration = dayFromParts(yearOf(this.today) - 4, regMonth, 10);
    const car = this.pay.vehicle(chiara, payer, {
      makeModel: "Fiat Tipo 1.6 Multijet",
      kw: 85,
      registration,
    });

    this.req.pratica(chiara, torino, PRATICA_TYPES.agevolazione_tari!, "da_integrare", this.today - 12);

    // Unread messages about what needs her attention.
    const saldo = imuPosition!.options[1]!;
    b.message({
      person: chiara,
      ente: torino,
      officeKind: "tributi",
      subject: `IMU ${this.year}: saldo ${saldo.due < this.today ? "non pagato" : "in scadenza"}`,
      body: `Il saldo IMU ${this.year} per l'immobile di Via Garibaldi 18 è di ${b.euro(saldo.amount)} e scade il ${formatDateIt(isoDay(saldo.due))}. Puoi pagarlo con pagoPA dall'area Pagamenti.`,
      sentDay: this.today - 10,
      read: false,
      dueDay: saldo.due,
      paymentOptionId: imuPosition!.optionIds[1]!,
    });
    const overdue = tari.paid.findIndex((p, i) => p === null && tari.dues[i]! < this.today);
    b.message({
      person: chiara,
      ente: torino,
      officeKind: "tributi",
      subject: `TARI ${this.year}: rata ${overdue + 1} non pagata`,
      body: `Non risulta il pagamento della rata ${overdue + 1} della TARI ${this.year}, scaduta il ${formatDateIt(isoDay(tari.dues[overdue]!))}. Ti invitiamo a pagarla per evitare l'avviso di accertamento.`,
      sentDay: Math.min(this.today - 1, tari.dues[overdue]! + 15),
      read: false,
      dueDay: tari.dues[overdue]!,
      paymentOptionId: tari.optionIds[overdue]!,
    });
    b.message({
      person: chiara,
      ente: torino,
      officeKind: "anagrafe",
      subject: "La tua carta d'identità sta per scadere",
      body: `La tua carta d'identità scade il ${formatDateIt(isoDay(cieExpiry))}. Hai già un appuntamento all'Anagrafe per il rinnovo: porta una fototessera recente e la carta attuale.`,
      sentDay: this.today - 5,
      read: false,
      dueDay: cieExpiry,
    });
    b.message({
      person: chiara,
      ente: b.ente("regione"),
      officeKind: "bollo",
      subject: `Bollo auto ${car.plate}: in scadenza`,
      body: `La tassa automobilistica del veicolo ${car.plate} (${b.euro(car.amount)}) scade il ${formatDateIt(isoDay(car.due))}. Puoi pagarla con pagoPA dall'area Pagamenti.`,
      sentDay: this.today - 2,
      read: false,
      dueDay: car.due,
      paymentOptionId: car.optionId,
    });
    b.message({
      person: chiara,
      ente: torino,
      officeKind: "urp",
      subject: GENERAL_MESSAGES[0][0],
      body: GENERAL_MESSAGES[0][1],
      sentDay: this.today - 40,
      read: true,
    });
    this.book(
      torino,
      "anagrafe",
      chiara,
      workingDayOnOrAfter(this.today + 5),
      "Rinnovo della carta d'identità",
    );

    for (const y of [this.year - 1, this.year - 2]) {
      b.f24(chiara, dayFromParts(y, 5, 28), "3944", "L219", y, 31_000 - (this.year - y) * 600);
    }
  }

  /** A persona as a registry record: born where the persona says, Italian, with contacts. */
  private personaCitizen(P: PersonaData): Person {
    return this.b.citizen({
      surname: P.surname,
      name: P.name,
      sex: P.sex,
      birth: dayFromIso(P.birthDate),
      place: { name: P.birthPlace, belfiore: P.birthBelfiore, province: P.birthProvince },
      citizenship: "Italia",
      contacts: true,
      fixedCf: P.codiceFiscale,
    });
  }

  private giovane(): void {
    const b = this.b;
    const torino = b.ente("torino");
    const asti = b.ente("asti");
    const P = PERSONA_GIOVANE;
    const created = this.today - 500;
    const address = "Via Madama Cristina 72";
    const household = b.household(torino, address, created);
    const federico = this.personaCitizen(P);
    this.residents += 1;
    b.member(household, federico, "intestatario", created);
    b.residence(federico, asti, "Corso Alfieri 210", "14100", dayFromIso(P.birthDate), created - 1);
    const residence = b.residence(federico, torino, address, "10126", created, null);
    b.document(
      federico,
      "carta_identita",
      addYears(this.today + 2600, -10),
      this.today + 2600,
      asti.row.name,
      asti,
    );
    b.document(
      federico,
      "patente",
      addYears(this.today + 2200, -10),
      this.today + 2200,
      "Motorizzazione civile di Asti",
      null,
    );

    const payer: Payer = { profile: 0, lumpSum: false };
    const tariDues = computeTari({
      surfaceM2: 48,
      householdSize: 1,
      year: this.year,
      instalments: 3,
    }).instalments.map((i) => dayFromIso(i.dueDate));
    this.pay.tari(
      federico,
      torino,
      null,
      1,
      48,
      payer,
      created,
      tariDues.map((d) => (d < this.today ? b.instantOn(d - 2) : null)),
    );

    const regMonth = monthOf(this.today - 90);
    this.pay.vehicle(federico, payer, {
      makeModel: "Fiat Panda 1.2",
      kw: 51,
      registration: dayFromParts(yearOf(this.today) - 3, regMonth, 3),
      forcePaid: true,
    });
    this.pay.multa(federico, torino, payer, { issue: this.today - 20, violation: 1 });
    this.req.pratica(federico, torino, PRATICA_TYPES.certificato_storico!, "in_lavorazione", this.today - 4);
    b.certificate({
      person: federico,
      kind: "residenza",
      purpose: "Uso amministrativo",
      day: this.today - 30,
      residence,
      household,
    });
  }

  private pensionato(): void {
    const b = this.b;
    const torino = b.ente("torino");
    const alba = b.ente("alba");
    const P = PERSONA_PENSIONATO;
    const created = dayFromIso("1986-04-01");
    const address = "Corso Francia 120";
    const household = b.household(torino, address, created);
    const giuseppe = this.personaCitizen(P);
    this.residents += 1;
    b.member(household, giuseppe, "intestatario", created);
    b.residence(giuseppe, alba, "Via Vittorio Emanuele 5", "12051", dayFromIso("1967-09-01"), created - 1);
    b.residence(giuseppe, torino, address, "10143", created, null);
    b.document(
      giuseppe,
      "carta_identita",
      addYears(this.today + 1800, -10),
      this.today + 1800,
      torino.row.name,
      torino,
    );

    const home = b.property(torino, "A/3", 52_000, 80, address);
    b.owner(home, giuseppe, 10000, true, created);
    const payer: Payer = { profile: 0, lumpSum: true };
    this.pay.imu(
      [
        {
          person: giuseppe,
          propertyId: home,
          ente: torino,
          category: "A/3",
          rendita: 52_000,
          share: 10000,
          mainHome: true,
          from: created,
        },
      ],
      payer,
    );
    // Pays the whole TARI at the first due date, which is always past.
    const firstDue = dayFromParts(this.year, 5, 31);
    const at = b.instantOn(firstDue - 5);
    this.pay.tari(giuseppe, torino, home, 1, 80, payer, created, [at, at, at]);

    // He paid IMU on his main home by mistake last year and got it back.
    const mistaken = 23_400;
    for (const inst of imuInstalments(mistaken, this.year - 1)) {
      b.f24(giuseppe, dayFromIso(inst.dueDate) - 3, "3912", "L219", this.year - 1, inst.amountCents);
    }
    for (const y of [this.year - 1, this.year - 2])
      b.f24(giuseppe, dayFromParts(y, 5, 20), "3944", "L219", y, 19_500);
    const pratica = this.req.pratica(
      giuseppe,
      torino,
      PRATICA_TYPES.rimborso_imu!,
      "accettata",
      this.today - 75,
    );
    this.pay.refund(
      giuseppe,
      torino,
      "IMU",
      this.year - 1,
      mistaken,
      `Versamento IMU ${this.year - 1} non dovuto: abitazione principale`,
      { requested: pratica.firstDay, status: "liquidato", paid: this.today - 60 },
    );
    b.message({
      person: giuseppe,
      ente: torino,
      officeKind: "tributi",
      operatorId: this.operators.get("torinoTributi")!,
      subject: "Rimborso IMU liquidato",
      body: `Il rimborso di ${b.euro(mistaken)} per l'IMU ${this.year - 1} è stato accreditato sul conto che hai indicato.`,
      sentDay: this.today - 60,
      read: true,
      praticaId: pratica.id,
    });
  }
}
