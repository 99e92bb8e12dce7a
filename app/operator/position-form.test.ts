import { describe, expect, it } from "vitest";
import {
  coreErrorsOnForm,
  EMPTY_POSITION_FORM,
  FIELD,
  readPositionForm,
  SERVICE_CATEGORY,
  type PositionFormValues,
} from "~/operator/position-form";
import { parsePositionForm } from "~/operator/position-form.server";

const TODAY = "2026-11-26";

function form(over: Partial<PositionFormValues> = {}, rows: Array<[string, string, string]> = []) {
  const righe = EMPTY_POSITION_FORM.righe.map((r, i) =>
    rows[i] ? { importo: rows[i]![0], causale: rows[i]![1], scadenza: rows[i]![2] } : { ...r },
  );
  return {
    ...EMPTY_POSITION_FORM,
    tipo: "F",
    cf: "CLMFRC99R04A479D",
    nominativo: "Colombo Federico",
    servizio: "MULTA",
    descrizione: "Verbale n. 123/2026",
    categoria: "9/0102100SA/",
    ...over,
    righe,
  };
}

describe("parsePositionForm", () => {
  it("turns two instalments typed the Italian way into the core's input", () => {
    const r = parsePositionForm(
      form({ modalita: "rate" }, [
        ["1.234,56", "", "2026-12-31"],
        ["", "", ""],
        ["100", "Seconda rata", "31/01/2027"],
      ]),
      TODAY,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.isPartialPayment).toBe(true);
    expect(r.value.options.map((o) => [o.amountCents, o.dueDate, o.description])).toEqual([
      [123456, "2026-12-31", "Rata 1 di 2 - Verbale n. 123/2026"],
      [10000, "2027-01-31", "Seconda rata"],
    ]);
    // One transfer per option: the whole amount, to the ente itself, under the chosen category.
    expect(r.value.options[0]!.transfers).toEqual([
      {
        idTransfer: 1,
        amountCents: 123456,
        organizationFiscalCode: null,
        iban: null,
        remittanceInformation: "Rata 1 di 2 - Verbale n. 123/2026",
        category: "9/0102100SA/",
      },
    ]);
    expect(r.value.debtorFiscalCode).toBe("CLMFRC99R04A479D");
    expect(r.value.iupd).toBeNull();
  });

  it("uses the causale for a single payment without its own description", () => {
    const r = parsePositionForm(form({}, [["50,00", "", "2026-12-15"]]), TODAY);
    expect(r.ok && r.value.options[0]!.description).toBe("Verbale n. 123/2026");
    expect(r.ok && r.value.isPartialPayment).toBe(false);
  });

  it("puts every error under its field, in the order of the form", () => {
    const r = parsePositionForm(
      form({ cf: "CLMFRC99R04A479X", modalita: "rate" }, [
        ["abc", "", "2026-12-31"],
        ["10", "", "2026-01-10"],
      ]),
      TODAY,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.byField).toEqual({
      [FIELD.cf]: "Il carattere di controllo non è corretto.",
      [FIELD.importo(1)]: "L'importo non è valido: scrivilo in euro, per esempio 1.234,56.",
      [FIELD.scadenza(2)]: "La scadenza non può essere già passata.",
    });
    expect(r.errors.summary.map((s) => s.field)).toEqual([FIELD.cf, FIELD.importo(1), FIELD.scadenza(2)]);
  });

  it("maps an option's error to the row it came from when earlier rows are empty", () => {
    const r = parsePositionForm(
      form({ modalita: "rate" }, [
        ["10", "", "2026-12-01"],
        ["", "", ""],
        ["0", "", "2026-12-02"],
      ]),
      TODAY,
    );
    expect(!r.ok && r.errors.byField).toEqual({
      [FIELD.importo(3)]: "L'importo deve essere maggiore di zero.",
    });
  });

  it("refuses several rows for a single payment and one row for instalments, on the choice", () => {
    const single = parsePositionForm(
      form({}, [
        ["10", "", "2026-12-01"],
        ["10", "", "2026-12-02"],
      ]),
      TODAY,
    );
    expect(!single.ok && single.errors.byField[FIELD.modalita]).toMatch(/una sola opzione/);
    const rate = parsePositionForm(form({ modalita: "rate" }, [["10", "", "2026-12-01"]]), TODAY);
    expect(!rate.ok && rate.errors.byField[FIELD.modalita]).toBe("Un pagamento a rate ha almeno due rate.");
  });

  it("asks for a payment row, a service, a category and a readable date", () => {
    const r = parsePositionForm(
      form({ servizio: "PIZZA", categoria: "PIZZA", validita: "31/02/2026" }, []),
      TODAY,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.byField[FIELD.importo(1)]).toBe("Indica l'importo e la scadenza del pagamento.");
    expect(r.errors.byField[FIELD.servizio]).toBe("Scegli il servizio a cui si riferisce il pagamento.");
    expect(r.errors.byField[FIELD.categoria]).toBe("Scegli la categoria del pagamento (tassonomia pagoPA).");
    expect(r.errors.byField[FIELD.validita]).toMatch(/non è una data valida/);
    // The missing row is said once, not again as the core's "options" error on the payment choice.
    expect(r.errors.byField[FIELD.modalita]).toBeUndefined();
  });

  it("leaves the category to the service when no service is chosen yet", () => {
    const r = parsePositionForm(form({ servizio: "", categoria: "" }, [["10", "", "2026-12-01"]]), TODAY);
    expect(!r.ok && r.errors.byField).toEqual({
      [FIELD.servizio]: "Scegli il servizio a cui si riferisce il pagamento.",
    });
  });

  it("checks a hand-typed category with the core's pattern, under its own field", () => {
    const r = parsePositionForm(
      form({ categoria: "altra", categoriaAltra: "IMU" }, [["10", "", "2026-12-01"]]),
      TODAY,
    );
    expect(!r.ok && r.errors.byField).toEqual({
      [FIELD.categoriaAltra]: "La categoria (tassonomia pagoPA) deve avere la forma 9/0101100IM/.",
    });
    const ok = parsePositionForm(
      form({ servizio: "SERVIZI", categoria: "altra", categoriaAltra: "9/0101105im/" }, [
        ["10", "", "2026-12-01"],
      ]),
      TODAY,
    );
    expect(ok.ok && ok.value.options[0]!.transfers[0]!.category).toBe("9/0101105IM/");
  });

  it("checks a partita IVA for a legal person", () => {
    const bad = parsePositionForm(form({ tipo: "G", cf: "00743110158" }, [["10", "", "2026-12-01"]]), TODAY);
    expect(!bad.ok && bad.errors.byField[FIELD.cf]).toMatch(/partita IVA non è valida/);
    const good = parsePositionForm(form({ tipo: "G", cf: "00743110157" }, [["10", "", "2026-12-01"]]), TODAY);
    expect(good.ok && good.value.type).toBe("G");
  });

  it("does not blame a row's description the form filled in when the causale is missing", () => {
    const r = parsePositionForm(form({ descrizione: "" }, [["10", "", "2026-12-01"]]), TODAY);
    expect(!r.ok && r.errors.byField).toEqual({ [FIELD.descrizione]: "Indica la causale." });
  });

  it("names the fields in the summary as their labels do (Causale, Cognome e nome)", () => {
    const r = parsePositionForm(
      form({ nominativo: " ", descrizione: "x".repeat(141) }, [["10", "", "2026-12-01"]]),
      TODAY,
    );
    expect(!r.ok && r.errors.summary).toEqual([
      { field: FIELD.nominativo, message: "Indica cognome e nome, o la ragione sociale." },
      { field: FIELD.descrizione, message: "La causale: al massimo 140 caratteri (ne hai scritti 141)." },
    ]);
    const words = !r.ok ? r.errors.summary.map((s) => s.message).join(" ") : "";
    expect(words).not.toMatch(/descrizione|nome del debitore/);
  });
});

