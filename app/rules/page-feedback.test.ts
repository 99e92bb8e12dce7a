import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTES_DIR, routeFiles, urlPattern } from "../../tests/support/route-files";
import {
  PAGE_FEEDBACK_CHOICES,
  PAGE_FEEDBACK_PAGE_LABEL,
  PAGE_FEEDBACK_PAGES,
  feedbackPageOf,
  pageFeedbackChoiceLabel,
  pageFeedbackPageLabel,
} from "~/rules/page-feedback";

/**
 * The pages the Area personale layout frames: route files nested under `area-personale.tsx` that
 * render a page (a default export that is more than the null of an action-only route).
 */
function areaPages(): string[] {
  return routeFiles()
    .filter((f) => f.startsWith("area-personale.") && f !== "area-personale.tsx")
    .filter((f) => {
      const source = fs.readFileSync(path.join(ROUTES_DIR, f), "utf8");
      return (
        /export default function/.test(source) &&
        !/export default function \w+\(\) \{\s*return null;/.test(source)
      );
    })
    .map(urlPattern)
    .sort();
}

describe("page feedback pages", () => {
  it("lists every page of the Area personale, and nothing else", () => {
    const pages = areaPages();
    expect(pages).toContain("/area-personale/pagamenti/:id");
    expect(pages).not.toContain("/area-personale/cambia-ruolo");
    expect(pages).not.toContain("/area-personale/certificati/:id/pdf");
    expect([...PAGE_FEEDBACK_PAGES].sort()).toEqual(pages);
  });

  it("names every page", () => {
    for (const page of PAGE_FEEDBACK_PAGES) expect(PAGE_FEEDBACK_PAGE_LABEL[page].trim()).not.toBe("");
    expect(pageFeedbackPageLabel("/area-personale/pagamenti/:id")).toBe("Dettaglio di un avviso");
    expect(pageFeedbackPageLabel("/vecchia-pagina")).toBe("/vecchia-pagina");
  });

  it("stores a page under its pattern, never with its ids", () => {
    expect(feedbackPageOf("/area-personale")).toBe("/area-personale");
    expect(feedbackPageOf("/area-personale/")).toBe("/area-personale");
    expect(feedbackPageOf("/area-personale/pagamenti/123")).toBe("/area-personale/pagamenti/:id");
    expect(feedbackPageOf("/area-personale/pagamenti/carrello")).toBe("/area-personale/pagamenti/carrello");
    expect(feedbackPageOf("/area-personale/pagamenti/ricevute/9")).toBe(
      "/area-personale/pagamenti/ricevute/:id",
    );
    expect(feedbackPageOf("/area-personale/contribuente/imu/2025")).toBe(
      "/area-personale/contribuente/imu/:anno",
    );
    expect(feedbackPageOf("/area-personale/appuntamenti/prenota")).toBe(
      "/area-personale/appuntamenti/prenota",
    );
    expect(feedbackPageOf("/area-personale/appuntamenti/4")).toBe("/area-personale/appuntamenti/:id");
  });

  it("refuses paths that are not one of the pages", () => {
    for (const p of [
      "",
      "/",
      "/operatore",
      "/area-personale/pagamenti/1/avviso.pdf",
      "/area-personale/sconosciuta",
      "/area-personale//pagamenti",
      "https://example.org/area-personale",
    ])
      expect(feedbackPageOf(p), p).toBeNull();
  });

  it("names every choice, and shows an unknown one as it is", () => {
    for (const [code, label] of Object.entries(PAGE_FEEDBACK_CHOICES)) {
      expect(pageFeedbackChoiceLabel(code)).toBe(label);
      expect(label).toMatch(/^[A-Z]/);
    }
    expect(pageFeedbackChoiceLabel("vecchio")).toBe("vecchio");
  });
});
