// The runner fixtures in test-fixtures/runner and the real python3 that runs
// them, with settings short enough for a test suite on a two-core machine.

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { resolvePython } from "../../src/runs/defaultPython.js";
import { DEFAULT_POOL_SETTINGS, type PoolSettings } from "../../src/runs/poolRun.js";
import { DEFAULT_PROFILE_SETTINGS, type ProfileSettings } from "../../src/runs/profileRun.js";
import type { TargetRequest } from "../../src/runs/targetCalls.js";
import { parseSetupSpec, parseTargetSpec } from "../../src/harness/targetSpec.js";

/** From dist/test/helpers up to the repository root. */
export const FIXTURES = fileURLToPath(new URL("../../../../../test-fixtures/runner/", import.meta.url));

/**
 * The interpreter `python3` runs, by its real path: behind a pyenv shim (a
 * shell script) every start costs a second on a busy machine, and the tests
 * start dozens.
 */
export const PYTHON = execFileSync(resolvePython(undefined, process.env, FIXTURES), ["-c", "import os, sys; print(os.path.realpath(sys.executable))"], {
  encoding: "utf8",
}).trim();

export function targetRequest(spec: string, setup?: string, env?: NodeJS.ProcessEnv): TargetRequest {
  const target = parseTargetSpec(spec, FIXTURES);
  return {
    python: PYTHON,
    target,
    setup: setup === undefined ? undefined : parseSetupSpec(setup, target, FIXTURES),
    cwd: FIXTURES,
    env,
  };
}

/** One repeat of 0.15 s per count on the ladder 1, 2, 4, 8 (+ refinement): about 1.5 s a profile. */
export const QUICK_PROFILE: ProfileSettings = {
  ...DEFAULT_PROFILE_SETTINGS,
  maxThreads: 8,
  durationSeconds: 0.15,
  repeats: 1,
  warmupSeconds: 0.05,
  graceSeconds: 1,
};

export const QUICK_POOL: PoolSettings = {
  ...DEFAULT_POOL_SETTINGS,
  intervalSeconds: 0.15,
  maxWorkers: 12,
  warmupSeconds: 0.05,
  graceSeconds: 2,
};