describe("the form's own messages", () => {
  const row: Array<[string, string, string]> = [["10", "", "2026-12-01"]];
  const errorsOf = (over: Partial<PositionFormValues>, rows = row) => {
    const r = parsePositionForm(form(over, rows), TODAY);
    return r.ok ? {} : r.errors.byField;
  };

  it("says each one under its field, for its bad input", () => {
    expect(errorsOf({ tipo: "X" })[FIELD.tipo]).toBe(
      "Scegli se il debitore è una persona fisica o una persona giuridica.",
    );
    expect(errorsOf({ cf: " " })).toEqual({ [FIELD.cf]: "Indica il codice fiscale del debitore." });
    expect(errorsOf({ tipo: "G", cf: "" })).toEqual({ [FIELD.cf]: "Indica la partita IVA del debitore." });
    expect(errorsOf({ tipo: "G", cf: "0074311015" })).toEqual({
      [FIELD.cf]: "Per una persona giuridica indica la partita IVA: 11 cifre.",
    });
    expect(errorsOf({ servizio: "" })).toEqual({
      [FIELD.servizio]: "Scegli il servizio a cui si riferisce il pagamento.",
    });
    expect(errorsOf({ categoria: "altra", categoriaAltra: " " })).toEqual({
      [FIELD.categoriaAltra]: "Scrivi il codice della categoria, per esempio 9/0101100IM/.",
    });
    expect(errorsOf({ validita: "2026-13-01" })).toEqual({
      [FIELD.validita]: "La data di validità non è una data valida: scrivila come GG/MM/AAAA.",
    });
    expect(errorsOf({ modalita: "" })).toEqual({
      [FIELD.modalita]: "Scegli se il pagamento è in un'unica soluzione o a rate.",
    });
    expect(errorsOf({}, [["", "Prima", "2026-12-01"]])).toEqual({
      [FIELD.importo(1)]: "Indica l'importo in euro, per esempio 1.234,56.",
    });
    expect(errorsOf({}, [["-5", "", "2026-12-01"]])).toEqual({
      [FIELD.importo(1)]: "L'importo deve essere maggiore di zero.",
    });
    expect(errorsOf({}, [["10", "", "31/02/2027"]])).toEqual({
      [FIELD.scadenza(1)]: "La scadenza non è una data valida: scrivila come GG/MM/AAAA.",
    });
    expect(errorsOf({}, [["10", "", ""]])).toEqual({ [FIELD.scadenza(1)]: "Indica la scadenza." });
  });

  it("reads dates typed as GG/MM/AAAA and amounts with a euro sign", () => {
    const r = parsePositionForm(form({ validita: " 1/12/2026 " }, [["€ 1.000,5", "", "15/12/2026"]]), TODAY);
    expect(
      r.ok && [r.value.validityDate, r.value.options[0]!.dueDate, r.value.options[0]!.amountCents],
    ).toEqual(["2026-12-01", "2026-12-15", 100050]);
  });
});

