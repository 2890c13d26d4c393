// `aether pool`'s run with the real python3: the controller, resizing a live
// pool in the harness, finds the known best size of the crowded workload,
// grows to the cap for a sleeping call, and never grows for a computing one.

import assert from "node:assert/strict";
import { liveProcessGroups } from "../src/harness/processGroups.js";
import { runPool } from "../src/runs/poolRun.js";
import { QUICK_POOL, targetRequest } from "./helpers/pythonFixtures.js";

describe("pool run (real python3)", function () {
  this.timeout(60_000);
  afterEach(() => assert.deepEqual(liveProcessGroups(), []));

  it("converges to the crowded workload's best size, 4 ± 1, from β's starting size", async () => {
    const result = await runPool(targetRequest("crowded.py:crowded"), QUICK_POOL);
    assert.ok(result.blockingRatio > 0.8, `β = ${result.blockingRatio}`);
    assert.equal(result.initialWorkers, 12, "cores / (1 − β) is past the cap of 12");
    assert.ok(Math.abs(result.recommendedWorkers - 4) <= 1, `recommended ${result.recommendedWorkers}: ${JSON.stringify(result.trace)}`);
    assert.deepEqual(result.trace.slice(0, 2).map((step) => step.workers), [12, 12], "the start, twice, for the noise");
    assert.deepEqual(result.trace.map((step) => step.interval), result.trace.map((_, index) => index + 1));
  });

  it("keeps the largest pool for a call that only waits", async () => {
    const result = await runPool(targetRequest("sleep_bound.py:wait"), { ...QUICK_POOL, maxWorkers: 8 });
    assert.ok(result.recommendedWorkers >= 7, `recommended ${result.recommendedWorkers}: ${JSON.stringify(result.trace)}`);
  });

  it("never grows the pool for a call that computes", async () => {
    const result = await runPool(targetRequest("cpu_bound.py:spin"), QUICK_POOL);
    assert.ok(result.blockingRatio < QUICK_POOL.blockingThreshold, `β = ${result.blockingRatio}`);
    assert.ok(result.trace.every((step) => step.workers <= result.initialWorkers), JSON.stringify(result.trace));
    assert.match(result.reason, /^growth vetoed: β = 0\.\d\d is below 0\.3/);
  });
});
