// The ESLint config for a project: [tool.aether] settings (from the nearest
// pyproject.toml) layered with command-line choices into the flat config that
// `aether check` and the language server both lint with, so an editor and CI
// never disagree about which rules run.

import type { Linter } from "eslint";
import plugin from "eslint-plugin-aether";
import { buildEslintConfig } from "./eslintConfig.js";
import { resolveLanguageOptions, type LanguageOptionsFromCli } from "./languageOptions.js";
import { loadSettings } from "./pyproject.js";
import { resolveRuleLevels, type RuleOverride } from "./ruleLevels.js";
import type { AetherSettings } from "./settings.js";
import { ruleCatalogFrom, type RuleCatalog } from "../rules/ruleCatalog.js";

export interface ProjectConfig {
  readonly settings: AetherSettings;
  readonly config: Linter.Config[];
}

const NO_CLI_CHOICES: LanguageOptionsFromCli = { pythonVersion: undefined, freeThreaded: undefined };

/** The plugin's rules as the config builders see them; computed once. */
export const pluginCatalog: RuleCatalog = ruleCatalogFrom(plugin.rules);

/**
 * The settings and config for files under `startDir`. Throws a CliError naming
 * the file and key when [tool.aether] is invalid.
 */
export function loadProjectConfig(options: {
  readonly startDir: string;
  readonly configFile?: string | undefined;
  readonly cli?: LanguageOptionsFromCli;
  readonly overrides?: readonly RuleOverride[];
}): ProjectConfig {
  const settings = loadSettings({ configFile: options.configFile, startDir: options.startDir, catalog: pluginCatalog });
  return { settings, config: eslintConfigFor(settings, options.cli ?? NO_CLI_CHOICES, options.overrides ?? []) };
}

export function eslintConfigFor(
  settings: AetherSettings,
  cli: LanguageOptionsFromCli,
  overrides: readonly RuleOverride[],
): Linter.Config[] {
  const recommended: Linter.Config = plugin.configs.recommended;
  const all: Linter.Config = plugin.configs.all;
  return buildEslintConfig({
    recommended,
    languageOptions: resolveLanguageOptions(settings, cli, plugin.languages.python),
    ruleLevels: resolveRuleLevels({
      catalog: pluginCatalog,
      recommended: recommended.rules ?? {},
      all: all.rules ?? {},
      settings,
      overrides,
    }),
    perFileIgnores: settings.perFileIgnores,
    root: settings.root,
  });
}
