import type { CertifiedContent } from "../../app/rules/certificate-content";
import { PERSONA_FAMIGLIA as CHIARA } from "../../db/seed/personas";

const { codiceFiscale, surname, name, sex, birthDate, birthPlace, birthProvince } = CHIARA;

/** A household certificate of the demo family, shared by the certificate tests. */
export const SAMPLE: CertifiedContent = {
  version: 1,
  kind: "stato_famiglia",
  verificationCode: "TQON5JULACMGO5XIUN3Y",
  issuedOn: "2026-11-26",
  purpose: "Uso amministrativo",
  issuer: {
    enteId: 6,
    name: "Comune di Torino",
    codiceFiscale: "00514490010",
    address: "Piazza Palazzo di Città 1, 10122 Torino",
    province: "TO",
  },
  subject: {
    codiceFiscale,
    surname,
    name,
    sex,
    birthDate,
    birthPlace,
    birthProvince,
    citizenship: "Italiana",
  },
  residence: { address: "Via Nizza 120", postalCode: "10126", since: "2014-05-02" },
  household: {
    code: "000123",
    address: "Via Nizza 120",
    members: [
      {
        surname: "Martinetti",
        name: "Sofia",
        sex: "F",
        birthDate: "2015-09-01",
        birthPlace: "Torino",
        birthProvince: "TO",
        relation: "figlio",
      },
      { surname, name, sex, birthDate, birthPlace, birthProvince, relation: "coniuge" },
      {
        surname: "Bertola",
        name: "Luca",
        sex: "M",
        birthDate: "1984-01-20",
        birthPlace: "Chieri",
        birthProvince: "TO",
        relation: "intestatario",
      },
    ],
  },
};
