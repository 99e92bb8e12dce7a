import { describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/config";
import { MESSAGES } from "~/locales";
import { OPEN_DATA_LICENCE, OPEN_DATA_SLUGS, OPEN_DATASETS, suppressionRule } from "~/open-data/datasets";
import { columnTypeKey } from "~/open-data/messages";
import { MIN_PEOPLE } from "~/open-data/suppression";
import { PRATICA_STATE_LABEL } from "~/rules/pratiche";

// /dati-aperti shows the datasets' texts through the "openData" messages, keyed by dataset slug and
// column name (dynamic keys the message-file test cannot see): every dataset and column has its
// texts in every language, and in Italian they are the domain's own words, which the DCAT-AP_IT
// catalogue and the CSV files use.

type Texts = {
  title: string;
  description: string;
  counted: string;
  chart: string;
  columns: Record<string, string>;
};

const datasetsOf = (locale: string) =>
  (MESSAGES as unknown as Record<string, { openData: { datasets: Record<string, Texts> } }>)[locale]!.openData
    .datasets;

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));

describe("open-data messages", () => {
  it("Italian: every dataset's texts are the domain's", () => {
    const it = datasetsOf("it");
    expect(Object.keys(it).sort()).toEqual([...OPEN_DATA_SLUGS].sort());
    for (const slug of OPEN_DATA_SLUGS) {
      const d = OPEN_DATASETS[slug];
      expect(it[slug], slug).toEqual({
        title: d.title,
        description: d.description,
        counted: d.counted,
        chart: d.chart.title,
        columns: Object.fromEntries(d.columns.map((c) => [c.name, c.description])),
      });
    }
  });

  it.each(LOCALES.filter((l) => l !== "it"))("%s: every dataset and column has its texts", (locale) => {
    const texts = datasetsOf(locale);
    expect(Object.keys(texts).sort()).toEqual([...OPEN_DATA_SLUGS].sort());
    for (const slug of OPEN_DATA_SLUGS) {
      const d = OPEN_DATASETS[slug];
      const own = texts[slug]!;
      for (const key of ["title", "description", "counted", "chart"] as const) {
        expect(own[key]?.trim(), `${slug}.${key}`).toBeTruthy();
      }
      expect(Object.keys(own.columns).sort(), slug).toEqual(d.columns.map((c) => c.name).sort());
      for (const c of d.columns) expect(own.columns[c.name]?.trim(), `${slug}.${c.name}`).toBeTruthy();
    }
  });

  it("column types, pratica states and the suppression rule: every code in every language, Italian as the domain writes it", () => {
    const types = new Set(OPEN_DATA_SLUGS.flatMap((s) => OPEN_DATASETS[s].columns.map((c) => c.type)));
    const it = MESSAGES.it.openData;
    for (const type of types)
      expect(it.columnType[columnTypeKey(type) as keyof typeof it.columnType]).toBe(type);
    expect(it.praticaState).toEqual(PRATICA_STATE_LABEL);
    for (const locale of LOCALES) {
      const own = MESSAGES[locale].openData;
      expect(Object.keys(own.columnType).sort(), locale).toEqual(Object.keys(it.columnType).sort());
      expect(Object.keys(own.praticaState).sort(), locale).toEqual(Object.keys(PRATICA_STATE_LABEL).sort());
    }
    for (const slug of OPEN_DATA_SLUGS) {
      const counted = OPEN_DATASETS[slug].counted;
      expect(fill(it.suppression, { min: MIN_PEOPLE, counted })).toBe(suppressionRule(counted));
    }
    expect(it.howTo.licence).toContain(`<a>${OPEN_DATA_LICENCE.name}</a>`);
  });
});
