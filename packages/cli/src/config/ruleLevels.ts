// The level of every rule for a run, layered from least to most specific: the
// recommended config, then `select` / `ignore` / `severity` from [tool.aether],
// then `--rule` on the command line. (`per-file-ignores` is applied per file, later.)

import type { Linter } from "eslint";
import type { RuleCatalog } from "../rules/ruleCatalog.js";
import type { AetherSettings, RuleLevel } from "./settings.js";

export interface RuleOverride {
  /** Full rule id ("aether/…"). */
  readonly id: string;
  readonly level: RuleLevel;
}

type RuleEntries = Readonly<Partial<Record<string, Linter.RuleEntry>>>;

export function resolveRuleLevels(input: {
  readonly catalog: RuleCatalog;
  /** `plugin.configs.recommended.rules`: the default set. */
  readonly recommended: RuleEntries;
  /** `plugin.configs.all.rules`: where a rule `select` turns on gets its level and options. */
  readonly all: RuleEntries;
  readonly settings: Pick<AetherSettings, "select" | "ignore" | "severity">;
  readonly overrides: readonly RuleOverride[];
}): Record<string, Linter.RuleEntry> {
  const { catalog, recommended, all, settings, overrides } = input;
  const levels: Record<string, Linter.RuleEntry> = {};
  for (const { id } of catalog) {
    const selected = settings.select === undefined || settings.select === "ALL" || settings.select.includes(id);
    if (!selected || settings.ignore.includes(id)) {
      levels[id] = "off";
    } else if (settings.severity[id] !== undefined) {
      levels[id] = settings.severity[id];
    } else {
      const explicitlySelected = settings.select !== undefined;
      levels[id] = recommended[id] ?? (explicitlySelected ? (all[id] ?? "error") : "off");
    }
  }
  for (const { id, level } of overrides) levels[id] = level;
  return levels;
}
