/**
 * The public creditors and their offices. Names and places are real, identifiers are fictional
 * but well formed (partita IVA check digit, IBAN check digits and CIN, IPA-style codes).
 */
import { makeItalianIban } from "../../app/rules/iban";
import { makePartitaIva } from "../../app/rules/partita-iva";
import type { EnteKind, Row } from "../schema";

export interface EnteSpec {
  key: string;
  kind: EnteKind;
  name: string;
  /** First 10 digits of the fiscal code; the check digit is computed. */
  fiscalBase: string;
  ipa: string;
  belfiore: string | null;
  province: string | null;
  parentKey: string | null;
  segregation: string;
  domain: string;
  address: string;
  phone: string;
  postalAccount: string | null;
  imuRateBp: number;
  tariInstalments: number;
  showOperatorNames: 0 | 1;
  /** Comuni: share of residents, postal codes, patron saint's day (a local holiday). */
  population?: number;
  postalCodes?: readonly string[];
  patronDay?: string;
}

// prettier-ignore
export const ENTE_SPECS: readonly EnteSpec[] = [
  {
    key: "regione", kind: "regione", name: "Regione Piemonte", fiscalBase: "8008765001", ipa: "r_piemon",
    belfiore: null, province: null, parentKey: null, segregation: "96", domain: "regione.piemonte.demo.it",
    address: "Piazza Piemonte 1, 10127 Torino", phone: "+39 011 4321000", postalAccount: "10364107",
    imuRateBp: 0, tariInstalments: 0, showOperatorNames: 1,
  },
  {
    key: "cm_to", kind: "provincia", name: "Città metropolitana di Torino", fiscalBase: "0151489001", ipa: "cmto",
    belfiore: null, province: "TO", parentKey: "regione", segregation: "20", domain: "cittametropolitana.torino.demo.it",
    address: "Corso Inghilterra 7, 10138 Torino", phone: "+39 011 8617100", postalAccount: null,
    imuRateBp: 0, tariInstalments: 0, showOperatorNames: 0,
  },
  {
    key: "prov_cn", kind: "provincia", name: "Provincia di Cuneo", fiscalBase: "0071738004", ipa: "p_cn",
    belfiore: null, province: "CN", parentKey: "regione", segregation: "21", domain: "provincia.cuneo.demo.it",
    address: "Corso Nizza 21, 12100 Cuneo", phone: "+39 0171 445100", postalAccount: null,
    imuRateBp: 0, tariInstalments: 0, showOperatorNames: 0,
  },
  {
    key: "prov_at", kind: "provincia", name: "Provincia di Asti", fiscalBase: "8000202005", ipa: "p_at",
    belfiore: null, province: "AT", parentKey: "regione", segregation: "22", domain: "provincia.asti.demo.it",
    address: "Piazza Alfieri 33, 14100 Asti", phone: "+39 0141 433100", postalAccount: null,
    imuRateBp: 0, tariInstalments: 0, showOperatorNames: 0,
  },
  {
    key: "prov_no", kind: "provincia", name: "Provincia di Novara", fiscalBase: "8001437003", ipa: "p_no",
    belfiore: null, province: "NO", parentKey: "regione", segregation: "23", domain: "provincia.novara.demo.it",
    address: "Piazza Matteotti 1, 28100 Novara", phone: "+39 0321 378100", postalAccount: null,
    imuRateBp: 0, tariInstalments: 0, showOperatorNames: 0,
  },
  {
    key: "torino", kind: "comune", name: "Comune di Torino", fiscalBase: "0051449001", ipa: "c_l219",
    belfiore: "L219", province: "TO", parentKey: "cm_to", segregation: "01", domain: "comune.torino.demo.it",
    address: "Piazza Palazzo di Città 1, 10122 Torino", phone: "+39 011 0110110", postalAccount: "22841105",
    imuRateBp: 106, tariInstalments: 3, showOperatorNames: 1, population: 45,
    postalCodes: ["10121", "10122", "10123", "10124", "10125", "10126", "10127", "10128", "10129", "10131",
      "10132", "10133", "10134", "10135", "10136", "10137", "10138", "10139", "10141", "10142", "10143",
      "10144", "10145", "10146", "10147", "10148", "10149", "10151", "10152", "10153", "10154", "10155", "10156"],
    patronDay: "06-24",
  },
  {
    key: "moncalieri", kind: "comune", name: "Comune di Moncalieri", fiscalBase: "0156974001", ipa: "c_f335",
    belfiore: "F335", province: "TO", parentKey: "cm_to", segregation: "02", domain: "comune.moncalieri.demo.it",
    address: "Piazza Vittorio Emanuele II 1, 10024 Moncalieri", phone: "+39 011 6401200", postalAccount: "31077105",
    imuRateBp: 104, tariInstalments: 2, showOperatorNames: 0, population: 9, postalCodes: ["10024"],
  },
  {
    key: "collegno", kind: "comune", name: "Comune di Collegno", fiscalBase: "0052408001", ipa: "c_c860",
    belfiore: "C860", province: "TO", parentKey: "cm_to", segregation: "03", domain: "comune.collegno.demo.it",
    address: "Piazza del Municipio 1, 10093 Collegno", phone: "+39 011 4015100", postalAccount: null,
    imuRateBp: 100, tariInstalments: 3, showOperatorNames: 1, population: 7, postalCodes: ["10093"],
  },
  {
    key: "rivoli", kind: "comune", name: "Comune di Rivoli", fiscalBase: "0052931001", ipa: "c_h355",
    belfiore: "H355", province: "TO", parentKey: "cm_to", segregation: "04", domain: "comune.rivoli.demo.it",
    address: "Corso Francia 98, 10098 Rivoli", phone: "+39 011 9513300", postalAccount: null,
    imuRateBp: 98, tariInstalments: 2, showOperatorNames: 0, population: 7, postalCodes: ["10098"],
  },
  {
    key: "cuneo", kind: "comune", name: "Comune di Cuneo", fiscalBase: "0048059004", ipa: "c_d205",
    belfiore: "D205", province: "CN", parentKey: "prov_cn", segregation: "05", domain: "comune.cuneo.demo.it",
    address: "Via Roma 28, 12100 Cuneo", phone: "+39 0171 444100", postalAccount: "15462120",
    imuRateBp: 101, tariInstalments: 4, showOperatorNames: 1, population: 9, postalCodes: ["12100"],
    patronDay: "09-29",
  },
  {
    key: "alba", kind: "comune", name: "Comune di Alba", fiscalBase: "0031917004", ipa: "c_a124",
    belfiore: "A124", province: "CN", parentKey: "prov_cn", segregation: "06", domain: "comune.alba.demo.it",
    address: "Piazza Risorgimento 1, 12051 Alba", phone: "+39 0173 292200", postalAccount: null,
    imuRateBp: 96, tariInstalments: 2, showOperatorNames: 0, population: 5, postalCodes: ["12051"],
  },
  {
    key: "asti", kind: "comune", name: "Comune di Asti", fiscalBase: "0007215005", ipa: "c_a479",
    belfiore: "A479", province: "AT", parentKey: "prov_at", segregation: "07", domain: "comune.asti.demo.it",
    address: "Piazza San Secondo 1, 14100 Asti", phone: "+39 0141 399100", postalAccount: "12873146",
    imuRateBp: 106, tariInstalments: 3, showOperatorNames: 1, population: 10, postalCodes: ["14100"],
  },
  {
    key: "novara", kind: "comune", name: "Comune di Novara", fiscalBase: "0012573003", ipa: "c_f952",
    belfiore: "F952", province: "NO", parentKey: "prov_no", segregation: "08", domain: "comune.novara.demo.it",
    address: "Via Fratelli Rosselli 1, 28100 Novara", phone: "+39 0321 370100", postalAccount: null,
    imuRateBp: 102, tariInstalments: 4, showOperatorNames: 0, population: 8, postalCodes: ["28100"],
    patronDay: "01-22",
  },
  {
    key: "asl_to", kind: "asl", name: "ASL Città di Torino", fiscalBase: "1174705001", ipa: "asl_to",
    belfiore: null, province: "TO", parentKey: "regione", segregation: "30", domain: "aslcittaditorino.demo.it",
    address: "Via San Secondo 29, 10128 Torino", phone: "+39 011 5661566", postalAccount: null,
    imuRateBp: 0, tariInstalments: 0, showOperatorNames: 0,
  },
];

