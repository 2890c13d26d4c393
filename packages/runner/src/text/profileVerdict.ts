// The one sentence a profile ends with: where throughput peaks, whether it
// falls off a cliff, and how many threads to use.

import type { ThroughputPoint } from "../engines/measurement.js";
import type { SaturationCliff } from "../engines/saturationCliff.js";
import type { ThreadRecommendation } from "../engines/threadRecommendation.js";
import { formatCount, formatPercent, threadsText } from "./numberText.js";

export interface VerdictInput {
  readonly points: readonly ThroughputPoint[];
  readonly peak: ThroughputPoint;
  readonly cliff: SaturationCliff | null;
  readonly recommendation: ThreadRecommendation;
}

export function profileVerdict(
  { points, peak, cliff, recommendation }: VerdictInput,
  tolerance: number,
  maxThreadsName = "--max-threads",
): string {
  const use = recommendation.threads;
  const calls = (point: ThroughputPoint) => `${formatCount(point.throughput)} calls/s`;
  const largest = points.reduce((a, b) => (b.threads > a.threads ? b : a));
  const one = points.find((point) => point.threads === 1);
  const within = recommendation.belowPeak ? ` (within ${formatPercent(tolerance)} of the peak)` : "";

  if (points.length === 1) {
    return `Measured ${threadsText(peak.threads)} only (${calls(peak)}): raise ${maxThreadsName} to see how it scales.`;
  }
  if (cliff !== null) {
    return `Peak at ${threadsText(peak.threads)} (${calls(peak)}); throughput falls ${formatPercent(cliff.drop)} by ${threadsText(cliff.threads)}: use at most ${use}${within}.`;
  }
  if (use === 1 && one !== undefined) {
    return `Throughput does not grow with threads (1 thread: ${calls(one)}; best: ${formatCount(peak.throughput)} at ${peak.threads}): the calls run one at a time (a lock or the GIL), so use 1 thread.`;
  }
  if (use === largest.threads) {
    const gain = one !== undefined ? `, ${(peak.throughput / one.throughput).toFixed(1)}× one thread` : "";
    return `Throughput still rises at ${threadsText(peak.threads)} (${calls(peak)}${gain}): use ${use} or more; ${limitAt(maxThreadsName, 2 * peak.threads)} would look further.`;
  }
  if (peak.threads === largest.threads) {
    const chosen = points.find((point) => point.threads === use)!;
    return `Throughput levels off at ${threadsText(use)} (${calls(chosen)}, within ${formatPercent(tolerance)} of the best, at ${largest.threads}): use ${use}.`;
  }
  const change = 1 - largest.throughput / peak.throughput;
  return `Peak at ${threadsText(peak.threads)} (${calls(peak)}); more threads add nothing (${threadsText(largest.threads)}: -${formatPercent(change)}): use ${use}${within}.`;
}

/** "--max-threads 16" for an option, "aether.profile.maxThreads = 16" for a setting. */
function limitAt(name: string, threads: number): string {
  return name.startsWith("--") ? `${name} ${threads}` : `${name} = ${threads}`;
}
