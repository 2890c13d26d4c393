// Where Python interpreters are looked for, as a pure function of the
// environment and a view of the file system: the one given with --python, an
// active virtualenv, python / python3 / python3.N / python3.Nt on PATH, and
// every pyenv version. Paths that are the same file are one candidate, with
// every source that found it.

import path from "node:path";

export type CandidateSource = "--python" | "virtualenv" | "PATH" | "pyenv";

export interface InterpreterCandidate {
  readonly path: string;
  readonly sources: readonly CandidateSource[];
}

/** The file-system questions discovery asks; tests answer them from a map. */
export interface FileSystemView {
  /** Entry names, or [] when the directory is missing or unreadable. */
  listDirectory(directory: string): string[];
  isExecutableFile(file: string): boolean;
  /** The file a path finally points to (symlinks resolved); the path itself when it cannot be resolved. */
  realPath(file: string): string;
}

/** python, python3, python3t, python3.13, python3.13t: the names CPython installs. */
export const INTERPRETER_NAME = /^python(?:3(?:\.\d+)?t?)?$/;
const SELECTING_SHIM = /^python3?$/;

export interface DiscoveryInput {
  readonly env: NodeJS.ProcessEnv;
  readonly files: FileSystemView;
  /** --python, already resolved to a path. */
  readonly explicit?: string | undefined;
}

export function findInterpreterCandidates({ env, files, explicit }: DiscoveryInput): InterpreterCandidate[] {
  const found = new Map<string, { path: string; sources: CandidateSource[] }>();
  const add = (file: string, source: CandidateSource) => {
    if (!files.isExecutableFile(file)) return;
    const key = files.realPath(file);
    const entry = found.get(key);
    if (entry === undefined) found.set(key, { path: file, sources: [source] });
    else if (!entry.sources.includes(source)) entry.sources.push(source);
  };
  const addMatching = (directory: string, source: CandidateSource, names: RegExp = INTERPRETER_NAME) => {
    for (const name of files.listDirectory(directory).filter((entry) => names.test(entry)).sort(byVersionName)) {
      add(path.join(directory, name), source);
    }
  };

  const pyenvRoot = env["PYENV_ROOT"] || (env["HOME"] ? path.join(env["HOME"], ".pyenv") : undefined);
  const pyenvShims = pyenvRoot !== undefined ? path.join(pyenvRoot, "shims") : undefined;
  if (explicit !== undefined) add(explicit, "--python");
  if (env["VIRTUAL_ENV"]) addMatching(path.join(env["VIRTUAL_ENV"], "bin"), "virtualenv");
  for (const directory of searchPath(env)) {
    // A pyenv shim named python3.12 runs the binary found under versions/ below,
    // or fails when 3.12 is not selected here; only python and python3 tell
    // which version is selected. (Each shim is a shell script: slow to ask.)
    addMatching(directory, "PATH", path.resolve(directory) === pyenvShims ? SELECTING_SHIM : INTERPRETER_NAME);
  }
  if (pyenvRoot !== undefined) {
    const versions = path.join(pyenvRoot, "versions");
    for (const version of files.listDirectory(versions).sort()) addMatching(path.join(versions, version, "bin"), "pyenv");
  }
  return [...found.values()];
}

/** The directories of PATH, in order, without empty entries or repeats. */
export function searchPath(env: NodeJS.ProcessEnv): string[] {
  const entries = (env["PATH"] ?? "").split(path.delimiter).filter((entry) => entry !== "");
  return [...new Set(entries)];
}

/** The first executable called `name` on PATH, as a shell would find it. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv, files: FileSystemView): string | undefined {
  for (const directory of searchPath(env)) {
    const candidate = path.join(directory, name);
    if (files.isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** python3 before python3.13 before python3.13t before python: the plain names first, then by version. */
function byVersionName(a: string, b: string): number {
  const rank = (name: string) => (name === "python3" ? 0 : name === "python" ? 2 : 1);
  return rank(a) - rank(b) || a.localeCompare(b, "en", { numeric: true });
}
