import { describe, expect, it } from "vitest";
import { parsePositionInput } from "~/payments/position-schema.server";
import { rawPosition, TODAY } from "../../tests/support/position-sample";

describe("parsePositionInput", () => {
  it("accepts a single payment and normalises the debtor's code", () => {
    const r = parsePositionInput(rawPosition({ debtorFiscalCode: " rssmra80h63h501x " }), { today: TODAY });
    expect(r).toMatchObject({
      ok: true,
      value: {
        type: "F",
        debtorFiscalCode: "RSSMRA80H63H501X",
        iupd: null,
        isPartialPayment: false,
        switchToExpired: false,
        options: [
          { amountCents: 15000, transfers: [{ idTransfer: 1, organizationFiscalCode: null, iban: null }] },
        ],
      },
    });
  });

  it("keys Italian messages by field path", () => {
    const r = parsePositionInput(
      {
        type: "X",
        debtorFiscalCode: "RSSMRA80H63H501Y",
        debtorName: "",
        service: "PARCHEGGIO",
        description: "x".repeat(141),
        iupd: "con spazi",
        options: [
          {
            amountCents: 10.5,
            description: "Rata",
            dueDate: "2026-02-30",
            retentionDate: "oggi",
            transfers: [
              {
                amountCents: 100,
                remittanceInformation: "ok",
                category: "9/0101100IM",
                iban: "IT00X0000000000000000000000",
              },
            ],
          },
        ],
      },
      { today: TODAY },
    );
    expect(r.ok).toBe(false);
    const errors = (r as { errors: Record<string, string> }).errors;
    expect(errors.type).toMatch(/F \(persona fisica\) o G/);
    expect(errors.debtorFiscalCode).toBeUndefined(); // no type, no rule to check it against
    expect(errors.debtorName).toBe("Indica il nome del debitore.");
    expect(errors.service).toMatch(/IMU, TARI/);
    expect(errors.description).toMatch(/al massimo 140 caratteri \(ne hai scritti 141\)/);
    expect(errors.iupd).toMatch(/IUPD/);
    expect(errors["options[0].amountCents"]).toMatch(/numero intero di centesimi/);
    expect(errors["options[0].dueDate"]).toMatch(/data valida/);
    expect(errors["options[0].retentionDate"]).toMatch(/data valida/);
    expect(errors["options[0].transfers[0].category"]).toBe(
      "La categoria (tassonomia pagoPA) deve avere la forma 9/0101100IM/.",
    );
    expect(errors["options[0].transfers[0].iban"]).toMatch(/IBAN non è valido/);
  });

  it("checks the debtor's code by type: codice fiscale for F, partita IVA for G", () => {
    const f = parsePositionInput(rawPosition({ debtorFiscalCode: "RSSMRA80H63H501Y" }));
    expect(f).toMatchObject({
      ok: false,
      errors: { debtorFiscalCode: "Il carattere di controllo non è corretto." },
    });
    const g = parsePositionInput(rawPosition({ type: "G", debtorFiscalCode: "00743110158" }));
    expect(g).toMatchObject({
      ok: false,
      errors: { debtorFiscalCode: expect.stringMatching(/partita IVA non è valida/) },
    });
    expect(parsePositionInput(rawPosition({ type: "G", debtorFiscalCode: "00743110157" })).ok).toBe(true);
    expect(
      parsePositionInput(rawPosition({ type: "G", debtorFiscalCode: "RSSMRA80H63H501X" })),
    ).toMatchObject({
      ok: false,
      errors: { debtorFiscalCode: expect.stringMatching(/11 cifre/) },
    });
  });

  it("refuses a due date in the past, a retention date before the due date and transfers that do not add up", () => {
    const r = parsePositionInput(
      rawPosition({
        options: [
          {
            amountCents: 15000,
            description: "TARI",
            dueDate: "2026-11-25",
            transfers: [
              { amountCents: 10000, remittanceInformation: "TARI", category: "9/0101101IM/" },
              { amountCents: 4000, remittanceInformation: "TEFA", category: "9/0101101IM/" },
            ],
          },
        ],
      }),
      { today: TODAY },
    );
    expect(r).toMatchObject({
      ok: false,
      errors: {
        "options[0].dueDate": "La scadenza non può essere già passata.",
        "options[0].transfers":
          "La somma dei trasferimenti (€ 140,00) deve essere uguale all'importo (€ 150,00).",
      },
    });
    const retention = parsePositionInput(
      rawPosition({
        options: [
          {
            amountCents: 100,
            description: "x",
            dueDate: "2026-12-31",
            retentionDate: "2026-12-30",
            transfers: [{ amountCents: 100, remittanceInformation: "x", category: "9/0101101IM/" }],
          },
        ],
      }),
    );
    expect(retention).toMatchObject({
      ok: false,
      errors: { "options[0].retentionDate": expect.any(String) },
    });
    const six = parsePositionInput(
      rawPosition({
        options: [
          {
            amountCents: 600,
            description: "x",
            dueDate: "2026-12-31",
            transfers: Array.from({ length: 6 }, () => ({
              amountCents: 100,
              remittanceInformation: "x",
              category: "9/0101101IM/",
            })),
          },
        ],
      }),
    );
    expect(six).toMatchObject({
      ok: false,
      errors: { "options[0].transfers": "Al massimo 5 trasferimenti per opzione di pagamento." },
    });
  });

  it("wants one single payment or at least two instalments in order of due date", () => {
    const opt = (dueDate: string, extra: Record<string, unknown> = {}) => ({
      amountCents: 100,
      description: "Rata",
      dueDate,
      transfers: [{ amountCents: 100, remittanceInformation: "x", category: "9/0101101IM/" }],
      ...extra,
    });
    expect(
      parsePositionInput(
        rawPosition({ isPartialPayment: false, options: [opt("2026-12-01"), opt("2027-01-01")] }),
      ),
    ).toMatchObject({
      ok: false,
      errors: { options: expect.stringMatching(/unica soluzione ha una sola opzione/) },
    });
    expect(
      parsePositionInput(rawPosition({ isPartialPayment: true, options: [opt("2026-12-01")] })),
    ).toMatchObject({
      ok: false,
      errors: { options: "Un pagamento a rate ha almeno due rate." },
    });
    expect(
      parsePositionInput(rawPosition({ options: [opt("2027-01-01"), opt("2026-12-01")] })),
    ).toMatchObject({
      ok: false,
      errors: { "options[1].dueDate": "Le rate vanno indicate in ordine di scadenza." },
    });
    expect(
      parsePositionInput(
        rawPosition({
          options: [
            opt("2026-12-01", { isPartialPayment: true }),
            opt("2027-01-01", { isPartialPayment: false }),
          ],
        }),
      ),
    ).toMatchObject({ ok: false, errors: { "options[1].isPartialPayment": expect.any(String) } });
    const ok = parsePositionInput(rawPosition({ options: [opt("2026-12-01"), opt("2027-01-01")] }));
    expect(ok).toMatchObject({ ok: true, value: { isPartialPayment: true } });
  });

  it("refuses a validity date after the first due date", () => {
    expect(parsePositionInput(rawPosition({ validityDate: "2027-01-01" }))).toMatchObject({
      ok: false,
      errors: { validityDate: "La data di validità non può essere successiva alla prima scadenza." },
    });
  });
});
