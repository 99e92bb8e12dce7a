import { escapeHtml as h } from "./xml";

/**
 * The HTTP-POST binding page: a form the browser submits by itself (script with the CSP nonce),
 * with a visible "Prosegui" button for those without JavaScript.
 */
export function autoPostPage(opts: {
  title: string;
  action: string;
  fields: Record<string, string>;
  nonce: string;
}): string {
  const inputs = Object.entries(opts.fields)
    .map(([name, value]) => `<input type="hidden" name="${h(name)}" value="${h(value)}">`)
    .join("\n");
  return `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${h(opts.title)}</title>
<link rel="stylesheet" href="/bootstrap-italia/dist/css/bootstrap-italia.min.css">
</head>
<body>
<main class="container my-5" id="main">
<h1 class="h3">${h(opts.title)}</h1>
<p>Se la pagina non prosegue da sola entro qualche secondo, premi il pulsante «Prosegui».</p>
<form method="post" action="${h(opts.action)}" id="saml-post">
${inputs}
<button type="submit" class="btn btn-primary">Prosegui</button>
</form>
</main>
<script nonce="${h(opts.nonce)}">document.getElementById("saml-post").submit();</script>
</body>
</html>`;
}
