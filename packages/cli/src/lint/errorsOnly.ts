// What `--quiet` shows: every linted file, with its warnings removed. (ESLint's
// getErrorResults also drops the files left empty, which would make the summary
// claim fewer files were checked.)

import type { AetherLintResult } from "../formats/report.js";

export function errorsOnly(results: readonly AetherLintResult[]): AetherLintResult[] {
  const isError = (message: { severity: number }) => message.severity === 2;
  return results.map((result) => ({
    ...result,
    messages: result.messages.filter(isError),
    suppressedMessages: result.suppressedMessages.filter(isError),
    warningCount: 0,
    fixableWarningCount: 0,
  }));
}
