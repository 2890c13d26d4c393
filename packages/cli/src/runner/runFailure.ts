// How a runner command ends when the run does not produce a result. A problem
// with how the run was asked for (no such function, a function that needs
// arguments, no usable interpreter) is a usage error: one line, exit 2. The
// target failing (it raised, hung, killed the interpreter, or its module did
// not import) is the answer to the question asked: its message and traceback
// on stderr, exit 1, and with --json the same as JSON on stdout.

import { RunnerUsageError, TargetFailure } from "aether-runner";
import { CliError } from "../cliError.js";
import type { CommandIo } from "../commandIo.js";

export const TARGET_FAILED = 1;

/** Returns the exit code for a failed target; throws CliError for usage problems; rethrows anything else. */
export function reportRunFailure(error: unknown, io: CommandIo, target: string, json: boolean): number {
  if (error instanceof RunnerUsageError) throw new CliError(error.message);
  if (!(error instanceof TargetFailure)) throw error;
  if (error.isUsageError) throw new CliError(error.message);
  const details = [error.traceback, ...error.stacks.map((stack) => `Stuck at:\n${stack}`)].filter(
    (text): text is string => text !== undefined && text !== "",
  );
  io.stderr(`aether: ${error.message}\n${details.map((text) => `${text}\n`).join("")}`);
  if (json) {
    const failure = {
      target,
      error: {
        kind: error.kind,
        message: error.message,
        exceptionType: error.exceptionType ?? null,
        traceback: error.traceback ?? null,
        stacks: error.stacks,
      },
    };
    io.stdout(`${JSON.stringify(failure, null, 2)}\n`);
  }
  return TARGET_FAILED;
}
