// How every runner command measures: a progress line on stderr, the message
// if Ctrl-C stops it, and a failed target turned into its exit code. The
// command supplies the run and prints the result.

import type { CommandIo } from "../commandIo.js";
import { interruptMessage } from "./interruptMessage.js";
import { ProgressLine } from "./progressLine.js";
import { reportRunFailure } from "./runFailure.js";

export type MeasuredOutcome<R> = { readonly ok: true; readonly result: R } | { readonly ok: false; readonly exitCode: number };

export interface MeasuredRunOptions {
  /** As the user named the target, for the JSON failure report. */
  readonly target: string;
  readonly json: boolean;
  /** The progress line before the run reports any (e.g. while interpreters are looked for). */
  readonly starting?: string;
}

export async function runMeasured<R>(
  io: CommandIo,
  options: MeasuredRunOptions,
  run: (progress: ProgressLine) => Promise<R>,
): Promise<MeasuredOutcome<R>> {
  const progress = new ProgressLine(io);
  const stopListening = interruptMessage(io, progress);
  if (options.starting !== undefined) progress.update(options.starting);
  try {
    const result = await run(progress);
    return { ok: true, result };
  } catch (error) {
    progress.finish();
    return { ok: false, exitCode: reportRunFailure(error, io, options.target, options.json) };
  } finally {
    progress.finish();
    stopListening();
  }
}
