// The language switcher of the slim header: the chosen language and the page to go back to.
import { z } from "zod";
import { safeReturnPath } from "~/auth/return-path";
import { LOCALES } from "~/i18n/config";

export const languageChoiceSchema = z.object({
  lingua: z.enum(LOCALES, { error: "Lingua non disponibile." }),
  // A return path that is not the portal's own is dropped, not refused: the home page is shown.
  ritorno: z.preprocess((value) => safeReturnPath(value) ?? "/", z.string()),
});
