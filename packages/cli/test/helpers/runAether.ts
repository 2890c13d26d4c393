// Runs the built `aether` command in a child process, as a user or CI would.

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../src/bin.js", import.meta.url));

export interface AetherRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `nodeOptions` are passed to node before the script, e.g. an `--import` that breaks something on purpose. */
export function runAether(args: readonly string[], cwd: string, nodeOptions: readonly string[] = []): AetherRun {
  const result = spawnSync(process.execPath, [...nodeOptions, BIN, ...args], { cwd, encoding: "utf8" });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
