import { Form, useLocation } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/auth/csrf-input";
import { RadioGroup, Textarea } from "~/components/form";
import { Icon } from "~/components/icon";
import {
  PAGE_FEEDBACK_CHOICE_CODES,
  PAGE_FEEDBACK_PARAM,
  PAGE_FEEDBACK_PATH,
  PAGE_FEEDBACK_TEXT_MAX,
  feedbackPageOf,
  type PageFeedbackOutcome,
} from "~/rules/page-feedback";

const STARS = [5, 4, 3, 2, 1] as const;

/** The thanks for each outcome, as keys of the "area" namespace. */
const THANKS: Record<PageFeedbackOutcome, string> = {
  grazie: "feedback.thanks.grazie",
  "gia-inviata": "feedback.thanks.giaInviata",
};

function isOutcome(value: string | null): value is PageFeedbackOutcome {
  return value !== null && Object.prototype.hasOwnProperty.call(THANKS, value);
}

/**
 * Designers Italia's page rating ("valutazione"), at the foot of every Area personale page: the
 * stars as bootstrap-italia's `.rating` radio group, then, if the person wants, a reason and a
 * short text. A plain form post (app/routes/area-personale_.valutazione.tsx) that comes back to
 * the page with `?valutazione=grazie`; it works the same without JavaScript.
 */
export function PageFeedback() {
  const { pathname, search } = useLocation();
  const { t } = useTranslation("area");
  if (feedbackPageOf(pathname) === null) return null;
  const params = new URLSearchParams(search);
  const outcome = params.get(PAGE_FEEDBACK_PARAM);
  params.delete(PAGE_FEEDBACK_PARAM);
  const query = params.toString();
  const thanks = isOutcome(outcome) ? t(THANKS[outcome]) : undefined;
  // The reasons of app/rules/page-feedback.ts, in the page's language.
  const choiceOptions = PAGE_FEEDBACK_CHOICE_CODES.map((value) => ({
    value,
    label: t(`feedback.choice.${value}`),
  }));
  return (
    <section
      id={PAGE_FEEDBACK_PARAM}
      className="portal-page-feedback portal-section-box"
      aria-labelledby="valutazione-titolo"
    >
      <h2 id="valutazione-titolo" className="h5">
        {t("feedback.question")}
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
            <legend className="visually-hidden">{t("feedback.legend")}</legend>
            {STARS.map((n) => (
              <Fragment key={n}>
                <input type="radio" id={`valutazione-voto-${n}`} name="voto" value={n} />
                <label className="full rating-star" htmlFor={`valutazione-voto-${n}`}>
                  <Icon name="it-star-full" />
                  <span className="visually-hidden">{t("feedback.stars", { count: n })}</span>
                </label>
              </Fragment>
            ))}
          </fieldset>
          <details className="portal-page-feedback-more mt-3">
            <summary>{t("feedback.more")}</summary>
            <RadioGroup
              name="scelta"
              idPrefix="valutazione-scelta"
              legend={t("feedback.choiceLegend")}
              legendClassName="h6"
              className="mt-3"
              options={choiceOptions}
            />
            <Textarea
              id="valutazione-testo"
              name="testo"
              label={t("feedback.textLabel")}
              hint={t("feedback.textHint", { max: PAGE_FEEDBACK_TEXT_MAX })}
              maxLength={PAGE_FEEDBACK_TEXT_MAX}
              rows={3}
              wrapperClassName="form-group mt-4 mb-0"
            />
          </details>
          <button type="submit" className="btn btn-primary btn-sm mt-3">
            {t("feedback.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
