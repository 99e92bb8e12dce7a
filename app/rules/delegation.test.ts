import { describe, expect, it } from "vitest";
import {
  AGE_OF_MAJORITY,
  areaOfPath,
  checkDelegationRequest,
  DELEGATION_AREA_LABEL,
  DELEGATION_AREA_SHORT,
  DELEGATION_AREAS,
  DELEGATION_STATE_LABEL,
  DELEGATION_STATES,
  delegationState,
  DELEGATIONS_PATH,
  formatAreas,
  isActive,
  isDelegationArea,
  isMinorAt,
  lastAllowedDay,
  majorityDay,
  MAX_DELEGATION_DAYS,
  mayRenew,
  parentMayAct,
  parseAreas,
  pathAllowed,
  renewalPeriod,
  type DelegationArea,
  type DelegationRequest,
  type DelegationTimes,
} from "~/rules/delegation";
import { daysBetween, romeDay } from "~/rules/time";

/** One millisecond before an instant. */
function justBefore(iso: string): Date {
  return new Date(Date.parse(iso) - 1);
}

describe("areas", () => {
  it("lists three areas with Italian labels and a type guard", () => {
    expect(DELEGATION_AREAS).toEqual(["fascicolo", "contribuente", "pagamenti"]);
    for (const area of DELEGATION_AREAS) {
      expect(DELEGATION_AREA_LABEL[area]).not.toBe("");
      expect(DELEGATION_AREA_SHORT[area]).not.toBe("");
      expect(isDelegationArea(area)).toBe(true);
    }
    expect(isDelegationArea("scrivania")).toBe(false);
    expect(isDelegationArea("propria")).toBe(false);
    expect(isDelegationArea("Pagamenti")).toBe(false);
    expect(isDelegationArea("")).toBe(false);
    expect(isDelegationArea(1)).toBe(false);
    expect(isDelegationArea(null)).toBe(false);
    expect(isDelegationArea(undefined)).toBe(false);
  });

  it("parses the column in canonical order and drops unknown words", () => {
    expect(parseAreas("pagamenti,fascicolo")).toEqual(["fascicolo", "pagamenti"]);
    expect(parseAreas("contribuente")).toEqual(["contribuente"]);
    expect(parseAreas("fascicolo,tributi,,pagamenti,scrivania")).toEqual(["fascicolo", "pagamenti"]);
    expect(parseAreas("pagamenti,pagamenti")).toEqual(["pagamenti"]);
    expect(parseAreas("FASCICOLO")).toEqual([]);
    expect(parseAreas("")).toEqual([]);
    expect(parseAreas(null)).toEqual([]);
    expect(parseAreas(undefined)).toEqual([]);
  });

  it("formats in canonical order", () => {
    expect(formatAreas(["pagamenti", "fascicolo"])).toBe("fascicolo,pagamenti");
    expect(formatAreas(["pagamenti", "contribuente", "fascicolo"])).toBe("fascicolo,contribuente,pagamenti");
    expect(formatAreas(["contribuente", "contribuente"])).toBe("contribuente");
    expect(formatAreas([])).toBe("");
  });

  it("round-trips every subset of areas", () => {
    let subsets = 0;
    for (let mask = 0; mask < 1 << DELEGATION_AREAS.length; mask++) {
      const areas = DELEGATION_AREAS.filter((_, i) => mask & (1 << i));
      const text = formatAreas([...areas].reverse());
      expect(parseAreas(text), text).toEqual(areas);
      expect(formatAreas(parseAreas(text))).toBe(text);
      subsets++;
    }
    expect(subsets).toBe(8);
  });
});

