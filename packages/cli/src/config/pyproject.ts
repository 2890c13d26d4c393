// Reading [tool.aether] from pyproject.toml: finding the nearest file that has
// the table, parsing it, and checking every key and value, so that a typo fails
// with the key and the file named instead of being silently ignored.

import fs from "node:fs";
import path from "node:path";
import { parse, TomlError } from "smol-toml";
import { CliError } from "../cliError.js";
import { listRuleNames, resolveRuleId, type RuleCatalog } from "../rules/ruleCatalog.js";
import { defaultSettings, PYTHON_VERSION_PATTERN, RULE_LEVELS, type AetherSettings, type RuleLevel } from "./settings.js";

const FILE_NAME = "pyproject.toml";

/**
 * The settings for a run: from `configFile` when given, else from the nearest
 * pyproject.toml at or above `startDir` that has a [tool.aether] table (like ruff,
 * a pyproject.toml without the table is passed over), else the defaults.
 */
export function loadSettings(options: {
  readonly configFile: string | undefined;
  readonly startDir: string;
  readonly catalog: RuleCatalog;
}): AetherSettings {
  if (options.configFile !== undefined) {
    if (!fs.existsSync(options.configFile)) throw new CliError(`config file not found: ${options.configFile}`);
    const file = path.resolve(options.configFile);
    return settingsFromTable(readAetherTable(file) ?? {}, file, options.catalog);
  }
  for (let dir = path.resolve(options.startDir); ; dir = path.dirname(dir)) {
    const file = path.join(dir, FILE_NAME);
    const table = fs.existsSync(file) ? readAetherTable(file) : undefined;
    if (table !== undefined) return settingsFromTable(table, file, options.catalog);
    if (path.dirname(dir) === dir) return defaultSettings(path.resolve(options.startDir));
  }
}

/** The [tool.aether] table of a TOML file, or undefined when it has none. */
function readAetherTable(file: string): Record<string, unknown> | undefined {
  let document: Record<string, unknown>;
  try {
    document = parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    if (error instanceof TomlError) {
      // smol-toml's message carries a code excerpt after the first line; the position says enough.
      const reason = error.message.split("\n")[0]!.replace(/^Invalid TOML document: /, "");
      throw new CliError(`${file}:${error.line}:${error.column}: invalid TOML: ${reason}`);
    }
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const tool = document["tool"];
  const aether = isTable(tool) ? tool["aether"] : undefined;
  if (aether === undefined) return undefined;
  if (!isTable(aether)) throw new CliError(`${file}: [tool.aether] must be a table, got ${describe(aether)}`);
  return aether;
}

type Draft = { -readonly [K in keyof AetherSettings]: AetherSettings[K] };

/** One reader per accepted key: it checks the value and writes it into the settings. */
const KEY_READERS: Record<string, (value: unknown, check: ValueCheck, settings: Draft) => void> = {
  select: (value, check, settings) => {
    const names = check.stringList(value);
    settings.select = names.includes("ALL") ? "ALL" : names.map((name) => check.ruleId(name));
  },
  ignore: (value, check, settings) => {
    settings.ignore = check.stringList(value).map((name) => check.ruleId(name));
  },
  severity: (value, check, settings) => {
    const levels: Record<string, RuleLevel> = {};
    for (const [name, level] of Object.entries(check.table(value))) {
      levels[check.ruleId(name)] = check.at(name).level(level);
    }
    settings.severity = levels;
  },
  "python-version": (value, check, settings) => {
    if (typeof value !== "string" || !PYTHON_VERSION_PATTERN.test(value)) {
      throw check.error(`expected a version string like "3.13", got ${describe(value)}`);
    }
    settings.pythonVersion = value;
  },
  "free-threaded": (value, check, settings) => {
    if (typeof value !== "boolean") throw check.error(`expected true or false, got ${describe(value)}`);
    settings.freeThreaded = value;
  },
  "thread-entries": (value, check, settings) => {
    settings.threadEntries = check.stringList(value);
  },
  exclude: (value, check, settings) => {
    settings.exclude = check.stringList(value);
  },
  "per-file-ignores": (value, check, settings) => {
    settings.perFileIgnores = Object.entries(check.table(value)).map(([pattern, names]) => {
      const entry = check.at(JSON.stringify(pattern));
      return { pattern, ruleIds: entry.stringList(names).map((name) => entry.ruleId(name)) };
    });
  },
};

export function settingsFromTable(
  table: Readonly<Record<string, unknown>>,
  file: string,
  catalog: RuleCatalog,
): AetherSettings {
  const settings: Draft = { ...defaultSettings(path.dirname(file)), source: file };
  for (const [key, value] of Object.entries(table)) {
    const read = KEY_READERS[key];
    if (read === undefined) {
      throw new CliError(
        `${file}: unknown key "${key}" in [tool.aether] (known keys: ${Object.keys(KEY_READERS).join(", ")})`,
      );
    }
    read(value, new ValueCheck(file, key, catalog), settings);
  }
  return settings;
}

/** Checks one value and words its errors with the file and the key path. */
class ValueCheck {
  constructor(
    private readonly file: string,
    private readonly key: string,
    private readonly catalog: RuleCatalog,
  ) {}

  at(subKey: string): ValueCheck {
    return new ValueCheck(this.file, `${this.key}.${subKey}`, this.catalog);
  }

  error(problem: string): CliError {
    return new CliError(`${this.file}: [tool.aether] ${this.key}: ${problem}`);
  }

  stringList(value: unknown): string[] {
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
      throw this.error(`expected an array of strings, got ${describe(value)}`);
    }
    return value;
  }

  table(value: unknown): Record<string, unknown> {
    if (!isTable(value)) throw this.error(`expected a table, got ${describe(value)}`);
    return value;
  }

  ruleId(name: string): string {
    const id = resolveRuleId(this.catalog, name);
    if (id === undefined) throw this.error(`unknown rule "${name}" (known rules: ${listRuleNames(this.catalog)})`);
    return id;
  }

  level(value: unknown): RuleLevel {
    if (!RULE_LEVELS.includes(value as RuleLevel)) {
      throw this.error(`expected "off", "warn" or "error", got ${describe(value)}`);
    }
    return value as RuleLevel;
  }
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array ${JSON.stringify(value)}`;
  if (isTable(value)) return "a table";
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
