import { describe, expect, it } from "vitest";
import { ImportFileChecker } from "~/operator/position-import-csv";

describe("ImportFileChecker", () => {
  const header = "idPosizioneEnte;codiceFiscale;nominativo;servizio;causale;importo1;scadenza1";

  it("passes good rows on and reports bad ones by line and column", () => {
    const passed: string[] = [];
    const checker = new ImportFileChecker("2026-11-26", (r) => passed.push(r.input.iupd));
    checker.push(`${header}\nA1;MRNLCU00A01H501J;Marini Luca;TARI;TARI 2026;10,50;16/12/2026\n`);
    checker.push("A2;FOXDRA26C24H872A;Fo Dario;TARI;TARI 2026;10;16/12/2026\n");
    const report = checker.end();
    expect(passed).toEqual(["A1"]);
    expect(report).toMatchObject({ rows: 2, errorCount: 1, rowsWithErrors: 1 });
    expect(report.errors[0]).toMatchObject({ line: 3, column: "codiceFiscale" });
  });

  it("refuses a file with only the header", () => {
    const checker = new ImportFileChecker("2026-11-26");
    checker.push(`${header}\n`);
    expect(checker.end().errors[0]!.message).toContain("non contiene posizioni");
  });
});

describe("a row's own cells", () => {
  const header =
    "idPosizioneEnte;tipoDebitore;codiceFiscale;nominativo;servizio;causale;categoria;nonPagabileDopoScadenza;importo1;scadenza1";
  const errorsOf = (cells: string) => {
    const checker = new ImportFileChecker("2026-11-26");
    checker.push(`${header}\n${cells}\n`);
    return checker.end().errors.map((e) => [e.line, e.column, e.message]);
  };

  it("says what is wrong with each, by line and column, in Italian", () => {
    expect(errorsOf(";X;MRNLCU00A01H501J;Marini Luca;Pizza;TARI 2026;;forse;10;16/12/2026")).toEqual([
      [2, "idPosizioneEnte", "Indica l'identificativo della posizione nel gestionale dell'ente."],
      [2, "tipoDebitore", "Indica F per una persona fisica o G per una persona giuridica."],
      [
        2,
        "servizio",
        "Il servizio «Pizza» non è previsto: indica uno tra IMU, TARI, BOLLO, MULTA, TICKET, SERVIZI, ACCERTAMENTO.",
      ],
      [
        2,
        "nonPagabileDopoScadenza",
        "Scrivi «si» se dopo l'ultima scadenza l'avviso non è più pagabile, altrimenti «no».",
      ],
    ]);
    expect(errorsOf("A1;;MRNLCU00A01H501J;Marini Luca;;TARI 2026;;;10;16/12/2026")).toEqual([
      [2, "servizio", "Indica il servizio: uno tra IMU, TARI, BOLLO, MULTA, TICKET, SERVIZI, ACCERTAMENTO."],
    ]);
    expect(errorsOf("A1;;MRNLCU00A01H501J;Marini Luca;accertamento;TARI 2026;;;10;16/12/2026")).toEqual([
      [
        2,
        "categoria",
        "Per un avviso di accertamento indica la categoria del tributo accertato, per esempio 9/0101100IM/.",
      ],
    ]);
    expect(errorsOf("A1;;MRNLCU00A01H501J;Marini Luca;SERVIZI;Mensa;;;10;16/12/2026")).toEqual([
      [
        2,
        "categoria",
        "Per un servizio dell'ente indica il codice della sua categoria (tassonomia pagoPA), per esempio 9/0201133IM/.",
      ],
    ]);
  });

  it("reads the type, the yes/no and the service in any case", () => {
    const passed: Array<[string, boolean, string]> = [];
    const checker = new ImportFileChecker("2026-11-26", (r) =>
      passed.push([r.input.type, r.input.switchToExpired, r.input.service]),
    );
    checker.push(`${header}\nA1;g;00743110157;Ditta Srl;tari;TARI 2026;;Sì;10;16/12/2026\n`);
    checker.push("A2;;MRNLCU00A01H501J;Marini Luca;Tari;TARI 2026;;no;10;16/12/2026\n");
    expect(checker.end().errorCount).toBe(0);
    expect(passed).toEqual([
      ["G", true, "TARI"],
      ["F", false, "TARI"],
    ]);
  });
});
