/**
 * Requests (pratiche) walked through their states with events, protocol numbers and the
 * messages that tell the citizen, plus reminders about expiring identity cards.
 */
import type { PraticaStatus } from "../../app/rules/pratiche";
import { formatDateIt } from "../../app/rules/time";
import { type EnteInfo, type Person, type PraticaSpec, type SeedBuilder } from "./builder";
import { isoDay } from "./dates";
import type { OperatorKey } from "./personas";
import { Weighted } from "./prng";

export interface PraticaType {
  type: string;
  area: "anagrafe" | "tributi" | "servizi";
  officeKind: string;
  title: string;
  deadlineDays: number;
  integration: string;
}

// One weight per state of the rules' life cycle (a misspelt state does not compile).
const PRATICA_STATUS = new Weighted<PraticaStatus>([
  ["bozza", 4],
  ["inviata", 8],
  ["protocollata", 8],
  ["in_lavorazione", 15],
  ["da_integrare", 6],
  ["accettata", 52],
  ["respinta", 7],
] as const);

export const PRATICA_TYPES: Record<string, PraticaType> = {
  cambio_residenza: {
    type: "cambio_residenza",
    area: "anagrafe",
    officeKind: "anagrafe",
    title: "Dichiarazione di cambio di residenza",
    deadlineDays: 45,
    integration: "Manca il titolo di occupazione dell'alloggio (contratto di affitto o atto di proprietà).",
  },
  rilascio_carta_identita: {
    type: "rilascio_carta_identita",
    area: "anagrafe",
    officeKind: "anagrafe",
    title: "Richiesta di carta d'identità elettronica",
    deadlineDays: 30,
    integration: "La fototessera caricata non è conforme: serve una foto recente su sfondo chiaro.",
  },
  certificato_storico: {
    type: "certificato_storico",
    area: "anagrafe",
    officeKind: "anagrafe",
    title: "Richiesta di certificato storico di residenza",
    deadlineDays: 30,
    integration: "Indica il periodo per cui serve il certificato.",
  },
  agevolazione_tari: {
    type: "agevolazione_tari",
    area: "tributi",
    officeKind: "tributi",
    title: "Richiesta di riduzione TARI",
    deadlineDays: 60,
    integration: "Manca l'attestazione ISEE in corso di validità.",
  },
  rimborso_imu: {
    type: "rimborso_imu",
    area: "tributi",
    officeKind: "tributi",
    title: "Istanza di rimborso IMU",
    deadlineDays: 180,
    integration: "Allega le ricevute dei versamenti di cui chiedi il rimborso.",
  },
  dichiarazione_tari: {
    type: "dichiarazione_tari",
    area: "tributi",
    officeKind: "tributi",
    title: "Dichiarazione TARI - variazione della superficie",
    deadlineDays: 60,
    integration: "Allega la planimetria catastale dell'immobile.",
  },
  iscrizione_mensa: {
    type: "iscrizione_mensa",
    area: "servizi",
    officeKind: "urp",
    title: "Iscrizione al servizio di refezione scolastica",
    deadlineDays: 30,
    integration: "Indica la scuola e la classe frequentate.",
  },
  contributo_affitto: {
    type: "contributo_affitto",
    area: "servizi",
    officeKind: "urp",
    title: "Domanda di contributo per il sostegno alla locazione",
    deadlineDays: 90,
    integration: "Allega il contratto di locazione registrato e le ricevute dei canoni.",
  },
};

const NEXT_STEPS: Record<string, string | null> = {
  bozza: "Completa la domanda e inviala.",
  inviata: "La domanda sarà protocollata dall'ufficio.",
  protocollata: "La pratica sarà assegnata a un operatore.",
  in_lavorazione: "L'ufficio sta esaminando la domanda: riceverai un messaggio all'esito.",
  accettata: null,
  respinta: "Puoi presentare una nuova domanda con i requisiti indicati nella comunicazione.",
};

const STATUS_LABEL: Record<string, string> = {
  inviata: "inviata",
  protocollata: "protocollata",
  in_lavorazione: "in lavorazione",
  da_integrare: "da integrare",
  accettata: "accolta",
  respinta: "respinta",
};

export class Requests {
  constructor(
    private readonly b: SeedBuilder,
    private readonly today: number,
    private readonly operators: ReadonlyMap<OperatorKey, number>,
  ) {}

  randomStatus(): string {
    return PRATICA_STATUS.pick(this.b.rng);
  }

  randomPratica(p: Person, e: EnteInfo, owner: boolean, ownsProperties: boolean): void {
    const r = this.b.rng;
    const choices: (readonly [PraticaType, number])[] = [
      [PRATICA_TYPES.cambio_residenza!, 20],
      [PRATICA_TYPES.rilascio_carta_identita!, 25],
      [PRATICA_TYPES.certificato_storico!, 10],
      [PRATICA_TYPES.agevolazione_tari!, 15],
      [PRATICA_TYPES.dichiarazione_tari!, 8],
    ];
    if (ownsProperties) choices.push([PRATICA_TYPES.rimborso_imu!, 6]);
    if (!owner) choices.push([PRATICA_TYPES.contributo_affitto!, 10]);
    this.pratica(p, e, r.weighted(choices), this.randomStatus());
  }

