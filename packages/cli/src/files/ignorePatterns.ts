// Gitignore-style patterns anchored at a directory, as found in a .gitignore file
// or in [tool.aether] `exclude` / `per-file-ignores`, tested against absolute paths.

import path from "node:path";
import ignore, { type Ignore } from "ignore";

export type PatternVerdict = "ignored" | "unignored" | "unmatched";

export class IgnorePatterns {
  readonly #matcher: Ignore;

  constructor(
    /** Patterns are relative to this directory, as in a .gitignore file that sits there. */
    readonly dir: string,
    patterns: string | readonly string[],
  ) {
    this.#matcher = ignore().add(patterns);
  }

  /**
   * Whether the patterns ignore the path, re-include it with a `!` pattern, or say
   * nothing about it. Paths outside `dir` are never matched.
   */
  test(absolutePath: string, isDirectory: boolean): PatternVerdict {
    const relative = path.relative(this.dir, absolutePath);
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return "unmatched";
    // The `ignore` package wants POSIX separators and a trailing slash for directories.
    const candidate = relative.split(path.sep).join("/") + (isDirectory ? "/" : "");
    const result = this.#matcher.test(candidate);
    return result.ignored ? "ignored" : result.unignored ? "unignored" : "unmatched";
  }

  matches(absolutePath: string, isDirectory = false): boolean {
    return this.test(absolutePath, isDirectory) === "ignored";
  }
}

/**
 * Git's precedence over several ignore files: deeper files are consulted later and
 * the last one with a verdict wins, so a nested `!keep.py` re-includes a file.
 */
export function isIgnoredByLayers(
  layers: readonly IgnorePatterns[],
  absolutePath: string,
  isDirectory: boolean,
): boolean {
  let ignored = false;
  for (const layer of layers) {
    const verdict = layer.test(absolutePath, isDirectory);
    if (verdict !== "unmatched") ignored = verdict === "ignored";
  }
  return ignored;
}
