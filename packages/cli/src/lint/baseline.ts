// The baseline: findings a team has accepted for now, so that `aether check
// --baseline` reports only new ones while a large code base is migrated.
//
// A finding is recorded as (file, rule, hash of its line), never by line number:
// lines added or removed above it leave it matched; editing the line itself makes
// it new again. The file is relative to the baseline file's directory, with "/"
// separators, so the baseline can be committed and used on any machine. Identical
// findings on identical lines are counted, so a second copy is still reported.
// Parse errors (no rule id) are never recorded and never filtered.

import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CliError } from "../cliError.js";
import type { BaselineRequest } from "../commands/baselineOptions.js";
import type { AetherLintMessage, AetherLintResult } from "../formats/report.js";

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  /** Relative to the baseline file's directory, "/"-separated. */
  readonly file: string;
  readonly rule: string;
  /** The first 16 hex digits of the SHA-256 of the reported line, surrounding whitespace trimmed. */
  readonly hash: string;
  /** How many findings of this rule on identical lines of this file are accepted. */
  readonly count: number;
}

export interface BaselineContext {
  readonly cwd: string;
  /** The text each file was linted from, by absolute path (fixed output takes its place). */
  readonly texts: ReadonlyMap<string, string>;
  stderr(text: string): void;
}

/** Writes the baseline or filters by it, as the request says; without one the results pass through. */
export function applyBaseline(
  results: readonly AetherLintResult[],
  request: BaselineRequest | undefined,
  context: BaselineContext,
): readonly AetherLintResult[] {
  if (request === undefined) return results;
  const file = path.resolve(context.cwd, request.file);
  const texts = new Map(context.texts);
  for (const result of results) if (result.output !== undefined) texts.set(result.filePath, result.output);
  const keyOf = findingKeys(path.dirname(file), texts);

  if (request.action === "write") {
    const entries = baselineEntries(results, keyOf);
    writeBaseline(file, request.file, entries);
    const total = entries.reduce((sum, entry) => sum + entry.count, 0);
    const files = new Set(entries.map((entry) => entry.file)).size;
    context.stderr(
      `aether: wrote ${plural(total, "finding")} in ${plural(files, "file")} to the baseline ${request.file}\n`,
    );
    return filterByBaseline(results, entries, keyOf, request.file);
  }
  return filterByBaseline(results, readBaseline(file, request.file), keyOf, request.file);
}

/** A finding's identity, or undefined for what is never baselined (parse errors, ESLint's own notices). */
type KeyOf = (result: AetherLintResult, message: AetherLintMessage) => BaselineEntry | undefined;

function findingKeys(baseDir: string, texts: ReadonlyMap<string, string>): KeyOf {
  const lines = new Map<string, readonly string[]>();
  return (result, message) => {
    if (message.ruleId === null || message.fatal === true) return undefined;
    let fileLines = lines.get(result.filePath);
    if (fileLines === undefined) {
      // The Python language's line ends (pythonSourceCode.ts): \r\n, \n or \r.
      fileLines = (texts.get(result.filePath) ?? result.source ?? "").split(/\r\n|[\r\n]/u);
      lines.set(result.filePath, fileLines);
    }
    return {
      file: path.relative(baseDir, result.filePath).split(path.sep).join("/"),
      rule: message.ruleId,
      hash: lineHash(fileLines[message.line - 1] ?? ""),
      count: 1,
    };
  };
}

/** Trimmed first: re-indenting a line (a new `with lock:` around it, say) keeps it baselined. */
export function lineHash(line: string): string {
  return createHash("sha256").update(line.trim()).digest("hex").slice(0, 16);
}

function entryKey(entry: Pick<BaselineEntry, "file" | "rule" | "hash">): string {
  return `${entry.file}\0${entry.rule}\0${entry.hash}`;
}

function baselineEntries(results: readonly AetherLintResult[], keyOf: KeyOf): BaselineEntry[] {
  const counts = new Map<string, BaselineEntry>();
  for (const result of results) {
    for (const message of result.messages) {
      const entry = keyOf(result, message);
      if (entry === undefined) continue;
      const known = counts.get(entryKey(entry));
      counts.set(entryKey(entry), { ...entry, count: (known?.count ?? 0) + 1 });
    }
  }
  return [...counts.values()].sort(compareEntries);
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  // Code-unit order, not the locale's: the same file on every machine.
  for (const field of ["file", "rule", "hash"] as const) {
    if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1;
  }
  return 0;
}

