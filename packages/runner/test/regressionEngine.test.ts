// The regression engine on synthetic two-build measurements (no free-threaded
// Python is needed): the single-thread regression, the break-even thread count
// on the fitted curve and between points, and each recommendation.

import assert from "node:assert/strict";
import type { ThroughputPoint } from "../src/engines/measurement.js";
import { analyzeRegression, breakEvenThreads, TOLERATED_REGRESSION } from "../src/engines/regressionAnalysis.js";
import { fitUsl, uslThroughput, type UslModel } from "../src/engines/usl.js";

const LADDER = [1, 2, 4, 8];

function build(model: UslModel, counts: readonly number[] = LADDER) {
  const points: ThroughputPoint[] = counts.map((threads) => ({ threads, throughput: uslThroughput(model, threads) }));
  return { points, usl: fitUsl(points) ?? null };
}

describe("regression engine", () => {
  // A GIL build of a CPU-bound function: flat at 1,000 calls/s whatever the threads.
  const standard = build({ lambda: 1000, sigma: 1, kappa: 0 });

  it("computes r = 1 − X_ft(1) / X_std(1) and the break-even on the fitted curve", () => {
    // Free-threaded: 8 % slower on one thread, scales linearly.
    const freeThreaded = build({ lambda: 920, sigma: 0, kappa: 0 });
    const analysis = analyzeRegression(standard, freeThreaded, 8);
    assert.ok(Math.abs(analysis.regression - 0.08) < 1e-9);
    assert.equal(analysis.standardBest.throughput, 1000);
    // 920·N > 1000 from N = 1000/920 = 1.087 threads: two whole threads.
    assert.ok(Math.abs(analysis.breakEven!.threads - 1000 / 920) < 1e-6, `${analysis.breakEven!.threads}`);
    assert.equal(analysis.breakEven!.wholeThreads, 2);
    assert.equal(analysis.breakEven!.source, "usl");
    assert.equal(analysis.breakEven!.extrapolated, false);
    assert.equal(analysis.recommendation, "migrate-now");
    assert.equal(
      analysis.reason,
      "the free-threaded build is 8 % slower on one thread and overtakes the standard build's best (1,000 calls/s at 1 thread) from 2 threads, within this machine's 8 CPUs",
    );
  });

  it("interpolates on the curve: σ = 0.1, κ = 0 crosses 2,000 calls/s at N = 0.9·2000/(1000 − 0.1·2000)·…", () => {
    // X(N) = 1000N / (1 + 0.1(N−1)) = 2000  ⇔  1000N = 2000 + 200(N−1)  ⇔  N = 1800/800 = 2.25.
    const freeThreaded = build({ lambda: 1000, sigma: 0.1, kappa: 0 });
    const breakEven = breakEvenThreads(freeThreaded, 2000)!;
    assert.ok(Math.abs(breakEven.threads - 2.25) < 1e-6, `${breakEven.threads}`);
    assert.equal(breakEven.wholeThreads, 3);
  });

  it("interpolates between measured points when there is no fit", () => {
    const twoPoints = { points: [{ threads: 1, throughput: 800 }, { threads: 2, throughput: 1400 }], usl: null };
    const breakEven = breakEvenThreads(twoPoints, 1100)!;
    assert.equal(breakEven.threads, 1.5);
    assert.equal(breakEven.wholeThreads, 2);
    assert.equal(breakEven.source, "measured");
    assert.equal(breakEvenThreads(twoPoints, 1500), null);
    assert.equal(breakEvenThreads(twoPoints, 700)!.threads, 1);
  });

  it("trusts the measured points where a noisy fit disagrees with them about the whole thread count", () => {
    // Measured on a real 3.14t (2 CPUs, loaded): 8 % slower than the standard build's 1,552 calls/s on
    // one thread, twice as fast on two. The fitted curve (λ 1,616) overshoots one thread.
    const noisy = {
      points: [
        { threads: 1, throughput: 1420 },
        { threads: 2, throughput: 2792 },
        { threads: 3, throughput: 1435 },
        { threads: 4, throughput: 2766 },
      ],
      usl: { lambda: 1616, sigma: 0.5336, kappa: 6.29e-3 },
    };
    const breakEven = breakEvenThreads(noisy, 1552)!;
    assert.ok(Math.abs(breakEven.threads - (1 + 132 / 1372)) < 1e-9, `${breakEven.threads}`);
    assert.equal(breakEven.wholeThreads, 2);
    assert.equal(breakEven.source, "measured");
    assert.equal(breakEven.extrapolated, false);
  });

  it("stays on standard when the free-threaded build never overtakes the standard build's best", () => {
    // Peaks at N* = √(0.5/0.05) ≈ 3.2 with X ≈ 1,213 calls/s, below the standard build's 1,500.
    const freeThreaded = build({ lambda: 800, sigma: 0.5, kappa: 0.05 });
    const flatStandard = build({ lambda: 1500, sigma: 1, kappa: 0 });
    const analysis = analyzeRegression(flatStandard, freeThreaded, 8);
    assert.equal(analysis.breakEven, null);
    assert.equal(analysis.recommendation, "stay-on-standard");
    assert.match(analysis.reason, /^the free-threaded build is 47 % slower on one thread and never overtakes the standard build's best \(1,500 calls\/s at 1 thread\): its own best is /);
  });

  it("migrates only if scaling when one thread costs more than the tolerance", () => {
    const freeThreaded = build({ lambda: 600, sigma: 0, kappa: 0 }); // 40 % slower, like 3.13t (facts §13)
    const analysis = analyzeRegression(standard, freeThreaded, 8);
    assert.ok(analysis.regression > TOLERATED_REGRESSION);
    assert.equal(analysis.breakEven!.wholeThreads, 2);
    assert.equal(analysis.recommendation, "migrate-if-scaling");
    assert.match(analysis.reason, /migrate if your code runs at least 2 threads at once$/);
  });

  it("migrates only if scaling when the break-even needs more threads than the machine has", () => {
    const freeThreaded = build({ lambda: 950, sigma: 0.3, kappa: 0 }); // crosses 1,000 just past 1 thread… 
    const slowStandard = build({ lambda: 2500, sigma: 1, kappa: 0 }); // …but the standard build does 2,500.
    const analysis = analyzeRegression(slowStandard, freeThreaded, 2);
    assert.ok(analysis.breakEven!.wholeThreads > 2);
    assert.equal(analysis.recommendation, "migrate-if-scaling");
  });

  it("says when the crossing is only predicted beyond the measured range", () => {
    const freeThreaded = build({ lambda: 300, sigma: 0, kappa: 0 }); // 8 threads: 2,400 calls/s
    const breakEven = breakEvenThreads(freeThreaded, 3000)!;
    assert.equal(breakEven.extrapolated, true);
    assert.ok(Math.abs(breakEven.threads - 10) < 1e-6);
    assert.equal(breakEvenThreads(freeThreaded, 300 * 8 * 4 + 1), null, "not past 4 × the largest measured count");
  });

  it("treats a free-threaded build that is faster on one thread as a negative regression", () => {
    const analysis = analyzeRegression(standard, build({ lambda: 1100, sigma: 0, kappa: 0 }), 4);
    assert.ok(Math.abs(analysis.regression + 0.1) < 1e-9);
    assert.equal(analysis.breakEven!.threads, 1);
    assert.equal(analysis.recommendation, "migrate-now");
    assert.match(analysis.reason, /^the free-threaded build is 10 % faster on one thread/);
  });
});
