import { describe, expect, it } from "vitest";
import {
  AWAITING_ENTE_STATES,
  canTransition,
  isFinalPraticaState,
  isPraticaState,
  nextPraticaStates,
  OPEN_PRATICA_STATES,
  PRATICA_STATE_LABEL,
  PRATICA_STATES,
  refusedTransitionMessage,
} from "~/rules/pratiche";

describe("pratica state machine", () => {
  it("lists the next states", () => {
    expect(nextPraticaStates("bozza")).toEqual(["inviata"]);
    expect(nextPraticaStates("inviata")).toEqual(["protocollata"]);
    expect(nextPraticaStates("protocollata")).toEqual(["in_lavorazione"]);
    expect([...nextPraticaStates("in_lavorazione")].sort()).toEqual([
      "accettata",
      "da_integrare",
      "respinta",
    ]);
    expect(nextPraticaStates("da_integrare")).toEqual(["in_lavorazione"]);
    expect(nextPraticaStates("accettata")).toEqual([]);
    expect(nextPraticaStates("respinta")).toEqual([]);
  });

  it("allows exactly the listed transitions", () => {
    let allowed = 0;
    for (const from of PRATICA_STATES) {
      for (const to of PRATICA_STATES) {
        const can = canTransition(from, to);
        expect(can, `${from} → ${to}`).toBe(nextPraticaStates(from).includes(to));
        if (can) allowed++;
      }
    }
    expect(allowed).toBe(7);
    expect(canTransition("bozza", "accettata")).toBe(false);
    expect(canTransition("inviata", "bozza")).toBe(false);
    expect(canTransition("da_integrare", "accettata")).toBe(false);
    expect(canTransition("accettata", "respinta")).toBe(false);
  });

  it("marks accettata and respinta as final", () => {
    expect(PRATICA_STATES.filter(isFinalPraticaState)).toEqual(["accettata", "respinta"]);
    expect(OPEN_PRATICA_STATES).toEqual(["inviata", "protocollata", "in_lavorazione", "da_integrare"]);
    expect(AWAITING_ENTE_STATES).toEqual(["inviata", "protocollata", "in_lavorazione"]);
  });

  it("explains refused transitions in Italian", () => {
    expect(refusedTransitionMessage("respinta", "in_lavorazione")).toBe(
      "Una pratica «Respinta» non può passare allo stato «In lavorazione».",
    );
  });

  it("has labels and a type guard", () => {
    expect(PRATICA_STATE_LABEL.in_lavorazione).toBe("In lavorazione");
    expect(PRATICA_STATE_LABEL.da_integrare).toBe("Da integrare");
    expect(Object.keys(PRATICA_STATE_LABEL)).toHaveLength(7);
    expect(isPraticaState("bozza")).toBe(true);
    expect(isPraticaState("archiviata")).toBe(false);
  });
});
