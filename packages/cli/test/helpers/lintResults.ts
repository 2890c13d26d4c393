// Hand-made ESLint results in the shape `aether check` produces, for format tests.

import type { AetherLintMessage, AetherLintResult, Report } from "../../src/formats/report.js";
import { ruleCatalogFrom } from "../../src/rules/ruleCatalog.js";

export function lintResult(filePath: string, messages: AetherLintMessage[]): AetherLintResult {
  const count = (severity: 1 | 2, fixable = false) =>
    messages.filter((message) => message.severity === severity && (!fixable || message.fix !== undefined)).length;
  return {
    filePath,
    messages,
    suppressedMessages: [],
    errorCount: count(2),
    fatalErrorCount: messages.filter((message) => message.fatal).length,
    warningCount: count(1),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
    usedDeprecatedRules: [],
  };
}

export const finding: AetherLintMessage = {
  ruleId: "aether/c-api-misuse",
  severity: 2,
  message: "ctypes.pythonapi.PyGILState_Ensure assumes the GIL.",
  messageId: "gilState",
  line: 2,
  column: 1,
  endLine: 2,
  endColumn: 35,
  risk: 0.9,
};

export const warning: AetherLintMessage = {
  ruleId: "aether/other-rule",
  severity: 1,
  message: 'Shared "counter", updated: here, without a lock.\nSecond line',
  messageId: "race",
  line: 10,
  column: 5,
  endLine: 10,
  endColumn: 17,
  risk: 0.51,
};

export const parseError: AetherLintMessage = {
  ruleId: null,
  fatal: true,
  severity: 2,
  message: "Parsing error: invalid syntax",
  line: 3,
  column: 7,
};

export function report(cwd: string, results: AetherLintResult[]): Report {
  return {
    results,
    cwd,
    toolVersion: "0.1.0",
    rules: ruleCatalogFrom({
      "c-api-misuse": { meta: { docs: { description: "C-API use that assumes the GIL", url: "https://example.test/c-api-misuse", risk: 0.9, category: "crash" } } },
      "other-rule": { meta: { docs: { description: "Another rule", risk: 0.85, category: "race" } } },
    }),
  };
}
