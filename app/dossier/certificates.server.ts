import crypto from "node:crypto";
import type { CertificateKind, Sex, Db } from "../../db/schema";
import { appendAudit } from "~/audit.server";
import { createPdf, pdfToBuffer } from "~/pdf.server";
import { formatDateIt, romeDay } from "~/rules/time";
import {
  contentHash,
  orderMembers,
  subjectInitials,
  type CertifiedContent,
} from "~/rules/certificate-content";
import {
  CERTIFICATE_KIND_LABEL,
  CERTIFICATE_KINDS,
  CERTIFICATE_PURPOSES,
  RELATION_LABEL,
  type CertificatePurpose,
} from "~/dossier/labels";
import { base32Alphabet, formatVerificationCode, VERIFICATION_CODE_LENGTH } from "~/dossier/verification-code";
import { paginate } from "~/pagination.server";

export type { CertifiedContent };
export { CERTIFICATE_KIND_LABEL, CERTIFICATE_KINDS, CERTIFICATE_PURPOSES };

/** A new verification code: 20 random bytes, of which the low 5 bits each pick a character (uniformly). */
export function generateVerificationCode(random: (n: number) => Uint8Array = crypto.randomBytes): string {
  let out = "";
  for (const b of random(VERIFICATION_CODE_LENGTH)) out += base32Alphabet.charAt(b & 31);
  return out;
}

/**
 * Registry certificates (residenza, stato di famiglia, nascita). What a certificate certifies is
 * read from the registry as it stood on the day of issue and written down canonically; its
 * SHA-256 is stored with the certificate. A later download rebuilds the same content from the
 * same data (as of that day), so the PDF is the same bytes; should the registry's past have been
 * rewritten meanwhile, the hashes differ and the download is refused rather than certifying
 * something else under the same code.
 */

export function isCertificateKind(value: unknown): value is CertificateKind {
  return typeof value === "string" && (CERTIFICATE_KINDS as readonly string[]).includes(value);
}

export function isCertificatePurpose(value: unknown): value is CertificatePurpose {
  return typeof value === "string" && Object.hasOwn(CERTIFICATE_PURPOSES, value);
}

// ---------------------------------------------------------------------------------------------
// Certified content

/**
 * The registry as it stood on `day` (residence and household current on that day). Null when the
 * citizen had no residence in a comune of the region that day: no comune can certify them.
 */
