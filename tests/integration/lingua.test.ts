/**
 * The interface's language over HTTP: guessed from Accept-Language, chosen in the header's form
 * (POST /lingua) and kept in a cookie that wins over the header, shown in <html lang>, the page's
 * messages handed to the browser in the page, other namespaces served by /lingue/:locale/:ns.json.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, WebClient } from "../support/http";
import { startServer, type TestServer } from "../support/server";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const langOf = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
/** The messages the page hands to the browser. */
function i18nData(html: string): { locale: string; version: string; resources: Record<string, unknown> } {
  const json = /<script id="i18n-data" type="application\/json"[^>]*>([^<]*)<\/script>/.exec(html)?.[1];
  if (!json) throw new Error("no i18n-data script in the page");
  return JSON.parse(json);
}

describe("the interface's language", () => {
  it("is Italian without any preference, English when the browser prefers it", async () => {
    const plain = await send(`${server.url}/`);
    expect(langOf(plain.body)).toBe("it");
    expect(plain.text).toContain("Vai al contenuto principale");

    const english = await send(`${server.url}/`, {
      headers: { "Accept-Language": "en-GB,en;q=0.9,it;q=0.5" },
    });
    expect(langOf(english.body)).toBe("en");
    expect(english.text).toContain("Skip to main content");
    expect(english.text).toContain("Personal area");
    expect(english.text).not.toContain("Vai al contenuto principale");

    const french = await send(`${server.url}/`, { headers: { "Accept-Language": "fr-FR,fr;q=0.9" } });
    expect(langOf(french.body)).toBe("it");
  });

  it("is chosen in the header's form, remembered in a cookie and kept over Accept-Language", async () => {
    const home = await send(`${server.url}/`);
    expect(home.body).toMatch(/<form method="post" action="\/lingua"/);
    expect(home.body).toMatch(/<button[^>]*name="lingua" value="en" lang="en"/);

    const client = new WebClient(server.url);
    const chosen = await client.post("/lingua", { lingua: "en", ritorno: "/note-legali?x=1" });
    expect(chosen.status).toBe(303);
    expect(chosen.location).toBe("/note-legali?x=1");
    const cookie = chosen.setCookies.find((c) => c.startsWith("lingua="));
    expect(cookie).toMatch(/Max-Age=31536000/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const page = await send(`${server.url}/note-legali`, {
      cookie: cookie!.split(";")[0],
      headers: { "Accept-Language": "it-IT,it;q=0.9" },
    });
    expect(langOf(page.body)).toBe("en");
    expect(page.text).toContain("Skip to main content");

    const back = await client.post("/lingua", { lingua: "it", ritorno: "/" });
    const italian = back.setCookies.find((c) => c.startsWith("lingua="))!.split(";")[0];
    const again = await send(`${server.url}/`, { cookie: italian, headers: { "Accept-Language": "en" } });
    expect(langOf(again.body)).toBe("it");
  });

  it("refuses a language it does not have with 400 and an Italian message, and never redirects off the portal", async () => {
    const client = new WebClient(server.url);
    const refused = await client.post("/lingua", { lingua: "fr", ritorno: "/" });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("Lingua non disponibile.");
    expect(refused.setCookies.some((c) => c.startsWith("lingua="))).toBe(false);

    for (const ritorno of ["https://esempio.invalid/", "//esempio.invalid/x", "/\\esempio.invalid"]) {
      const res = await client.post("/lingua", { lingua: "en", ritorno });
      expect(res.status, ritorno).toBe(303);
      expect(res.location, ritorno).toBe("/");
    }
    // A GET has nothing to do: back to the home page.
    const get = await send(`${server.url}/lingua`);
    expect(get.status).toBe(303);
  });

  it("a broken cookie is no reason to fail the page: the header decides", async () => {
    const page = await send(`${server.url}/`, {
      cookie: "lingua=%%%not-base64",
      headers: { "Accept-Language": "en" },
    });
    expect(page.status).toBe(200);
    expect(langOf(page.body)).toBe("en");
  });

  it("the 404 page and its title follow the language", async () => {
    const page = await send(`${server.url}/questa/pagina/non-esiste`, {
      headers: { "Accept-Language": "en" },
    });
    expect(page.status).toBe(404);
    expect(titleOf(page.body)).toBe("Page not found - Fascicolo del cittadino");
    expect(page.text).toContain("The page you are looking for does not exist");
  });

  it("hands the page's messages to the browser and serves other namespaces, cached by version", async () => {
    const page = await send(`${server.url}/`, { headers: { "Accept-Language": "en" } });
    const data = i18nData(page.body);
    expect(data.locale).toBe("en");
    expect(data.version).toMatch(/^[\w-]{12}$/);
    expect(Object.keys(data.resources)).toContain("common");
    expect((data.resources.common as { nav: { area: string } }).nav.area).toBe("Personal area");
    // No message can close the script it travels in.
    expect(page.body).not.toMatch(/<script id="i18n-data"[^>]*>[^<]*<\/(?!script)/);

    const current = await send(`${server.url}/lingue/en/common.json?v=${data.version}`);
    expect(current.status).toBe(200);
    expect(current.headers.get("content-type")).toMatch(/^application\/json/);
    expect(current.headers.get("cache-control")).toMatch(/immutable/);
    expect(JSON.parse(current.body)).toEqual(data.resources.common);

    const stale = await send(`${server.url}/lingue/it/common.json?v=vecchia`);
    expect(stale.status).toBe(200);
    expect(stale.headers.get("cache-control")).toBe("no-cache");
    expect(JSON.parse(stale.body).nav.area).toBe("Area personale");

    for (const path of [
      "/lingue/fr/common.json",
      "/lingue/en/inesistente.json",
      "/lingue/en/__proto__.json",
    ]) {
      expect((await send(server.url + path)).status, path).toBe(404);
    }
  });
});
