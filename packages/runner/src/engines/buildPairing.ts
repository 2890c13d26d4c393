// Which interpreters `aether regression` compares: a standard (GIL) build and a
// free-threaded build of the same minor version, the newest such pair. When one
// kind is missing it says exactly which, so the report never implies a
// comparison it did not make.

import type { InterpreterFacts } from "./interpreterFacts.js";

export interface KnownInterpreter {
  readonly path: string;
  readonly facts: InterpreterFacts;
}

export type MissingBuild = "free-threaded" | "standard";

export interface BuildPair<T extends KnownInterpreter> {
  readonly standard: T | null;
  readonly freeThreaded: T | null;
  /** Which kind could not be found, and a sentence that says so; null when both were. */
  readonly missing: { readonly build: MissingBuild; readonly message: string } | null;
}

export function minorVersion(facts: InterpreterFacts): string {
  return facts.version.split(".").slice(0, 2).join(".");
}

export interface PairingOptions<T> {
  /** The interpreter the user runs (python3 on PATH): chosen among equals, and measured when there is no pair. */
  readonly preferred?: (interpreter: T) => boolean;
  /** How many interpreters were looked at, for the message (default: the list's length). */
  readonly checked?: number;
}

export function pairBuilds<T extends KnownInterpreter>(interpreters: readonly T[], options: PairingOptions<T> = {}): BuildPair<T> {
  const usable = interpreters.filter((interpreter) => interpreter.facts.harnessSupported);
  const standards = newestFirst(usable.filter((interpreter) => !interpreter.facts.freeThreadedBuild));
  const freeThreaded = newestFirst(usable.filter((interpreter) => interpreter.facts.freeThreadedBuild));
  const preferred = (candidates: readonly T[]) =>
    candidates.find((interpreter) => options.preferred?.(interpreter) ?? false) ?? candidates[0] ?? null;

  for (const candidate of freeThreaded) {
    const minor = minorVersion(candidate.facts);
    const partners = standards.filter((interpreter) => minorVersion(interpreter.facts) === minor);
    if (partners.length > 0) return { standard: preferred(partners), freeThreaded: candidate, missing: null };
  }
  const checked = options.checked ?? interpreters.length;
  const looked = `${checked} interpreter${checked === 1 ? "" : "s"} checked`;
  if (freeThreaded.length === 0) {
    return {
      standard: preferred(standards),
      freeThreaded: null,
      missing: {
        build: "free-threaded",
        message: `No free-threaded build of Python was found (${looked}; free-threaded builds are named like python3.13t or python3.14t).`,
      },
    };
  }
  const newest = freeThreaded[0]!;
  return {
    standard: null,
    freeThreaded: newest,
    missing: {
      build: "standard",
      message: `No standard (GIL) build of Python ${minorVersion(newest.facts)} was found to compare with the free-threaded ${newest.facts.version} at ${newest.path} (${looked}).`,
    },
  };
}

function newestFirst<T extends KnownInterpreter>(interpreters: readonly T[]): T[] {
  const key = (facts: InterpreterFacts) => facts.version.split(".").map(Number);
  return [...interpreters].sort((a, b) => {
    const [x, y] = [key(a.facts), key(b.facts)];
    for (let i = 0; i < 3; i++) if ((y[i] ?? 0) !== (x[i] ?? 0)) return (y[i] ?? 0) - (x[i] ?? 0);
    return 0;
  });
}
