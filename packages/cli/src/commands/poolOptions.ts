// The command line of `aether pool`: its options, their checks and its help.

import { DEFAULT_POOL_SETTINGS, type TargetSpec } from "aether-runner";
import { parseCommandArgs } from "../args.js";
import { FRACTION, parseDecimal, parseTarget, parseWholeNumber, SECONDS } from "../runner/runnerOptions.js";

export interface PoolOptions {
  readonly help: boolean;
  readonly target: TargetSpec | undefined;
  readonly setup: string | undefined;
  readonly python: string | undefined;
  readonly intervalSeconds: number;
  readonly maxWorkers: number;
  readonly blockingThreshold: number;
  readonly maxIntervals: number;
  readonly graceSeconds: number;
  readonly json: boolean;
}

export function parsePoolArgs(argv: readonly string[], cwd: string): PoolOptions {
  const { values, positionals } = parseCommandArgs("pool", argv, {
    python: { type: "string" },
    interval: { type: "string" },
    "max-workers": { type: "string" },
    "blocking-threshold": { type: "string" },
    "max-intervals": { type: "string" },
    setup: { type: "string" },
    grace: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  const defaults = DEFAULT_POOL_SETTINGS;
  const given: Partial<typeof values> = values.help ? {} : values;
  return {
    help: values.help,
    target: values.help ? undefined : parseTarget("pool", positionals, cwd),
    setup: values.setup,
    python: values.python,
    intervalSeconds: parseDecimal("pool", "interval", given.interval, SECONDS, " seconds") ?? defaults.intervalSeconds,
    maxWorkers: parseWholeNumber("pool", "max-workers", given["max-workers"], { min: 1, max: 1024 }) ?? defaults.maxWorkers,
    blockingThreshold:
      parseDecimal("pool", "blocking-threshold", given["blocking-threshold"], { ...FRACTION, minInclusive: true }) ?? defaults.blockingThreshold,
    // Two intervals measure the noise before the controller can move.
    maxIntervals: parseWholeNumber("pool", "max-intervals", given["max-intervals"], { min: 3, max: 1000 }) ?? defaults.maxIntervals,
    graceSeconds: parseDecimal("pool", "grace", given.grace, SECONDS, " seconds") ?? defaults.graceSeconds,
    json: values.json,
  };
}

export const POOL_HELP = `Usage: aether pool [options] <file.py>:<function>

Size a thread pool for a function. Measures its blocking ratio β = 1 - CPU
time / wall time per call (on one thread, where no GIL or lock wait can
inflate it), starts from cores / (1 - β) workers (capped at --max-workers),
then runs the function nonstop on a pool whose size it changes between
intervals: hill climbing that keeps a change only when throughput rose beyond
the noise measured on the first two intervals, and never grows the pool while
β is below --blocking-threshold (calls that compute gain nothing from threads
beyond the CPUs). Prints the recommended max_workers, β and the trace of
(interval, workers, calls/s).

This runs your code. Progress goes to stderr, the result to stdout.

Arguments:
  <file.py>:<function>         the function to call; it must take no arguments

Options:
      --python <path>          the interpreter (default: the active virtualenv's,
                               else python3 on PATH); Python 3.9 or newer
      --interval <s>           seconds per interval (default: ${DEFAULT_POOL_SETTINGS.intervalSeconds})
      --max-workers <n>        the largest pool tried (default: ${DEFAULT_POOL_SETTINGS.maxWorkers})
      --blocking-threshold <b> below this β the pool does not grow
                               (default: ${DEFAULT_POOL_SETTINGS.blockingThreshold})
      --max-intervals <n>      stop after this many intervals, converged or not
                               (default: ${DEFAULT_POOL_SETTINGS.maxIntervals})
      --setup <name>           a function (in the target's file, or other.py:name)
                               called once before measuring
      --grace <s>              how long a call may overrun before the run counts
                               as hung (default: ${DEFAULT_POOL_SETTINGS.graceSeconds})
      --json                   print the result as JSON
  -h, --help                   show this help

Exit codes:
  0  a pool size was found
  1  the target failed: it raised, hung or crashed the interpreter
  2  usage error, no such file or function, a function that needs arguments,
     no usable Python, or an internal error

Examples:
  aether pool app/fetch.py:download_one
  aether pool app/fetch.py:download_one --max-workers 64 --json
`;
