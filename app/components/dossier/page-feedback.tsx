import { Form, useLocation } from "@remix-run/react";
import { Fragment } from "react";
import { CsrfInput } from "~/auth/csrf-input";
import { RadioGroup, Textarea } from "~/components/form";
import { Icon } from "~/components/icon";
import {
  PAGE_FEEDBACK_CHOICES,
  PAGE_FEEDBACK_PARAM,
  PAGE_FEEDBACK_PATH,
  PAGE_FEEDBACK_QUESTION,
  PAGE_FEEDBACK_TEXT_MAX,
  feedbackPageOf,
} from "~/rules/page-feedback";

const STARS = [5, 4, 3, 2, 1] as const;

const CHOICE_OPTIONS = Object.entries(PAGE_FEEDBACK_CHOICES).map(([value, label]) => ({ value, label }));

const THANKS: Record<string, string> = {
  grazie:
    "Grazie, la tua valutazione è stata registrata: ci aiuta a rendere più chiare le pagine del portale.",
  "gia-inviata": "Hai già valutato questa pagina: grazie, la tua prima valutazione resta registrata.",
};

/**
 * Designers Italia's page rating ("valutazione"), at the foot of every Area personale page: the
 * stars as bootstrap-italia's `.rating` radio group, then, if the person wants, a reason and a
 * short text. A plain form post (app/routes/area-personale_.valutazione.tsx) that comes back to
 * the page with `?valutazione=grazie`; it works the same without JavaScript.
 */
export function PageFeedback() {
  const { pathname, search } = useLocation();
  if (feedbackPageOf(pathname) === null) return null;
  const params = new URLSearchParams(search);
  const outcome = params.get(PAGE_FEEDBACK_PARAM);
  params.delete(PAGE_FEEDBACK_PARAM);
  const query = params.toString();
  const thanks = outcome ? THANKS[outcome] : undefined;
  return (
    <section
      id={PAGE_FEEDBACK_PARAM}
      className="portal-page-feedback portal-section-box"
      aria-labelledby="valutazione-titolo"
    >
      <h2 id="valutazione-titolo" className="h5">
        {PAGE_FEEDBACK_QUESTION}
      </h2>
      {thanks ? (
        <div className="alert alert-success mb-0" role="status">
          {thanks}
        </div>
      ) : (
        <Form method="post" action={PAGE_FEEDBACK_PATH}>
          <CsrfInput />
          <input type="hidden" name="pagina" value={query ? `${pathname}?${query}` : pathname} />
          <fieldset className="rating">
            <legend className="visually-hidden">
              Valuta da 1 a 5 stelle la chiarezza delle informazioni su questa pagina
            </legend>
            {STARS.map((n) => (
              <Fragment key={n}>
                <input type="radio" id={`valutazione-voto-${n}`} name="voto" value={n} />
                <label className="full rating-star" htmlFor={`valutazione-voto-${n}`}>
                  <Icon name="it-star-full" />
                  <span className="visually-hidden">{n === 1 ? "1 stella su 5" : `${n} stelle su 5`}</span>
                </label>
              </Fragment>
            ))}
          </fieldset>
          <details className="portal-page-feedback-more mt-3">
            <summary>Vuoi dirci di più? (facoltativo)</summary>
            <RadioGroup
              name="scelta"
              idPrefix="valutazione-scelta"
              legend="Che cosa ti ha colpito di più di questa pagina?"
              legendClassName="h6"
              className="mt-3"
              options={CHOICE_OPTIONS}
            />
            <Textarea
              id="valutazione-testo"
              name="testo"
              label="Vuoi aggiungere qualche dettaglio?"
              hint={`Al massimo ${PAGE_FEEDBACK_TEXT_MAX} caratteri. La valutazione è anonima: non scrivere dati personali come nome, codice fiscale, indirizzo, telefono o email.`}
              maxLength={PAGE_FEEDBACK_TEXT_MAX}
              rows={3}
              wrapperClassName="form-group mt-4 mb-0"
            />
          </details>
          <button type="submit" className="btn btn-primary btn-sm mt-3">
            Invia la valutazione
          </button>
        </Form>
      )}
    </section>
  );
}
