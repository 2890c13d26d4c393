// `aether pool` end to end with the real python3.

import assert from "node:assert/strict";
import { runAether } from "./helpers/runAether.js";
import { RUNNER_FIXTURES } from "./helpers/runnerFixtures.js";

const QUICK_POOL = ["--interval", "0.15", "--grace", "2"] as const;

describe("aether pool", function () {
  this.timeout(60_000);

  it("prints β, the trace and the recommended max_workers last", () => {
    const run = runAether(["pool", "sleep_bound.py:wait", ...QUICK_POOL, "--max-workers", "4"], RUNNER_FIXTURES);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split("\n");
    assert.equal(lines[0], "Pool size for sleep_bound.py:wait");
    assert.match(lines[2]!, /^Blocking ratio β = 0\.9\d \(the calls mostly wait\): started at 4 workers \(\d+ CPUs \/ \(1 - β\), at most 4\)\.$/);
    assert.match(lines[4]!, /^interval +workers +calls\/s$/);
    assert.match(lines[5]!, /^ +1 +4 +[\d,]+$/);
    assert.match(lines.at(-2)!, /^Use max_workers=4: converged: /);
    assert.match(run.stderr, /^aether: sizing a pool for sleep_bound\.py:wait: interval 1 \(at most 24\), 4 workers$/m);
  });

  it("prints JSON with maxWorkers, β and the trace", () => {
    const run = runAether(["pool", "cpu_bound.py:spin", ...QUICK_POOL, "--json"], RUNNER_FIXTURES);
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.ok(result.blockingRatio < 0.3);
    assert.ok(result.maxWorkers <= result.initialWorkers, "a computing call never grows the pool");
    assert.deepEqual(Object.keys(result.trace[0]), ["interval", "workers", "throughput"]);
    assert.match(result.reason, /^growth vetoed/);
  });

  it("exits 1 when the target raises, 2 on usage errors", () => {
    assert.equal(runAether(["pool", "raises.py:explode", ...QUICK_POOL], RUNNER_FIXTURES).status, 1);
    assert.deepEqual(runAether(["pool", "sleep_bound.py:wait", "--max-intervals", "2"], RUNNER_FIXTURES), {
      status: 2,
      stdout: "",
      stderr: "aether: --max-intervals: expected a whole number from 3 to 1000, got '2' (see 'aether pool --help')\n",
    });
  });
});