export interface OfficeSpec {
  kind: string;
  name: string;
  /** Service offered in the appointment calendar, when the office takes bookings. */
  service: string | null;
}

export const COMUNE_OFFICES: readonly OfficeSpec[] = [
  {
    kind: "anagrafe",
    name: "Servizi demografici - Anagrafe",
    service: "Carta d'identità elettronica e certificati",
  },
  { kind: "tributi", name: "Ufficio tributi", service: "Consulenza IMU e TARI" },
  { kind: "polizia_locale", name: "Polizia locale", service: null },
  { kind: "urp", name: "Ufficio relazioni con il pubblico (URP)", service: "Informazioni e segnalazioni" },
  { kind: "pagamenti", name: "Servizio entrate e pagamenti", service: null },
];

export const OTHER_OFFICES: Record<string, readonly OfficeSpec[]> = {
  regione: [{ kind: "bollo", name: "Ufficio tasse automobilistiche", service: "Assistenza bollo auto" }],
  asl_to: [
    {
      kind: "sanita",
      name: "CUP - Centro unico di prenotazione",
      service: "Pagamento ticket e ritiro referti",
    },
  ],
};

const OPENING_HOURS: Record<string, string> = {
  anagrafe: "Lunedì-venerdì 8:30-12:30; martedì e giovedì anche 14:00-16:00, su appuntamento",
  tributi: "Lunedì, mercoledì e venerdì 9:00-12:30, su appuntamento",
  polizia_locale: "Tutti i giorni 8:00-19:00",
  urp: "Lunedì-venerdì 9:00-13:00",
  pagamenti: "Lunedì-venerdì 9:00-12:00",
  bollo: "Lunedì-venerdì 9:00-12:30, su appuntamento",
  sanita: "Lunedì-venerdì 8:00-15:30",
};

