// Acceptance: no process survives a failed, killed or interrupted (Ctrl-C)
// profile. The fixture starts a child process and writes its pid and the
// harness's; after aether ends, neither may still run.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readPids, waitUntilGone } from "./helpers/processes.js";
import { runAether, startAether } from "./helpers/runAether.js";
import { RUNNER_FIXTURES } from "./helpers/runnerFixtures.js";

describe("aether profile leaves nothing running", function () {
  this.timeout(60_000);
  let pidFile: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aether-pids-")), "pids");
    env = { ...process.env, AETHER_TEST_PID_FILE: pidFile };
  });
  afterEach(() => fs.rmSync(path.dirname(pidFile), { recursive: true, force: true }));

  /** A long profile whose --setup starts a `sleep 300` child; resolves once setup has run (the target is being called). */
  async function startLongProfile() {
    const running = startAether(["profile", "spawns_child.py:work", "--setup", "start_child", "--duration", "60"], RUNNER_FIXTURES, env);
    let exited = false;
    void running.exited.then(() => (exited = true));
    while (!fs.existsSync(pidFile) || fs.readFileSync(pidFile, "utf8").trim() === "") {
      if (exited) assert.fail(`aether exited early: ${running.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Into the warm-up and the first measurement.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { running, pids: readPids(pidFile) };
  }

  it("after the target hangs (and the harness is killed)", async () => {
    const run = runAether(["profile", "hangs.py:hang_with_child", "--grace", "1"], RUNNER_FIXTURES, [], env);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(await waitUntilGone(readPids(pidFile)), []);
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`after ${signal} to aether mid-measurement (${signal === "SIGINT" ? "Ctrl-C" : "kill"})`, async () => {
      const { running, pids } = await startLongProfile();
      running.child.kill(signal);
      const exit = await running.exited;
      assert.deepEqual(exit, { code: null, signal }, "aether dies of the signal, as a shell expects");
      assert.match(running.stderr(), new RegExp(`aether: stopped by ${signal}; the harness and everything it started were killed\\n$`));
      assert.equal(running.stdout(), "");
      assert.deepEqual(await waitUntilGone(pids), []);
    });
  }

  it("after SIGKILL to aether, which cannot clean up: the harness notices and ends its group", async () => {
    const { running, pids } = await startLongProfile();
    running.child.kill("SIGKILL");
    await running.exited;
    assert.deepEqual(await waitUntilGone(pids), []);
  });
});
