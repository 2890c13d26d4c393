// The project settings Aether reads from [tool.aether], after validation: the
// shape every later step (file walk, ESLint config) works from.

export type RuleLevel = "off" | "warn" | "error";

export const RULE_LEVELS: readonly RuleLevel[] = ["off", "warn", "error"];

export interface PerFileIgnore {
  /** A gitignore-style pattern relative to `AetherSettings.root`. */
  readonly pattern: string;
  /** Full rule ids ("aether/…") turned off for matching files. */
  readonly ruleIds: readonly string[];
}

export interface AetherSettings {
  /** The pyproject.toml the settings came from; undefined when there is none. */
  readonly source: string | undefined;
  /** Patterns in `exclude` and `per-file-ignores` are relative to this directory. */
  readonly root: string;
  /** Full rule ids to enable, or "ALL"; undefined keeps the recommended set. */
  readonly select: readonly string[] | "ALL" | undefined;
  readonly ignore: readonly string[];
  readonly severity: Readonly<Record<string, RuleLevel>>;
  readonly pythonVersion: string | undefined;
  readonly freeThreaded: boolean | undefined;
  readonly threadEntries: readonly string[] | undefined;
  readonly exclude: readonly string[];
  readonly perFileIgnores: readonly PerFileIgnore[];
}

export function defaultSettings(root: string): AetherSettings {
  return {
    source: undefined,
    root,
    select: undefined,
    ignore: [],
    severity: {},
    pythonVersion: undefined,
    freeThreaded: undefined,
    threadEntries: undefined,
    exclude: [],
    perFileIgnores: [],
  };
}

/** "3.13": what `python-version` and `--python-version` accept (the language checks the range). */
export const PYTHON_VERSION_PATTERN = /^3\.\d+$/;
