// Turning the paths given to `aether check` into the list of Python files to lint.
// Directories are walked with .gitignore semantics (nested files too), skipping
// tool and environment directories; a path named on the command line is always
// taken, whatever would exclude it from a walk.

import fs from "node:fs";
import path from "node:path";
import { CliError } from "../cliError.js";
import { ancestorIgnoreLayers, readGitignore } from "./gitignoreFiles.js";
import { isIgnoredByLayers, type IgnorePatterns } from "./ignorePatterns.js";

/** Never walked into: repositories, environments, caches, dependencies and build output. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  ".git",
  ".venv",
  "venv",
  "__pycache__",
  "node_modules",
  "build",
  "dist",
  "site-packages",
]);

const PYTHON_EXTENSIONS: ReadonlySet<string> = new Set([".py", ".pyi"]);

export interface WalkOptions {
  /** Relative paths are resolved against it. */
  readonly cwd: string;
  /** [tool.aether] `exclude`: applies to what a walk finds, not to paths named explicitly. */
  readonly exclude?: IgnorePatterns | undefined;
}

export interface SkippedPath {
  readonly path: string;
  readonly reason: string;
}

export interface WalkResult {
  /** Absolute paths, each once, in the order found (directory entries sorted by name). */
  readonly files: string[];
  readonly skipped: SkippedPath[];
}

export function findPythonFiles(paths: readonly string[], options: WalkOptions): WalkResult {
  // Every path is checked before any is walked, so a typo fails fast and alone.
  const targets = paths.map((given) => ({ given, absolute: path.resolve(options.cwd, given) }));
  const stats = targets.map(({ given, absolute }) => {
    try {
      return fs.statSync(absolute);
    } catch {
      throw new CliError(`path not found: ${given}`);
    }
  });

  const found = new Set<string>();
  const skipped: SkippedPath[] = [];
  targets.forEach(({ absolute }, index) => {
    const stat = stats[index]!;
    if (stat.isDirectory()) {
      walkNamedDirectory(absolute, options.exclude, found);
    } else if (!stat.isFile()) {
      skipped.push({ path: absolute, reason: "not a regular file" });
    } else if (!isPythonFileName(absolute)) {
      skipped.push({ path: absolute, reason: "not a .py or .pyi file" });
    } else {
      found.add(absolute);
    }
  });
  return { files: [...found], skipped };
}

/**
 * A directory named on the command line is walked even when .gitignore or
 * `exclude` would skip it (those patterns would otherwise hide everything inside);
 * the .gitignore files within it still apply.
 */
function walkNamedDirectory(dir: string, exclude: IgnorePatterns | undefined, found: Set<string>): void {
  const inherited = ancestorIgnoreLayers(dir);
  walkDirectory(
    dir,
    isIgnoredByLayers(inherited, dir, true) ? [] : inherited,
    exclude?.matches(dir, true) ? undefined : exclude,
    found,
  );
}

function walkDirectory(
  dir: string,
  inheritedLayers: readonly IgnorePatterns[],
  exclude: IgnorePatterns | undefined,
  found: Set<string>,
): void {
  const own = readGitignore(dir);
  const layers = own ? [...inheritedLayers, own] : inheritedLayers;
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    const isDirectory = entry.isDirectory();
    if (isDirectory && SKIPPED_DIRECTORIES.has(entry.name)) continue;
    if (exclude?.matches(absolute, isDirectory) || isIgnoredByLayers(layers, absolute, isDirectory)) continue;
    if (isDirectory) {
      walkDirectory(absolute, layers, exclude, found);
    } else if (isPythonFileName(entry.name) && isFileOrLinkToFile(entry, absolute)) {
      // Symbolic links to directories are not followed: they can loop, and git does not follow them either.
      found.add(absolute);
    }
  }
}

function isPythonFileName(name: string): boolean {
  return PYTHON_EXTENSIONS.has(path.extname(name));
}

function isFileOrLinkToFile(entry: fs.Dirent, absolute: string): boolean {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return fs.statSync(absolute).isFile();
  } catch {
    return false; // a dangling link
  }
}
