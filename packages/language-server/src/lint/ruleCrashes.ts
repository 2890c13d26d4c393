// Linting that survives a broken rule. ESLint aborts the whole file when one
// rule throws; an editor should still show what every other rule found. The
// rule named by the error is turned off and the file linted again, and the
// crash is handed back to be logged once.

import type { Linter } from "eslint";

export interface RuleCrash {
  readonly ruleId: string | undefined;
  readonly message: string;
}

export interface CrashTolerantResult {
  readonly messages: Linter.LintMessage[];
  readonly crashes: readonly RuleCrash[];
}

export function verifyToleratingCrashes(
  linter: Linter,
  code: Parameters<Linter["verify"]>[0],
  config: Linter.Config[],
  filename: string,
): CrashTolerantResult {
  const crashes: RuleCrash[] = [];
  let effective = config;
  for (;;) {
    try {
      return { messages: linter.verify(code, effective, filename), crashes };
    } catch (error) {
      const ruleId = (error as { ruleId?: unknown }).ruleId;
      const crash = { ruleId: typeof ruleId === "string" ? ruleId : undefined, message: errorText(error) };
      crashes.push(crash);
      // Without a rule to blame (or blaming one already off) there is nothing left to retry.
      if (crash.ruleId === undefined || crashes.some((c, i) => i < crashes.length - 1 && c.ruleId === crash.ruleId)) {
        return { messages: [], crashes };
      }
      effective = [...effective, { name: `aether-language-server/crashed ${crash.ruleId}`, rules: { [crash.ruleId]: "off" } }];
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
