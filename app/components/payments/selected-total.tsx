import { useEffect, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/i18n/react";

/** The checked notices of a form: their count and their amounts (data-amount-cents) added in cents. */
function selection(form: HTMLFormElement, field: string): { count: number; cents: number } {
  let count = 0;
  let cents = 0;
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement) || el.name !== field || !el.checked) continue;
    const amount = Number(el.dataset.amountCents);
    if (!Number.isSafeInteger(amount)) continue;
    count += 1;
    cents += amount;
  }
  return { count, cents };
}

/**
 * "Totale selezionato: € 887,10 (2 avvisi)", kept up to date as the notices of the form `formId`
 * are ticked. The form's elements include the checkboxes tied to it with a `form` attribute. A
 * polite live region, empty until the page runs its script: without JavaScript the cart page shows
 * the total instead.
 */
export function SelectedTotal({ formId, field, max }: { formId: string; field: string; max: number }) {
  const { t } = useTranslation("payments");
  const f = useFormat();
  const [total, setTotal] = useState<{ count: number; cents: number } | null>(null);
  useEffect(() => {
    const update = () => {
      const form = document.getElementById(formId);
      if (form instanceof HTMLFormElement) setTotal(selection(form, field));
    };
    update();
    const onChange = (event: Event) => {
      const target = event.target;
      if (target instanceof HTMLInputElement && target.name === field) update();
    };
    document.addEventListener("change", onChange);
    return () => document.removeEventListener("change", onChange);
  }, [formId, field]);
  return (
    <p className="portal-selected-total" aria-live="polite" aria-atomic="true">
      {total ? (
        <>
          <Trans
            i18nKey={total.count === 0 ? "parts.selectedTotal.none" : "parts.selectedTotal.some"}
            t={t}
            values={{ amount: f.euro(total.cents) }}
            count={total.count === 0 ? undefined : total.count}
            components={{ strong: <strong className="portal-amount" /> }}
          />
          {total.count > max ? t("parts.selectedTotal.tooMany", { max }) : null}
        </>
      ) : null}
    </p>
  );
}
