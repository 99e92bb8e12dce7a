/**
 * The demo IdP's pages: plain server-rendered HTML with the design system's CSS, no client
 * script except the nonce'd auto-submit of the answer to the service. The names, paths and
 * choices come from the profile (SPID or CieID).
 */
import type { SpidLevel } from "../constants";
import type { Persona } from "./people";
import type { SpidErrorCode } from "../spid-rules";
import type { DemoIdpProfile } from "./profile";

export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const FONT_DIR = "/bootstrap-italia/dist/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin";
const FONTS =
  ["300", "regular", "600", "700"]
    .map((w) => {
      const weight = w === "regular" ? "400" : w;
      return `@font-face{font-family:'Titillium Web';font-style:normal;font-weight:${weight};font-display:swap;src:url('${FONT_DIR}-${w}.woff2') format('woff2'),url('${FONT_DIR}-${w}.woff') format('woff')}`;
    })
    .join("") +
  `@font-face{font-family:'Roboto Mono';font-style:normal;font-weight:400;font-display:swap;src:url('/bootstrap-italia/dist/fonts/Roboto_Mono/roboto-mono-v13-latin-ext_latin-regular.woff2') format('woff2')}`;

const STYLE = `${FONTS}
.idp-banner{background:#17324d;color:#fff}
.idp-banner .idp-tag{display:inline-block;background:#fff;color:#17324d;font-weight:700;border-radius:4px;padding:0 .5rem;margin-right:.5rem}
.idp-persona.btn{display:flex;flex-direction:column;align-items:flex-start;justify-content:flex-start;width:100%;text-align:left;white-space:normal;line-height:1.4}
.idp-persona .idp-cf{font-family:'Roboto Mono',monospace;font-size:.875rem}
.idp-list{list-style:none;padding:0;margin:0}
.idp-grid{list-style:none;padding-left:0}
.idp-list li{margin-bottom:.75rem}
.idp-error-btn{display:block;width:100%;text-align:left;white-space:normal}
`;

export interface LoginPageData {
  token: string;
  serviceName: string;
  requestedLevel: SpidLevel;
  forceAuthn: boolean;
  selectedLevel: SpidLevel;
  personas: Persona[];
  codiceFiscale?: string;
  codiceFiscaleError?: string;
  activeSession?: { label: string } | null;
}

function personaButton(p: Persona): string {
  return `<li class="col-md-6"><button type="submit" name="persona" value="${esc(p.codiceFiscale)}" class="btn btn-outline-primary idp-persona h-100">
<span class="fw-semibold">${esc(p.label)}</span>
<span class="small">${esc(p.description)}</span>
${p.story ? `<span class="small">${esc(p.story)}</span>` : ""}
<span class="idp-cf">${esc(p.codiceFiscale)}</span>
</button></li>`;
}

export interface AutoPostPageData {
  action: string;
  fields: Record<string, string>;
  nonce?: string;
  title: string;
  message: string;
}

export interface MessagePageData {
  title: string;
  message: string;
  detail?: string;
  links?: Array<{ href: string; label: string }>;
}

export interface HomePageData {
  session: { label: string } | null;
  portalUrl: string;
}

export type DemoIdpPages = ReturnType<typeof createPages>;