describe("majority and parents", () => {
  it("computes the day of majority", () => {
    expect(AGE_OF_MAJORITY).toBe(18);
    expect(majorityDay("2008-12-06")).toBe("2026-12-06");
    expect(majorityDay("2008-07-10")).toBe("2026-07-10");
    expect(majorityDay("2008-01-05")).toBe("2026-01-05");
    expect(majorityDay("2007-02-28")).toBe("2025-02-28");
    // Born on 29 February: 18 years later is never a leap year, so 1 March.
    expect(majorityDay("2008-02-29")).toBe("2026-03-01");
    expect(majorityDay("2000-02-29")).toBe("2018-03-01");
  });

  it("turns of age at midnight in Italy, in winter (UTC+1)", () => {
    const birth = "2008-12-06";
    expect(isMinorAt(birth, new Date("2026-12-05T22:59:59.999Z"))).toBe(true);
    expect(isMinorAt(birth, new Date("2026-12-05T23:00:00.000Z"))).toBe(false);
    // Still 5 December in UTC, already 6 December in Italy.
    expect(isMinorAt(birth, new Date("2026-12-05T23:30:00.000Z"))).toBe(false);
    expect(isMinorAt(birth, new Date("2026-01-01T12:00:00.000Z"))).toBe(true);
    expect(isMinorAt(birth, new Date("2030-01-01T12:00:00.000Z"))).toBe(false);
  });

  it("turns of age at midnight in Italy, in summer (UTC+2)", () => {
    const birth = "2008-07-10";
    expect(isMinorAt(birth, new Date("2026-07-09T21:59:59.999Z"))).toBe(true);
    expect(isMinorAt(birth, new Date("2026-07-09T22:00:00.000Z"))).toBe(false);
    // 23:00 UTC would be the winter midnight: in summer it is already 01:00 of the birthday.
    expect(isMinorAt(birth, new Date("2026-07-09T22:30:00.000Z"))).toBe(false);
  });

  it("makes someone born on 29 February of age on 1 March", () => {
    const birth = "2008-02-29";
    expect(isMinorAt(birth, new Date("2026-02-27T23:00:00.000Z"))).toBe(true); // 28/02 00:00 in Italy
    expect(isMinorAt(birth, new Date("2026-02-28T12:00:00.000Z"))).toBe(true);
    expect(isMinorAt(birth, new Date("2026-02-28T22:59:59.999Z"))).toBe(true); // 28/02 23:59:59.999
    expect(isMinorAt(birth, new Date("2026-02-28T23:00:00.000Z"))).toBe(false); // 01/03 00:00
    expect(isMinorAt(birth, new Date("2026-03-01T12:00:00.000Z"))).toBe(false);
  });

  it("agrees with majorityDay at the Italian midnight", () => {
    const cases: Array<[birth: string, midnight: string]> = [
      ["2008-12-06", "2026-12-05T23:00:00.000Z"],
      ["2008-07-10", "2026-07-09T22:00:00.000Z"],
      ["2008-02-29", "2026-02-28T23:00:00.000Z"],
    ];
    for (const [birth, midnight] of cases) {
      expect(romeDay(new Date(midnight)), birth).toBe(majorityDay(birth));
      expect(isMinorAt(birth, justBefore(midnight)), birth).toBe(true);
      expect(isMinorAt(birth, new Date(midnight)), birth).toBe(false);
    }
  });

  it("lets the head of the household, the spouse and the civil partner act for a minor child", () => {
    const now = new Date("2026-06-01T10:00:00.000Z");
    for (const parentRelation of ["intestatario", "coniuge", "unito_civilmente"]) {
      expect(
        parentMayAct({ parentRelation, childRelation: "figlio", childBirthDate: "2008-12-06" }, now),
        parentRelation,
      ).toBe(true);
    }
  });

  it("refuses other relations of the parent", () => {
    const now = new Date("2026-06-01T10:00:00.000Z");
    for (const parentRelation of ["figlio", "convivente", "", "Intestatario"]) {
      expect(
        parentMayAct({ parentRelation, childRelation: "figlio", childBirthDate: "2008-12-06" }, now),
        parentRelation,
      ).toBe(false);
    }
  });

  it("refuses when the other person is not a child of the household", () => {
    const now = new Date("2026-06-01T10:00:00.000Z");
    for (const childRelation of ["coniuge", "convivente", "intestatario", "unito_civilmente", "figlia", ""]) {
      expect(
        parentMayAct({ parentRelation: "intestatario", childRelation, childBirthDate: "2012-03-01" }, now),
        childRelation,
      ).toBe(false);
    }
  });

  it("stops at the child's 18th birthday, midnight in Italy", () => {
    const tie = { parentRelation: "coniuge", childRelation: "figlio", childBirthDate: "2008-12-06" };
    expect(parentMayAct(tie, new Date("2026-12-05T22:59:59.999Z"))).toBe(true);
    expect(parentMayAct(tie, new Date("2026-12-05T23:00:00.000Z"))).toBe(false);
    const summer = {
      parentRelation: "unito_civilmente",
      childRelation: "figlio",
      childBirthDate: "2008-07-10",
    };
    expect(parentMayAct(summer, new Date("2026-07-09T21:59:59.999Z"))).toBe(true);
    expect(parentMayAct(summer, new Date("2026-07-09T22:00:00.000Z"))).toBe(false);
    const leap = { parentRelation: "intestatario", childRelation: "figlio", childBirthDate: "2008-02-29" };
    expect(parentMayAct(leap, new Date("2026-02-28T22:59:59.999Z"))).toBe(true);
    expect(parentMayAct(leap, new Date("2026-02-28T23:00:00.000Z"))).toBe(false);
  });
});