export function enteRows(): Row<"entities">[] {
  const ids = new Map(ENTE_SPECS.map((s, i) => [s.key, i + 1]));
  return ENTE_SPECS.map((s, i) => {
    const fiscal = makePartitaIva(s.fiscalBase);
    return {
      id: i + 1,
      kind: s.kind,
      name: s.name,
      fiscal_code: fiscal,
      ipa_code: s.ipa,
      belfiore: s.belfiore,
      province_code: s.province,
      parent_id: s.parentKey ? ids.get(s.parentKey)! : null,
      iban: makeItalianIban({
        abi: i % 2 === 0 ? "02008" : "03069",
        cab: String(1000 + i * 37).padStart(5, "0"),
        account: `0000${fiscal.slice(0, 7)}${i % 10}`,
      }),
      postal_account: s.postalAccount,
      segregation_code: s.segregation,
      email: `info@${s.domain}`,
      pec: `protocollo@pec.${s.domain}`,
      phone: s.phone,
      address: s.address,
      website: `https://www.${s.domain}`,
      imu_rate_bp: s.imuRateBp,
      imu_main_home_rate_bp: s.kind === "comune" ? 60 : 0,
      tari_instalments: s.tariInstalments,
      tefa_bp: s.kind === "comune" ? 500 : 0,
      show_operator_names: s.showOperatorNames,
    };
  });
}

export function officeRows(enti: Row<"entities">[]): Row<"offices">[] {
  const rows: Row<"offices">[] = [];
  ENTE_SPECS.forEach((spec, i) => {
    const ente = enti[i]!;
    const specs = spec.kind === "comune" ? COMUNE_OFFICES : (OTHER_OFFICES[spec.key] ?? []);
    for (const o of specs) {
      rows.push({
        id: rows.length + 1,
        entity_id: ente.id,
        name: o.name,
        kind: o.kind,
        address: ente.address,
        phone: ente.phone.replace(/\d{3}$/, String(100 + rows.length * 7).slice(-3)),
        email: `${o.kind.replace("_", "")}@${spec.domain}`,
        opening_hours: OPENING_HOURS[o.kind] ?? "Lunedì-venerdì 9:00-12:00",
      });
    }
  });
  return rows;
}
