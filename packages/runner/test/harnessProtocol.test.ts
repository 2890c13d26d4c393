// The harness itself, with the real python3: its syntax stays readable by old
// interpreters, `describe` tells the truth, targets are imported as their
// package would import them, and a target's own stdin/stdout traffic never
// reaches the protocol.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { queryHarness } from "../src/harness/harnessQuery.js";
import { HARNESS_SCRIPT } from "../src/harness/harnessScript.js";
import { runProfile } from "../src/runs/profileRun.js";
import { FIXTURES, PYTHON, QUICK_PROFILE, targetRequest } from "./helpers/pythonFixtures.js";

const TWO_COUNTS = { ...QUICK_PROFILE, maxThreads: 2, durationSeconds: 0.1 };

describe("the Python harness (real python3)", function () {
  this.timeout(30_000);

  it("keeps to syntax Python 3.4 can parse, so `describe` works on old interpreters", () => {
    // ast's feature_version rejects f-strings, walrus, positional-only
    // parameters and the like; Python 2-only syntax fails to parse anyway.
    const check = `import ast, sys; ast.parse(open(sys.argv[1]).read(), feature_version=(3, 4)); print("ok")`;
    assert.equal(execFileSync(PYTHON, ["-c", check, HARNESS_SCRIPT], { encoding: "utf8" }), "ok\n");
  });

  it("describes the interpreter: version, build, GIL, CPUs", async () => {
    const described = await queryHarness(PYTHON, "describe", [], { cwd: FIXTURES, timeoutSeconds: 20 });
    assert.ok(described.ok);
    const facts = described.value.interpreter;
    const truth = JSON.parse(
      execFileSync(
        PYTHON,
        ["-c", "import json, os, sys, sysconfig; print(json.dumps([os.path.realpath(sys.executable), '%d.%d.%d' % sys.version_info[:3], sysconfig.get_config_var('Py_GIL_DISABLED') == 1]))"],
        { encoding: "utf8" },
      ),
    );
    assert.deepEqual([facts.executable, facts.version, facts.freeThreadedBuild], truth);
    assert.equal(facts.gilEnabled, !facts.freeThreadedBuild);
    assert.ok(facts.cpuCount >= 1);
    assert.equal(facts.harnessSupported, true);
  });

  it("lists distributions with extension modules and checks one import", async () => {
    const listed = await queryHarness(PYTHON, "distributions", [], { cwd: FIXTURES, timeoutSeconds: 60 });
    assert.ok(listed.ok);
    for (const distribution of listed.value.distributions) {
      assert.ok(distribution.modules.length > 0 && distribution.modules.every((module) => /^[A-Za-z_]\w*$/.test(module)), JSON.stringify(distribution));
    }
    const checked = await queryHarness(PYTHON, "import-check", ["json"], { cwd: FIXTURES, timeoutSeconds: 20 });
    assert.ok(checked.ok);
    assert.deepEqual(checked.value, {
      type: "import-check",
      module: "json",
      gilEnabledBefore: true,
      gilEnabledAfter: true,
      warnings: [],
      error: null,
    });
  });

  it("imports a file in a package with its project root on sys.path, so relative imports work", async () => {
    const result = await runProfile(targetRequest("pkg/jobs/task.py:run"), TWO_COUNTS);
    assert.deepEqual(result.analysis.points.map((point) => point.threads), [1, 2]);
    assert.ok(result.analysis.points.every((point) => point.throughput > 0));
  });

  it("calls Class.method on one fresh instance, and runs --setup first", async () => {
    const method = await runProfile(targetRequest("counter.py:Counter.increment"), TWO_COUNTS);
    assert.ok(method.analysis.points[0]!.throughput > 0);
    const pidFile = `${FIXTURES}.setup-pid-${process.pid}`;
    try {
      const withSetup = await runProfile(targetRequest("spawns_child.py:work", "start_child", { ...process.env, AETHER_TEST_PID_FILE: pidFile }), TWO_COUNTS);
      assert.ok(withSetup.analysis.points[0]!.throughput > 0);
    } finally {
      execFileSync("rm", ["-f", pidFile]);
    }
  });

  it("keeps the target's print() and reads of stdin away from the protocol", async () => {
    const result = await runProfile(targetRequest("prints.py:chatty"), TWO_COUNTS);
    assert.ok(result.analysis.points.every((point) => point.throughput > 0));
  });

  it("reports per-thread CPU time: β ≈ 1 for a sleeping call, clearly lower for a computing one", async () => {
    const sleeping = (await runProfile(targetRequest("sleep_bound.py:wait"), TWO_COUNTS)).analysis.points[0]!.blockingRatio;
    const computing = (await runProfile(targetRequest("cpu_bound.py:spin"), TWO_COUNTS)).analysis.points[0]!.blockingRatio;
    assert.ok(sleeping > 0.8, `sleeping β = ${sleeping}`);
    // Not ≈ 0: on a busy machine a computing thread also waits for a CPU, and that counts as wall time.
    assert.ok(computing < sleeping - 0.2, `computing β = ${computing}, sleeping β = ${sleeping}`);
  });
});