describe("delegation state", () => {
  /** A delegation for 2026, accepted on 10 January. */
  const base: DelegationTimes = {
    starts_on: "2026-01-10",
    ends_on: "2026-12-31",
    accepted_at: "2026-01-10T08:00:00.000Z",
    revoked_at: null,
    refused_at: null,
  };

  it("has five states with Italian labels", () => {
    expect(DELEGATION_STATES).toEqual(["in_attesa", "attiva", "scaduta", "revocata", "rifiutata"]);
    expect(DELEGATION_STATE_LABEL.attiva).toBe("Attiva");
    expect(DELEGATION_STATE_LABEL.in_attesa).toBe("In attesa di accettazione");
    for (const state of DELEGATION_STATES) expect(DELEGATION_STATE_LABEL[state]).not.toBe("");
  });

  it("waits for acceptance, then is active from the instant of acceptance", () => {
    const pending = { ...base, accepted_at: null };
    expect(delegationState(pending, new Date("2026-03-01T10:00:00.000Z"))).toBe("in_attesa");
    expect(delegationState(base, new Date("2026-01-10T07:59:59.999Z"))).toBe("in_attesa");
    expect(delegationState(base, new Date("2026-01-10T08:00:00.000Z"))).toBe("attiva");
    expect(delegationState(base, new Date("2026-06-15T12:00:00.000Z"))).toBe("attiva");
  });

  it("is active for the whole last day in Italy and expired from the next Italian midnight", () => {
    expect(delegationState(base, new Date("2026-12-31T22:59:59.999Z"))).toBe("attiva");
    expect(delegationState(base, new Date("2026-12-31T23:00:00.000Z"))).toBe("scaduta");
    expect(delegationState(base, new Date("2027-06-01T10:00:00.000Z"))).toBe("scaduta");
  });

  it("ends at midnight in Italy also in summer and on the days the clocks change", () => {
    const summer = { ...base, ends_on: "2026-07-31" };
    expect(delegationState(summer, new Date("2026-07-31T21:59:59.999Z"))).toBe("attiva");
    expect(delegationState(summer, new Date("2026-07-31T22:00:00.000Z"))).toBe("scaduta");
    // 29 March 2026: clocks go forward, so the next midnight is at 22:00 UTC.
    const march = { ...base, ends_on: "2026-03-29" };
    expect(delegationState(march, new Date("2026-03-29T21:59:59.999Z"))).toBe("attiva");
    expect(delegationState(march, new Date("2026-03-29T22:00:00.000Z"))).toBe("scaduta");
    // 25 October 2026: clocks go back, so the next midnight is at 23:00 UTC.
    const october = { ...base, ends_on: "2026-10-25" };
    expect(delegationState(october, new Date("2026-10-25T22:59:59.999Z"))).toBe("attiva");
    expect(delegationState(october, new Date("2026-10-25T23:00:00.000Z"))).toBe("scaduta");
  });

  it("is not active before its first day even when accepted", () => {
    const later = { ...base, starts_on: "2026-06-01", accepted_at: "2026-05-20T09:00:00.000Z" };
    expect(delegationState(later, new Date("2026-05-25T10:00:00.000Z"))).toBe("in_attesa");
    // Midnight of 1 June in Italy (summer) is 22:00 UTC of 31 May.
    expect(delegationState(later, new Date("2026-05-31T21:59:59.999Z"))).toBe("in_attesa");
    expect(delegationState(later, new Date("2026-05-31T22:00:00.000Z"))).toBe("attiva");
    const winter = { ...base, starts_on: "2026-02-01", accepted_at: "2026-01-05T09:00:00.000Z" };
    expect(delegationState(winter, new Date("2026-01-31T22:59:59.999Z"))).toBe("in_attesa");
    expect(delegationState(winter, new Date("2026-01-31T23:00:00.000Z"))).toBe("attiva");
  });

  it("counts an acceptance after the first day from the instant of acceptance", () => {
    const late = { ...base, accepted_at: "2026-02-03T15:30:00.000Z" };
    expect(delegationState(late, new Date("2026-02-03T15:29:59.999Z"))).toBe("in_attesa");
    expect(delegationState(late, new Date("2026-02-03T15:30:00.000Z"))).toBe("attiva");
  });

  it("is revoked from the instant of revocation", () => {
    const revokedAt = "2026-06-15T10:00:00.000Z";
    const revoked = { ...base, revoked_at: revokedAt };
    expect(delegationState(revoked, justBefore(revokedAt))).toBe("attiva");
    expect(delegationState(revoked, new Date(revokedAt))).toBe("revocata");
    expect(delegationState(revoked, new Date("2026-06-20T10:00:00.000Z"))).toBe("revocata");
  });

  it("prefers revocation to expiry", () => {
    const revoked = { ...base, revoked_at: "2026-06-15T10:00:00.000Z" };
    expect(delegationState(revoked, new Date("2026-12-31T23:00:00.000Z"))).toBe("revocata");
    expect(delegationState(revoked, new Date("2028-01-01T00:00:00.000Z"))).toBe("revocata");
    // A request revoked before acceptance is revoked, not pending.
    const pendingRevoked = { ...base, accepted_at: null, revoked_at: "2026-01-09T10:00:00.000Z" };
    expect(delegationState(pendingRevoked, new Date("2026-01-09T09:59:59.999Z"))).toBe("in_attesa");
    expect(delegationState(pendingRevoked, new Date("2026-01-09T10:00:00.000Z"))).toBe("revocata");
  });

  it("is refused from the instant of refusal, also after its last day", () => {
    const refusedAt = "2026-01-12T18:00:00.000Z";
    const refused = { ...base, accepted_at: null, refused_at: refusedAt };
    expect(delegationState(refused, justBefore(refusedAt))).toBe("in_attesa");
    expect(delegationState(refused, new Date(refusedAt))).toBe("rifiutata");
    expect(delegationState(refused, new Date("2027-06-01T10:00:00.000Z"))).toBe("rifiutata");
  });

  it("expires also when never accepted", () => {
    const pending = { ...base, accepted_at: null };
    expect(delegationState(pending, new Date("2026-12-31T22:59:59.999Z"))).toBe("in_attesa");
    expect(delegationState(pending, new Date("2026-12-31T23:00:00.000Z"))).toBe("scaduta");
  });

  it("isActive agrees with the state", () => {
    const variants: DelegationTimes[] = [
      base,
      { ...base, accepted_at: null },
      { ...base, starts_on: "2026-06-01" },
      { ...base, revoked_at: "2026-06-15T10:00:00.000Z" },
      { ...base, accepted_at: null, refused_at: "2026-01-12T18:00:00.000Z" },
    ];
    const instants = [
      "2026-01-10T07:59:59.999Z",
      "2026-01-10T08:00:00.000Z",
      "2026-05-31T21:59:59.999Z",
      "2026-05-31T22:00:00.000Z",
      "2026-06-15T09:59:59.999Z",
      "2026-06-15T10:00:00.000Z",
      "2026-12-31T22:59:59.999Z",
      "2026-12-31T23:00:00.000Z",
    ];
    let active = 0;
    for (const d of variants) {
      for (const iso of instants) {
        const now = new Date(iso);
        expect(isActive(d, now), `${JSON.stringify(d)} at ${iso}`).toBe(delegationState(d, now) === "attiva");
        if (isActive(d, now)) active++;
      }
    }
    // base: 6 of the 8 instants; starts_on 1 June: 4; revoked on 15 June: 4; the others none.
    expect(active).toBe(14);
  });
});

