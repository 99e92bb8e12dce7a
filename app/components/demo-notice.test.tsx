import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DemoNotice } from "~/components/demo-notice";
import { siteInfo } from "~/components/site";

const org = { displayName: "Fascicolo del cittadino", email: "p@example.it", phone: "+390110000000" };
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&#x27;|&apos;/g, "'");

describe("DemoNotice", () => {
  it("warns a public demo's visitors that anyone logs in as anyone", () => {
    const html = renderToStaticMarkup(<DemoNotice site={siteInfo({ demo: true, demoPublic: true, org })} />);
    expect(text(html)).toContain("Portale dimostrativo: chiunque può entrare con qualsiasi identità");
    expect(text(html)).toContain("Non inserire dati personali reali.");
    // The icon is decoration: the words carry the message.
    expect(html).toContain('aria-hidden="true"');
  });

  it("keeps the short notice for a demo on this machine, and shows nothing outside demo mode", () => {
    const local = renderToStaticMarkup(<DemoNotice site={siteInfo({ demo: true, demoPublic: false, org })} />);
    expect(text(local)).toContain("Ambiente dimostrativo");
    expect(text(local)).not.toContain("Portale dimostrativo");
    expect(renderToStaticMarkup(<DemoNotice site={siteInfo({ demo: false, demoPublic: true, org })} />)).toBe("");
  });
});
