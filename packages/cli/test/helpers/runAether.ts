// Runs the built `aether` command in a child process, as a user or CI would.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../src/bin.js", import.meta.url));

export interface AetherRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `nodeOptions` are passed to node before the script, e.g. an `--import` that breaks something on purpose. */
export function runAether(
  args: readonly string[],
  cwd: string,
  nodeOptions: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): AetherRun {
  const result = spawnSync(process.execPath, [...nodeOptions, BIN, ...args], { cwd, encoding: "utf8", env });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A running `aether`, for tests that signal it while it works. */
export interface RunningAether {
  readonly child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startAether(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): RunningAether {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
  };
}
