import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { ErrorSummary, TextField } from "~/components/form";
import { I18NEXT_OPTIONS } from "~/i18n/config";
import { MESSAGES } from "~/locales";

// The server writes form messages in Italian; an English page shows those the "validation"
// namespace translates, and the others as written.

// Not registered with initReactI18next: the provider hands it to the components, the global
// instance stays Italian.
const english = createInstance();
void english.init({ ...I18NEXT_OPTIONS, lng: "en", resources: MESSAGES });
const inEnglish = (node: React.ReactNode) =>
  renderToStaticMarkup(<I18nextProvider i18n={english}>{node}</I18nextProvider>);

const KNOWN = "Il collegamento è scaduto: vale 24 ore. Dal tuo profilo puoi chiedere un nuovo collegamento.";
const TRANSLATED = MESSAGES.en.validation[KNOWN];

describe("form messages in the page's language", () => {
  it("shows a field's error and the summary in English when the validation namespace has them", () => {
    expect(TRANSLATED).toBeTruthy();
    expect(inEnglish(<TextField id="x" label="X" error={KNOWN} />)).toContain(`>${TRANSLATED}</div>`);
    const summary = inEnglish(<ErrorSummary title={KNOWN} items={[{ field: "x", message: KNOWN }]} />);
    expect(summary).toContain(`>${TRANSLATED}</h2>`);
    expect(summary).toContain(`>${TRANSLATED}</a>`);
  });

  it("shows an untranslated message as written, and Italian pages unchanged", () => {
    expect(inEnglish(<TextField id="x" label="X" error="Messaggio senza traduzione." />)).toContain(
      ">Messaggio senza traduzione.</div>",
    );
    expect(renderToStaticMarkup(<TextField id="x" label="X" error={KNOWN} />)).toContain(`>${KNOWN}</div>`);
  });
});
