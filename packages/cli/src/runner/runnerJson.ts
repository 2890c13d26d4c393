// The --json output of the runner commands: the engines' results as they are,
// minus the raw latency samples (thousands of numbers no reader wants), with
// Infinity written as null (JSON has no ∞; the help says what null means).

import type { PoolResult, ProfileResult, RegressionResult } from "aether-runner";

export function profileJson(result: ProfileResult): object {
  const { analysis } = result;
  return {
    target: result.target,
    python: result.python,
    interpreter: result.interpreter,
    gilEnabledAfterLoad: result.gilEnabledAfterLoad,
    settings: { ...result.settings, maxThreads: result.maxThreads },
    points: analysis.points,
    peak: analysis.peak,
    cliff: analysis.cliff,
    usl: analysis.usl,
    recommendation: { threads: analysis.recommendation.threads, belowPeak: analysis.recommendation.belowPeak },
    verdict: analysis.verdict,
  };
}

export function regressionJson(result: RegressionResult): object {
  return {
    target: result.target,
    interpretersChecked: result.interpretersChecked,
    missing: result.missing,
    standard: result.standard === null ? null : profileJson(result.standard),
    freeThreaded: result.freeThreaded === null ? null : profileJson(result.freeThreaded),
    regression: result.analysis,
  };
}

export function poolJson(result: PoolResult): object {
  return {
    target: result.target,
    python: result.python,
    interpreter: result.interpreter,
    settings: result.settings,
    blockingRatio: result.blockingRatio,
    initialWorkers: result.initialWorkers,
    maxWorkers: result.recommendedWorkers,
    noise: result.noise,
    reason: result.reason,
    trace: result.trace,
  };
}

/** JSON.stringify, with non-finite numbers as null and two-space indentation. */
export function jsonText(value: object): string {
  return `${JSON.stringify(value, (_key, item: unknown) => (typeof item === "number" && !Number.isFinite(item) ? null : item), 2)}\n`;
}
