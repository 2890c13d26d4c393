// The USL engine, kept honest the codahale/usl way: the textbook worked
// example (SPEC SDM91: σ ≈ 0.0277, κ ≈ 1.04e-4, N* ≈ 96), exact data, noisy
// data within a stated tolerance, and the cases where no fit exists.

import assert from "node:assert/strict";
import { fitUsl, MIN_DISTINCT_THREAD_COUNTS, uslPeakThreads, uslThroughput, type UslModel } from "../src/engines/usl.js";
import { noiseStream } from "./helpers/syntheticMeasurements.js";

const points = (pairs: ReadonlyArray<readonly [number, number]>) => pairs.map(([threads, throughput]) => ({ threads, throughput }));
const curve = (model: UslModel, counts: readonly number[]) => counts.map((threads) => ({ threads, throughput: uslThroughput(model, threads) }));

describe("USL", () => {
  it("predicts throughput and the peak N* = √((1−σ)/κ)", () => {
    const model = { lambda: 100, sigma: 0.0277, kappa: 1.04e-4 };
    assert.equal(uslThroughput(model, 1), 100);
    assert.ok(Math.abs(uslThroughput(model, 10) - 1000 / (1 + 0.0277 * 9 + 1.04e-4 * 90)) < 1e-9);
    assert.ok(Math.abs(uslPeakThreads(model) - Math.sqrt(0.9723 / 1.04e-4)) < 1e-9);
    assert.equal(uslPeakThreads({ lambda: 1, sigma: 0.5, kappa: 0 }), Number.POSITIVE_INFINITY);
    assert.equal(uslPeakThreads({ lambda: 1, sigma: 1.5, kappa: 0.01 }), 1, "serialised beyond one thread: the peak is 1");
  });

  it("recovers σ = 0.0277 and κ = 1.04e-4 (N* ≈ 96) from exact data", () => {
    const model = { lambda: 64.9, sigma: 0.0277, kappa: 1.04e-4 };
    const fit = fitUsl(curve(model, [1, 2, 4, 8, 16, 32, 64, 128, 256]))!;
    assert.ok(Math.abs(fit.sigma - 0.0277) < 1e-9, `σ = ${fit.sigma}`);
    assert.ok(Math.abs(fit.kappa - 1.04e-4) < 1e-12, `κ = ${fit.kappa}`);
    assert.ok(Math.abs(fit.lambda - 64.9) < 1e-7, `λ = ${fit.lambda}`);
    assert.equal(Math.round(fit.peakThreads), 97);
    assert.ok(Math.abs(fit.peakThreads - 96.69) < 0.01, `N* = ${fit.peakThreads}`);
    assert.ok(fit.relativeError < 1e-12);
  });

  it("reproduces the SPEC SDM91 worked example (Gunther): σ ≈ 0.0277, κ ≈ 1.04e-4, N* ≈ 96", () => {
    const sdm91 = points([[1, 64.9], [18, 995.9], [36, 1652.4], [72, 1853.2], [108, 1828.9], [144, 1775.0], [216, 1702.2]]);
    const fit = fitUsl(sdm91)!;
    assert.equal(fit.sigma.toFixed(4), "0.0277");
    assert.equal(fit.kappa.toExponential(2), "1.04e-4");
    assert.equal(Math.floor(fit.peakThreads), 96);
    assert.equal(Math.round(fit.lambda), 90);
  });

  it("recovers the parameters from data with ±2 % noise: σ within 0.01, κ within 25 %, N* within 15 %", () => {
    const truth = { lambda: 1000, sigma: 0.05, kappa: 0.002 };
    const truePeak = uslPeakThreads(truth);
    for (let seed = 1; seed <= 20; seed++) {
      const noise = noiseStream(seed);
      const noisy = curve(truth, [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64]).map((point) => ({
        ...point,
        throughput: point.throughput * (1 + 0.02 * noise()),
      }));
      const fit = fitUsl(noisy)!;
      assert.ok(Math.abs(fit.sigma - truth.sigma) <= 0.01, `seed ${seed}: σ = ${fit.sigma}`);
      assert.ok(Math.abs(fit.kappa - truth.kappa) <= 0.25 * truth.kappa, `seed ${seed}: κ = ${fit.kappa}`);
      assert.ok(Math.abs(fit.peakThreads - truePeak) <= 0.15 * truePeak, `seed ${seed}: N* = ${fit.peakThreads}`);
      assert.ok(fit.relativeError < 0.03, `seed ${seed}: error ${fit.relativeError}`);
    }
  });

  it("holds σ and κ at zero rather than going negative, and reports N* = ∞ for linear scaling", () => {
    const linear = fitUsl(curve({ lambda: 200, sigma: 0, kappa: 0 }, [1, 2, 4, 8]))!;
    assert.equal(linear.sigma, 0);
    assert.equal(linear.kappa, 0);
    assert.equal(linear.peakThreads, Number.POSITIVE_INFINITY);
    // Superlinear data would want σ < 0: the bound holds.
    const superlinear = fitUsl(points([[1, 100], [2, 230], [4, 520], [8, 1200]]))!;
    assert.ok(superlinear.sigma >= 0 && superlinear.kappa >= 0);
  });

  it("fits a small ladder exactly (the profiler's usual 1, 2, 4, 8)", () => {
    const model = { lambda: 1000, sigma: 0.1, kappa: 0.02 };
    const fit = fitUsl(curve(model, [1, 2, 4, 8]))!;
    assert.ok(Math.abs(fit.sigma - 0.1) < 1e-9 && Math.abs(fit.kappa - 0.02) < 1e-9 && Math.abs(fit.lambda - 1000) < 1e-6);
  });

  it(`gives no fit with fewer than ${MIN_DISTINCT_THREAD_COUNTS} distinct thread counts`, () => {
    assert.equal(fitUsl(points([[1, 100], [2, 190]])), undefined);
    assert.equal(fitUsl(points([[1, 100], [1, 101], [2, 190], [2, 191]])), undefined);
    assert.equal(fitUsl([]), undefined);
  });
});