describe("the category follows the service", () => {
  const row: Array<[string, string, string]> = [["45,50", "", "2026-12-20"]];
  const categoryOf = (r: ReturnType<typeof parsePositionForm>) =>
    r.ok ? r.value.options.map((o) => o.transfers[0]!.category) : r.errors.byField;

  it("takes the service's own category when the operator leaves the default", () => {
    for (const [servizio, code] of [
      ["IMU", "9/0101100IM/"],
      ["TARI", "9/0101101IM/"],
      ["MULTA", "9/0102100SA/"],
      ["BOLLO", "9/0201102IM/"],
      ["TICKET", "9/0601124SP/"],
    ] as const) {
      const r = parsePositionForm(form({ servizio, categoria: SERVICE_CATEGORY }, row), TODAY);
      expect(categoryOf(r), servizio).toEqual([code]);
    }
    expect(EMPTY_POSITION_FORM.categoria).toBe(SERVICE_CATEGORY);
  });

  it("refuses a school canteen under IMU, by the category's own field", () => {
    const canteen = { descrizione: "Refezione scolastica novembre 2026" };
    const typed = parsePositionForm(
      form({ ...canteen, servizio: "IMU", categoria: "altra", categoriaAltra: "9/0201133IM/" }, row),
      TODAY,
    );
    expect(categoryOf(typed)).toEqual({
      [FIELD.categoriaAltra]:
        "La categoria 9/0201133IM/ non corrisponde al servizio IMU: usa IMU - Imposta municipale propria (9/0101100IM/).",
    });
    const picked = parsePositionForm(
      form({ ...canteen, servizio: "IMU", categoria: "9/0101105IM/" }, row),
      TODAY,
    );
    expect(categoryOf(picked)).toEqual({
      [FIELD.categoria]:
        "La categoria Imposta di soggiorno (9/0101105IM/) non corrisponde al servizio IMU: usa IMU - Imposta municipale propria (9/0101100IM/).",
    });
    // Under the ente's services, the canteen cannot borrow IMU's category either; its own is fine.
    const borrowed = parsePositionForm(
      form({ ...canteen, servizio: "SERVIZI", categoria: "9/0101100IM/" }, row),
      TODAY,
    );
    expect(categoryOf(borrowed)).toEqual({
      [FIELD.categoria]: expect.stringMatching(/^La categoria IMU .* è riservata al servizio IMU: /),
    });
    const own = parsePositionForm(
      form({ ...canteen, servizio: "SERVIZI", categoria: "altra", categoriaAltra: "9/0201133IM/" }, row),
      TODAY,
    );
    expect(categoryOf(own)).toEqual(["9/0201133IM/"]);
  });

  it("asks for the category where the service has none of its own", () => {
    const assessment = parsePositionForm(form({ servizio: "ACCERTAMENTO", categoria: "" }, row), TODAY);
    expect(categoryOf(assessment)).toEqual({
      [FIELD.categoria]: "Per un avviso di accertamento scegli la categoria del tributo accertato.",
    });
    const tari = parsePositionForm(form({ servizio: "ACCERTAMENTO", categoria: "9/0101101IM/" }, row), TODAY);
    expect(categoryOf(tari)).toEqual(["9/0101101IM/"]);
    const services = parsePositionForm(form({ servizio: "SERVIZI", categoria: "" }, row), TODAY);
    expect(categoryOf(services)).toEqual({
      [FIELD.categoria]: expect.stringMatching(/^Per un servizio dell'ente/),
    });
  });
});

describe("readPositionForm and coreErrorsOnForm", () => {
  it("reads the fields by name and bounds what is echoed", () => {
    const fd = new FormData();
    fd.set("tipo", "G");
    fd.set("cf", "x".repeat(5000));
    fd.set("importo_2", "12,50");
    fd.set("scade", "1");
    const v = readPositionForm(fd);
    expect(v.tipo).toBe("G");
    expect(v.cf.length).toBeLessThan(1000);
    expect(v.righe[1]).toEqual({ importo: "12,50", causale: "", scadenza: "" });
    expect(v.scade).toBe(true);
    expect(v.righe).toHaveLength(3);
  });

  it("places createPosition's errors on the form, keeping unknown ones in the summary", () => {
    const v = form({ modalita: "rate" }, [
      ["", "", ""],
      ["10", "Prima", "2026-12-01"],
      ["10", "Seconda", "2026-12-02"],
    ]);
    const e = coreErrorsOnForm(
      {
        "options[1].dueDate": "La scadenza non può essere già passata.",
        "options[0].transfers[0].iban": "IBAN mancante.",
        "": "Errore generale.",
      },
      v,
    );
    expect(e.byField).toEqual({
      [FIELD.importo(2)]: "IBAN mancante.",
      [FIELD.scadenza(3)]: "La scadenza non può essere già passata.",
    });
    expect(e.summary.at(-1)).toEqual({ field: null, message: "Errore generale." });
  });
});
