import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { IdpSummary } from "~/auth/saml-service";
import spidButtonStyles from "~/auth/spid-button.css";

export const spidButtonLinks = () => [{ rel: "stylesheet", href: spidButtonStyles }];

/** A simple person mark in a circle, drawn for this portal (not AgID's artwork). */
function SpidMark() {
  return (
    <svg className="spid-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="15" fill="none" stroke="#fff" strokeWidth="2" />
      <circle cx="16" cy="11" r="4.5" fill="#fff" />
      <path d="M7.5 25.5c1.2-5 4.5-7.5 8.5-7.5s7.3 2.5 8.5 7.5z" fill="#fff" />
    </svg>
  );
}

export function idpLoginHref(idp: IdpSummary, opts: { level?: number | null; next?: string | null }): string {
  const params = new URLSearchParams({ idp: idp.id });
  if (opts.level) params.set("level", String(opts.level));
  if (opts.next) params.set("next", opts.next);
  return `/saml/login?${params.toString()}`;
}

/**
 * "Entra con SPID": a native disclosure (<details>), so it opens with the keyboard and works
 * without JavaScript; each provider is a plain link that starts the login.
 */
export function SpidButton({
  idps,
  level,
  next,
  open,
}: {
  idps: IdpSummary[];
  level?: number | null;
  next?: string | null;
  open?: boolean;
}) {
  const listId = useId();
  const { t } = useTranslation("login");
  return (
    <details className="spid-access" open={open}>
      <summary aria-controls={listId}>
        <SpidMark />
        <span>{t("buttons.spid")}</span>
      </summary>
      <ul className="spid-providers" id={listId} aria-label={t("buttons.spidProviders")}>
        {idps.map((idp) => (
          <li key={idp.enteId}>
            <a href={idpLoginHref(idp, { level, next })}>{idp.name}</a>
          </li>
        ))}
        <li className="spid-info">
          <a href="https://www.spid.gov.it" rel="noopener noreferrer">
            {t("buttons.spidInfo")}
          </a>
        </li>
        <li className="spid-info">
          <a href="https://www.spid.gov.it/cos-e-spid/come-attivare-spid/" rel="noopener noreferrer">
            {t("buttons.spidMissing")}
          </a>
        </li>
        <li className="spid-info">
          <a href="https://www.spid.gov.it/serve-aiuto/" rel="noopener noreferrer">
            {t("buttons.spidHelp")}
          </a>
        </li>
      </ul>
    </details>
  );
}

/** An identity card with its photo and lines, drawn for this portal (not the Ministry's artwork). */
function CieMark() {
  return (
    <svg className="spid-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="2" y="6" width="28" height="20" rx="3" fill="none" stroke="#fff" strokeWidth="2" />
      <rect x="6" y="12" width="7" height="6" rx="1" fill="#fff" />
      <path d="M16 12h10M16 16h10M16 20h6" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/**
 * "Entra con CIE": CieID is one identity provider (the Ministry of the Interior's), so the button
 * is a plain link that starts the login, in CIE's blue.
 */
export function CieButton({
  idp,
  level,
  next,
}: {
  idp: IdpSummary;
  level?: number | null;
  next?: string | null;
}) {
  const { t } = useTranslation("login");
  return (
    <a className="spid-access-button cie-access" href={idpLoginHref(idp, { level, next })}>
      <CieMark />
      <span>{t("buttons.cie")}</span>
    </a>
  );
}
