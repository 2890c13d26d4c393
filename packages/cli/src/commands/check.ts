// `aether check`: settings → files → ESLint with the plugin → report → exit code.

import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { findingRisk } from "eslint-plugin-aether";
import { CliError } from "../cliError.js";
import type { CommandIo } from "../commandIo.js";
import { eslintConfigFor, pluginCatalog } from "../config/projectConfig.js";
import { loadSettings } from "../config/pyproject.js";
import type { RuleOverride } from "../config/ruleLevels.js";
import type { AetherSettings } from "../config/settings.js";
import { displayPath } from "../formats/displayPath.js";
import { FORMATTERS } from "../formats/formats.js";
import type { AetherLintResult } from "../formats/report.js";
import { IgnorePatterns } from "../files/ignorePatterns.js";
import { readPythonText } from "../files/textCheck.js";
import { findPythonFiles } from "../files/walk.js";
import { attachRisk } from "../lint/attachRisk.js";
import { applyBaseline } from "../lint/baseline.js";
import { errorsOnly } from "../lint/errorsOnly.js";
import { lintSources, type PythonSource } from "../lint/lintSources.js";
import { listRuleNames, resolveRuleId, type RuleCatalog } from "../rules/ruleCatalog.js";
import { cliVersion } from "../version.js";
import { CHECK_HELP, parseCheckArgs, type CheckOptions, type RuleSetting } from "./checkOptions.js";

export async function runCheck(argv: readonly string[], io: CommandIo): Promise<number> {
  const options = parseCheckArgs(argv);
  if (options.help) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  const catalog = pluginCatalog;
  const overrides = options.rules.map((setting) => resolveOverride(catalog, setting));
  const settings = loadSettings({
    configFile: options.configFile === undefined ? undefined : path.resolve(io.cwd, options.configFile),
    startDir: startDirectory(path.resolve(io.cwd, options.paths[0]!)),
    catalog,
  });

  // Built before the walk so a bad setting fails before any file is read.
  const config = eslintConfigFor(settings, options, overrides);
  const sources = collectSources(options, settings, io);
  const results = await lintSources(sources, {
    config,
    root: settings.root,
    fix: options.fix,
    quiet: options.quiet,
    countsWarnings: options.maxWarnings !== undefined,
  });
  if (options.fix) await ESLint.outputFixes(results);

  const withRisk = applyBaseline(attachRisk(results, findingRisk), options.baseline, {
    cwd: io.cwd,
    texts: new Map(sources.map((source) => [source.path, source.text])),
    stderr: (text) => io.stderr(text),
  });
  const shown = options.quiet ? errorsOnly(withRisk) : withRisk;
  const output = FORMATTERS[options.format]({ results: shown, rules: catalog, cwd: io.cwd, toolVersion: cliVersion() });
  writeOutput(output, options.outputFile, io);
  return exitCode(withRisk, options.maxWarnings, io);
}

function resolveOverride(catalog: RuleCatalog, setting: RuleSetting): RuleOverride {
  const id = resolveRuleId(catalog, setting.name);
  if (id === undefined) {
    throw new CliError(`--rule: unknown rule '${setting.name}' (known rules: ${listRuleNames(catalog)})`);
  }
  return { id, level: setting.level };
}

/** The pyproject.toml search starts where the first path is (its directory, for a file). */
function startDirectory(firstPath: string): string {
  try {
    return fs.statSync(firstPath).isDirectory() ? firstPath : path.dirname(firstPath);
  } catch {
    return path.dirname(firstPath); // missing: reported by the file walk
  }
}

function collectSources(options: CheckOptions, settings: AetherSettings, io: CommandIo): PythonSource[] {
  const exclude = settings.exclude.length > 0 ? new IgnorePatterns(settings.root, settings.exclude) : undefined;
  const walk = findPythonFiles(options.paths, { cwd: io.cwd, exclude });
  const sources: PythonSource[] = [];
  const skip = (file: string, reason: string) =>
    io.stderr(`aether: warning: skipping ${displayPath(file, io.cwd)}: ${reason}\n`);
  for (const { path: file, reason } of walk.skipped) skip(file, reason);
  for (const file of walk.files) {
    const text = readPythonText(file);
    if (text.ok) sources.push({ path: file, text: text.text });
    else skip(file, text.reason);
  }
  if (walk.files.length === 0 && walk.skipped.length === 0) {
    io.stderr(`aether: warning: no Python files found in ${options.paths.join(", ")}\n`);
  }
  return sources;
}

function writeOutput(output: string, outputFile: string | undefined, io: CommandIo): void {
  const text = output === "" ? "" : `${output}\n`;
  if (outputFile === undefined) {
    io.stdout(text);
    return;
  }
  const target = path.resolve(io.cwd, outputFile);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  } catch (error) {
    throw new CliError(`cannot write --output-file ${outputFile}: ${(error as Error).message}`);
  }
}

/** 1 for any error (parse errors included) or too many warnings; else 0. Counts ignore --quiet. */
function exitCode(results: readonly AetherLintResult[], maxWarnings: number | undefined, io: CommandIo): number {
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`aether: too many warnings (${warnings}, maximum: ${maxWarnings})\n`);
    return 1;
  }
  return 0;
}
