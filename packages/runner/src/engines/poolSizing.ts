// The starting size of a thread pool from the blocking ratio β: a call that
// waits a fraction β of its time leaves the CPU free for others, so
// cores / (1 − β) threads keep every core busy (the classic sizing rule).

/** Python's ThreadPoolExecutor caps its default at 32 workers; so does Aether's search. */
export const DEFAULT_MAX_WORKERS = 32;

export function initialPoolSize(blockingRatio: number, cpuCount: number, maxWorkers: number): number {
  if (blockingRatio >= 1) return maxWorkers;
  const size = Math.round(cpuCount / (1 - Math.max(0, blockingRatio)));
  return Math.min(maxWorkers, Math.max(1, size));
}
