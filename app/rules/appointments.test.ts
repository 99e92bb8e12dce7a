import { describe, expect, it } from "vitest";
import { defaultOfficeId, identityCardService, officesHomeFirst, whatToBring } from "~/rules/appointments";

const OFFICES = [
  { id: 3, name: "Ufficio tributi", enteId: 1, enteName: "Comune di Alba" },
  { id: 7, name: "Servizi demografici - Anagrafe", enteId: 4, enteName: "Comune di Moncalieri" },
  { id: 9, name: "Ufficio tributi", enteId: 4, enteName: "Comune di Moncalieri" },
  { id: 12, name: "Ufficio tasse automobilistiche", enteId: 2, enteName: "Regione Piemonte" },
];

describe("officesHomeFirst", () => {
  it("puts the comune of residence's offices first, in the given order, and keeps every other office", () => {
    const { home, others } = officesHomeFirst(OFFICES, 4);
    expect(home.map((o) => o.id)).toEqual([7, 9]);
    expect(others.map((o) => o.id)).toEqual([3, 12]);
  });

  it("without a known residence (or with no office there) every office is among the others", () => {
    expect(officesHomeFirst(OFFICES, null)).toEqual({ home: [], others: OFFICES });
    expect(officesHomeFirst(OFFICES, 99).home).toEqual([]);
  });

  it("preselects the first office of the comune of residence, none without one", () => {
    expect(defaultOfficeId(OFFICES, 4)).toBe(7);
    expect(defaultOfficeId(OFFICES, 1)).toBe(3);
    expect(defaultOfficeId(OFFICES, null)).toBeNull();
    expect(defaultOfficeId(OFFICES, 99)).toBeNull();
  });
});

describe("identityCardService", () => {
  it("picks the service that names the identity card, with either apostrophe", () => {
    expect(identityCardService(["Certificati", "Carta d'identità elettronica e certificati"])).toBe(
      "Carta d'identità elettronica e certificati",
    );
    expect(identityCardService(["Cambio di residenza", "Rilascio carta d’identità"])).toBe(
      "Rilascio carta d’identità",
    );
  });

  it("falls back to an office's only service, and gives up when several say nothing of it", () => {
    expect(identityCardService(["Sportello anagrafe"])).toBe("Sportello anagrafe");
    expect(identityCardService(["Certificati", "Cambio di residenza"])).toBeNull();
    expect(identityCardService([])).toBeNull();
  });
});

describe("whatToBring", () => {
  it("says what to bring for the services it knows", () => {
    expect(whatToBring("Carta d'identità elettronica e certificati")).toContain("fototessera");
    expect(whatToBring("Consulenza IMU e TARI")).toContain("dati catastali");
    expect(whatToBring("Assistenza bollo auto")).toContain("carta di circolazione");
    expect(whatToBring("Pagamento ticket e ritiro referti")).toContain("tessera sanitaria");
  });

  it("says nothing for a service it does not know, nor for words that merely contain a tax's letters", () => {
    expect(whatToBring("Informazioni e segnalazioni")).toBeNull();
    expect(whatToBring("Certimutari")).toBeNull();
  });
});
