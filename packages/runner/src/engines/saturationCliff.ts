// The peak of a measured throughput curve and the saturation cliff after it:
// the first thread count past the peak where throughput has fallen by at
// least a threshold (default 20 %), i.e. where adding threads starts to hurt.

import type { ThroughputPoint } from "./measurement.js";

export const DEFAULT_CLIFF_THRESHOLD = 0.2;

export interface SaturationCliff extends ThroughputPoint {
  /** How far below the peak, as a fraction: 0.27 for 27 % less. */
  readonly drop: number;
}

/** The point with the highest throughput; on a tie, the fewer threads. */
export function findPeak(points: readonly ThroughputPoint[]): ThroughputPoint | undefined {
  let peak: ThroughputPoint | undefined;
  for (const point of byThreads(points)) {
    if (peak === undefined || point.throughput > peak.throughput) peak = point;
  }
  return peak;
}

export function findCliff(
  points: readonly ThroughputPoint[],
  threshold: number = DEFAULT_CLIFF_THRESHOLD,
): SaturationCliff | undefined {
  const peak = findPeak(points);
  if (peak === undefined || peak.throughput <= 0) return undefined;
  for (const point of byThreads(points)) {
    if (point.threads <= peak.threads) continue;
    const drop = 1 - point.throughput / peak.throughput;
    if (drop >= threshold) return { ...point, drop };
  }
  return undefined;
}

export function byThreads<T extends ThroughputPoint>(points: readonly T[]): T[] {
  return [...points].sort((a, b) => a.threads - b.threads);
}
