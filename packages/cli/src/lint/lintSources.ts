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
  /** The project's root (where its pyproject.toml is): ESLint's cwd when it contains every file. */
  readonly root: string;
  readonly fix: boolean;
  /** Errors only: as with `eslint --quiet`, warning rules are not even run unless warnings are counted. */
  readonly quiet: boolean;
  readonly countsWarnings: boolean;
}

export async function lintSources(sources: readonly PythonSource[], options: LintOptions): Promise<ESLint.LintResult[]> {
  if (sources.length === 0) return [];
  const errorsOnly = options.quiet;
  const eslint = new ESLint({
    // ESLint treats files outside its cwd as ignored, so its cwd must contain them all. Inside
    // the project root, module names (`threadEntries` patterns) are relative to the root.
    cwd: projectDirectory(options.root, sources),
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

function projectDirectory(root: string, sources: readonly PythonSource[]): string {
  const common = commonDirectory(sources.map((source) => source.path));
  const relative = path.relative(root, common);
  return relative.startsWith("..") || path.isAbsolute(relative) ? common : root;
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
