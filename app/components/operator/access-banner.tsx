import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "~/auth/csrf-input";
import { formatTimeIt } from "~/rules/time";
import { Icon } from "~/components/icon";

export interface AccessBannerProps {
  citizenId: number;
  personName: string;
  category: string;
  text: string;
  expiresAt: string;
  minutesLeft: number;
  csrf: string;
}

/**
 * The reason the operator stated, on every page of the dossier, with the time left and a way to
 * close the dossier now. Read-only pages: this is their only form.
 */
export function AccessBanner(p: AccessBannerProps) {
  return (
    <section className="portal-access-banner" aria-labelledby="access-banner-title">
      <h2 id="access-banner-title" className="h5">
        <Icon name="it-password-visible" className="me-2" />
        Stai consultando i dati di {p.personName}
      </h2>
      <p>
        Motivo dichiarato: {p.category}: <span className="portal-access-reason">«{p.text}»</span>
      </p>
      <p>
        <Icon name="it-clock" size="sm" className="me-1" />
        L&apos;accesso scade alle {formatTimeIt(p.expiresAt)}
        {p.minutesLeft > 0 ? ` (tra ${p.minutesLeft === 1 ? "1 minuto" : `${p.minutesLeft} minuti`})` : ""}.
        Ogni pagina che apri è registrata con questo motivo ed è visibile alla persona.
      </p>
      <div className="d-flex flex-wrap gap-3 align-items-center mt-2">
        <Form method="post" action={`/operatore/cittadini/${p.citizenId}`} className="portal-inline-form">
          <CsrfInput token={p.csrf} />
          <input type="hidden" name="intent" value="chiudi" />
          <button type="submit" className="btn btn-outline-primary btn-sm">
            Chiudi il fascicolo
          </button>
        </Form>
        <Link to={`/operatore/cittadini/${p.citizenId}`} prefetch="none">
          Indica un altro motivo
        </Link>
      </div>
    </section>
  );
}
