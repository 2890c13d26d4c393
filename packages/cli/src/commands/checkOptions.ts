// The command line of `aether check`: its options, their checks and its help.
// Kept apart from the command so `--help` and usage errors never load ESLint.

import { parseCommandArgs } from "../args.js";
import { CliError } from "../cliError.js";
import { PYTHON_VERSION_PATTERN, RULE_LEVELS, type RuleLevel } from "../config/settings.js";
import { FORMATTERS, isFormatName, type FormatName } from "../formats/formats.js";
import { attachBaselineValues, baselineRequest, type BaselineRequest } from "./baselineOptions.js";

export interface RuleSetting {
  /** As typed: with or without "aether/"; checked against the plugin's rules later. */
  readonly name: string;
  readonly level: RuleLevel;
}

export interface CheckOptions {
  readonly help: boolean;
  readonly paths: readonly string[];
  readonly format: FormatName;
  readonly fix: boolean;
  /** Undefined: no limit. */
  readonly maxWarnings: number | undefined;
  readonly quiet: boolean;
  readonly rules: readonly RuleSetting[];
  readonly pythonVersion: string | undefined;
  readonly freeThreaded: false | undefined;
  readonly configFile: string | undefined;
  readonly outputFile: string | undefined;
  /** --baseline / --write-baseline; undefined: neither. */
  readonly baseline: BaselineRequest | undefined;
}

const FORMAT_NAMES = Object.keys(FORMATTERS).join(", ");

export function parseCheckArgs(argv: readonly string[]): CheckOptions {
  const { values, positionals } = parseCommandArgs("check", attachBaselineValues(argv), {
    format: { type: "string", short: "f", default: "stylish" },
    fix: { type: "boolean", default: false },
    "max-warnings": { type: "string" },
    quiet: { type: "boolean", default: false },
    rule: { type: "string", multiple: true, default: [] },
    "python-version": { type: "string" },
    "no-free-threaded": { type: "boolean", default: false },
    config: { type: "string" },
    "output-file": { type: "string", short: "o" },
    baseline: { type: "string" },
    "write-baseline": { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  });

  if (!isFormatName(values.format)) {
    throw usage(`unknown format '${values.format}' (one of: ${FORMAT_NAMES})`);
  }
  const pythonVersion = values["python-version"];
  if (pythonVersion !== undefined && !PYTHON_VERSION_PATTERN.test(pythonVersion)) {
    throw usage(`--python-version: expected a version like 3.13, got '${pythonVersion}'`);
  }
  return {
    help: values.help,
    paths: positionals.length > 0 ? positionals : ["."],
    format: values.format,
    fix: values.fix,
    maxWarnings: parseMaxWarnings(values["max-warnings"]),
    quiet: values.quiet,
    rules: values.rule.map(parseRuleSetting),
    pythonVersion,
    freeThreaded: values["no-free-threaded"] ? false : undefined,
    configFile: values.config,
    outputFile: values["output-file"],
    baseline: baselineRequest(values.baseline, values["write-baseline"]),
  };
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw usage(`--max-warnings: expected a whole number of 0 or more, got '${value}'`);
  return Number(value);
}

function parseRuleSetting(value: string): RuleSetting {
  const separator = value.lastIndexOf(":");
  const name = value.slice(0, separator);
  const level = value.slice(separator + 1) as RuleLevel;
  if (separator <= 0 || !RULE_LEVELS.includes(level)) {
    throw usage(`--rule: expected <rule-id>:<off|warn|error>, got '${value}'`);
  }
  return { name, level };
}

function usage(message: string): CliError {
  return new CliError(`${message} (see 'aether check --help')`);
}

export const CHECK_HELP = `Usage: aether check [options] [paths...]

Lint Python code for what breaks when it runs free-threaded (no GIL) or in
several threads. Directories are searched for .py and .pyi files, honouring
.gitignore files and [tool.aether] exclude, and skipping .git, .venv, venv,
__pycache__, node_modules, build, dist and site-packages. Paths you name are
always linted. Binary and non-UTF-8 files are skipped with a warning.

Arguments:
  paths                      files and directories to lint (default: .)

Options:
  -f, --format <name>        output format: ${FORMAT_NAMES}
                             (default: stylish)
      --fix                  apply the rules' fixes and write the files back
      --max-warnings <n>     exit 1 when there are more than n warnings
                             (default: no limit)
      --quiet                report errors only, no warnings
      --rule <id>:<level>    set a rule's level (off, warn or error); repeatable;
                             the id may omit "aether/", e.g. c-api-misuse:warn
      --python-version <x.y> the Python version the code runs on
                             (default: python-version from pyproject.toml, else 3.14)
      --no-free-threaded     judge the code for a standard (GIL) build
                             (default: free-threaded)
      --config <file>        read [tool.aether] from this file (default: the
                             nearest pyproject.toml with a [tool.aether] table,
                             looking up from the first path)
  -o, --output-file <file>   write the report to a file instead of stdout
      --baseline [file]      report only findings not in the baseline file
                             (default: .aether-baseline.json); a missing or
                             malformed baseline file is an error (exit 2)
      --write-baseline [file]
                             record the current findings in the baseline file
                             (default: .aether-baseline.json, replaced), then
                             exit 0; parse errors are reported (exit 1), never
                             recorded. A finding is recorded as its rule, its
                             file (relative to the baseline file) and a hash
                             of its line's text, not its number. [file]
                             is the next argument only when it ends in .json;
                             else write --baseline=<file>
  -h, --help                 show this help

Configuration: [tool.aether] in pyproject.toml (command-line options win)
  select = ["ALL"]                      rules to run (default: the recommended ones)
  ignore = ["c-api-misuse"]             rules to turn off
  severity = { c-api-misuse = "warn" }  a rule's level: off, warn or error
  python-version = "3.13"               free-threaded = false
  thread-entries = ["app.jobs:Worker.run"]   functions that run in threads
  exclude = ["migrations/"]             gitignore-style patterns to leave out
  per-file-ignores = { "tests/" = ["c-api-misuse"] }   rules off per pattern
  Patterns are relative to the directory of that pyproject.toml.

Exit codes:
  0  no errors (warnings within --max-warnings)
  1  errors found, parse errors included, or more warnings than --max-warnings
  2  usage or configuration error, missing path, or internal error

Examples:
  aether check
  aether check src tests --rule c-api-misuse:warn
  aether check --format github
  aether check -f sarif -o aether.sarif
  aether check --write-baseline && aether check --baseline
`;
