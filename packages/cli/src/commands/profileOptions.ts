// The command line of `aether profile`: its options, their checks and its help.
// Kept apart from the command so `--help` and usage errors start no Python.

import { DEFAULT_PROFILE_SETTINGS, type TargetSpec } from "aether-runner";
import { parseCommandArgs } from "../args.js";
import { FRACTION, parseDecimal, parseTarget, parseWholeNumber, SECONDS } from "../runner/runnerOptions.js";

export interface ProfileOptions {
  readonly help: boolean;
  readonly target: TargetSpec | undefined;
  readonly setup: string | undefined;
  readonly python: string | undefined;
  readonly maxThreads: number | undefined;
  readonly durationSeconds: number;
  readonly repeats: number;
  readonly cliffThreshold: number;
  readonly graceSeconds: number;
  readonly json: boolean;
  readonly report: string | undefined;
}

/** The options profile shares with regression (which profiles twice). */
export const PROFILE_ARG_OPTIONS = {
  "max-threads": { type: "string" },
  duration: { type: "string" },
  repeats: { type: "string" },
  setup: { type: "string" },
  "cliff-threshold": { type: "string" },
  grace: { type: "string" },
  json: { type: "boolean", default: false },
  report: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

export type ProfileArgValues = {
  readonly "max-threads"?: string | undefined;
  readonly duration?: string | undefined;
  readonly repeats?: string | undefined;
  readonly "cliff-threshold"?: string | undefined;
  readonly grace?: string | undefined;
};

export function parseProfileArgs(argv: readonly string[], cwd: string): ProfileOptions {
  const { values, positionals } = parseCommandArgs("profile", argv, {
    ...PROFILE_ARG_OPTIONS,
    python: { type: "string" },
  });
  if (values.help) return { ...profileNumbers("profile", {}), help: true, target: undefined, setup: undefined, python: undefined, json: false, report: undefined };
  return {
    ...profileNumbers("profile", values),
    help: false,
    target: parseTarget("profile", positionals, cwd),
    setup: values.setup,
    python: values.python,
    json: values.json,
    report: values.report,
  };
}

/** The measuring options, checked, with the defaults filled in. */
export function profileNumbers(command: string, values: ProfileArgValues) {
  const defaults = DEFAULT_PROFILE_SETTINGS;
  return {
    maxThreads: parseWholeNumber(command, "max-threads", values["max-threads"], { min: 1, max: 1024 }),
    durationSeconds: parseDecimal(command, "duration", values.duration, SECONDS, " seconds") ?? defaults.durationSeconds,
    repeats: parseWholeNumber(command, "repeats", values.repeats, { min: 1, max: 100 }) ?? defaults.repeats,
    cliffThreshold: parseDecimal(command, "cliff-threshold", values["cliff-threshold"], FRACTION) ?? defaults.cliffThreshold,
    graceSeconds: parseDecimal(command, "grace", values.grace, SECONDS, " seconds") ?? defaults.graceSeconds,
  };
}

/** Help lines for the measuring options, shared with `aether regression --help`. */
export const MEASURING_OPTIONS_HELP = `      --max-threads <n>      the largest thread count measured (default: 2 × the
                             interpreter's CPU count, at least 8)
      --duration <s>         seconds each measurement counts calls for (default: ${DEFAULT_PROFILE_SETTINGS.durationSeconds})
      --repeats <k>          measurements per thread count; the median is used
                             and the spread shown (default: ${DEFAULT_PROFILE_SETTINGS.repeats})
      --setup <name>         a function (in the target's file, or other.py:name)
                             called once before measuring
      --cliff-threshold <f>  the drop below the peak that marks the saturation
                             cliff, as a fraction (default: ${DEFAULT_PROFILE_SETTINGS.cliffThreshold})
      --grace <s>            how long a call may overrun a measurement before the
                             run counts as hung; a grace later still, the harness
                             and everything it started are killed (default: ${DEFAULT_PROFILE_SETTINGS.graceSeconds})`;

export const PROFILE_HELP = `Usage: aether profile [options] <file.py>:<function>

Measure how a function's throughput scales with threads. The function is
imported from its file (with the file's project root on sys.path; Class.method
runs on one fresh instance), warmed up, then called in a loop by 1, 2, 4, …
threads released together, each count repeated, then a refinement near the
best count. Prints a chart of calls/s against threads with the peak and the
saturation cliff (the first count past the peak that is ${DEFAULT_PROFILE_SETTINGS.cliffThreshold * 100} % or more below
it) marked, a Universal Scalability Law fit, and a one-sentence verdict with
the thread count to use: the peak, or the fewest threads within 5 % of it.

This runs your code. Progress goes to stderr, the result to stdout.

Arguments:
  <file.py>:<function>       the function to call; it must take no arguments
                             (e.g. app/cache.py:warm or app/cache.py:Cache.get_all)

Options:
      --python <path>        the interpreter (default: the active virtualenv's,
                             else python3 on PATH); Python 3.9 or newer
${MEASURING_OPTIONS_HELP}
      --json                 print the result as JSON (points with median, range
                             and latency percentiles; peak; cliff; usl, whose
                             peakThreads is null when κ = 0, i.e. no peak); a
                             failed target as {"target", "error"}
      --report <file.html>   also write a self-contained HTML report with an SVG
                             chart
  -h, --help                 show this help

Exit codes:
  0  measured; the verdict is printed
  1  the target failed: it raised, hung (killed after --grace), crashed the
     interpreter, or its module failed to import
  2  usage error: bad option, no such file or function, a function that needs
     arguments, no usable Python; or an internal error

Examples:
  aether profile app/feeds.py:refresh
  aether profile app/feeds.py:Cache.lookup --max-threads 32 --report scaling.html
  aether profile bench.py:work --python .venv/bin/python --json
`;
