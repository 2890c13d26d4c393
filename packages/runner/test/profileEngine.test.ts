// The profiler's engines on synthetic measurements: the thread ladder and its
// refinement, throughput and β of a measurement, the peak, the saturation
// cliff, the recommendation, per-point statistics and the verdict sentence.

import assert from "node:assert/strict";
import { blockingRatioOf, throughputOf } from "../src/engines/measurement.js";
import { analyzeProfile, summarizePoints } from "../src/engines/profileAnalysis.js";
import { findCliff, findPeak } from "../src/engines/saturationCliff.js";
import { median, percentile, relativeSpread } from "../src/engines/statistics.js";
import { defaultMaxThreads, refinementCounts, threadLadder } from "../src/engines/threadLadder.js";
import { DEFAULT_PROFILE_SETTINGS } from "../src/runs/profileRun.js";
import { recommendThreads } from "../src/engines/threadRecommendation.js";
import { measurementAt, measurementsFrom } from "./helpers/syntheticMeasurements.js";

const points = (pairs: ReadonlyArray<readonly [number, number]>) => pairs.map(([threads, throughput]) => ({ threads, throughput }));

describe("thread ladder", () => {
  it("doubles from 1 to the limit, the limit included", () => {
    assert.deepEqual(threadLadder(8), [1, 2, 4, 8]);
    assert.deepEqual(threadLadder(12), [1, 2, 4, 8, 12]);
    assert.deepEqual(threadLadder(1), [1]);
    assert.deepEqual(threadLadder(2), [1, 2]);
  });

  it("defaults to 2 × CPUs, at least 8", () => {
    assert.equal(defaultMaxThreads(2), 8);
    assert.equal(defaultMaxThreads(4), 8);
    assert.equal(defaultMaxThreads(16), 32);
  });

  it("plans a default profile well inside 20 s on a two-CPU machine", () => {
    // At most two refinement counts; each measurement settles for ≤ 0.1 s before counting.
    const measurements = (threadLadder(defaultMaxThreads(2)).length + 2) * DEFAULT_PROFILE_SETTINGS.repeats;
    const seconds = measurements * (DEFAULT_PROFILE_SETTINGS.durationSeconds + 0.1) + DEFAULT_PROFILE_SETTINGS.warmupSeconds;
    assert.equal(measurements, 18);
    assert.ok(seconds <= 12, `${seconds} s of measuring`);
  });

  it("refines between the best count and its neighbours, never re-measuring a rung", () => {
    assert.deepEqual(refinementCounts([1, 2, 4, 8], 4), [3, 6]);
    assert.deepEqual(refinementCounts([1, 2, 4, 8], 8), [6]);
    assert.deepEqual(refinementCounts([1, 2, 4, 8], 1), []);
    assert.deepEqual(refinementCounts([1, 2, 4, 8], 2), [3]);
    assert.deepEqual(refinementCounts([1, 2, 4, 8, 12], 12), [10]);
    assert.deepEqual(refinementCounts([1, 2, 4, 8], 5), []);
  });
});

describe("a measurement", () => {
  it("is all calls over the span of every thread's window", () => {
    assert.equal(throughputOf(measurementAt(4, 800)), 800);
    // One thread counted 100 calls in [0, 1]; a starved one a single call in
    // [1.0, 1.01]. Its 100 calls/s "rate" never happened alongside the others.
    const starved = {
      threads: 2,
      wall: 1.01,
      perThread: [
        { calls: 100, start: 0, elapsed: 1, cpu: 0 },
        { calls: 1, start: 1, elapsed: 0.01, cpu: 0 },
      ],
      latencies: [],
    };
    assert.equal(throughputOf(starved), 101 / 1.01);
    assert.equal(throughputOf({ threads: 1, wall: 1, perThread: [{ calls: 0, start: 0, elapsed: 0, cpu: 0 }], latencies: [] }), 0);
  });

  it("has β = 1 − CPU / wall, averaged over threads and clamped to [0, 1]", () => {
    assert.equal(blockingRatioOf([{ elapsed: 1, cpu: 0.25 }, { elapsed: 2, cpu: 1 }]), (0.75 + 0.5) / 2);
    assert.equal(blockingRatioOf([{ elapsed: 1, cpu: 1.02 }]), 0);
    assert.equal(blockingRatioOf([]), 0);
    // Half the second waiting for a CPU busy with other work: the call itself computed all the time.
    assert.equal(blockingRatioOf([{ elapsed: 1, cpu: 0.5, runQueueWait: 0.5 }]), 0);
  });
});

describe("statistics", () => {
  it("interpolates percentiles between ranks", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([1, 2, 3, 4]), 2.5);
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.99), 10.9);
    assert.ok(Number.isNaN(percentile([], 0.5)));
    assert.equal(relativeSpread([90, 100, 110]), 0.2);
  });
});

