// Lints Python text with the plugin's recommended config, as a user's ESLint would.
import type { Linter as LinterType } from "eslint";
import plugin from "../../src/index.js";
import { Linter } from "./eslint.js";

const linter = new Linter({ configType: "flat" });

export function lint(code: string, config: Record<string, unknown> = {}, filename = "module.py"): LinterType.LintMessage[] {
  const recommended = plugin.configs.recommended as unknown as LinterType.Config;
  return linter.verify(code, [recommended, { files: ["**/*.py"], ...config } as LinterType.Config], filename);
}

export function lintAndFix(code: string, filename = "module.py"): LinterType.FixReport {
  return linter.verifyAndFix(code, [plugin.configs.recommended as unknown as LinterType.Config], filename);
}