describe("delegation request", () => {
  const DELEGATOR = "RSSMRA80A01H501U";
  const DELEGATE = "FRRGPP49B18A124H";
  const valid: DelegationRequest = {
    delegatorCodiceFiscale: DELEGATOR,
    delegateCodiceFiscale: DELEGATE,
    areas: ["pagamenti"],
    startsOn: "2026-03-10",
    endsOn: "2026-09-10",
    today: "2026-03-10",
  };

  /** The errors of a refused request (fails the test when the request is accepted). */
  function errorsOf(patch: Partial<DelegationRequest>): Record<string, string> {
    const result = checkDelegationRequest({ ...valid, ...patch });
    if (result.ok) throw new Error(`request accepted: ${JSON.stringify(patch)}`);
    for (const message of Object.values(result.errors)) {
      expect(message).toMatch(/\S/);
      // Italian: written for people, with Italian words, not codes.
      expect(message).toMatch(/\b(il|la|di|da|una|delle|non|indica|scegli)\b/i);
    }
    return result.errors as Record<string, string>;
  }

  it("accepts a valid request, normalizing the codice fiscale and ordering the areas", () => {
    expect(checkDelegationRequest(valid)).toEqual({
      ok: true,
      delegateCodiceFiscale: DELEGATE,
      areas: ["pagamenti"],
    });
    const result = checkDelegationRequest({
      ...valid,
      delegateCodiceFiscale: " frr gpp 49b18 a124h ",
      areas: ["pagamenti", "fascicolo", "contribuente"],
    });
    expect(result).toEqual({
      ok: true,
      delegateCodiceFiscale: DELEGATE,
      areas: ["fascicolo", "contribuente", "pagamenti"],
    });
  });

  it("accepts duplicated areas once", () => {
    const result = checkDelegationRequest({ ...valid, areas: ["pagamenti", "fascicolo", "pagamenti"] });
    expect(result.ok && result.areas).toEqual(["fascicolo", "pagamenti"]);
  });

  it("asks for the codice fiscale when it is empty", () => {
    for (const cf of ["", "   "]) {
      const errors = errorsOf({ delegateCodiceFiscale: cf });
      expect(Object.keys(errors), JSON.stringify(cf)).toEqual(["codiceFiscale"]);
      expect(errors.codiceFiscale).toMatch(/codice fiscale/i);
    }
  });

  it("refuses an invalid codice fiscale", () => {
    const wrongCheck = errorsOf({ delegateCodiceFiscale: "FRRGPP49B18A124A" });
    expect(Object.keys(wrongCheck)).toEqual(["codiceFiscale"]);
    expect(wrongCheck.codiceFiscale).toMatch(/codice fiscale/i);
    expect(wrongCheck.codiceFiscale).toMatch(/non valido/);
    expect(wrongCheck.codiceFiscale).not.toBe(errorsOf({ delegateCodiceFiscale: "" }).codiceFiscale);
    for (const cf of ["FRRGPP49B18A124", "FRRGPP49B18A124HX", "FRRGPP49Z18A124H", "FRRGPP49B18A12-H"]) {
      expect(Object.keys(errorsOf({ delegateCodiceFiscale: cf })), cf).toEqual(["codiceFiscale"]);
    }
  });

  it("refuses delegating oneself, whatever the case and spaces", () => {
    for (const cf of [DELEGATOR, "rssmra80a01h501u", " RSSMRA80A01H501u"]) {
      const errors = errorsOf({ delegateCodiceFiscale: cf });
      expect(Object.keys(errors), cf).toEqual(["codiceFiscale"]);
      expect(errors.codiceFiscale).toMatch(/te stesso/);
    }
    // Also when the delegator's own code is stored in another case.
    expect(errorsOf({ delegatorCodiceFiscale: "frrgpp49b18a124h" }).codiceFiscale).toMatch(/te stesso/);
  });

  it("asks for at least one known area", () => {
    const none = errorsOf({ areas: [] });
    expect(Object.keys(none)).toEqual(["aree"]);
    expect(none.aree).toMatch(/aree/);
    expect(Object.keys(errorsOf({ areas: ["pagamenti", "tributi"] }))).toEqual(["aree"]);
    expect(Object.keys(errorsOf({ areas: ["scrivania"] }))).toEqual(["aree"]);
    expect(Object.keys(errorsOf({ areas: ["Pagamenti"] }))).toEqual(["aree"]);
  });

  it("refuses a start in the past and accepts today", () => {
    const past = errorsOf({ startsOn: "2026-03-09" });
    expect(Object.keys(past)).toEqual(["dal"]);
    expect(past.dal).toMatch(/passato/);
    expect(checkDelegationRequest({ ...valid, startsOn: "2026-03-10", endsOn: "2026-03-10" }).ok).toBe(true);
    expect(checkDelegationRequest({ ...valid, startsOn: "2026-04-01", endsOn: "2026-05-01" }).ok).toBe(true);
  });

  it("refuses an end before the start and accepts a single day", () => {
    const before = errorsOf({ startsOn: "2026-04-10", endsOn: "2026-04-09" });
    expect(Object.keys(before)).toEqual(["al"]);
    expect(before.al).toMatch(/finire/);
    expect(checkDelegationRequest({ ...valid, startsOn: "2026-04-10", endsOn: "2026-04-10" }).ok).toBe(true);
  });

  it("accepts exactly 365 days and refuses 366, naming the last allowed day", () => {
    expect(MAX_DELEGATION_DAYS).toBe(365);
    expect(checkDelegationRequest({ ...valid, endsOn: "2027-03-10" }).ok).toBe(true);
    const tooLong = errorsOf({ endsOn: "2027-03-11" });
    expect(Object.keys(tooLong)).toEqual(["al"]);
    expect(tooLong.al).toContain("10/03/2027");
    // Across 29 February 2028.
    const leap = { startsOn: "2027-06-01", today: "2027-05-01" };
    expect(checkDelegationRequest({ ...valid, ...leap, endsOn: "2028-05-31" }).ok).toBe(true);
    const leapTooLong = errorsOf({ ...leap, endsOn: "2028-06-01" });
    expect(Object.keys(leapTooLong)).toEqual(["al"]);
    expect(leapTooLong.al).toContain("31/05/2028");
  });

  it("refuses invalid dates", () => {
    for (const bad of ["", "2026-02-30", "2026-13-01", "10/03/2026", "2026-3-10", "domani"]) {
      const start = errorsOf({ startsOn: bad, endsOn: "2026-06-01" });
      expect(Object.keys(start), `dal ${bad}`).toEqual(["dal"]);
      expect(start.dal).toMatch(/da quando/);
      const end = errorsOf({ endsOn: bad });
      expect(Object.keys(end), `al ${bad}`).toEqual(["al"]);
      expect(end.al).toMatch(/fino a quando/);
      expect(Object.keys(errorsOf({ startsOn: bad, endsOn: bad })).sort()).toEqual(["al", "dal"]);
    }
    // 29 February exists only in leap years.
    expect(Object.keys(errorsOf({ endsOn: "2027-02-29" }))).toEqual(["al"]);
    expect(checkDelegationRequest({ ...valid, endsOn: "2026-12-31" }).ok).toBe(true);
  });

  it("reports every error at once", () => {
    const errors = errorsOf({
      delegateCodiceFiscale: "",
      areas: [],
      startsOn: "2026-03-01",
      endsOn: "2026-02-01",
    });
    expect(Object.keys(errors).sort()).toEqual(["al", "aree", "codiceFiscale", "dal"]);
  });
});

