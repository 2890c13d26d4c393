// `aether status`'s run: describe every interpreter discovery finds (a few at
// a time), fold the paths that are one interpreter together, and, on
// free-threaded builds, check which installed extensions turn the GIL on.

import { summarizeImports, type DistributionImports } from "../engines/gilImports.js";
import { findInterpreterCandidates, type CandidateSource, type FileSystemView } from "../engines/interpreterDiscovery.js";
import type { InterpreterFacts } from "../engines/interpreterFacts.js";
import { queryHarness } from "../harness/harnessQuery.js";
import { nodeFileSystem } from "./nodeFileSystem.js";

export interface InterpreterStatus {
  /** The first path it was found at. */
  readonly path: string;
  /** Every other path that runs the same interpreter (shims, symlinks, python vs python3). */
  readonly otherPaths: readonly string[];
  readonly sources: readonly CandidateSource[];
  readonly facts: InterpreterFacts;
}

export interface UnusableInterpreter {
  readonly path: string;
  readonly sources: readonly CandidateSource[];
  readonly reason: string;
}

export interface InterpreterReport {
  readonly interpreters: readonly InterpreterStatus[];
  readonly unusable: readonly UnusableInterpreter[];
}

export interface DiscoveryOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** --python, resolved to a path. */
  readonly explicit?: string | undefined;
  readonly files?: FileSystemView;
}

/** Describing is one short Python start-up; pyenv shims make it slower. */
const DESCRIBE_SECONDS = 20;
const PARALLEL_PROBES = 4;
/** Importing a large extension (numpy, torch) can take a while on a cold disk. */
const IMPORT_SECONDS = 60;

export async function findInterpreters(options: DiscoveryOptions): Promise<InterpreterReport> {
  const candidates = findInterpreterCandidates({ env: options.env, files: options.files ?? nodeFileSystem, explicit: options.explicit });
  const described = await mapLimited(candidates, PARALLEL_PROBES, (candidate) =>
    queryHarness(candidate.path, "describe", [], { cwd: options.cwd, env: options.env, timeoutSeconds: DESCRIBE_SECONDS }),
  );
  const interpreters: { path: string; otherPaths: string[]; sources: CandidateSource[]; facts: InterpreterFacts }[] = [];
  const unusable: UnusableInterpreter[] = [];
  candidates.forEach((candidate, index) => {
    const result = described[index]!;
    if (!result.ok) {
      unusable.push({ path: candidate.path, sources: candidate.sources, reason: result.reason });
      return;
    }
    const facts = result.value.interpreter;
    // A pyenv shim and the binary it runs are one interpreter: same executable.
    const same = interpreters.find((known) => known.facts.executable === facts.executable && facts.executable !== "");
    if (same === undefined) {
      interpreters.push({ path: candidate.path, otherPaths: [], sources: [...candidate.sources], facts });
      return;
    }
    same.otherPaths.push(candidate.path);
    for (const source of candidate.sources) if (!same.sources.includes(source)) same.sources.push(source);
  });
  return { interpreters, unusable };
}

export interface ImportCheckOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly onProgress?: (done: number, total: number, module: string) => void;
}

/**
 * For a free-threaded interpreter: each distribution with extension modules,
 * each top-level module imported in its own process with PYTHON_GIL unset (so
 * the user's setting cannot keep the GIL off and hide the answer).
 */
export async function checkGilImports(python: string, options: ImportCheckOptions): Promise<DistributionImports[]> {
  const env = { ...options.env };
  delete env["PYTHON_GIL"];
  const query = { cwd: options.cwd, env, timeoutSeconds: IMPORT_SECONDS };
  const listed = await queryHarness(python, "distributions", [], query);
  if (!listed.ok) throw new Error(`${python} could not list its distributions: ${listed.reason}`);
  const distributions = listed.value.distributions;
  const modules = distributions.flatMap((distribution) => distribution.modules.map((module) => ({ distribution, module })));
  let done = 0;
  const checks = await mapLimited(modules, 2, async ({ module }) => {
    const result = await queryHarness(python, "import-check", [module], query);
    options.onProgress?.(++done, modules.length, module);
    if (!result.ok) return { module, gilEnabledBefore: false, gilEnabledAfter: false, warnings: [], error: result.reason };
    const { gilEnabledBefore, gilEnabledAfter, warnings, error } = result.value;
    return { module, gilEnabledBefore, gilEnabledAfter, warnings, error };
  });
  return distributions.map((distribution) =>
    summarizeImports(
      distribution,
      checks.filter((_, index) => modules[index]!.distribution === distribution),
    ),
  );
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}