/** One entry per line, sorted: a stable file whose diffs show exactly the findings that came and went. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const lines = [...entries]
    .sort(compareEntries)
    .map(({ file, rule, hash, count }) => `    ${JSON.stringify({ file, rule, hash, count })}`);
  const entriesText = lines.length === 0 ? "[]" : `[\n${lines.join(",\n")}\n  ]`;
  return `{\n  "version": ${BASELINE_VERSION},\n  "entries": ${entriesText}\n}\n`;
}

function writeBaseline(file: string, label: string, entries: readonly BaselineEntry[]): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, serializeBaseline(entries));
  } catch (error) {
    throw new CliError(`--write-baseline: cannot write ${label}: ${(error as Error).message}`);
  }
}

function readBaseline(file: string, label: string): BaselineEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new CliError(`--baseline: ${label} not found (record one with 'aether check --write-baseline')`);
    }
    throw new CliError(`--baseline: cannot read ${label}: ${code ?? (error as Error).message}`);
  }
  return parseBaseline(text, label);
}

/** The entries of a baseline file's text; anything else is a CliError naming the file and the problem. */
export function parseBaseline(text: string, label: string): BaselineEntry[] {
  const malformed = (problem: string) =>
    new CliError(`--baseline: ${label} is not a valid aether baseline: ${problem} (rewrite it with --write-baseline)`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw malformed(`invalid JSON (${(error as Error).message})`);
  }
  if (!isRecord(data)) throw malformed("expected a JSON object");
  if (data["version"] !== BASELINE_VERSION) {
    throw malformed(`expected "version": ${BASELINE_VERSION}, found ${JSON.stringify(data["version"]) ?? "none"}`);
  }
  const entries = data["entries"];
  if (!Array.isArray(entries)) throw malformed(`expected an "entries" array`);
  return entries.map((entry: unknown, index) => {
    const where = `entries[${index}]`;
    if (!isRecord(entry)) throw malformed(`${where} is not an object`);
    for (const field of ["file", "rule", "hash"] as const) {
      if (typeof entry[field] !== "string" || entry[field] === "") {
        throw malformed(`${where}.${field} must be a non-empty string`);
      }
    }
    const count = entry["count"];
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1) {
      throw malformed(`${where}.count must be a whole number of 1 or more`);
    }
    return { file: entry["file"] as string, rule: entry["rule"] as string, hash: entry["hash"] as string, count };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Moves the findings the baseline accepts to `suppressedMessages` (as ESLint does with its own
 * suppressions file) and recounts, so reports, --max-warnings and the exit code see only new ones.
 */
function filterByBaseline(
  results: readonly AetherLintResult[],
  entries: readonly BaselineEntry[],
  keyOf: KeyOf,
  label: string,
): AetherLintResult[] {
  const remaining = new Map<string, number>();
  for (const entry of entries) remaining.set(entryKey(entry), (remaining.get(entryKey(entry)) ?? 0) + entry.count);
  return results.map((result) => {
    const kept: AetherLintMessage[] = [];
    const accepted: AetherLintResult["suppressedMessages"] = [];
    for (const message of result.messages) {
      const entry = keyOf(result, message);
      const left = entry === undefined ? 0 : (remaining.get(entryKey(entry)) ?? 0);
      if (entry === undefined || left === 0) {
        kept.push(message);
        continue;
      }
      remaining.set(entryKey(entry), left - 1);
      accepted.push({ ...message, suppressions: [{ kind: "baseline", justification: label }] });
    }
    if (accepted.length === 0) return result;
    const suppressedMessages = [...result.suppressedMessages, ...accepted];
    return { ...result, messages: kept, suppressedMessages, ...counts(kept) };
  });
}

function counts(messages: readonly AetherLintMessage[]) {
  const errors = messages.filter((message) => message.severity === 2);
  const warnings = messages.filter((message) => message.severity === 1);
  return {
    errorCount: errors.length,
    fatalErrorCount: messages.filter((message) => message.fatal === true).length,
    warningCount: warnings.length,
    fixableErrorCount: errors.filter((message) => message.fix !== undefined).length,
    fixableWarningCount: warnings.filter((message) => message.fix !== undefined).length,
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
