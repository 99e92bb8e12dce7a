import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { POSTE_DATAMATRIX_FIELDS, POSTE_DATAMATRIX_LENGTH } from "~/rules/datamatrix";
import { isValidNav } from "~/rules/nav";
import { parseQrPayload } from "~/rules/qr";
import { buildNoticeDocument, renderNoticePdf, truncateText } from "~/payments/notice-pdf.server";
import { getCitizenNotice } from "~/payments/positions.server";
import { createTestDb, type TestDb } from "../../tests/support/payments-db";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

const field = (dm: string, f: keyof typeof POSTE_DATAMATRIX_FIELDS) =>
  dm.slice(
    POSTE_DATAMATRIX_FIELDS[f].start,
    POSTE_DATAMATRIX_FIELDS[f].start + POSTE_DATAMATRIX_FIELDS[f].length,
  );

describe("buildNoticeDocument", () => {
  it("puts a pagoPA QR payload and Poste's Data Matrix on each payable instalment", async () => {
    const p = await t.addPosition({
      citizenId: t.citizenA,
      amounts: [133560, 66780, 66780],
      instalments: false,
    });
    // Make options 2 and 3 instalments of the same position, option 1 the single solution.
    await t.db
      .updateTable("payment_options")
      .set({ is_partial_payment: 1, instalment_number: 1 })
      .where("id", "=", p.optionIds[1])
      .execute();
    await t.db
      .updateTable("payment_options")
      .set({ is_partial_payment: 1, instalment_number: 2 })
      .where("id", "=", p.optionIds[2])
      .execute();
    const detail = await getCitizenNotice(t.db, { optionId: p.optionIds[0], citizenId: t.citizenA });
    const n = buildNoticeDocument(detail!);

    expect(n.single).toMatchObject({ label: "Unica soluzione", amountCents: 133560 });
    expect(n.instalments.map((b) => b.label)).toEqual(["Rata 1 di 2", "Rata 2 di 2"]);
    expect(n.amountCents).toBe(133560);
    expect(n.recipient).toEqual({ name: "Maria Rossi", fiscalCode: "RSSMRA80H63H501X" });

    for (const b of [n.single!, ...n.instalments]) {
      const qr = parseQrPayload(b.qrPayload);
      expect(qr).toEqual({
        ok: true,
        value: { nav: b.nav, creditorFiscalCode: "00514490010", amountCents: b.amountCents },
      });
      expect(b.qrPayload).toBe(`PAGOPA|002|${b.nav}|00514490010|${b.amountCents}`);
      expect(isValidNav(b.nav)).toBe(true);
      expect(b.nav.slice(0, 3)).toBe("301");

      const dm = b.dataMatrix!;
      expect(dm).toHaveLength(POSTE_DATAMATRIX_LENGTH);
      expect(dm.startsWith("codfase=NBPA;18")).toBe(true);
      expect(field(dm, "nav")).toBe(b.nav);
      expect(field(dm, "postalAccount")).toBe("000022841105");
      expect(field(dm, "amountCents")).toBe(String(b.amountCents).padStart(10, "0"));
      expect(field(dm, "creditorFiscalCode")).toBe("00514490010");
      expect(field(dm, "debtorFiscalCode")).toBe("RSSMRA80H63H501X");
      expect(field(dm, "debtorName").trimEnd()).toBe("Maria Rossi");
      expect(dm.endsWith(" ".repeat(12) + "A")).toBe(true);
    }
  });

  it("prints no Data Matrix when the creditor has no postal account", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, enteId: t.regioneId, amounts: [21930] });
    const n = buildNoticeDocument(
      (await getCitizenNotice(t.db, { optionId: p.optionIds[0], citizenId: t.citizenA }))!,
    );
    expect(n.single?.dataMatrix).toBeNull();
    expect(n.postalAccount).toBeNull();
    expect(n.single?.qrPayload).toMatch(/^PAGOPA\|002\|396\d{15}\|80087650018\|21930$/);
  });

  it("leaves paid instalments and the single solution of a partly paid position off the notice", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [1000, 1000, 1000], instalments: true });
    await t.db
      .updateTable("payment_options")
      .set({ status: "PO_PAID" })
      .where("id", "=", p.optionIds[0])
      .execute();
    await t.db
      .updateTable("debt_positions")
      .set({ status: "PARTIALLY_PAID" })
      .where("id", "=", p.positionId)
      .execute();
    const n = buildNoticeDocument(
      (await getCitizenNotice(t.db, { optionId: p.optionIds[1], citizenId: t.citizenA }))!,
    );
    expect(n.single).toBeNull();
    expect(n.instalments.map((b) => b.label)).toEqual(["Rata 2 di 3", "Rata 3 di 3"]);
    expect(n.statusNote).toBeNull();
  });

  it("says when nothing can be paid any more", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [1000], status: "INVALID" });
    const n = buildNoticeDocument(
      (await getCitizenNotice(t.db, { optionId: p.optionIds[0], citizenId: t.citizenA }))!,
    );
    expect(n.statusNote).toMatch(/non più pagabile/);
    expect(n.single?.optionId).toBe(p.optionIds[0]);
  });

  it("keeps the object of the payment within 90 characters", () => {
    const long =
      "Tassa sui rifiuti (TARI) anno 2026 relativa all'immobile di via Giuseppe Garibaldi 123, Torino, categoria A/2";
    const cut = truncateText(long, 90);
    expect(cut.length).toBeLessThanOrEqual(90);
    expect(cut.endsWith("…")).toBe(true);
    expect(truncateText("IMU 2026", 90)).toBe("IMU 2026");
  });
});

describe("renderNoticePdf", () => {
  it("renders an A4 PDF with one page per group of instalments", async () => {
    const p = await t.addPosition({ citizenId: t.citizenA, amounts: [1000, 1000, 1000], instalments: true });
    const n = buildNoticeDocument(
      (await getCitizenNotice(t.db, { optionId: p.optionIds[0], citizenId: t.citizenA }))!,
    );
    const pdf = await renderNoticePdf(n, { author: "Comune di Torino" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // Postal account present: two instalments per page, so 1 + 2 pages.
    expect(pdf.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(3);
  });
});
