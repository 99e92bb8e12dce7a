// A debt position as a creditor sends it, for the tests of its schema and of the creditor side.

export const TODAY = "2026-11-26";

/** A position as a creditor sends it (one TARI option), with `overrides` on top. */
export function rawPosition(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "F",
    debtorFiscalCode: "RSSMRA80H63H501X",
    debtorName: "Maria Rossi",
    service: "TARI",
    description: "TARI 2026 - saldo",
    options: [
      {
        amountCents: 15000,
        description: "TARI 2026 unica soluzione",
        dueDate: "2026-12-31",
        transfers: [{ amountCents: 15000, remittanceInformation: "TARI 2026", category: "9/0101101IM/" }],
      },
    ],
    ...overrides,
  };
}
