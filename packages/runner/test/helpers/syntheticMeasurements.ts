// Measurements made up from a known throughput curve, for engine tests that
// must not depend on a machine: N threads that each made calls at the rate
// the curve gives, over the same window.

import type { Measurement } from "../../src/engines/measurement.js";

export interface SyntheticOptions {
  /** Seconds each thread counted for (default 1). */
  readonly seconds?: number;
  /** CPU seconds per call (default 0: a call that only waits). */
  readonly cpuPerCall?: number;
  /** Latency samples: one per call by default, capped at 200. */
  readonly latencies?: readonly number[];
}

/** One measurement whose throughput is exactly `throughput` calls/s over `threads` threads. */
export function measurementAt(threads: number, throughput: number, options: SyntheticOptions = {}): Measurement {
  const seconds = options.seconds ?? 1;
  const callsPerThread = (throughput * seconds) / threads;
  const latency = threads / throughput;
  return {
    threads,
    wall: seconds,
    perThread: Array.from({ length: threads }, () => ({
      calls: callsPerThread,
      start: 0,
      elapsed: seconds,
      cpu: Math.min(seconds, callsPerThread * (options.cpuPerCall ?? 0)),
    })),
    latencies: options.latencies ?? Array.from({ length: Math.min(200, Math.round(callsPerThread)) }, () => latency),
  };
}

/** A measurement per (threads, throughput) pair. */
export function measurementsFrom(curve: ReadonlyArray<readonly [threads: number, throughput: number]>): Measurement[] {
  return curve.map(([threads, throughput]) => measurementAt(threads, throughput));
}

/** A deterministic stream of numbers in [-1, 1) (a linear congruential generator), for repeatable noise. */
export function noiseStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state / 2 ** 32) * 2 - 1;
  };
}