export async function readCertifiedContent(
  db: Db,
  citizenId: number,
  p: { kind: CertificateKind; day: string; purpose: string; verificationCode: string },
): Promise<CertifiedContent | null> {
  const [subject, residence] = await Promise.all([
    db
      .selectFrom("citizens")
      .select([
        "codice_fiscale",
        "surname",
        "name",
        "sex",
        "birth_date",
        "birth_place",
        "birth_province",
        "citizenship",
      ])
      .where("id", "=", citizenId)
      .executeTakeFirst(),
    db
      .selectFrom("residences as r")
      .innerJoin("entities as e", "e.id", "r.entity_id")
      .select([
        "r.address",
        "r.postal_code",
        "r.start_date",
        "e.id as entity_id",
        "e.kind as entity_kind",
        "e.name as entity_name",
        "e.fiscal_code as entity_fiscal_code",
        "e.address as entity_address",
        "e.province_code",
      ])
      .where("r.citizen_id", "=", citizenId)
      .where("r.start_date", "<=", p.day)
      .where((w) => w.or([w("r.end_date", "is", null), w("r.end_date", ">", p.day)]))
      .orderBy("r.start_date", "desc")
      .orderBy("r.id", "desc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  if (!subject || !residence || residence.entity_kind !== "comune") return null;

  let household: CertifiedContent["household"] = null;
  if (p.kind === "stato_famiglia") {
    const rows = await db
      .selectFrom("household_members as hm")
      .innerJoin("households as h", "h.id", "hm.household_id")
      .innerJoin("citizens as c", "c.id", "hm.citizen_id")
      .select([
        "h.id as household_id",
        "h.code",
        "h.address",
        "c.id as citizen_id",
        "c.surname",
        "c.name",
        "c.sex",
        "c.birth_date",
        "c.birth_place",
        "c.birth_province",
        "hm.relation",
      ])
      .where("hm.household_id", "in", (eb) =>
        eb
          .selectFrom("household_members as own")
          .select("own.household_id")
          .where("own.citizen_id", "=", citizenId)
          .where("own.since_date", "<=", p.day)
          .where((w) => w.or([w("own.until_date", "is", null), w("own.until_date", ">", p.day)])),
      )
      .where("hm.since_date", "<=", p.day)
      .where((w) => w.or([w("hm.until_date", "is", null), w("hm.until_date", ">", p.day)]))
      .orderBy("hm.household_id")
      .orderBy("c.id")
      .execute();
    const own = rows.find((r) => r.citizen_id === citizenId);
    if (own) {
      const members = orderMembers(
        rows
          .filter((r) => r.household_id === own.household_id)
          .map((r) => ({
            surname: r.surname,
            name: r.name,
            sex: r.sex,
            birthDate: r.birth_date,
            birthPlace: r.birth_place,
            birthProvince: r.birth_province,
            relation: r.relation,
          })),
      );
      household = { code: own.code, address: own.address, members };
    }
  }

  return {
    version: 1,
    kind: p.kind,
    verificationCode: p.verificationCode,
    issuedOn: p.day,
    purpose: p.purpose,
    issuer: {
      enteId: residence.entity_id,
      name: residence.entity_name,
      codiceFiscale: residence.entity_fiscal_code,
      address: residence.entity_address,
      province: residence.province_code,
    },
    subject: {
      codiceFiscale: subject.codice_fiscale,
      surname: subject.surname,
      name: subject.name,
      sex: subject.sex,
      birthDate: subject.birth_date,
      birthPlace: subject.birth_place,
      birthProvince: subject.birth_province,
      citizenship: subject.citizenship,
    },
    residence:
      p.kind === "nascita"
        ? null
        : { address: residence.address, postalCode: residence.postal_code, since: residence.start_date },
    household,
  };
}

// ---------------------------------------------------------------------------------------------
// Queries

export interface CertificateSummary {
  id: number;
  kind: CertificateKind;
  enteName: string;
  verificationCode: string;
  purpose: string;
  issuedAt: string;
  /** Hash of the certified content, as printed on the certificate. */
  contentHash: string;
}

export const CERTIFICATES_PAGE_SIZE = 20;

/** The citizen's certificates, newest first: the one query behind the list and the data export. */
function certificatesQuery(db: Db, citizenId: number) {
  return db
    .selectFrom("certificates as c")
    .innerJoin("entities as e", "e.id", "c.entity_id")
    .select([
      "c.id",
      "c.kind",
      "e.name as entity_name",
      "c.verification_code",
      "c.purpose",
      "c.issued_at",
      "c.content_hash",
    ])
    .where("c.citizen_id", "=", citizenId)
    .orderBy("c.issued_at", "desc")
    .orderBy("c.id", "desc");
}

type CertificateRow = Awaited<ReturnType<ReturnType<typeof certificatesQuery>["executeTakeFirstOrThrow"]>>;

function toCertificateSummary(r: CertificateRow): CertificateSummary {
  return {
    id: r.id,
    kind: r.kind,
    enteName: r.entity_name,
    verificationCode: r.verification_code,
    purpose: r.purpose,
    issuedAt: r.issued_at,
    contentHash: r.content_hash,
  };
}

/** The citizen's certificates, newest first, a page at a time. */
export async function listCertificates(
  db: Db,
  citizenId: number,
  opts: { page?: number; pageSize?: number } = {},
): Promise<{ items: CertificateSummary[]; total: number; page: number; pages: number }> {
  const { rows, total, page, pageCount } = await paginate(certificatesQuery(db, citizenId), {
    page: opts.page ?? 1,
    pageSize: opts.pageSize ?? CERTIFICATES_PAGE_SIZE,
  });
  return { items: rows.map(toCertificateSummary), total, page, pages: pageCount };
}

/** Every certificate of the citizen, newest first (the data export). */
export async function listAllCertificates(db: Db, citizenId: number): Promise<CertificateSummary[]> {
  const rows = await certificatesQuery(db, citizenId).execute();
  return rows.map(toCertificateSummary);
}

/** One of the citizen's certificates; undefined for an id that is not theirs. */
export async function getCertificate(db: Db, citizenId: number, certificateId: number) {
  return db
    .selectFrom("certificates")
    .selectAll()
    .where("id", "=", certificateId)
    .where("citizen_id", "=", citizenId)
    .executeTakeFirst();
}

export interface VerifiedCertificate {
  kind: CertificateKind;
  enteName: string;
  issuedAt: string;
  subjectInitials: string;
  purpose: string;
  contentHash: string;
}

/**
 * Public verification: the code itself is the only key (80 random bits), so no citizen scope
 * here; only what the verification page may show is selected.
 */
export async function findCertificateByCode(
  db: Db,
  normalizedCode: string,
): Promise<VerifiedCertificate | null> {
  const row = await db
    .selectFrom("certificates as c")
    .innerJoin("entities as e", "e.id", "c.entity_id")
    .select([
      "c.kind",
      "e.name as entity_name",
      "c.issued_at",
      "c.subject_initials",
      "c.purpose",
      "c.content_hash",
    ])
    .where("c.verification_code", "=", normalizedCode)
    .executeTakeFirst();
  if (!row) return null;
  return {
    kind: row.kind,
    enteName: row.entity_name,
    issuedAt: row.issued_at,
    subjectInitials: row.subject_initials,
    purpose: row.purpose,
    contentHash: row.content_hash,
  };
}

export class CertificateRefused extends Error {}

/**
 * Issues a certificate: content read, hashed and stored together with its audit row, in one
 * transaction. Throws CertificateRefused (with an Italian message) when no comune can certify.
 */
export async function issueCertificate(
  db: Db,
  p: {
    citizenId: number;
    kind: CertificateKind;
    purpose: string;
    issuedAt: string;
    auditKey: string;
    actorCodiceFiscale: string;
    /** "delegato" when someone acting for the citizen asks (actorCodiceFiscale is then theirs). */
    actorKind?: "cittadino" | "delegato";
    /** The name of the person acting for the citizen: the citizen is then told by a message. */
    delegateName?: string | null;
  },
): Promise<{ id: number; verificationCode: string }> {
  return db.transaction().execute(async (trx) => {
    const verificationCode = generateVerificationCode();
    const content = await readCertifiedContent(trx, p.citizenId, {
      kind: p.kind,
      day: romeDay(p.issuedAt),
      purpose: p.purpose,
      verificationCode,
    });
    if (!content) {
      throw new CertificateRefused(
        "Non risulti residente in un comune della regione: il certificato va richiesto al comune di residenza.",
      );
    }
    if (p.kind === "stato_famiglia" && !content.household) {
      throw new CertificateRefused(
        "Non risulti iscritto in una famiglia anagrafica: rivolgiti all'ufficio anagrafe del tuo comune.",
      );
    }
    const row = await trx
      .insertInto("certificates")
      .values({
        citizen_id: p.citizenId,
        entity_id: content.issuer.enteId,
        kind: p.kind,
        verification_code: verificationCode,
        content_hash: contentHash(content),
        subject_initials: subjectInitials(content.subject.name, content.subject.surname),
        purpose: p.purpose,
        issued_at: p.issuedAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(trx, p.auditKey, {
      actorKind: p.actorKind ?? "cittadino",
      actorCodiceFiscale: p.actorCodiceFiscale,
      enteId: content.issuer.enteId,
      subjectCitizenId: p.citizenId,
      action: "certificate.issue",
      section: "certificati",
      details: { certificateId: row.id, kind: p.kind },
    }, new Date(p.issuedAt));
    if (p.delegateName) {
      await trx
        .insertInto("messages")
        .values({
          citizen_id: p.citizenId,
          sender_entity_id: content.issuer.enteId,
          sender_office_id: null,
          operator_id: null,
          subject: `${p.delegateName} ha richiesto per tuo conto un certificato`,
          body:
            `${p.delegateName} (codice fiscale ${p.actorCodiceFiscale}), che agisce per tuo conto, ha ottenuto un ` +
            `${CERTIFICATE_KIND_LABEL[p.kind].toLowerCase()} a tuo nome. Lo trovi tra i tuoi certificati.`,
          sent_at: p.issuedAt,
          read_at: null,
          due_date: null,
          payment_option_id: null,
          pratica_id: null,
        })
        .execute();
    }
    return { id: row.id, verificationCode };
  });
}

/**
 * The content of a stored certificate, rebuilt from the registry as of its day of issue; null
 * when the registry no longer gives the content that was certified (the hashes differ).
 */
export async function rebuildCertifiedContent(
  db: Db,
  certificate: {
    citizen_id: number;
    kind: CertificateKind;
    issued_at: string;
    purpose: string;
    verification_code: string;
    content_hash: string;
  },
): Promise<CertifiedContent | null> {
  const content = await readCertifiedContent(db, certificate.citizen_id, {
    kind: certificate.kind,
    day: romeDay(certificate.issued_at),
    purpose: certificate.purpose,
    verificationCode: certificate.verification_code,
  });
  if (!content || contentHash(content) !== certificate.content_hash) return null;
  return content;
}

// ---------------------------------------------------------------------------------------------
// PDF

function place(p: { birthPlace: string; birthProvince: string | null }): string {
  return p.birthProvince ? `${p.birthPlace} (${p.birthProvince})` : p.birthPlace;
}

function born(sex: Sex): string {
  return sex === "F" ? "nata" : "nato";
}

const INK = "#1a1a1a";
const MUTED = "#4d4d4d";
const PRIMARY = "#0066cc";

/**
 * The certificate as an A4 PDF. Everything on it comes from the content and the stored row, and
 * the creation date is the issue instant, so rendering twice gives the same bytes.
 */
export async function renderCertificatePdf(p: {
  content: CertifiedContent;
  issuedAt: string;
  contentHash: string;
  verifyUrl: string;
  portalName: string;
  demo: boolean;
}): Promise<Buffer> {
  const { content: c } = p;
  const title = CERTIFICATE_KIND_LABEL[c.kind];
  const doc = await createPdf({ title, author: c.issuer.name, subject: `${title} - ${c.issuer.name}` });
  pinCreationDate(doc, new Date(p.issuedAt));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  // Header: the issuing comune.
  doc.font("bold").fontSize(18).fillColor(PRIMARY).text(c.issuer.name, left, 50, { width });
  doc.font("regular").fontSize(10).fillColor(MUTED).text("Servizi demografici - Ufficio anagrafe", { width });
  doc.text(`${c.issuer.address} - C.F. ${c.issuer.codiceFiscale}`, { width });
  doc
    .moveTo(left, doc.y + 8)
    .lineTo(left + width, doc.y + 8)
    .lineWidth(1)
    .strokeColor(PRIMARY)
    .stroke();
  doc.moveDown(1.5);

  doc.font("bold").fontSize(16).fillColor(INK).text(title.toUpperCase(), { width, align: "center" });
  doc.font("regular").fontSize(10).fillColor(MUTED).text(c.purpose, { width, align: "center" });
  doc.moveDown(1.2);

  doc.font("serif").fontSize(11).fillColor(INK);
  doc.text("L'ufficiale d'anagrafe, sulla base delle risultanze dell'anagrafe della popolazione residente,", {
    width,
  });
  doc.font("bold").text("CERTIFICA", { width, align: "center" });
  doc.moveDown(0.5);

  const s = c.subject;
  const fieldRow = (label: string, value: string) => {
    const y = doc.y;
    doc.font("regular").fontSize(10).fillColor(MUTED).text(label, left, y, { width: 150 });
    doc
      .font("bold")
      .fontSize(11)
      .fillColor(INK)
      .text(value, left + 160, y, { width: width - 160 });
    doc.moveDown(0.3);
  };
  fieldRow("Cognome e nome", `${s.surname.toUpperCase()} ${s.name.toUpperCase()}`);
  fieldRow("Codice fiscale", s.codiceFiscale);
  fieldRow("Sesso", s.sex === "F" ? "Femminile" : "Maschile");
  fieldRow(`${born(s.sex) === "nata" ? "Nata" : "Nato"} a`, place(s));
  fieldRow("Data di nascita", formatDateIt(s.birthDate));
  fieldRow("Cittadinanza", s.citizenship);
  doc.moveDown(0.6);
  doc.x = left;

  doc.font("serif").fontSize(11).fillColor(INK);
  if (c.kind === "nascita") {
    doc.text(
      `che ${s.name} ${s.surname} è ${born(s.sex)} a ${place(s)} il ${formatDateIt(s.birthDate)}, come risulta ` +
        `dai dati anagrafici.`,
      { width },
    );
  } else if (c.residence) {
    const r = c.residence;
    const comune = c.issuer.name.replace(/^Comune di /, "");
    doc.text(
      `che ${s.name} ${s.surname} risiede a ${comune}${c.issuer.province ? ` (${c.issuer.province})` : ""}, in ` +
        `${r.address}, ${r.postalCode}, dal ${formatDateIt(r.since)}.`,
      { width },
    );
  }
  if (c.kind === "stato_famiglia" && c.household) {
    doc.moveDown(0.6);
    doc.text(`e che la sua famiglia anagrafica (scheda n. ${c.household.code}) risulta così composta:`, {
      width,
    });
    doc.moveDown(0.5);
    const cols = [left, left + 170, left + 330];
    const headerY = doc.y;
    doc.font("bold").fontSize(9).fillColor(MUTED);
    doc.text("COGNOME E NOME", cols[0], headerY, { width: 165 });
    doc.text("NASCITA", cols[1], headerY, { width: 155 });
    doc.text("RAPPORTO CON L'INTESTATARIO", cols[2], headerY, { width: width - 330 });
    doc.moveDown(0.3);
    for (const m of c.household.members) {
      const y = doc.y;
      doc.font("regular").fontSize(10).fillColor(INK);
      doc.text(`${m.surname.toUpperCase()} ${m.name.toUpperCase()}`, cols[0], y, { width: 165 });
      const h1 = doc.y;
      doc.text(`${place(m)}, ${formatDateIt(m.birthDate)}`, cols[1], y, { width: 155 });
      const h2 = doc.y;
      doc.text(RELATION_LABEL[m.relation][m.sex], cols[2], y, { width: width - 330 });
      doc.y = Math.max(h1, h2, doc.y) + 4;
    }
    doc.x = left;
  }
  doc.moveDown(1);
  doc.font("regular").fontSize(10).fillColor(INK);
  doc.text(`Si rilascia a richiesta dell'interessato (${c.purpose.toLowerCase()}).`, left, doc.y, { width });
  doc.text(`${c.issuer.name.replace(/^Comune di /, "")}, ${formatDateIt(c.issuedOn)}`, { width });
  doc.moveDown(0.6);
  doc
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      "Il presente certificato non può essere prodotto agli organi della pubblica amministrazione o ai privati " +
        "gestori di pubblici servizi (art. 40, comma 02, D.P.R. 445/2000).",
      { width },
    );
  if (p.demo) {
    doc.moveDown(0.4);
    doc
      .font("bold")
      .fillColor("#a61919")
      .text(
        "Documento dimostrativo: le persone e i dati sono inventati, il certificato non ha valore legale.",
        {
          width,
        },
      );
  }

  // Verification box at the foot of the page.
  const { default: QRCode } = await import("qrcode");
  const qr = await QRCode.toBuffer(p.verifyUrl, {
    errorCorrectionLevel: "M",
    type: "png",
    margin: 1,
    width: 240,
  });
  const boxTop = doc.page.height - doc.page.margins.bottom - 130;
  if (doc.y + 16 > boxTop) doc.addPage();
  const boxY = Math.max(boxTop, doc.y + 16);
  doc.rect(left, boxY, width, 120).lineWidth(0.8).strokeColor("#b3b3b3").stroke();
  doc.image(qr, left + 10, boxY + 10, { width: 100, height: 100 });
  const tx = left + 125;
  const tw = width - 135;
  doc
    .font("bold")
    .fontSize(10)
    .fillColor(INK)
    .text("Verifica dell'autenticità", tx, boxY + 12, { width: tw });
  doc
    .font("regular")
    .fontSize(9)
    .fillColor(MUTED)
    .text("Inquadra il codice QR o apri l'indirizzo qui sotto per verificare il certificato.", { width: tw });
  doc
    .font("mono")
    .fontSize(14)
    .fillColor(INK)
    .text(formatVerificationCode(c.verificationCode), { width: tw });
  doc.font("regular").fontSize(8).fillColor(PRIMARY).text(p.verifyUrl, { width: tw, link: p.verifyUrl });
  doc
    .font("mono")
    .fontSize(7)
    .fillColor(MUTED)
    .text(`Impronta SHA-256 del contenuto: ${p.contentHash}`, { width: tw });
  // The footer sits in the bottom margin: lift the margin so PDFKit does not start a new page.
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc
    .font("regular")
    .fontSize(7)
    .fillColor(MUTED)
    .text(`Emesso tramite ${p.portalName} il ${formatDateIt(p.issuedAt)}.`, left, doc.page.height - 36, {
      width,
      align: "center",
      lineBreak: false,
    });
  doc.page.margins.bottom = bottom;
  return pdfToBuffer(doc);
}

/**
 * PDFKit stamps the creation instant (and a file id derived from it) when the document is
 * created; pinning both to the issue instant makes a re-download byte-identical to the first.
 */
export function pinCreationDate(doc: PDFKit.PDFDocument, date: Date): void {
  const d = doc as unknown as { info: Record<string, unknown>; _id?: Buffer };
  d.info.CreationDate = date;
  let s = `${date.getTime()}\n`;
  for (const [k, v] of Object.entries(d.info)) s += `${k}: ${String(v instanceof Date ? v.getTime() : v)}\n`;
  d._id = crypto.createHash("md5").update(s).digest();
}
