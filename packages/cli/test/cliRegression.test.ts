// `aether regression` on a machine with no free-threaded Python (this one):
// it says exactly which build it could not find, shows what it measured, and
// prints no regression, break-even or recommendation. (The two-build
// arithmetic is tested on synthetic measurements in aether-runner.)

import assert from "node:assert/strict";
import { runAether } from "./helpers/runAether.js";
import { QUICK, RUNNER_FIXTURES } from "./helpers/runnerFixtures.js";

describe("aether regression", function () {
  this.timeout(60_000);

  it("names the missing free-threaded build and reports only the standard build it measured", () => {
    const run = runAether(["regression", "sleep_bound.py:wait", ...QUICK], RUNNER_FIXTURES);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Free-threading regression of sleep_bound\.py:wait\n\nStandard build: Python \d+\.\d+\.\d+ standard build \(GIL\) at /);
    assert.match(
      run.stdout,
      /\nNo free-threaded build of Python was found \(\d+ interpreters checked; free-threaded builds are named like python3\.13t or python3\.14t\)\.\nOnly the standard build was measured: no regression, break-even or recommendation is computed without both builds\.\n$/,
    );
    for (const assumed of ["regression r =", "Break-even", "migrate", "stay-on-standard", "Free-threaded build:"]) {
      assert.ok(!run.stdout.includes(assumed), `nothing assumed: ${assumed}`);
    }
  });

  it("says the same in JSON: missing names the build, regression and freeThreaded are null", () => {
    const run = runAether(["regression", "sleep_bound.py:wait", ...QUICK, "--json"], RUNNER_FIXTURES);
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.missing.build, "free-threaded");
    assert.equal(result.regression, null);
    assert.equal(result.freeThreaded, null);
    assert.equal(result.standard.interpreter.freeThreadedBuild, false);
    assert.deepEqual(result.standard.points.map((point: { threads: number }) => point.threads), [1, 2, 3, 4]);
  });

  it("exits 2 when the interpreter given as free-threaded is a standard build", () => {
    const run = runAether(["regression", "sleep_bound.py:wait", "--free-threaded-python", "python3"], RUNNER_FIXTURES);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /aether: --free-threaded-python: \S+ \(Python \d+\.\d+\.\d+\) is a standard \(GIL\) build\n$/);
    assert.equal(run.stdout, "");
  });
});
