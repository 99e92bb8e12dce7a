import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FORM_ERROR, formObject, formText, parseForm } from "~/form-data.server";

const schema = z
  .object({
    name: formText(5).pipe(z.string().min(1, "Scrivi il nome.")),
    age: formText().pipe(z.string().regex(/^\d+$/, "Solo cifre.").min(1, "Mai mostrato: il primo vince.")),
  })
  .refine((v) => v.name !== "x", "Il modulo non va bene.");

describe("parseForm", () => {
  it("gives the data when every field is right", () => {
    const form = new FormData();
    form.set("name", "Mario Rossi");
    form.set("age", "42");
    expect(parseForm(schema, form)).toEqual({ ok: true, data: { name: "Mario", age: "42" } });
  });

  it("gives the first Italian message of each field, reading an absent field as empty", () => {
    const form = new FormData();
    form.set("age", "");
    expect(parseForm(schema, form)).toEqual({
      ok: false,
      errors: { name: "Scrivi il nome.", age: "Solo cifre." },
    });
  });

  it("keeps what concerns the whole form apart", () => {
    expect(parseForm(schema, { name: "x", age: "1" })).toEqual({
      ok: false,
      errors: { [FORM_ERROR]: "Il modulo non va bene." },
    });
  });
});

describe("formObject", () => {
  it("reads a field's first value, or all of them for the lists named", () => {
    const form = new FormData();
    form.append("a", "1");
    form.append("a", "2");
    form.append("b", "3");
    form.append("b", "4");
    expect(formObject(form, ["b"])).toEqual({ a: "1", b: ["3", "4"] });
  });
});