  operatorFor(e: EnteInfo, area: string): number | null {
    if (e.spec.key === "torino" && area === "anagrafe") return this.operators.get("torinoAnagrafe")!;
    if (e.spec.key === "torino" && area === "tributi") return this.operators.get("torinoTributi")!;
    if (e.spec.key === "moncalieri" && area === "anagrafe") return this.operators.get("moncalieriAnagrafe")!;
    return null;
  }

  /** A request walked through its states up to `target`, with plausible gaps between steps. */
  pratica(
    p: Person,
    e: EnteInfo,
    t: PraticaType,
    target: string,
    endDay?: number,
  ): { id: number; protocol: string | null; firstDay: number } {
    const b = this.b;
    const r = b.rng;
    const operatorId = this.operatorFor(e, t.area);
    const path: {
      status: PraticaSpec["steps"][number]["status"];
      gap: number;
      note: string | null;
      actor: "cittadino" | "operatore" | "sistema";
    }[] = [];
    if (target === "bozza") {
      path.push({ status: "bozza", gap: 0, note: null, actor: "cittadino" });
    } else {
      path.push({ status: "inviata", gap: 0, note: null, actor: "cittadino" });
      if (target !== "inviata")
        path.push({ status: "protocollata", gap: r.int(0, 2), note: null, actor: "sistema" });
      if (!["inviata", "protocollata"].includes(target)) {
        path.push({
          status: "in_lavorazione",
          gap: r.int(1, 7),
          note: "Pratica presa in carico dall'ufficio.",
          actor: "operatore",
        });
        const integrated = target === "da_integrare" || r.chance(0.15);
        if (integrated)
          path.push({ status: "da_integrare", gap: r.int(3, 15), note: t.integration, actor: "operatore" });
        if (integrated && target !== "da_integrare") {
          path.push({
            status: "in_lavorazione",
            gap: r.int(2, 10),
            note: "Integrazione inviata dal cittadino.",
            actor: "cittadino",
          });
        }
        if (target === "accettata")
          path.push({ status: "accettata", gap: r.int(5, 40), note: "Domanda accolta.", actor: "operatore" });
        if (target === "respinta")
          path.push({
            status: "respinta",
            gap: r.int(5, 40),
            note: "Domanda respinta: mancano i requisiti previsti.",
            actor: "operatore",
          });
      }
    }
    const span = path.reduce((s, x) => s + x.gap, 0);
    const open = !["accettata", "respinta"].includes(target);
    const last = endDay ?? this.today - 1 - (open ? r.int(0, 12) : r.int(0, 300));
    let day = last - span;
    const steps = path.map((x) => {
      day += x.gap;
      return { status: x.status, day, note: x.note, actor: x.actor, operatorId };
    });
    const current = steps[steps.length - 1]!;
    // The day the citizen is asked to answer an integration request by.
    const integrationDue = current.status === "da_integrare" ? current.day + 30 : null;
    const nextSteps =
      integrationDue !== null
        ? `${t.integration} Carica i documenti richiesti entro il ${formatDateIt(isoDay(integrationDue))}.`
        : (NEXT_STEPS[current.status] ?? null);
    const result = b.pratica({
      person: p,
      ente: e,
      type: t.type,
      area: t.area,
      officeKind: t.officeKind,
      title: t.title,
      steps,
      deadlineDays: t.deadlineDays,
      nextSteps,
      assignedOperatorId:
        current.status === "bozza" || current.status === "inviata" || current.status === "protocollata"
          ? null
          : operatorId,
    });
    if (current.status !== "bozza" && current.status !== "inviata") {
      const sent = Math.min(this.today - 1, current.day);
      b.message({
        person: p,
        ente: e,
        officeKind: t.officeKind,
        operatorId: current.actor === "operatore" ? operatorId : null,
        subject: `Pratica ${result.protocol ?? ""}: ${STATUS_LABEL[current.status]}`.replace("  ", " "),
        body:
          current.status === "da_integrare"
            ? `La tua domanda «${t.title}» va integrata. ${t.integration} Puoi caricare i documenti dalla pagina della pratica.`
            : `La tua domanda «${t.title}» è ${STATUS_LABEL[current.status]}.`,
        sentDay: sent,
        read: current.status === "da_integrare" ? false : this.b.wasRead(sent),
        dueDay: integrationDue,
        praticaId: result.id,
      });
    }
    return { id: result.id, protocol: result.protocol, firstDay: steps[0]!.day };
  }

  expiryMessage(p: Person, e: EnteInfo, expiry: number): void {
    const sent = Math.min(this.today - 1, Math.max(expiry - 90, this.today - 60));
    this.b.message({
      person: p,
      ente: e,
      officeKind: "anagrafe",
      subject:
        expiry < this.today ? "La tua carta d'identità è scaduta" : "La tua carta d'identità sta per scadere",
      body: `La tua carta d'identità ${expiry < this.today ? "è scaduta" : "scade"} il ${formatDateIt(isoDay(expiry))}. Prenota un appuntamento all'Anagrafe per il rinnovo: porta una fototessera recente e la carta attuale.`,
      sentDay: sent,
      read: this.b.wasRead(sent),
      dueDay: expiry,
    });
  }

  // ---- personas -----------------------------------------------------------------------------
}
