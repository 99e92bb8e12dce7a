// Components rendered in unit tests (without entry.server's provider) read Italian messages from
// i18next's global instance, as the portal's default language; route meta functions find it too.
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { I18NEXT_OPTIONS } from "~/i18n/config";
import { registerI18n } from "~/i18n/instance";
import { MESSAGES } from "~/locales";

if (!i18next.isInitialized) {
  void i18next.use(initReactI18next).init({ ...I18NEXT_OPTIONS, lng: "it", resources: MESSAGES });
}
registerI18n(() => i18next);
