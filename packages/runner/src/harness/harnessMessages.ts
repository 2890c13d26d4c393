// The JSON lines the harness writes in `serve` mode, one per command, and the
// commands it reads. The shapes mirror aether_harness.py; the engines' own
// types (Measurement, InterpreterFacts) are the payloads.

import type { DistributionModules, ImportCheck } from "../engines/gilImports.js";
import type { InterpreterFacts } from "../engines/interpreterFacts.js";
import type { Measurement, ThreadCounts } from "../engines/measurement.js";

export interface HelloMessage {
  readonly type: "hello";
  readonly protocol: number;
  readonly pid: number;
  readonly interpreter: InterpreterFacts;
}

export interface LoadedMessage {
  readonly type: "loaded";
  /** Warm-up calls made (at least one). */
  readonly calls: number;
  readonly firstCallSeconds: number;
  readonly meanCallSeconds: number;
  readonly maxCallSeconds: number;
  /** sys._is_gil_enabled() after importing the target: an extension may have turned it on. */
  readonly gilEnabled: boolean;
}

export interface MeasurementMessage extends Measurement {
  readonly type: "measurement";
}

export interface PoolIntervalMessage {
  readonly type: "pool-interval";
  readonly workers: number;
  /** Seconds from the resize until every active worker had finished a call. */
  readonly settle: number;
  /** Seconds the calls were counted for. */
  readonly wall: number;
  readonly perWorker: readonly Pick<ThreadCounts, "calls" | "cpu">[];
}

export interface ErrorMessage {
  readonly type: "error";
  readonly kind: string;
  readonly message: string;
  readonly exceptionType?: string;
  readonly traceback?: string;
  readonly stacks?: readonly string[];
  readonly parameters?: readonly string[];
}

/** `describe`: what the interpreter is (works on Python 2.7 and later). */
export interface DescribeMessage {
  readonly type: "describe";
  readonly interpreter: InterpreterFacts;
}

/** `distributions`: installed distributions that ship extension modules. */
export interface DistributionsMessage {
  readonly type: "distributions";
  readonly distributions: readonly DistributionModules[];
}

/** `import-check MODULE`: the GIL before and after importing it. */
export interface ImportCheckMessage extends ImportCheck {
  readonly type: "import-check";
}

export type HarnessMessage =
  | HelloMessage
  | DescribeMessage
  | DistributionsMessage
  | ImportCheckMessage
  | LoadedMessage
  | MeasurementMessage
  | PoolIntervalMessage
  | ErrorMessage
  | { readonly type: "pool-started"; readonly maxWorkers: number }
  | { readonly type: "pool-stopped" };

/** A file and a qualified name in it, as the harness imports them. */
export interface CallableReference {
  readonly file: string;
  readonly name: string;
}

export type HarnessCommand =
  | { readonly cmd: "load"; readonly target: CallableReference; readonly setup?: CallableReference; readonly warmup: number; readonly limit: number }
  | {
      readonly cmd: "measure";
      readonly threads: number;
      readonly settle: number;
      readonly duration: number;
      readonly limit: number;
      readonly samplesPerThread: number;
    }
  | { readonly cmd: "pool-start"; readonly maxWorkers: number }
  | {
      readonly cmd: "pool-interval";
      readonly workers: number;
      readonly duration: number;
      /** The interval goes on past `duration` until this many calls completed (or `limit` more seconds passed). */
      readonly minCalls: number;
      readonly limit: number;
    }
  | { readonly cmd: "pool-stop" };

/** One line of harness output; throws on anything that is not a message object. */
export function parseHarnessLine(line: string): HarnessMessage {
  const value: unknown = JSON.parse(line);
  if (typeof value !== "object" || value === null || typeof (value as { type?: unknown }).type !== "string") {
    throw new Error(`not a harness message: ${line.slice(0, 200)}`);
  }
  return value as HarnessMessage;
}
