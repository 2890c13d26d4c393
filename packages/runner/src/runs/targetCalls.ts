// The two things every run asks of a harness: load the target (with its
// setup and warm-up) and measure N threads calling it. The timing rules live
// here: how long a measurement settles, and when a call counts as hung.

import type { Measurement } from "../engines/measurement.js";
import type { LoadedMessage } from "../harness/harnessMessages.js";
import type { HarnessSession } from "../harness/harnessSession.js";
import type { TargetSpec } from "../harness/targetSpec.js";

export interface TargetRequest {
  /** The interpreter, a path (see resolvePython). */
  readonly python: string;
  readonly target: TargetSpec;
  readonly setup?: TargetSpec | undefined;
  /** The harness's working directory: the user's, so relative paths in their code behave. */
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** Aborting it stops the run: the harness's process group is killed and the run rejects with RunCancelled. */
  readonly signal?: AbortSignal | undefined;
}

export interface TimingSettings {
  readonly warmupSeconds: number;
  /** How long past its limit a command may run before the run counts as hung. */
  readonly graceSeconds: number;
}

/** Latency samples each thread keeps per measurement: enough for a p99, bounded in size. */
const SAMPLES_PER_MEASUREMENT = 4000;
/** Threads run this long (at most 20 % of the duration) before counting, so none is measured while starting. */
const MAX_SETTLE_SECONDS = 0.1;

export async function loadTarget(session: HarnessSession, request: TargetRequest, timing: TimingSettings): Promise<LoadedMessage> {
  const limit = timing.warmupSeconds + timing.graceSeconds;
  const reply = await session.request(
    {
      cmd: "load",
      target: { file: request.target.file, name: request.target.name },
      ...(request.setup !== undefined ? { setup: { file: request.setup.file, name: request.setup.name } } : {}),
      warmup: timing.warmupSeconds,
      limit,
    },
    limit,
    `${request.target.name}()`,
  );
  if (reply.type !== "loaded") throw new Error(`unexpected reply '${reply.type}' to load`);
  return reply;
}

export interface MeasureTiming {
  readonly settle: number;
  /** When the harness reports a hang itself. */
  readonly limit: number;
  /** Roughly how long the measurement takes, for the progress line. */
  readonly expected: number;
}

/**
 * A slow call (longer than the settle time) is not worth settling for; the
 * limit leaves room for the last call of each thread, which may start just
 * before the deadline, and then the grace period.
 */
export function measureTiming(loaded: LoadedMessage, durationSeconds: number, graceSeconds: number): MeasureTiming {
  const settle = loaded.meanCallSeconds > MAX_SETTLE_SECONDS ? 0 : Math.min(MAX_SETTLE_SECONDS, 0.2 * durationSeconds);
  const lastCall = 2 * loaded.maxCallSeconds;
  return {
    settle,
    limit: settle + durationSeconds + lastCall + graceSeconds,
    expected: settle + durationSeconds + loaded.meanCallSeconds,
  };
}

export async function measureThreads(
  session: HarnessSession,
  threads: number,
  timing: MeasureTiming,
  durationSeconds: number,
  targetName: string,
): Promise<Measurement> {
  const reply = await session.request(
    {
      cmd: "measure",
      threads,
      settle: timing.settle,
      duration: durationSeconds,
      limit: timing.limit,
      samplesPerThread: Math.max(50, Math.floor(SAMPLES_PER_MEASUREMENT / threads)),
    },
    timing.limit,
    `${targetName}()`,
  );
  if (reply.type !== "measurement") throw new Error(`unexpected reply '${reply.type}' to measure`);
  const { threads: measured, wall, perThread, latencies } = reply;
  return { threads: measured, wall, perThread, latencies };
}
