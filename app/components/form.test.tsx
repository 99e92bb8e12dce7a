import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ErrorSummary, RadioGroup, SelectField, TextField, Textarea } from "~/components/form";

describe("TextField", () => {
  it("ties label, hint and error to the input, hint first", () => {
    const html = renderToStaticMarkup(
      <TextField id="codice" label="Codice avviso" hint="18 cifre." error="Inserisci il codice avviso." />,
    );
    expect(html).toContain('<label for="codice" class="active">Codice avviso</label>');
    expect(html).toMatch(
      /<input id="codice" name="codice" type="text" class="form-control is-invalid" aria-invalid="true" aria-describedby="codice-aiuto codice-errore"\/>/,
    );
    expect(html).toContain('<small id="codice-aiuto" class="form-text">18 cifre.</small>');
    expect(html).toContain(
      '<div id="codice-errore" class="invalid-feedback d-block">Inserisci il codice avviso.</div>',
    );
  });

  it("names only the hint when the field is fine, and nothing when it has neither", () => {
    const fine = renderToStaticMarkup(<TextField id="ente" label="Ente" hint="11 cifre." error={null} />);
    expect(fine).toContain('class="form-control" aria-describedby="ente-aiuto"');
    expect(fine).not.toContain("aria-invalid");
    expect(fine).not.toContain("errore");
    const bare = renderToStaticMarkup(<TextField id="email" type="email" label="Email" />);
    expect(bare).not.toContain("aria-describedby");
  });

  it("keeps a page's own ids, and lets the error take the hint's place on search forms", () => {
    const html = renderToStaticMarkup(
      <TextField
        id="cf"
        label="Codice fiscale"
        hint="16 caratteri."
        hintId="cf-hint"
        hintReplacedByError
        error="Codice fiscale non valido."
        errorId="cf-error"
        errorRole="alert"
      />,
    );
    expect(html).toContain('aria-describedby="cf-error"');
    expect(html).not.toContain("cf-hint");
    expect(html).toContain('<div id="cf-error" class="invalid-feedback d-block" role="alert">');
  });
});

describe("Textarea and SelectField", () => {
  it("render the same frame around their control", () => {
    const area = renderToStaticMarkup(<Textarea id="nota" label="Nota" rows={3} error="Troppo lunga." />);
    expect(area).toMatch(
      /<textarea id="nota" name="nota" rows="3" class="form-control is-invalid" aria-invalid="true" aria-describedby="nota-errore">/,
    );
    const select = renderToStaticMarkup(
      <SelectField id="purpose" label="Uso" wrapperClassName="mb-4" error="Scegli l'uso.">
        <option value="a">A</option>
      </SelectField>,
    );
    expect(select).toContain('<div class="select-wrapper mb-4"><label for="purpose">Uso</label>');
    expect(select).toContain(
      '<select id="purpose" name="purpose" class="is-invalid" aria-invalid="true" aria-describedby="purpose-errore">',
    );
  });
});

describe("RadioGroup", () => {
  it("names the error from the fieldset and marks the first option invalid", () => {
    const html = renderToStaticMarkup(
      <RadioGroup
        name="kind"
        legend="Quale certificato?"
        options={[
          { value: "residenza", label: "Residenza", hint: "Dove risiedi." },
          { value: "nascita", label: "Nascita" },
        ]}
        defaultValue="residenza"
        error="Scegli quale certificato ti serve."
      />,
    );
    expect(html).toContain('<fieldset aria-describedby="kind-errore"><legend>Quale certificato?</legend>');
    expect(html).toContain(
      'id="kind-residenza" aria-invalid="true" aria-describedby="kind-residenza-hint" checked="" value="residenza"',
    );
    expect(html).toContain('<p class="small mb-2 ms-5" id="kind-residenza-hint">Dove risiedi.</p>');
    expect(html).toContain('id="kind-nascita" value="nascita"/>');
    expect(html).toContain('<label class="form-check-label" for="kind-nascita">Nascita</label>');
  });
});

describe("ErrorSummary", () => {
  it("links each message to its field", () => {
    const html = renderToStaticMarkup(
      <ErrorSummary
        title="Correggi"
        items={[
          { field: "cf", message: "Manca" },
          { field: null, message: "Altro" },
        ]}
      />,
    );
    expect(html).toContain('role="alert" id="riepilogo-errori" aria-labelledby="riepilogo-errori-titolo"');
    expect(html).toContain('<li><a href="#cf">Manca</a></li><li>Altro</li>');
  });
});
