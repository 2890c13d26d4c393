// Running one rule over its fixtures, and applying its fixes and suggestions.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { Linter as LinterType } from "eslint";
import plugin from "../../src/index.js";
import { parsePython } from "../../src/language/parse.js";
import { Linter } from "./eslint.js";
import { fixturesDir } from "./paths.js";

const linter = new Linter({ configType: "flat" });

export function fixture(ruleId: string, name: string): string {
  return readFileSync(`${fixturesDir}rules/${ruleId}/${name}`, "utf8");
}

/** Language options of `aether/python` (`pythonVersion`, `freeThreaded`, …) for version-aware verdicts. */
export type LanguageOptions = Record<string, unknown>;

function config(ruleId: string, languageOptions: LanguageOptions = {}): LinterType.Config[] {
  const base = plugin.configs.recommended as unknown as LinterType.Config;
  const only = Object.fromEntries(Object.keys(plugin.rules).map((id) => [`aether/${id}`, id === ruleId ? "error" : "off"]));
  return [base, { files: ["**/*.py"], rules: only, languageOptions } as LinterType.Config];
}

/** Every message of one rule on `code`: [line, column, message]. */
export function findings(ruleId: string, code: string, filename = "module.py", languageOptions: LanguageOptions = {}): [number, number, string][] {
  return linter
    .verify(code, config(ruleId, languageOptions), filename)
    .map((m) => {
      assert.equal(m.ruleId, `aether/${ruleId}`, `unexpected message: ${m.message}`);
      return [m.line, m.column, m.message] as [number, number, string];
    });
}

/** Everything every rule reports on `code` (for safe fixtures: must be nothing). */
export function allFindings(code: string, filename = "module.py"): string[] {
  return linter
    .verify(code, [plugin.configs.all as unknown as LinterType.Config], filename)
    .map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
}

/** The text after applying one rule's autofixes. */
export function fixed(ruleId: string, code: string): string {
  return linter.verifyAndFix(code, config(ruleId), "module.py").output;
}

/** The text after applying the suggestion of the finding on `line`. */
export function suggested(ruleId: string, code: string, line: number, index = 0, languageOptions: LanguageOptions = {}): string {
  const message = linter.verify(code, config(ruleId, languageOptions), "module.py").find((m) => m.line === line);
  const suggestion = message?.suggestions?.[index];
  assert.ok(suggestion, `no suggestion #${index} for the finding on line ${line}`);
  const fixes = Array.isArray(suggestion.fix) ? suggestion.fix : [suggestion.fix];
  let text = code;
  for (const fix of [...fixes].sort((a, b) => b.range[0] - a.range[0])) {
    text = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
  }
  return text;
}

/** A fix's output must parse and re-lint clean for its rule. */
export function assertCleanAfterFix(ruleId: string, text: string, languageOptions: LanguageOptions = {}): void {
  const parsed = parsePython(text);
  assert.ok(parsed.ok, `the fixed text does not parse: ${JSON.stringify(!parsed.ok && parsed.errors)}`);
  assert.deepEqual(findings(ruleId, text, "module.py", languageOptions), []);
}
