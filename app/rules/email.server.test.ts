import { describe, expect, it } from "vitest";
import { isEmailAddress } from "~/rules/email.server";

describe("isEmailAddress", () => {
  it.each(["nome@esempio.it", "m.rossi+avvisi@comune.torino.it"])("takes %s", (v) => {
    expect(isEmailAddress(v)).toBe(true);
  });
  it.each(["", "nome", "nome@", "@esempio.it", "nome@esempio", "nome @esempio.it", "a@b@c.it"])(
    "refuses %j",
    (v) => {
      expect(isEmailAddress(v)).toBe(false);
    },
  );
});
