// The command line of `aether regression`: its options, their checks and its help.

import type { TargetSpec } from "aether-runner";
import { parseCommandArgs } from "../args.js";
import { parseTarget } from "../runner/runnerOptions.js";
import { MEASURING_OPTIONS_HELP, PROFILE_ARG_OPTIONS, profileNumbers } from "./profileOptions.js";

export interface RegressionOptions extends ReturnType<typeof profileNumbers> {
  readonly help: boolean;
  readonly target: TargetSpec | undefined;
  readonly setup: string | undefined;
  readonly standardPython: string | undefined;
  readonly freeThreadedPython: string | undefined;
  readonly json: boolean;
  readonly report: string | undefined;
}

export function parseRegressionArgs(argv: readonly string[], cwd: string): RegressionOptions {
  const { values, positionals } = parseCommandArgs("regression", argv, {
    ...PROFILE_ARG_OPTIONS,
    "standard-python": { type: "string" },
    "free-threaded-python": { type: "string" },
  });
  const base = {
    ...profileNumbers("regression", values.help ? {} : values),
    setup: values.setup,
    standardPython: values["standard-python"],
    freeThreadedPython: values["free-threaded-python"],
    json: values.json,
    report: values.report,
  };
  if (values.help) return { ...base, help: true, target: undefined };
  return { ...base, help: false, target: parseTarget("regression", positionals, cwd) };
}

export const REGRESSION_HELP = `Usage: aether regression [options] <file.py>:<function>

Price the free-threaded build for one function. Finds a standard (GIL) build and
a free-threaded build of the same minor version (as 'aether status' does;
the newest such pair), profiles the function on both like 'aether profile',
and reports:
  - the single-thread regression r = 1 - X_ft(1) / X_std(1),
  - the break-even thread count: the fewest threads at which the free-threaded
    build's throughput (on its fitted USL curve) exceeds the standard build's
    best,
  - a recommendation: stay-on-standard, migrate-if-scaling or migrate-now, and
    why.
When only one kind of build is found it says which kind is missing, profiles
the build it has, and computes no regression: nothing is assumed.

This runs your code. Progress goes to stderr, the result to stdout.

Arguments:
  <file.py>:<function>       the function to call; it must take no arguments

Options:
      --standard-python <path>       the standard build to use (default: found)
      --free-threaded-python <path>  the free-threaded build to use (default:
                                     found, e.g. python3.14t)
${MEASURING_OPTIONS_HELP}
      --json                 print the result as JSON ("missing" names the kind
                             of build not found; "regression" is null then)
      --report <file.html>   also write a self-contained HTML report with both
                             builds' curves
  -h, --help                 show this help

Exit codes:
  0  measured (both builds, or the one found: see the message)
  1  the target failed on a build: it raised, hung or crashed the interpreter
  2  usage error, no usable Python at all, or an internal error

Examples:
  aether regression app/feeds.py:refresh
  aether regression bench.py:work --free-threaded-python ~/.pyenv/versions/3.14.0t/bin/python3.14t
`;
