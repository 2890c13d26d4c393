// `aether pool`'s run: measure β on one thread, start a pool of the size β
// suggests, and let the hill-climbing controller resize it between intervals
// until it converges. The harness only runs the pool; every size is decided
// here, from the trace so far.

import {
  baselineNoise,
  DEFAULT_BLOCKING_THRESHOLD,
  DEFAULT_MAX_INTERVALS,
  DEFAULT_MIN_NOISE,
  nextPoolStep,
  type HillClimbSettings,
  type PoolObservation,
} from "../engines/hillClimbing.js";
import type { InterpreterFacts } from "../engines/interpreterFacts.js";
import { blockingRatioOf } from "../engines/measurement.js";
import { DEFAULT_MAX_WORKERS, initialPoolSize } from "../engines/poolSizing.js";
import { withHarnessSession } from "../harness/harnessSession.js";
import { loadTarget, measureThreads, measureTiming, type TargetRequest, type TimingSettings } from "./targetCalls.js";

export interface PoolSettings extends TimingSettings {
  readonly intervalSeconds: number;
  readonly maxWorkers: number;
  readonly blockingThreshold: number;
  readonly maxIntervals: number;
  readonly minNoise: number;
}

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  intervalSeconds: 0.5,
  maxWorkers: DEFAULT_MAX_WORKERS,
  blockingThreshold: DEFAULT_BLOCKING_THRESHOLD,
  maxIntervals: DEFAULT_MAX_INTERVALS,
  minNoise: DEFAULT_MIN_NOISE,
  warmupSeconds: 0.2,
  graceSeconds: 5,
};

export interface PoolInterval extends PoolObservation {
  /** 1-based. */
  readonly interval: number;
}

export interface PoolResult {
  readonly target: string;
  readonly python: string;
  readonly interpreter: InterpreterFacts;
  readonly settings: PoolSettings;
  /** β of one call, measured on one thread (where no other thread's lock or GIL wait can inflate it). */
  readonly blockingRatio: number;
  readonly initialWorkers: number;
  readonly recommendedWorkers: number;
  /** The relative noise a change had to beat. */
  readonly noise: number;
  readonly reason: string;
  readonly trace: readonly PoolInterval[];
}

export interface PoolProgress {
  readonly interval: number;
  readonly workers: number;
  readonly maxIntervals: number;
}

export async function runPool(
  request: TargetRequest,
  settings: PoolSettings,
  onProgress?: (progress: PoolProgress) => void,
): Promise<PoolResult> {
  return withHarnessSession({ ...request, graceSeconds: settings.graceSeconds }, async (session) => {
    const loaded = await loadTarget(session, request, settings);
    const timing = measureTiming(loaded, settings.intervalSeconds, settings.graceSeconds);
    // On several threads, time spent waiting for the GIL or a lock would count as blocking.
    const single = await measureThreads(session, 1, timing, settings.intervalSeconds, request.target.name);
    const blockingRatio = blockingRatioOf(single.perThread);
    const cpuCount = session.interpreter.cpuCount;
    const climb: HillClimbSettings = {
      start: initialPoolSize(blockingRatio, cpuCount, settings.maxWorkers),
      maxWorkers: settings.maxWorkers,
      blockingRatio,
      blockingThreshold: settings.blockingThreshold,
      minNoise: settings.minNoise,
      maxIntervals: settings.maxIntervals,
    };

    await session.request({ cmd: "pool-start", maxWorkers: settings.maxWorkers }, settings.graceSeconds, "starting the pool");
    const trace: PoolInterval[] = [];
    const limit = 2 * loaded.maxCallSeconds + settings.graceSeconds;
    for (;;) {
      const step = nextPoolStep(climb, trace);
      if (step.done) {
        await session.request({ cmd: "pool-stop" }, settings.graceSeconds + limit, "stopping the pool");
        return {
          target: request.target.text,
          python: request.python,
          interpreter: session.interpreter,
          settings,
          blockingRatio,
          initialWorkers: climb.start,
          recommendedWorkers: step.workers,
          noise: baselineNoise(climb, trace),
          reason: step.reason,
          trace,
        };
      }
      onProgress?.({ interval: trace.length + 1, workers: step.workers, maxIntervals: settings.maxIntervals });
      // Settling takes at most `limit`, counting at most `limit` past the interval.
      const reply = await session.request(
        { cmd: "pool-interval", workers: step.workers, duration: settings.intervalSeconds, minCalls: minCallsPerInterval(step.workers), limit },
        settings.intervalSeconds + 2 * limit,
        `${request.target.name}()`,
      );
      if (reply.type !== "pool-interval") throw new Error(`unexpected reply '${reply.type}' to pool-interval`);
      const calls = reply.perWorker.reduce((sum, worker) => sum + worker.calls, 0);
      trace.push({ interval: trace.length + 1, workers: step.workers, throughput: reply.wall > 0 ? calls / reply.wall : 0 });
    }
  });
}

/** Fewer completions than this and one call more or less is several percent: noise the controller would chase. */
export function minCallsPerInterval(workers: number): number {
  return Math.max(20, 2 * workers);
}
