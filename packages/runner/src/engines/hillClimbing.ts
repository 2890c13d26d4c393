// The pool-size controller of `aether pool`: hill climbing on measured
// throughput. It starts at the size β suggests, measures that size twice to
// learn the noise, then moves by a step and keeps a move only if throughput
// rose beyond that noise; when neither direction pays, the step halves; at a
// step below one it has converged. While β is below the blocking threshold the
// calls mostly compute, so growth is vetoed: more threads than CPUs would only
// contend. A pure function of the trace so far, so a run can be replayed.

export interface HillClimbSettings {
  /** The size to start from (see initialPoolSize). */
  readonly start: number;
  readonly maxWorkers: number;
  /** β of one call, measured on one thread. */
  readonly blockingRatio: number;
  /** Below this β, the pool never grows. */
  readonly blockingThreshold: number;
  /** The smallest relative change counted as real, whatever the two baseline intervals say. */
  readonly minNoise: number;
  /** A hard stop, baseline included. */
  readonly maxIntervals: number;
}

export const DEFAULT_BLOCKING_THRESHOLD = 0.3;
export const DEFAULT_MIN_NOISE = 0.03;
export const DEFAULT_MAX_INTERVALS = 24;

/** One interval of the adaptive run: the pool's size and the throughput it gave. */
export interface PoolObservation {
  readonly workers: number;
  readonly throughput: number;
}

export type HillClimbStep =
  | { readonly done: false; readonly workers: number }
  | { readonly done: true; readonly workers: number; readonly reason: string };

interface ClimbState {
  best: PoolObservation;
  step: number;
  /** +1 after a kept move up, −1 after one down: try the same way first. */
  momentum: 1 | -1;
  /** Mean throughput per size tried. */
  readonly known: Map<number, { total: number; count: number }>;
}

/** The measured noise: the relative difference of the two baseline intervals, at least minNoise. */
export function baselineNoise(settings: HillClimbSettings, trace: readonly PoolObservation[]): number {
  const [a, b] = trace;
  if (a === undefined || b === undefined) return settings.minNoise;
  const average = (a.throughput + b.throughput) / 2;
  const difference = average > 0 ? Math.abs(a.throughput - b.throughput) / average : 0;
  return Math.max(settings.minNoise, difference);
}

export function growthVetoed(settings: HillClimbSettings): boolean {
  return settings.blockingRatio < settings.blockingThreshold;
}

/** What to do after `trace`: the next size to measure, or the answer. */
export function nextPoolStep(settings: HillClimbSettings, trace: readonly PoolObservation[]): HillClimbStep {
  if (trace.length < 2) return { done: false, workers: settings.start };
  const noise = baselineNoise(settings, trace);
  const state = initialState(settings, trace);
  for (const observation of trace.slice(2)) {
    const proposal = propose(settings, state);
    if (proposal !== undefined) state.step = proposal.step;
    observe(state, observation, noise);
  }
  const proposal = propose(settings, state);
  if (proposal === undefined) {
    const why = growthVetoed(settings)
      ? `growth vetoed: β = ${settings.blockingRatio.toFixed(2)} is below ${settings.blockingThreshold} (the calls compute; threads beyond the CPUs only contend), and fewer workers did not do better`
      : `converged: one worker more or fewer did not raise throughput beyond the noise (${Math.round(noise * 100)} %)`;
    return { done: true, workers: state.best.workers, reason: why };
  }
  if (trace.length >= settings.maxIntervals) {
    return { done: true, workers: state.best.workers, reason: `stopped after ${settings.maxIntervals} intervals, before converging` };
  }
  return { done: false, workers: proposal.workers };
}

function initialState(settings: HillClimbSettings, trace: readonly PoolObservation[]): ClimbState {
  const baseline = trace.slice(0, 2);
  const throughput = baseline.reduce((sum, observation) => sum + observation.throughput, 0) / baseline.length;
  const known = new Map<number, { total: number; count: number }>();
  known.set(settings.start, { total: throughput * baseline.length, count: baseline.length });
  return {
    best: { workers: settings.start, throughput },
    step: Math.max(1, Math.floor(settings.start / 4)),
    momentum: growthVetoed(settings) ? -1 : 1,
    known,
  };
}

/** The next untried neighbour of the best size, halving the step when both are tried or out of bounds. */
function propose(settings: HillClimbSettings, state: ClimbState): { workers: number; step: number } | undefined {
  for (let step = state.step; step >= 1; step = Math.floor(step / 2)) {
    for (const direction of [state.momentum, -state.momentum]) {
      if (direction > 0 && growthVetoed(settings)) continue;
      const workers = state.best.workers + direction * step;
      if (workers < 1 || workers > settings.maxWorkers || state.known.has(workers)) continue;
      return { workers, step };
    }
  }
  return undefined;
}

function observe(state: ClimbState, observation: PoolObservation, noise: number): void {
  const entry = state.known.get(observation.workers) ?? { total: 0, count: 0 };
  entry.total += observation.throughput;
  entry.count += 1;
  state.known.set(observation.workers, entry);
  if (observation.throughput > state.best.throughput * (1 + noise)) {
    state.momentum = observation.workers > state.best.workers ? 1 : -1;
    state.best = { workers: observation.workers, throughput: observation.throughput };
  }
}
