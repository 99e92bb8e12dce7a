// The form of /area-personale/certificati/richiedi: which certificate, and for which use.
import { z } from "zod";
import { isCertificateKind, isCertificatePurpose } from "~/dossier/certificates.server";
import type { CertificatePurpose } from "~/dossier/labels";
import type { CertificateKind } from "../../db/schema";

export const certificateRequestSchema = z.object({
  kind: z.custom<CertificateKind>(isCertificateKind, "Scegli quale certificato ti serve."),
  purpose: z.custom<CertificatePurpose>(isCertificatePurpose, "Scegli l'uso del certificato dall'elenco."),
});