/** The pages of one demo IdP, with its names, paths and choices. */
export function createPages(profile: DemoIdpProfile) {
  const base = profile.basePath;

  function layout(opts: { title: string; body: string; nonce?: string; script?: string }): string {
    return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(opts.title)} — ${esc(profile.orgName)}</title>
<link rel="stylesheet" href="/bootstrap-italia/dist/css/bootstrap-italia.min.css">
<style>${STYLE}</style>
</head>
<body>
<a class="visually-hidden-focusable" href="#contenuto">Vai al contenuto</a>
<header class="idp-banner py-3">
<div class="container">
<p class="h5 mb-0"><span class="idp-tag">DEMO</span>${esc(profile.headerText)}</p>
</div>
</header>
<main id="contenuto" class="container my-4" tabindex="-1">
${opts.body}
</main>
<footer class="border-top py-3">
<div class="container"><p class="small mb-0">${esc(profile.footerText)}</p></div>
</footer>
${opts.script && opts.nonce ? `<script nonce="${esc(opts.nonce)}">${opts.script}</script>` : ""}
</body>
</html>`;
  }

  const levels = ([1, 2, 3] as const).map((level) => ({ level, label: profile.levels[level] }));
  const errors = (Object.keys(profile.errors) as SpidErrorCode[]).filter((c) => c !== "nr25");
  const loginTitle = `Accesso con ${profile.credential}`;

  function loginPage(d: LoginPageData): string {
    const citizens = d.personas.filter((p) => p.kind === "cittadino");
    const operators = d.personas.filter((p) => p.kind === "operatore");
    const cfInvalid = !!d.codiceFiscaleError;
    const body = `
<h1 class="mb-3">${esc(loginTitle)}</h1>
<p class="lead">Il servizio <strong>${esc(d.serviceName)}</strong> chiede di accedere con <strong>${esc(profile.credential)} livello ${d.requestedLevel}</strong>.${
      d.forceAuthn
        ? " Il servizio chiede una nuova autenticazione anche se hai già effettuato l'accesso."
        : ""
    }</p>
${profile.loginNote ? `<p>${esc(profile.loginNote)}</p>` : ""}
${
  cfInvalid
    ? `<div class="alert alert-danger" role="alert"><p class="mb-0">Accesso non riuscito: <a href="#codice-fiscale">${esc(d.codiceFiscaleError)}</a></p></div>`
    : ""
}
<form method="post" action="${base}/login" novalidate>
<input type="hidden" name="request" value="${esc(d.token)}">

<fieldset class="mb-4">
<legend class="h4 px-0">Livello di autenticazione</legend>
<p id="livello-nota" class="small">Puoi scegliere un livello più basso di quello richiesto per vedere come il servizio rifiuta l'accesso.</p>
${levels
  .map(
    ({ level, label }) => `<div class="form-check">
<input class="form-check-input" type="radio" name="level" id="livello-${level}" value="${level}"${level === d.selectedLevel ? " checked" : ""} aria-describedby="livello-nota">
<label class="form-check-label" for="livello-${level}">${esc(label)}${level === d.requestedLevel ? " (richiesto dal servizio)" : ""}</label>
</div>`,
  )
  .join("\n")}
</fieldset>

<section class="mb-4" aria-labelledby="titolo-cf">
<h2 id="titolo-cf" class="h4">Accedi con un codice fiscale</h2>
<p id="cf-nota" class="small">Qualsiasi persona presente nei dati dimostrativi del portale, cittadino o operatore.</p>
<div class="row g-2 align-items-start">
<div class="col-md-6">
<label for="codice-fiscale" class="form-label fw-semibold">Codice fiscale</label>
<input type="text" class="form-control${cfInvalid ? " is-invalid" : ""}" id="codice-fiscale" name="fiscalCode" value="${esc(d.codiceFiscale ?? "")}" maxlength="16" autocomplete="off" spellcheck="false" autocapitalize="characters" aria-describedby="cf-nota${cfInvalid ? " cf-errore" : ""}"${cfInvalid ? ' aria-invalid="true"' : ""}>
${cfInvalid ? `<div class="invalid-feedback d-block" id="cf-errore">${esc(d.codiceFiscaleError)}</div>` : ""}
</div>
<div class="col-md-6 align-self-end">
<button type="submit" name="action" value="codice-fiscale" class="btn btn-primary">Accedi con questo codice fiscale</button>
</div>
</div>
</section>

<section class="mb-4" aria-labelledby="titolo-persone">
<h2 id="titolo-persone" class="h4">Persone di prova</h2>
<p class="small">Un clic per entrare come una delle persone dei dati dimostrativi.</p>
${citizens.length ? `<h3 class="h5">Cittadini</h3><ul class="idp-grid row g-3 mb-4">${citizens.map(personaButton).join("\n")}</ul>` : ""}
${operators.length ? `<h3 class="h5">Operatori</h3><ul class="idp-grid row g-3">${operators.map(personaButton).join("\n")}</ul>` : ""}
${!d.personas.length ? `<p>Nessuna persona di prova nei dati: usa un codice fiscale.</p>` : ""}
</section>

<section class="mb-4" aria-labelledby="titolo-errori">
<h2 id="titolo-errori" class="h4">Simula un errore ${esc(profile.credential)}</h2>
<p class="small">Il servizio riceve una risposta di errore con il codice scelto, come da un identity provider reale.</p>
<ul class="idp-list">
${errors
  .map(
    (code) =>
      `<li><button type="submit" name="error" value="${code}" class="btn btn-outline-secondary idp-error-btn"><span class="fw-semibold">${code}</span> — ${esc(profile.errors[code])}</button></li>`,
  )
  .join("\n")}
</ul>
</section>

<div class="mb-4">
<button type="submit" name="error" value="nr25" class="btn btn-secondary">Annulla</button>
<span class="small ms-2">Torna al servizio senza accedere (codice nr25).</span>
</div>
</form>
${d.activeSession ? sessionBox(d.activeSession.label) : ""}`;
    return layout({ title: loginTitle, body });
  }

  /** The IdP's own session; "Esci da tutti i servizi" only where the IdP does single logout. */
  function sessionBox(label: string): string {
    return `<section class="border-top pt-3" aria-labelledby="titolo-sessione">
<h2 id="titolo-sessione" class="h5">Sessione attiva</h2>
<p>Hai già effettuato l'accesso come <strong>${esc(label)}</strong>.</p>
${
  profile.singleLogout
    ? `<form method="post" action="${base}/logout"><button type="submit" class="btn btn-outline-danger">Esci da tutti i servizi</button></form>`
    : `<p>La sessione si chiude quando esci dal servizio.</p>`
}
</section>`;
  }

  /** The answer travels to the service in a form: sent by a nonce'd script, or by the button. */
  function autoPostPage(opts: AutoPostPageData): string {
    const body = `
<h1 class="mb-3">${esc(opts.title)}</h1>
<p>${esc(opts.message)}</p>
<form id="saml-form" method="post" action="${esc(opts.action)}">
${Object.entries(opts.fields)
  .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
  .join("\n")}
<button type="submit" class="btn btn-primary">Prosegui</button>
</form>`;
    return layout({
      title: opts.title,
      body,
      nonce: opts.nonce,
      script: `document.getElementById("saml-form").submit();`,
    });
  }

  function messagePage(opts: MessagePageData): string {
    const body = `
<h1 class="mb-3">${esc(opts.title)}</h1>
<p>${esc(opts.message)}</p>
${opts.detail ? `<p class="small">Dettaglio tecnico: <code>${esc(opts.detail)}</code></p>` : ""}
${
  opts.links?.length
    ? `<ul>${opts.links.map((l) => `<li><a href="${esc(l.href)}">${esc(l.label)}</a></li>`).join("")}</ul>`
    : ""
}`;
    return layout({ title: opts.title, body });
  }

  function homePage(opts: HomePageData): string {
    const body = `
<h1 class="mb-3">${esc(profile.orgName)}</h1>
<p>${esc(profile.homeText)}</p>
<ul>
<li><a href="${base}/metadata">Metadati SAML dell'identity provider</a></li>
<li><a href="${esc(opts.portalUrl)}/">Torna al portale</a></li>
</ul>
${opts.session ? sessionBox(opts.session.label) : `<p>Nessuna sessione attiva su questo identity provider.</p>`}`;
    return layout({ title: profile.orgName, body });
  }

  return { loginPage, autoPostPage, messagePage, homePage };
}
