// Which thread counts a profile measures: doubling from 1 to the limit, then a
// refinement between the best count and its neighbours, where the peak hides.

/** 2 × CPUs, at least 8: enough to see a GIL build flatten and a free-threaded one bend. */
export function defaultMaxThreads(cpuCount: number): number {
  return Math.max(8, 2 * cpuCount);
}

/** 1, 2, 4, … up to maxThreads, with maxThreads itself last when it is not a power of two. */
export function threadLadder(maxThreads: number): number[] {
  const counts: number[] = [];
  for (let threads = 1; threads < maxThreads; threads *= 2) counts.push(threads);
  counts.push(maxThreads);
  return counts;
}

/**
 * The midpoints between the best measured count and its neighbours on the
 * ladder, leaving out counts already measured: between 4 and 8, 6; between
 * 2 and 4, 3; none between 1 and 2.
 */
export function refinementCounts(ladder: readonly number[], best: number): number[] {
  const index = ladder.indexOf(best);
  if (index < 0) return [];
  const neighbours = [ladder[index - 1], ladder[index + 1]].filter((n): n is number => n !== undefined);
  const counts = neighbours
    .map((neighbour) => Math.round((best + neighbour) / 2))
    .filter((count) => count !== best && !ladder.includes(count));
  return [...new Set(counts)].sort((a, b) => a - b);
}