describe("pages on someone else's behalf", () => {
  it("opens the landing page to every tie", () => {
    expect(areaOfPath("/area-personale")).toBe("scrivania");
    expect(areaOfPath("/area-personale/")).toBe("scrivania");
    expect(areaOfPath("/area-personale//")).toBe("scrivania");
  });

  it("maps each section to its area", () => {
    const cases: Array<[path: string, area: DelegationArea]> = [
      ["/area-personale/messaggi", "fascicolo"],
      ["/area-personale/messaggi/7", "fascicolo"],
      ["/area-personale/pratiche", "fascicolo"],
      ["/area-personale/pratiche/123", "fascicolo"],
      ["/area-personale/pratiche/123/allegati/9", "fascicolo"],
      ["/area-personale/anagrafe", "fascicolo"],
      ["/area-personale/documenti", "fascicolo"],
      ["/area-personale/certificati", "fascicolo"],
      ["/area-personale/certificati/richiedi", "fascicolo"],
      ["/area-personale/certificati/5.pdf", "fascicolo"],
      ["/area-personale/appuntamenti", "fascicolo"],
      ["/area-personale/appuntamenti/prenota", "fascicolo"],
      ["/area-personale/contribuente", "contribuente"],
      ["/area-personale/contribuente/", "contribuente"],
      ["/area-personale/contribuente/imu/2025", "contribuente"],
      ["/area-personale/contribuente/tari/2025", "contribuente"],
      ["/area-personale/pagamenti", "pagamenti"],
      ["/area-personale/pagamenti/carrello", "pagamenti"],
      ["/area-personale/pagamenti/ricevute/4", "pagamenti"],
      ["/area-personale/pagamenti/3/avviso.pdf", "pagamenti"],
    ];
    for (const [path, area] of cases) expect(areaOfPath(path), path).toBe(area);
  });

  it("keeps the delegations page the person's own", () => {
    expect(DELEGATIONS_PATH).toBe("/area-personale/deleghe");
    expect(areaOfPath("/area-personale/deleghe")).toBe("propria");
    expect(areaOfPath("/area-personale/deleghe/")).toBe("propria");
    expect(areaOfPath("/area-personale/deleghe/12/revoca")).toBe("propria");
    expect(areaOfPath("/area-personale/delegheX")).toBeNull();
  });

  it("never shows personal pages on someone else's behalf", () => {
    for (const path of [
      "/area-personale/profilo",
      "/area-personale/accessi",
      "/area-personale/dati-spid",
      "/area-personale/i-miei-dati.json",
      "/area-personale/scadenze.ics",
      "/area-personale/cambia-ruolo",
      "/area-personale/sconosciuta",
    ]) {
      expect(areaOfPath(path), path).toBeNull();
    }
  });

  it("does not match a section by a mere prefix of its name", () => {
    for (const path of [
      "/area-personale/pagamentiX",
      "/area-personale/pagamenti-falsi/1",
      "/area-personale/anagrafe-falsa",
      "/area-personale/messaggi.json",
      "/area-personale/contribuenteX/imu",
      "/area-personaleX",
      "/area-personale-bis/pagamenti",
      "/pagamenti",
      "/",
      "",
    ]) {
      expect(areaOfPath(path), path).toBeNull();
    }
  });

  it("allows only the delegated areas, the landing page and the delegations page", () => {
    const areas: DelegationArea[] = ["pagamenti"];
    expect(pathAllowed("/area-personale/pagamenti", areas)).toBe(true);
    expect(pathAllowed("/area-personale/pagamenti/ricevute/4", areas)).toBe(true);
    expect(pathAllowed("/area-personale", areas)).toBe(true);
    expect(pathAllowed("/area-personale/", areas)).toBe(true);
    expect(pathAllowed("/area-personale/deleghe", areas)).toBe(true);
    expect(pathAllowed("/area-personale/anagrafe", areas)).toBe(false);
    expect(pathAllowed("/area-personale/contribuente/imu/2025", areas)).toBe(false);
    expect(pathAllowed("/area-personale/profilo", areas)).toBe(false);
    expect(pathAllowed("/area-personale/pagamentiX", areas)).toBe(false);
  });

  it("never allows personal pages, even with every area", () => {
    const all = [...DELEGATION_AREAS];
    expect(pathAllowed("/area-personale/anagrafe", all)).toBe(true);
    expect(pathAllowed("/area-personale/contribuente", all)).toBe(true);
    expect(pathAllowed("/area-personale/profilo", all)).toBe(false);
    expect(pathAllowed("/area-personale/i-miei-dati.json", all)).toBe(false);
    expect(pathAllowed("/area-personale/accessi", [])).toBe(false);
    expect(pathAllowed("/area-personale", [])).toBe(true);
    expect(pathAllowed("/area-personale/pagamenti", [])).toBe(false);
  });
});

