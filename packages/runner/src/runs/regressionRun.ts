// `aether regression`'s run: find a standard and a free-threaded build of the
// same minor version, profile the target on each, and price the difference.
// With one kind of build missing it profiles the one it has and says which
// kind it could not find; it never fills the gap with an assumed number.

import { pairBuilds, type MissingBuild } from "../engines/buildPairing.js";
import { analyzeRegression, type RegressionAnalysis } from "../engines/regressionAnalysis.js";
import { queryHarness } from "../harness/harnessQuery.js";
import { RunnerUsageError } from "../harness/runnerErrors.js";
import type { TargetSpec } from "../harness/targetSpec.js";
import { runProfile, type ProfileProgress, type ProfileResult, type ProfileSettings } from "./profileRun.js";
import { findInterpreters, type InterpreterStatus } from "./statusRun.js";

export type BuildKind = "standard" | "free-threaded";

export interface RegressionRequest {
  readonly target: TargetSpec;
  readonly setup?: TargetSpec | undefined;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** --standard-python and --free-threaded-python, resolved to paths: used instead of discovery. */
  readonly standardPython?: string | undefined;
  readonly freeThreadedPython?: string | undefined;
  /** What `python3` runs here: the standard build preferred among equals. */
  readonly defaultPython?: string | undefined;
}

export interface RegressionResult {
  readonly target: string;
  readonly interpretersChecked: number;
  readonly standard: ProfileResult | null;
  readonly freeThreaded: ProfileResult | null;
  /** Which kind of build was not found, and the sentence that says so. */
  readonly missing: { readonly build: MissingBuild; readonly message: string } | null;
  /** Null unless both builds were measured. */
  readonly analysis: RegressionAnalysis | null;
}

export interface RegressionProgress extends ProfileProgress {
  readonly build: BuildKind;
  readonly python: string;
}

export async function runRegression(
  request: RegressionRequest,
  settings: ProfileSettings,
  onProgress?: (progress: RegressionProgress) => void,
): Promise<RegressionResult> {
  const { interpreters, checked } = await candidateInterpreters(request);
  const pair = pairBuilds(interpreters, {
    checked,
    preferred: (interpreter) => interpreter.path === request.defaultPython || interpreter.otherPaths.includes(request.defaultPython ?? ""),
  });
  if (pair.standard === null && pair.freeThreaded === null) {
    throw new RunnerUsageError(`no Python 3.9 or newer found to measure with (${checked} interpreters checked; see 'aether status')`);
  }
  const profile = async (build: BuildKind, interpreter: InterpreterStatus | null) => {
    if (interpreter === null) return null;
    const python = interpreter.path;
    return runProfile({ ...request, python }, settings, (progress) => onProgress?.({ ...progress, build, python }));
  };
  const standard = await profile("standard", pair.standard);
  const freeThreaded = await profile("free-threaded", pair.freeThreaded);
  const analysis =
    standard !== null && freeThreaded !== null
      ? analyzeRegression(measured(standard), measured(freeThreaded), freeThreaded.interpreter.cpuCount)
      : null;
  return { target: request.target.text, interpretersChecked: checked, standard, freeThreaded, missing: pair.missing, analysis };
}

function measured(profile: ProfileResult) {
  return { points: profile.analysis.points, usl: profile.analysis.usl };
}

/** Discovery, with an interpreter given on the command line standing in for all of its kind. */
async function candidateInterpreters(request: RegressionRequest): Promise<{ interpreters: InterpreterStatus[]; checked: number }> {
  const explicitStandard = await describeExplicit(request, request.standardPython, "--standard-python", false);
  const explicitFreeThreaded = await describeExplicit(request, request.freeThreadedPython, "--free-threaded-python", true);
  if (explicitStandard !== undefined && explicitFreeThreaded !== undefined) {
    return { interpreters: [explicitStandard, explicitFreeThreaded], checked: 2 };
  }
  const found = await findInterpreters({ env: request.env, cwd: request.cwd });
  const discovered = found.interpreters;
  const standards = explicitStandard !== undefined ? [explicitStandard] : discovered.filter((i) => !i.facts.freeThreadedBuild);
  const freeThreaded = explicitFreeThreaded !== undefined ? [explicitFreeThreaded] : discovered.filter((i) => i.facts.freeThreadedBuild);
  return { interpreters: [...standards, ...freeThreaded], checked: discovered.length + found.unusable.length };
}

async function describeExplicit(
  request: RegressionRequest,
  python: string | undefined,
  option: string,
  freeThreaded: boolean,
): Promise<InterpreterStatus | undefined> {
  if (python === undefined) return undefined;
  const described = await queryHarness(python, "describe", [], { cwd: request.cwd, env: request.env, timeoutSeconds: 20 });
  if (!described.ok) throw new RunnerUsageError(`${option}: ${python} did not run: ${described.reason}`);
  const facts = described.value.interpreter;
  if (facts.freeThreadedBuild !== freeThreaded) {
    throw new RunnerUsageError(`${option}: ${python} (Python ${facts.version}) is a ${facts.freeThreadedBuild ? "free-threaded" : "standard (GIL)"} build`);
  }
  if (!facts.harnessSupported) throw new RunnerUsageError(`${option}: ${python} is Python ${facts.version}; the harness needs 3.9 or newer`);
  return { path: python, otherPaths: [], sources: ["--python"], facts };
}
