// Which config lints a file: the [tool.aether] table of the nearest
// pyproject.toml above it (read with the CLI's own loader, so the editor and
// `aether check` agree), else the recommended rules. Results are cached per
// directory until a pyproject.toml changes.

import path from "node:path";
import { Linter } from "eslint";
import { CliError, IgnorePatterns, loadProjectConfig, type ProjectConfig } from "aether-cli";

export interface FileConfig {
  readonly linter: Linter;
  readonly config: Linter.Config[];
  /** The pyproject.toml the settings came from, if any. */
  readonly source: string | undefined;
  /** Whether [tool.aether] `exclude` leaves this file out. */
  excludes(file: string): boolean;
}

export type ConfigProblem = { readonly message: string };

export class ProjectConfigs {
  readonly #byDirectory = new Map<string, FileConfig | ConfigProblem>();
  /** One Linter per project root: ESLint matches `files` patterns relative to its cwd. */
  readonly #linters = new Map<string, Linter>();

  /** The config for a file, or the problem that stops [tool.aether] from being read. */
  forFile(file: string): FileConfig | ConfigProblem {
    const directory = path.dirname(file);
    let entry = this.#byDirectory.get(directory);
    if (entry === undefined) {
      entry = this.#load(directory);
      this.#byDirectory.set(directory, entry);
    }
    return entry;
  }

  /** Forget everything read: a pyproject.toml was created, changed or deleted. */
  clear(): void {
    this.#byDirectory.clear();
  }

  #load(directory: string): FileConfig | ConfigProblem {
    let project: ProjectConfig;
    try {
      project = loadProjectConfig({ startDir: directory });
    } catch (error) {
      if (error instanceof CliError) return { message: error.message };
      throw error;
    }
    const { settings, config } = project;
    const exclude = settings.exclude.length > 0 ? new IgnorePatterns(settings.root, settings.exclude) : undefined;
    return {
      linter: this.#linterFor(settings.root),
      config,
      source: settings.source,
      excludes: (file) => exclude !== undefined && excludedByPatterns(exclude, file),
    };
  }

  #linterFor(root: string): Linter {
    let linter = this.#linters.get(root);
    if (linter === undefined) {
      linter = new Linter({ cwd: root, configType: "flat" });
      this.#linters.set(root, linter);
    }
    return linter;
  }
}

export function isConfigProblem(value: FileConfig | ConfigProblem): value is ConfigProblem {
  return !("linter" in value);
}

/** A file is excluded when it or any folder above it (up to the root) is. */
function excludedByPatterns(patterns: IgnorePatterns, file: string): boolean {
  for (let current = file, isDirectory = false; ; current = path.dirname(current), isDirectory = true) {
    const verdict = patterns.test(current, isDirectory);
    if (verdict !== "unmatched") return verdict === "ignored";
    if (path.dirname(current) === current || current === patterns.dir) return false;
  }
}