describe("period and renewal", () => {
  it("gives the last allowed day, 365 days after the first", () => {
    expect(lastAllowedDay("2026-03-10")).toBe("2027-03-10");
    expect(lastAllowedDay("2026-01-01")).toBe("2027-01-01");
    expect(lastAllowedDay("2027-06-01")).toBe("2028-05-31"); // across 29 February 2028
    expect(lastAllowedDay("2028-02-29")).toBe("2029-02-28");
    expect(lastAllowedDay("2027-12-31")).toBe("2028-12-30");
    for (const day of ["2026-03-10", "2027-06-01", "2028-02-29"]) {
      expect(daysBetween(day, lastAllowedDay(day))).toBe(MAX_DELEGATION_DAYS);
    }
  });

  it("renews for a year from today", () => {
    expect(renewalPeriod("2026-05-20")).toEqual({ startsOn: "2026-05-20", endsOn: "2027-05-20" });
    expect(renewalPeriod("2027-06-01")).toEqual({ startsOn: "2027-06-01", endsOn: "2028-05-31" });
    const today = "2026-11-15";
    const period = renewalPeriod(today);
    const check = checkDelegationRequest({
      delegatorCodiceFiscale: "RSSMRA80A01H501U",
      delegateCodiceFiscale: "FRRGPP49B18A124H",
      areas: ["fascicolo"],
      today,
      ...period,
    });
    expect(check.ok).toBe(true);
  });

  it("renews only active and expired delegations", () => {
    expect(DELEGATION_STATES.filter(mayRenew)).toEqual(["attiva", "scaduta"]);
    expect(mayRenew("revocata")).toBe(false);
    expect(mayRenew("rifiutata")).toBe(false);
    expect(mayRenew("in_attesa")).toBe(false);
  });
});