describe("peak, cliff and recommendation", () => {
  it("finds the first count after the peak at least 20 % below it", () => {
    const curve = points([[1, 1000], [2, 1900], [4, 3812], [6, 3300], [8, 2783]]);
    assert.deepEqual(findPeak(curve), { threads: 4, throughput: 3812 });
    const cliff = findCliff(curve)!;
    assert.equal(cliff.threads, 8);
    assert.ok(Math.abs(cliff.drop - (1 - 2783 / 3812)) < 1e-12);
    // 3300 is 13 % below: a cliff only with a lower threshold.
    assert.equal(findCliff(curve, 0.1)!.threads, 6);
  });

  it("sees no cliff before the peak, on a plateau, or when scaling goes on", () => {
    assert.equal(findCliff(points([[1, 100], [2, 50], [4, 400], [8, 390]])), undefined, "the dip is before the peak");
    assert.equal(findCliff(points([[1, 100], [2, 200], [4, 390], [8, 370]])), undefined);
    assert.equal(findCliff(points([[1, 100], [2, 200], [4, 400]])), undefined);
    assert.equal(findCliff([]), undefined);
  });

  it("recommends the peak, or the fewest threads within 5 % of it", () => {
    assert.deepEqual(recommendThreads(points([[1, 100], [2, 200], [4, 390], [8, 400]])), {
      threads: 4,
      peak: { threads: 8, throughput: 400 },
      belowPeak: true,
    });
    assert.equal(recommendThreads(points([[1, 100], [2, 200], [4, 370], [8, 400]]))!.threads, 8);
    assert.equal(recommendThreads(points([[1, 480], [2, 490], [4, 500]]))!.threads, 1, "flat: one thread is enough");
    assert.equal(recommendThreads(points([[4, 10], [1, 10], [2, 10]]))!.threads, 1, "ties go to fewer threads");
  });
});

describe("profile analysis", () => {
  it("summarises repeats as median, range and spread, with latency percentiles and β", () => {
    const measurements = [
      measurementAt(2, 190, { cpuPerCall: 0.001 }),
      measurementAt(1, 100, { latencies: [0.01, 0.02, 0.03] }),
      measurementAt(2, 210, { cpuPerCall: 0.001 }),
      measurementAt(1, 104, { latencies: [0.04] }),
      measurementAt(2, 200, { cpuPerCall: 0.001 }),
      measurementAt(1, 96, { latencies: [] }),
    ];
    const [one, two] = summarizePoints(measurements);
    assert.deepEqual({ ...one!, latency: undefined }, {
      threads: 1,
      throughput: 100,
      repeats: [100, 104, 96],
      min: 96,
      max: 104,
      spread: 0.08,
      latency: undefined,
      blockingRatio: 1,
    });
    assert.equal(one!.latency.p50, 0.025);
    assert.ok(Math.abs(one!.latency.p99 - 0.0397) < 1e-12);
    assert.equal(two!.throughput, 200);
    assert.ok(Math.abs(two!.blockingRatio - 0.9) < 1e-12, "each thread computes 100 × 1 ms of its second");
  });

  it("puts the verdict in one sentence: the cliff case", () => {
    const analysis = analyzeProfile(measurementsFrom([[1, 1000], [2, 1950], [4, 3812], [8, 2783]]));
    assert.equal(analysis.verdict, "Peak at 4 threads (3,812 calls/s); throughput falls 27 % by 8 threads: use at most 4.");
    assert.equal(analysis.recommendation.threads, 4);
    assert.equal(analysis.cliff!.threads, 8);
    assert.notEqual(analysis.usl, null);
  });

  it("says when throughput is flat, still rising, levelling off or past a gentle peak", () => {
    const verdict = (curve: ReadonlyArray<readonly [number, number]>) => analyzeProfile(measurementsFrom(curve)).verdict;
    assert.equal(
      verdict([[1, 480], [2, 490], [4, 500], [8, 470]]),
      "Throughput does not grow with threads (1 thread: 480 calls/s; best: 500 at 4): the calls run one at a time (a lock or the GIL), so use 1 thread.",
    );
    assert.equal(
      verdict([[1, 190], [2, 380], [4, 760], [8, 1520]]),
      "Throughput still rises at 8 threads (1,520 calls/s, 8.0× one thread): use 8 or more; --max-threads 16 would look further.",
    );
    assert.equal(
      verdict([[1, 100], [2, 200], [4, 390], [8, 400]]),
      "Throughput levels off at 4 threads (390 calls/s, within 5 % of the best, at 8): use 4.",
    );
    assert.equal(
      verdict([[1, 100], [2, 200], [4, 400], [8, 360]]),
      "Peak at 4 threads (400 calls/s); more threads add nothing (8 threads: -10 %): use 4.",
    );
    assert.equal(verdict([[1, 250]]), "Measured 1 thread only (250 calls/s): raise --max-threads to see how it scales.");
  });

  it("fits no USL curve on fewer than three thread counts", () => {
    assert.equal(analyzeProfile(measurementsFrom([[1, 100], [2, 190]])).usl, null);
  });
});
