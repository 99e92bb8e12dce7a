import { describe, expect, it } from "vitest";
import {
  POSITION_SERVICES,
  SERVICE_TAXONOMY,
  serviceCategoryProblem,
  type PositionService,
} from "~/payments/creditor-input";
import { parsePositionInput } from "~/payments/position-schema.server";
import { TAXONOMY } from "~/payments/taxonomy";

const TODAY = "2026-11-26";

/** A position as the API's body is mapped onto the core's names, with one transfer. */
function position(service: string, categories: string[]) {
  return {
    type: "F",
    debtorFiscalCode: "MRTCHR86C52L219H",
    debtorName: "Chiara Martinetti",
    service,
    description: "Refezione scolastica novembre 2026",
    options: [
      {
        amountCents: 4550 * categories.length,
        description: "Refezione scolastica - novembre 2026",
        dueDate: "2026-12-20",
        transfers: categories.map((category, i) => ({
          idTransfer: i + 1,
          amountCents: 4550,
          remittanceInformation: "Refezione scolastica novembre 2026",
          category,
        })),
      },
    ],
  };
}

describe("service and taxonomy category", () => {
  it("gives each service with a code of its own that code among the allowed ones", () => {
    for (const s of POSITION_SERVICES) {
      const { own, allowed } = SERVICE_TAXONOMY[s];
      if (own) expect(allowed, s).toContain(own);
      if (own) expect(serviceCategoryProblem(s, own), s).toBeNull();
    }
  });

  it("refuses, for the API too, a canteen's code under IMU and IMU's code under the ente's services", () => {
    const underImu = parsePositionInput(position("IMU", ["9/0201133IM/"]), { today: TODAY });
    expect(!underImu.ok && underImu.errors).toEqual({
      "options[0].transfers[0].category":
        "La categoria 9/0201133IM/ non corrisponde al servizio IMU: usa IMU - Imposta municipale propria (9/0101100IM/).",
    });
    const borrowed = parsePositionInput(position("SERVIZI", ["9/0201133IM/", TAXONOMY.IMU.code]), {
      today: TODAY,
    });
    expect(!borrowed.ok && Object.keys(borrowed.errors)).toEqual(["options[0].transfers[1].category"]);
    expect(!borrowed.ok && borrowed.errors["options[0].transfers[1].category"]).toMatch(
      /^La categoria IMU - Imposta municipale propria \(9\/0101100IM\/\) è riservata al servizio IMU: /,
    );
    expect(parsePositionInput(position("SERVIZI", ["9/0201133IM/"]), { today: TODAY }).ok).toBe(true);
  });

  it("lets the TARI carry the TEFA, and an assessment the code of the tax assessed", () => {
    const cases: Array<[PositionService, string[], boolean]> = [
      ["TARI", [TAXONOMY.TARI.code, TAXONOMY.TEFA.code], true],
      ["TARI", [TAXONOMY.IMU.code], false],
      ["ACCERTAMENTO", [TAXONOMY.IMU.code], true],
      ["ACCERTAMENTO", [TAXONOMY.TARI.code, TAXONOMY.TEFA.code], true],
      ["ACCERTAMENTO", [TAXONOMY.MULTA.code], false],
      ["MULTA", [TAXONOMY.MULTA.code, TAXONOMY.MULTA.code], true],
      ["BOLLO", [TAXONOMY.TICKET.code], false],
      ["SERVIZI", [TAXONOMY.SOGGIORNO.code], true],
      ["SERVIZI", [TAXONOMY.TEFA.code], false],
    ];
    for (const [service, categories, ok] of cases)
      expect(
        parsePositionInput(position(service, categories), { today: TODAY }).ok,
        `${service} ${categories}`,
      ).toBe(ok);
  });

  it("names the description and the debtor's name in the caller's words", () => {
    const raw = { ...position("SERVIZI", ["9/0201133IM/"]), description: "", debtorName: "" };
    const plain = parsePositionInput(raw, { today: TODAY });
    expect(!plain.ok && [plain.errors.description, plain.errors.debtorName]).toEqual([
      "Indica la descrizione.",
      "Indica il nome del debitore.",
    ]);
    const named = parsePositionInput(raw, {
      today: TODAY,
      names: { description: "la causale", debtorName: "cognome e nome" },
    });
    expect(!named.ok && [named.errors.description, named.errors.debtorName]).toEqual([
      "Indica la causale.",
      "Indica cognome e nome.",
    ]);
  });
});
