// Whether a process still runs, for the tests that promise no Python process
// outlives aether. A zombie (killed, not yet reaped by its new parent) is not
// running: on Linux its state in /proc/<pid>/stat says so.

import fs from "node:fs";

export function isRunning(pid: number): boolean {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return false;
  }
  // "pid (comm) S …": the state letter follows the last ')' (comm may contain one).
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state !== "Z" && state !== "X";
}

/** Polls until none of `pids` runs or `timeoutMs` passes; returns those still running. */
export async function waitUntilGone(pids: readonly number[], timeoutMs = 5000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = pids.filter(isRunning);
    if (running.length === 0 || Date.now() > deadline) return running;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The pids a fixture wrote to its AETHER_TEST_PID_FILE: the harness's, then its child's. */
export function readPids(file: string): number[] {
  return fs.readFileSync(file, "utf8").trim().split(/\s+/).map(Number);
}
