// The price of the free-threaded build for one function: its single-thread
// regression r against the standard (GIL) build of the same minor version, the
// break-even thread count where it overtakes the standard build's best, and a
// recommendation with its reason. Pure arithmetic on two measured profiles.

import type { ThroughputPoint } from "./measurement.js";
import { byThreads, findPeak } from "./saturationCliff.js";
import { uslPeakThreads, uslThroughput, type UslModel } from "./usl.js";
import { formatCount, formatPercent, threadsText } from "../text/numberText.js";

export type RegressionRecommendation = "stay-on-standard" | "migrate-if-scaling" | "migrate-now";

/**
 * Above this single-thread cost, migrating is a bet on scaling. PEP 779 capped
 * the free-threaded build's own regression at 15 % and the steering council
 * expected 10–15 % (facts sheet, section 13): a function that loses more than
 * 10 % pays noticeably for every call that does not run in parallel.
 */
export const TOLERATED_REGRESSION = 0.1;

/** How far past the largest measured count the fitted curve is trusted to find a break-even. */
export const EXTRAPOLATION_LIMIT = 4;

/** What the regression needs from a build's profile. */
export interface BuildMeasurements {
  /** Median throughput at each measured thread count. */
  readonly points: readonly ThroughputPoint[];
  /** The USL fit of those points, when there is one. */
  readonly usl: UslModel | null;
}

export interface BreakEven {
  /** Where the free-threaded curve crosses the standard build's best (fractional). */
  readonly threads: number;
  /** The smallest whole thread count past the crossing. */
  readonly wholeThreads: number;
  /** "usl": on the fitted curve; "measured": between measured points (no fit, or the fit disagrees with them). */
  readonly source: "usl" | "measured";
  /** True when the crossing lies beyond the largest measured thread count. */
  readonly extrapolated: boolean;
}

export interface RegressionAnalysis {
  /** r = 1 − X_ft(1) / X_std(1): 0.08 means the free-threaded build is 8 % slower on one thread. */
  readonly regression: number;
  readonly standardSingleThread: number;
  readonly freeThreadedSingleThread: number;
  readonly standardBest: ThroughputPoint;
  readonly freeThreadedBest: ThroughputPoint;
  readonly breakEven: BreakEven | null;
  readonly recommendation: RegressionRecommendation;
  readonly reason: string;
}

export function analyzeRegression(
  standard: BuildMeasurements,
  freeThreaded: BuildMeasurements,
  cpuCount: number,
): RegressionAnalysis {
  const standardSingleThread = singleThread(standard, "standard");
  const freeThreadedSingleThread = singleThread(freeThreaded, "free-threaded");
  const standardBest = findPeak(standard.points)!;
  const freeThreadedBest = findPeak(freeThreaded.points)!;
  const regression = 1 - freeThreadedSingleThread / standardSingleThread;
  const breakEven = breakEvenThreads(freeThreaded, standardBest.throughput);
  const { recommendation, reason } = recommend(regression, breakEven, standardBest, freeThreadedBest, cpuCount);
  return {
    regression,
    standardSingleThread,
    freeThreadedSingleThread,
    standardBest,
    freeThreadedBest,
    breakEven,
    recommendation,
    reason,
  };
}

function singleThread(build: BuildMeasurements, name: string): number {
  const one = build.points.find((point) => point.threads === 1);
  if (one === undefined) throw new Error(`the ${name} build has no single-thread measurement`);
  return one.throughput;
}

/**
 * The smallest N at which the free-threaded build's throughput exceeds `target`:
 * on the fitted curve, which smooths noise and extrapolates — unless the
 * measured points cross at another whole thread count. A noisy ladder can fit a
 * curve that overshoots one thread (a build measured 8 % slower there "faster
 * from 1 thread"); the measurements win over the model that was fitted to them.
 */
export function breakEvenThreads(freeThreaded: BuildMeasurements, target: number): BreakEven | null {
  const largest = Math.max(...freeThreaded.points.map((point) => point.threads));
  const measured = crossingBetweenPoints(freeThreaded.points, target);
  const onCurve = freeThreaded.usl !== null ? crossingOnCurve(freeThreaded.usl, target, largest) : undefined;
  const curveAgrees =
    onCurve !== undefined && (measured === undefined ? onCurve > largest : wholeThreadsOf(onCurve) === wholeThreadsOf(measured));
  const crossing = curveAgrees ? onCurve : measured;
  if (crossing === undefined) return null;
  return {
    threads: crossing,
    wholeThreads: wholeThreadsOf(crossing),
    source: curveAgrees ? "usl" : "measured",
    extrapolated: crossing > largest,
  };
}

function wholeThreadsOf(crossing: number): number {
  return Math.max(1, Math.ceil(crossing - 1e-9));
}

function crossingOnCurve(model: UslModel, target: number, largestMeasured: number): number | undefined {
  const curve = (threads: number) => uslThroughput(model, threads);
  if (curve(1) > target) return 1;
  // The curve rises up to N* and falls after it: the crossing, if any, is on the rise.
  const limit = Math.min(uslPeakThreads(model), EXTRAPOLATION_LIMIT * largestMeasured);
  if (curve(limit) <= target) return undefined;
  let low = 1;
  let high = limit;
  for (let i = 0; i < 100 && high - low > 1e-9; i++) {
    const middle = (low + high) / 2;
    if (curve(middle) > target) high = middle;
    else low = middle;
  }
  return high;
}

function crossingBetweenPoints(points: readonly ThroughputPoint[], target: number): number | undefined {
  const sorted = byThreads(points);
  if (sorted[0]!.throughput > target) return sorted[0]!.threads;
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1]!, sorted[i]!];
    if (b.throughput > target) {
      return a.threads + ((target - a.throughput) / (b.throughput - a.throughput)) * (b.threads - a.threads);
    }
  }
  return undefined;
}

function recommend(
  regression: number,
  breakEven: BreakEven | null,
  standardBest: ThroughputPoint,
  freeThreadedBest: ThroughputPoint,
  cpuCount: number,
): { recommendation: RegressionRecommendation; reason: string } {
  const cost = regression > 0 ? `is ${formatPercent(regression)} slower` : `is ${formatPercent(-regression)} faster`;
  const standardText = `the standard build's best (${formatCount(standardBest.throughput)} calls/s at ${threadsText(standardBest.threads)})`;
  if (breakEven === null) {
    return {
      recommendation: "stay-on-standard",
      reason: `the free-threaded build ${cost} on one thread and never overtakes ${standardText}: its own best is ${formatCount(freeThreadedBest.throughput)} calls/s at ${threadsText(freeThreadedBest.threads)}`,
    };
  }
  const from = `overtakes ${standardText} from ${threadsText(breakEven.wholeThreads)}${breakEven.extrapolated ? " (predicted beyond the measured range)" : ""}`;
  if (regression <= TOLERATED_REGRESSION && breakEven.wholeThreads <= cpuCount && !breakEven.extrapolated) {
    return {
      recommendation: "migrate-now",
      reason: `the free-threaded build ${cost} on one thread and ${from}, within this machine's ${cpuCount} CPUs`,
    };
  }
  return {
    recommendation: "migrate-if-scaling",
    reason: `the free-threaded build ${cost} on one thread and ${from}: migrate if your code runs at least ${breakEven.wholeThreads} threads at once`,
  };
}
