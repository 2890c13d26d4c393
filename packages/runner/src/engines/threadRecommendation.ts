// The thread count to use: the measured peak, or fewer threads when they get
// within a tolerance (default 5 %) of it, since threads beyond that add
// contention and memory for nothing measurable.

import type { ThroughputPoint } from "./measurement.js";
import { byThreads, findPeak } from "./saturationCliff.js";

export const DEFAULT_PEAK_TOLERANCE = 0.05;

export interface ThreadRecommendation {
  readonly threads: number;
  /** The measured peak it was chosen against. */
  readonly peak: ThroughputPoint;
  /** True when fewer threads than the peak's come within the tolerance of it. */
  readonly belowPeak: boolean;
}

export function recommendThreads(
  points: readonly ThroughputPoint[],
  tolerance: number = DEFAULT_PEAK_TOLERANCE,
): ThreadRecommendation | undefined {
  const peak = findPeak(points);
  if (peak === undefined) return undefined;
  const enough = byThreads(points).find((point) => point.throughput >= (1 - tolerance) * peak.throughput)!;
  return { threads: enough.threads, peak, belowPeak: enough.threads < peak.threads };
}
