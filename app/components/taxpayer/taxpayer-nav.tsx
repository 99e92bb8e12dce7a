import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type TaxpayerSection =
  "riepilogo" | "immobili" | "imu" | "tari" | "veicoli" | "accertamenti" | "f24" | "rimborsi";

const BASE = "/area-personale/contribuente";

/**
 * Links of the taxpayer dossier. IMU and TARI point at a year: the latest one given. Each label is
 * the key `nav.<key>` of the "taxpayer" namespace.
 */
export function taxpayerSections(latest: { imu?: number | null; tari?: number | null } = {}) {
  return [
    { key: "riepilogo", to: BASE },
    { key: "immobili", to: `${BASE}/immobili` },
    { key: "imu", to: latest.imu ? `${BASE}/imu/${latest.imu}` : null },
    { key: "tari", to: latest.tari ? `${BASE}/tari/${latest.tari}` : null },
    { key: "veicoli", to: `${BASE}/veicoli` },
    { key: "accertamenti", to: `${BASE}/accertamenti` },
    { key: "f24", to: `${BASE}/f24` },
    { key: "rimborsi", to: `${BASE}/rimborsi` },
  ] as Array<{ key: TaxpayerSection; to: string | null }>;
}

/**
 * The sections of the taxpayer dossier as a row of links that wraps on small screens. The IMU and
 * TARI links are shown only where the page knows a year to point at.
 */
export function TaxpayerNav({
  current,
  latest,
}: {
  current: TaxpayerSection;
  latest?: { imu?: number | null; tari?: number | null };
}) {
  const { t } = useTranslation("taxpayer");
  return (
    <nav className="portal-tax-nav" aria-label={t("nav.label")}>
      <ul>
        {taxpayerSections(latest).map((s) =>
          s.key === current ? (
            <li key={s.key}>
              <span className="portal-tax-nav-current" aria-current="page">
                {t(`nav.${s.key}`)}
              </span>
            </li>
          ) : s.to ? (
            <li key={s.key}>
              <Link to={s.to}>{t(`nav.${s.key}`)}</Link>
            </li>
          ) : null,
        )}
      </ul>
    </nav>
  );
}

/** Links to the other years of a tax (IMU or TARI), the current one marked. */
export function YearNav({
  years,
  current,
  basePath,
  label,
}: {
  years: number[];
  current: number;
  basePath: string;
  label: string;
}) {
  const { t } = useTranslation("taxpayer");
  if (years.length <= 1) return null;
  return (
    <nav className="portal-year-nav" aria-label={label}>
      <span className="portal-year-nav-label" aria-hidden="true">
        {t("nav.year")}
      </span>
      <ul>
        {years.map((y) => (
          <li key={y}>
            {y === current ? (
              <span className="portal-tax-nav-current" aria-current="page">
                {y}
              </span>
            ) : (
              <Link to={`${basePath}/${y}`}>{y}</Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
