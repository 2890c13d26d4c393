// Cancelling a run through the request's AbortSignal, with the real python3:
// whenever the signal fires (before the start, while Python starts, between
// measurements), the run rejects with RunCancelled and the harness's whole
// process group is gone, the target's own child included.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { getEventListeners } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { liveProcessGroups } from "../src/harness/processGroups.js";
import { RunCancelled } from "../src/harness/runnerErrors.js";
import { runProfile } from "../src/runs/profileRun.js";
import { QUICK_PROFILE, targetRequest } from "./helpers/pythonFixtures.js";

const CANCELLED = { name: "RunCancelled", message: "cancelled: the harness and everything it started were killed" };

/** Members of a process group that still run (a zombie waiting to be reaped does not). */
function runningInGroup(leader: number): string[] {
  const rows = execFileSync("ps", ["-eo", "pgid=,stat=,args="], { encoding: "utf8" }).split("\n");
  return rows.filter((row) => row.trim().startsWith(`${leader} `) && !/^\d+\s+Z/.test(row.trim()));
}

async function untilGroupGone(leader: number): Promise<string[]> {
  for (let tries = 0; tries < 100 && runningInGroup(leader).length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
  return runningInGroup(leader);
}

describe("cancelling a run (real python3)", function () {
  this.timeout(30_000);
  afterEach(() => assert.deepEqual(liveProcessGroups(), [], "every harness process group was ended"));

  it("stops between measurements: RunCancelled, and the group (with the target's child) is gone", async () => {
    const pidFile = path.join(os.tmpdir(), `aether-cancel-pid-${process.pid}`);
    const controller = new AbortController();
    let harness: number | undefined;
    try {
      const request = { ...targetRequest("spawns_child.py:work", "start_child", { ...process.env, AETHER_TEST_PID_FILE: pidFile }), signal: controller.signal };
      const run = runProfile(request, { ...QUICK_PROFILE, durationSeconds: 0.5 }, () => {
        if (controller.signal.aborted) return;
        [harness] = fs.readFileSync(pidFile, "utf8").trim().split(" ").map(Number);
        assert.equal(runningInGroup(harness!).length, 2, "the harness and the child started by the setup run");
        controller.abort();
      });
      await assert.rejects(run, CANCELLED);
    } finally {
      fs.rmSync(pidFile, { force: true });
    }
    assert.ok(harness !== undefined, "a measurement was reported before the cancellation");
    assert.deepEqual(await untilGroupGone(harness), []);
  });

  it("stops while Python starts", async () => {
    const controller = new AbortController();
    const run = runProfile({ ...targetRequest("sleep_bound.py:wait"), signal: controller.signal }, QUICK_PROFILE);
    controller.abort();
    await assert.rejects(run, (error) => error instanceof RunCancelled && error.message === CANCELLED.message);
  });

  it("starts nothing when the signal has already fired", async () => {
    await assert.rejects(runProfile({ ...targetRequest("sleep_bound.py:wait"), signal: AbortSignal.abort() }, QUICK_PROFILE), CANCELLED);
  });

  it("lets go of the signal when the run ends", async () => {
    const controller = new AbortController();
    const result = await runProfile({ ...targetRequest("sleep_bound.py:wait"), signal: controller.signal }, { ...QUICK_PROFILE, maxThreads: 1 });
    assert.deepEqual(result.analysis.points.map((point) => point.threads), [1]);
    assert.equal(getEventListeners(controller.signal, "abort").length, 0);
  });
});
