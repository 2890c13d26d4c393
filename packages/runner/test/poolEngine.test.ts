// The pool engines: the starting size from β, and the hill-climbing controller
// driven against simulated throughput curves (it must converge to the peak
// within one step, veto growth for computing calls, and stop when told).

import assert from "node:assert/strict";
import { nextPoolStep, type HillClimbSettings, type PoolObservation } from "../src/engines/hillClimbing.js";
import { initialPoolSize } from "../src/engines/poolSizing.js";
import { uslThroughput } from "../src/engines/usl.js";
import { noiseStream } from "./helpers/syntheticMeasurements.js";

const SETTINGS: HillClimbSettings = {
  start: 4,
  maxWorkers: 64,
  blockingRatio: 0.9,
  blockingThreshold: 0.3,
  minNoise: 0.03,
  maxIntervals: 40,
};

/** Runs the controller against `curve` until it is done; returns the answer and the trace. */
function simulate(settings: HillClimbSettings, curve: (workers: number) => number) {
  const trace: PoolObservation[] = [];
  for (;;) {
    const step = nextPoolStep(settings, trace);
    if (step.done) return { step, trace };
    trace.push({ workers: step.workers, throughput: curve(step.workers) });
    assert.ok(trace.length <= settings.maxIntervals, "the controller must stop by maxIntervals");
  }
}

describe("pool sizing", () => {
  it("starts at cores / (1 − β), within [1, max]", () => {
    assert.equal(initialPoolSize(0, 4, 32), 4);
    assert.equal(initialPoolSize(0.5, 4, 32), 8);
    assert.equal(initialPoolSize(0.9, 4, 32), 32, "40, capped");
    assert.equal(initialPoolSize(1, 4, 32), 32);
    assert.equal(initialPoolSize(0.2, 1, 32), 1);
  });
});

describe("hill-climbing controller", () => {
  it("measures the start twice, for the noise, before moving", () => {
    assert.deepEqual(nextPoolStep(SETTINGS, []), { done: false, workers: 4 });
    assert.deepEqual(nextPoolStep(SETTINGS, [{ workers: 4, throughput: 100 }]), { done: false, workers: 4 });
    assert.deepEqual(nextPoolStep(SETTINGS, [{ workers: 4, throughput: 100 }, { workers: 4, throughput: 101 }]), { done: false, workers: 5 });
  });

  it("converges to the peak of a simulated USL curve within one step, from below and from above", () => {
    // N* = √((1 − 0.02)/0.0068) = 12.0. A USL curve is flat near its peak
    // (11 and 13 workers are within 0.4 % of 12), so the simulation, which has
    // no noise, lets the controller see 0.5 % changes.
    const curve = (workers: number) => uslThroughput({ lambda: 100, sigma: 0.02, kappa: 0.0068 }, workers);
    for (const start of [1, 2, 4, 8, 16, 24, 40, 64]) {
      const { step } = simulate({ ...SETTINGS, start, minNoise: 0.005 }, curve);
      assert.ok(Math.abs(step.workers - 12) <= 1, `start ${start}: ${step.workers}`);
    }
  });

  it("converges to a sharp peak exactly, and within one step of it under ±2 % noise", () => {
    const triangle = (workers: number) => 1000 * (workers <= 10 ? workers : Math.max(0.5, 20 - workers));
    assert.equal(simulate(SETTINGS, triangle).step.workers, 10);
    for (let seed = 1; seed <= 20; seed++) {
      const noise = noiseStream(seed);
      const { step } = simulate(SETTINGS, (workers) => triangle(workers) * (1 + 0.02 * noise()));
      assert.ok(Math.abs(step.workers - 10) <= 1, `seed ${seed}: ${step.workers}`);
    }
  });

  it("keeps a change only if throughput rose beyond the measured noise", () => {
    // Baseline 100 and 110: noise 9.5 %. 5 workers at 108 is not better; 3 at 104 neither.
    const trace = [
      { workers: 4, throughput: 100 },
      { workers: 4, throughput: 110 },
      { workers: 5, throughput: 108 },
      { workers: 3, throughput: 104 },
    ];
    const step = nextPoolStep(SETTINGS, trace);
    assert.equal(step.done, true);
    assert.equal(step.workers, 4);
    assert.match((step as { reason: string }).reason, /noise \(10 %\)/);
  });

  it("never grows the pool while β is below the blocking threshold", () => {
    const computing = { ...SETTINGS, blockingRatio: 0.1, start: 4 };
    const { step, trace } = simulate(computing, (workers) => 100 * workers);
    assert.ok(trace.every((observation) => observation.workers <= 4), JSON.stringify(trace));
    assert.equal(step.workers, 4);
    assert.match((step as { reason: string }).reason, /^growth vetoed: β = 0\.10 is below 0\.3/);
  });

  it("stops after maxIntervals, with the best size so far", () => {
    const { step, trace } = simulate({ ...SETTINGS, maxIntervals: 5 }, (workers) => 100 * workers);
    assert.equal(trace.length, 5);
    assert.equal(step.workers, 7);
    assert.match((step as { reason: string }).reason, /^stopped after 5 intervals/);
  });

  it("replays the same decisions from the same trace", () => {
    const curve = (workers: number) => uslThroughput({ lambda: 50, sigma: 0.05, kappa: 0.002 }, workers);
    const { trace } = simulate(SETTINGS, curve);
    for (let length = 0; length <= trace.length; length++) {
      const step = nextPoolStep(SETTINGS, trace.slice(0, length));
      if (length < trace.length) assert.deepEqual(step, { done: false, workers: trace[length]!.workers });
      else assert.equal(step.done, true);
    }
  });
});
