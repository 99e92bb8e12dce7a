import { useTranslation } from "react-i18next";

/** The first focusable elements of every page. Targets: <main id="main-content"> and the footer. */
export function Skiplinks() {
  const { t } = useTranslation();
  return (
    <div className="skiplinks">
      <a className="visually-hidden-focusable" href="#main-content">
        {t("skiplinks.main")}
      </a>
      <a className="visually-hidden-focusable" href="#footer">
        {t("skiplinks.footer")}
      </a>
    </div>
  );
}
