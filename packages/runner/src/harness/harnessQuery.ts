// The harness's one-shot modes (describe, distributions, import-check): run
// it, read its one JSON line, end its process group. Importing a module runs
// its code, so these get the same group and time limit as a measurement.

import type { DescribeMessage, DistributionsMessage, ImportCheckMessage } from "./harnessMessages.js";
import { HARNESS_SCRIPT } from "./harnessScript.js";
import { describeExit, HarnessProcess, HarnessStopped } from "./harnessProcess.js";

export interface HarnessQueryOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly timeoutSeconds: number;
}

export type HarnessQueryResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

interface QueryReplies {
  readonly describe: DescribeMessage;
  readonly distributions: DistributionsMessage;
  readonly "import-check": ImportCheckMessage;
}

export async function queryHarness<M extends keyof QueryReplies>(
  python: string,
  mode: M,
  args: readonly string[],
  options: HarnessQueryOptions,
): Promise<HarnessQueryResult<QueryReplies[M]>> {
  let child: HarnessProcess;
  try {
    child = await HarnessProcess.spawn(python, [HARNESS_SCRIPT, mode, ...args], options);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  try {
    const message = await child.next(options.timeoutSeconds * 1000);
    if (message.type !== mode) return { ok: false, reason: `unexpected answer '${message.type}'` };
    return { ok: true, value: message as QueryReplies[M] };
  } catch (error) {
    if (!(error instanceof HarnessStopped)) return { ok: false, reason: (error as Error).message };
    const said = failureLine(child.stderrTail());
    const how = error.reason === "timeout" ? `no answer within ${options.timeoutSeconds} s` : describeExit(error.exit);
    return { ok: false, reason: said ? `${how}: ${said}` : how };
  } finally {
    await child.end();
  }
}

/** A Python traceback ends with the error; anything else (a shell wrapper, a loader) starts with it. */
function failureLine(stderr: string): string | undefined {
  const lines = stderr.split("\n").map((line) => line.trim()).filter((line) => line !== "");
  return stderr.includes("Traceback (most recent call last)") ? lines.at(-1) : lines[0];
}
