// Running ESLint over the files the walker chose. Texts are handed over with
// `lintText` (already read and checked as UTF-8), so ESLint neither globs nor
// re-reads nor applies ignore rules of its own.

import path from "node:path";
import { ESLint, type Linter } from "eslint";

export interface PythonSource {
  /** Absolute path. */
  readonly path: string;
  readonly text: string;
}

export interface LintOptions {
  readonly config: Linter.Config[];
  readonly fix: boolean;
  /** Errors only: as with `eslint --quiet`, warning rules are not even run unless warnings are counted. */
  readonly quiet: boolean;
  readonly countsWarnings: boolean;
}

export async function lintSources(sources: readonly PythonSource[], options: LintOptions): Promise<ESLint.LintResult[]> {
  if (sources.length === 0) return [];
  const errorsOnly = options.quiet;
  const eslint = new ESLint({
    // ESLint treats files outside its cwd as ignored, so its cwd must contain them all.
    cwd: commonDirectory(sources.map((source) => source.path)),
    overrideConfigFile: true,
    overrideConfig: options.config,
    fix: options.fix && (errorsOnly ? (message) => message.severity === 2 : true),
    ...(errorsOnly && !options.countsWarnings ? { ruleFilter: ({ severity }) => severity === 2 } : {}),
  });
  const results: ESLint.LintResult[] = [];
  for (const source of sources) {
    // warnIgnored: should ESLint still ignore one of our files, say so rather than drop it.
    results.push(...(await eslint.lintText(source.text, { filePath: source.path, warnIgnored: true })));
  }
  return results;
}

/** The deepest directory containing every file. */
export function commonDirectory(files: readonly string[]): string {
  let common = path.dirname(files[0]!);
  for (const file of files) {
    while (path.relative(common, file).startsWith("..") || path.isAbsolute(path.relative(common, file))) {
      common = path.dirname(common);
    }
  }
  return common;
}
