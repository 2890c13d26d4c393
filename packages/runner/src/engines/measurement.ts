// What the harness measures, as plain data: the input of every engine. The
// harness's JSON messages have these shapes; the engines never see a process.

/** One thread's share of a measurement: its own window, so no call is half counted. */
export interface ThreadCounts {
  /** Calls completed in the thread's window. */
  readonly calls: number;
  /** When the thread's window opened, in seconds after the barrier released the threads. */
  readonly start: number;
  /** Seconds of the thread's window (from its first counted call's start to its last call's end). */
  readonly elapsed: number;
  /** CPU seconds the thread used in its window (`time.thread_time`). */
  readonly cpu: number;
  /** Seconds the thread was ready to run but waited for a CPU (Linux schedstat; 0 where unknown). */
  readonly runQueueWait?: number;
}

/** N threads calling the target together, released by one barrier, until one deadline. */
export interface Measurement {
  readonly threads: number;
  /** Seconds from starting the threads to the last one finishing. */
  readonly wall: number;
  readonly perThread: readonly ThreadCounts[];
  /** Sampled per-call latencies in seconds, all threads together. */
  readonly latencies: readonly number[];
}

/** A thread count and the throughput measured (or predicted) there, in calls per second. */
export interface ThroughputPoint {
  readonly threads: number;
  readonly throughput: number;
}

/**
 * Calls per second: every thread's calls over the span from the first window's
 * start to the last window's end. Not the sum of per-thread rates: a thread
 * starved by a lock may count one call in a window of a few milliseconds, and
 * its "rate" would add throughput that never happened.
 */
export function throughputOf(measurement: Measurement): number {
  const counted = measurement.perThread.filter((thread) => thread.calls > 0);
  if (counted.length === 0) return 0;
  const first = Math.min(...counted.map((thread) => thread.start));
  const last = Math.max(...counted.map((thread) => thread.start + thread.elapsed));
  const calls = counted.reduce((sum, thread) => sum + thread.calls, 0);
  return last > first ? calls / (last - first) : 0;
}

/**
 * β = 1 − CPU time / wall time, averaged over threads: 0 for a call that
 * computes all the time, 1 for one that only waits (I/O, sleep, locks). Time
 * spent waiting for a CPU is left out of the wall time: it says how busy the
 * machine is, not how much the call blocks.
 */
export function blockingRatioOf(threads: readonly Pick<ThreadCounts, "elapsed" | "cpu" | "runQueueWait">[]): number {
  const ratios = threads
    .map((thread) => ({ cpu: thread.cpu, wall: thread.elapsed - (thread.runQueueWait ?? 0) }))
    .filter((thread) => thread.wall > 0)
    .map((thread) => 1 - thread.cpu / thread.wall);
  if (ratios.length === 0) return 0;
  const average = ratios.reduce((sum, ratio) => sum + ratio, 0) / ratios.length;
  // thread_time and perf_counter tick differently; clamp the rounding away.
  return Math.min(1, Math.max(0, average));
}
