// The flat config a run hands to ESLint: the plugin's recommended config with
// the resolved language options and rule levels on top, and one block per
// `per-file-ignores` entry.

import type { Linter } from "eslint";
import { IgnorePatterns } from "../files/ignorePatterns.js";
import type { PythonLanguageOptions } from "./languageOptions.js";
import type { PerFileIgnore } from "./settings.js";

export function buildEslintConfig(input: {
  /** `plugin.configs.recommended`: carries the plugin, the language and `files`. */
  readonly recommended: Linter.Config;
  readonly languageOptions: PythonLanguageOptions;
  readonly ruleLevels: Readonly<Record<string, Linter.RuleEntry>>;
  readonly perFileIgnores: readonly PerFileIgnore[];
  /** The directory `per-file-ignores` patterns are relative to. */
  readonly root: string;
}): Linter.Config[] {
  const { recommended } = input;
  return [
    // The file walker already decided what to lint (explicit paths include files in
    // node_modules or .git); ESLint's own default ignores must not second-guess it.
    { name: "aether-cli/lint-what-was-chosen", ignores: ["!**/node_modules/", "!**/.git/"] },
    {
      ...recommended,
      languageOptions: { ...recommended.languageOptions, ...input.languageOptions },
    },
    // A later block with a bare level keeps the options an earlier block gave the rule.
    { name: "aether-cli/rule-levels", rules: { ...input.ruleLevels } },
    ...input.perFileIgnores.map(({ pattern, ruleIds }) => perFileIgnoreBlock(input.root, pattern, ruleIds)),
  ];
}

function perFileIgnoreBlock(root: string, pattern: string, ruleIds: readonly string[]): Linter.Config {
  const patterns = new IgnorePatterns(root, [pattern]);
  // ESLint's config array accepts functions in `files` (documented by
  // @eslint/config-array, not by ESLint's types); a function gives these patterns the
  // same gitignore semantics as `exclude`, which minimatch globs would not.
  const matchesFile = (filePath: string) => patterns.matches(filePath);
  return {
    name: `aether-cli/per-file-ignores ${pattern}`,
    files: [matchesFile as unknown as string],
    rules: Object.fromEntries(ruleIds.map((id) => [id, "off"])),
  };
}
