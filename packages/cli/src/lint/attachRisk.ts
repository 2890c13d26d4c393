// Putting each finding's risk on its message, once, so every output format reads
// the same number the plugin computed (base risk × evidence weight).

import type { ESLint, Linter } from "eslint";
import type { AetherLintResult } from "../formats/report.js";

export type FindingRisk = (ruleId: string | null, messageId: string | undefined) => number | undefined;

export function attachRisk(results: readonly ESLint.LintResult[], findingRisk: FindingRisk): AetherLintResult[] {
  return results.map((result) => ({ ...result, messages: result.messages.map((message) => withRisk(message, findingRisk)) }));
}

function withRisk(message: Linter.LintMessage, findingRisk: FindingRisk): Linter.LintMessage & { risk?: number } {
  const risk = message.ruleId === null ? undefined : findingRisk(message.ruleId, message.messageId);
  return risk === undefined ? message : { ...message, risk };
}
