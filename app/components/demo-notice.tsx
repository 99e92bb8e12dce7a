import { Trans, useTranslation } from "react-i18next";
import { Icon } from "~/components/icon";
import type { SiteInfo } from "~/components/site";

/**
 * The strip under the header in demo mode. A demo reachable from other machines (DEMO_PUBLIC) says
 * more: anyone can log in as anyone there, so nobody should type real personal data into it.
 */
export function DemoNotice({ site }: { site: Pick<SiteInfo, "demo" | "demoPublic"> }) {
  const { t } = useTranslation();
  if (!site.demo) return null;
  return (
    <div className="portal-demo-notice" data-demo-notice={site.demoPublic ? "pubblico" : "locale"}>
      <div className="container">
        <Icon name="it-info-circle" className="icon-sm me-2" />
        {site.demoPublic ? (
          <Trans i18nKey="demo.public" t={t} components={{ strong: <strong /> }} />
        ) : (
          t("demo.local")
        )}
      </div>
    </div>
  );
}
