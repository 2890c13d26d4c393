// A profile's measurements → its answer: a point per thread count (median of
// the repeats, their spread, latency percentiles, β), the peak, the saturation
// cliff, the USL fit, the recommended thread count and the verdict sentence.

import { blockingRatioOf, throughputOf, type Measurement, type ThroughputPoint } from "./measurement.js";
import { DEFAULT_CLIFF_THRESHOLD, findCliff, findPeak, type SaturationCliff } from "./saturationCliff.js";
import { median, percentile, relativeSpread } from "./statistics.js";
import { DEFAULT_PEAK_TOLERANCE, recommendThreads, type ThreadRecommendation } from "./threadRecommendation.js";
import { fitUsl, type UslFit } from "./usl.js";
import { profileVerdict } from "../text/profileVerdict.js";

export interface ProfilePoint extends ThroughputPoint {
  /** `throughput` is the median over the repeats; these are the repeats themselves. */
  readonly repeats: readonly number[];
  readonly min: number;
  readonly max: number;
  /** (max − min) / median. */
  readonly spread: number;
  /** Per-call latency percentiles, seconds, over every sample of every repeat. */
  readonly latency: { readonly p50: number; readonly p99: number };
  /** Median β over the repeats (see blockingRatioOf). */
  readonly blockingRatio: number;
}

export interface ProfileAnalysisSettings {
  readonly cliffThreshold: number;
  readonly peakTolerance: number;
  /** What the verdict calls the thread limit when it advises raising it: the CLI's option, an editor's setting. */
  readonly maxThreadsName: string;
}

export const DEFAULT_ANALYSIS_SETTINGS: ProfileAnalysisSettings = {
  cliffThreshold: DEFAULT_CLIFF_THRESHOLD,
  peakTolerance: DEFAULT_PEAK_TOLERANCE,
  maxThreadsName: "--max-threads",
};

export interface ProfileAnalysis {
  readonly points: readonly ProfilePoint[];
  readonly peak: ThroughputPoint;
  readonly cliff: SaturationCliff | null;
  /** Null when fewer than three thread counts were measured. */
  readonly usl: UslFit | null;
  readonly recommendation: ThreadRecommendation;
  readonly verdict: string;
}

export function summarizePoints(measurements: readonly Measurement[]): ProfilePoint[] {
  const byCount = new Map<number, Measurement[]>();
  for (const measurement of measurements) {
    const group = byCount.get(measurement.threads) ?? [];
    group.push(measurement);
    byCount.set(measurement.threads, group);
  }
  return [...byCount.entries()]
    .sort(([a], [b]) => a - b)
    .map(([threads, group]) => {
      const repeats = group.map(throughputOf);
      const latencies = group.flatMap((measurement) => measurement.latencies);
      return {
        threads,
        throughput: median(repeats),
        repeats,
        min: Math.min(...repeats),
        max: Math.max(...repeats),
        spread: relativeSpread(repeats),
        latency: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
        blockingRatio: median(group.map((measurement) => blockingRatioOf(measurement.perThread))),
      };
    });
}

export function analyzeProfile(
  measurements: readonly Measurement[],
  settings: ProfileAnalysisSettings = DEFAULT_ANALYSIS_SETTINGS,
): ProfileAnalysis {
  const points = summarizePoints(measurements);
  const peak = findPeak(points);
  const recommendation = recommendThreads(points, settings.peakTolerance);
  if (peak === undefined || recommendation === undefined) throw new Error("a profile needs at least one measurement");
  const analysis = {
    points,
    peak: { threads: peak.threads, throughput: peak.throughput },
    cliff: findCliff(points, settings.cliffThreshold) ?? null,
    usl: fitUsl(points) ?? null,
    recommendation,
  };
  return { ...analysis, verdict: profileVerdict(analysis, settings.peakTolerance, settings.maxThreadsName) };
}
