import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABEL, AUDIT_ACTIONS, auditActionLabel, isAuditAction } from "~/audit-actions";

const ROOT = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["app", "saml", "db"];
const SOURCE_FILES = ["server.ts"];

/** The portal's own source files, tests left out. */
function sourceFiles(): string[] {
  const out: string[] = SOURCE_FILES.map((f) => path.join(ROOT, f)).filter((f) => fs.existsSync(f));
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (
        /\.tsx?$/.test(entry.name) &&
        !/\.test\.tsx?$/.test(entry.name) &&
        !entry.name.endsWith(".d.ts")
      )
        out.push(full);
    }
  };
  for (const d of SOURCE_DIRS) walk(path.join(ROOT, d));
  return out;
}

/** The string literals an expression can evaluate to: literals, both arms of `?:`, `as` casts. */
function literalsOf(node: ts.Expression): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node))
    return literalsOf(node.expression);
  if (ts.isConditionalExpression(node)) return [...literalsOf(node.whenTrue), ...literalsOf(node.whenFalse)];
  return [];
}

/**
 * Every action code written to the log as a literal: the `action` of each object literal passed to
 * appendAudit, read from the syntax tree of every source file. (Codes that reach appendAudit
 * through a typed variable are the compiler's to check: `AuditEntry.action` is `AuditAction`.)
 */
function writtenCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    const text = fs.readFileSync(file, "utf8");
    if (!text.includes("appendAudit")) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === "appendAudit"
      ) {
        for (const arg of node.arguments) {
          if (!ts.isObjectLiteralExpression(arg)) continue;
          for (const prop of arg.properties) {
            if (ts.isPropertyAssignment(prop) && prop.name.getText(source) === "action") {
              const where = `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(prop.getStart()).line + 1}`;
              for (const code of literalsOf(prop.initializer))
                found.set(code, [...(found.get(code) ?? []), where]);
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe("audit action codes", () => {
  it("gives every code an Italian name of its own", () => {
    expect(AUDIT_ACTIONS.length).toBeGreaterThan(0);
    for (const code of AUDIT_ACTIONS) {
      const label = AUDIT_ACTION_LABEL[code];
      expect(label.trim(), code).not.toBe("");
      expect(label, code).not.toBe(code);
      expect(label, `${code} reads like a code, not like Italian words`).not.toMatch(/[._]/);
      expect(label, code).toMatch(/^[A-ZÀ-Ú]/);
      expect(auditActionLabel(code)).toBe(label);
    }
    const labels = AUDIT_ACTIONS.map((c) => AUDIT_ACTION_LABEL[c]);
    expect(new Set(labels).size, "two codes share a name: the auditor could not tell them apart").toBe(
      labels.length,
    );
  });

  it("names every code that the portal's source writes to the log", () => {
    const written = writtenCodes();
    // The walk itself works: it finds the login, a citizen's action and an operator's.
    expect([...written.keys()]).toEqual(
      expect.arrayContaining(["auth.login", "auth.logout", "certificate.issue", "access.open"]),
    );
    expect(written.size).toBeGreaterThanOrEqual(25);
    const unnamed = [...written]
      .filter(([code]) => !isAuditAction(code))
      .map(([c, at]) => `${c} (${at.join(", ")})`);
    expect(unnamed, "codes written to the log without an Italian name").toEqual([]);
  });

  it("lists no code that the source never writes", () => {
    const everything = sourceFiles()
      .filter((f) => !f.endsWith(`${path.sep}audit-actions.ts`))
      .map((f) => fs.readFileSync(f, "utf8"))
      .join("\n");
    const stale = AUDIT_ACTIONS.filter((code) => !everything.includes(`"${code}"`));
    expect(stale, "names kept for codes nothing writes any more").toEqual([]);
  });

  it("shows a code it does not know as it is", () => {
    expect(isAuditAction("toString")).toBe(false);
    expect(auditActionLabel("legacy.code")).toBe("legacy.code");
    expect(auditActionLabel("auth.login")).toBe("Accesso al portale");
  });
});
