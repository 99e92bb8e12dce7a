import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMON_NS, LOCALES } from "~/i18n/config";
import { MESSAGES } from "~/locales";
import type { MessageTree as Tree } from "../../tests/support/messages";

// Every message exists in every language, with the same placeholders and markup, and every key
// the code asks for exists. A missing translation fails here, not on a resident's screen.

const APP = path.resolve(__dirname, "..");
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(name, value);
    else for (const [k, v] of flatten(value, name)) out.set(k, v);
  }
  return out;
}

const messages = MESSAGES as unknown as Record<string, Record<string, Tree>>;
const flat = (locale: string, ns: string) => flatten(messages[locale]?.[ns] ?? {});

/** Keys without plural suffixes: what the code asks for. */
function baseKeys(keys: Iterable<string>): Set<string> {
  return new Set([...keys].map((k) => k.replace(PLURAL_SUFFIX, "")));
}

const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const tags = (text: string) => [...text.matchAll(/<\/?([\w]+)\s*\/?>/g)].map((m) => m[0]).sort();

describe("message files", () => {
  // "validation" is keyed by the Italian text itself: its Italian file stays empty.
  const namespaces = Object.keys(messages.it!).filter((ns) => ns !== "validation");

  it("validation: the Italian file is empty, every other language translates each message it lists", () => {
    expect(messages.it!.validation).toEqual({});
    for (const locale of LOCALES.filter((l) => l !== "it")) {
      for (const [key, text] of Object.entries(messages[locale]!.validation ?? {})) {
        expect(typeof text === "string" && text.trim() !== "", `${locale}: ${key}`).toBe(true);
        expect(placeholders(text as string), `${locale}: ${key}`).toEqual(placeholders(key));
      }
    }
  });

  it("every message file under app/locales is registered, for every language", () => {
    const registered = Object.keys(messages.it!);
    for (const locale of LOCALES) {
      const files = fs
        .readdirSync(path.join(APP, "locales", locale))
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(/\.json$/, ""))
        .sort();
      expect(Object.keys(messages[locale]!).sort(), locale).toEqual(files);
    }
    expect(registered).toContain(COMMON_NS);
  });

  it.each(namespaces)(
    "%s: the same keys in every language, each with the plural forms its language needs",
    (ns) => {
      const it = flat("it", ns);
      for (const locale of LOCALES) {
        const other = flat(locale, ns);
        expect([...baseKeys(other.keys())].sort(), `${locale}/${ns}`).toEqual(
          [...baseKeys(it.keys())].sort(),
        );
        const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
        const plurals = new Set(
          [...other.keys()].filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, "")),
        );
        for (const base of plurals) {
          for (const category of categories) {
            expect(other.has(`${base}_${category}`), `${locale}/${ns}: ${base}_${category}`).toBe(true);
          }
        }
        for (const [key, text] of other) {
          expect(text.trim(), `${locale}/${ns}: ${key} is empty`).not.toBe("");
        }
      }
    },
  );

  // react-i18next renders a tag named like an empty HTML element (<link>, <br>, <img>…) without
  // its content: the words would fall outside the link.
  const VOID = /<(area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr)>/;
  it.each(namespaces)("%s: no markup named like an empty HTML element", (ns) => {
    for (const locale of LOCALES) {
      for (const [key, text] of flat(locale, ns)) expect(text, `${locale}/${ns}: ${key}`).not.toMatch(VOID);
    }
  });

  it.each(namespaces)("%s: the same placeholders and markup in every language", (ns) => {
    const it = flat("it", ns);
    for (const locale of LOCALES) {
      for (const [key, text] of flat(locale, ns)) {
        const base = key.replace(PLURAL_SUFFIX, "");
        const reference = it.get(key) ?? it.get(`${base}_other`) ?? it.get(base) ?? "";
        // A plural form may leave out {{count}} ("one" reads "un giorno" / "one day").
        const without = (list: (string | undefined)[]) => list.filter((p) => p !== "count");
        expect(without(placeholders(text)), `${locale}/${ns}: ${key}`).toEqual(
          without(placeholders(reference)),
        );
        expect(tags(text), `${locale}/${ns}: ${key}`).toEqual(tags(reference));
      }
    }
  });
});

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("keys the code asks for", () => {
  // useTranslation("ns") / useTranslation(["a", "b"]) / serverT(request, "ns") / metaT(matches, "ns")
  const NS_CALL = /(?:useTranslation|serverT|getFixedT|metaT)\(\s*(?:[\w.]+\s*,\s*)?(\[[^\]]*\]|"[^"]*")/g;
  // t("key"), t("key", …), i18nKey="key", tKey("key") — literal keys only.
  const KEY_USE = /(?:\bt\(\s*"([^"]+)"|i18nKey="([^"]+)")/g;

  const files = sourceFiles(APP).filter((f) => fs.readFileSync(f, "utf8").includes("i18n"));

  it.each(files.map((f) => path.relative(APP, f)))("%s", (file) => {
    const text = fs.readFileSync(path.join(APP, file), "utf8");
    const namespaces = new Set<string>([COMMON_NS]);
    for (const m of text.matchAll(NS_CALL)) {
      for (const ns of m[1]!.matchAll(/"([^"]+)"/g)) namespaces.add(ns[1]!);
    }
    for (const m of text.matchAll(KEY_USE)) {
      const raw = (m[1] ?? m[2])!;
      const [ns, key] = raw.includes(":") ? raw.split(":", 2) : [null, raw];
      for (const locale of LOCALES) {
        const candidates = ns ? [ns] : [...namespaces];
        const found = candidates.some((n) => baseKeys(flat(locale, n).keys()).has(key!));
        expect(found, `${locale}: "${raw}" in ${[...candidates].join(", ")}`).toBe(true);
      }
    }
  });
});
