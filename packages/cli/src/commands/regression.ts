// `aether regression`: find the two builds → profile the target on each (a
// progress line per build) → the regression, break-even and recommendation,
// or the one build measured and which kind is missing.

import { DEFAULT_PROFILE_SETTINGS, regressionReportHtml, resolvePython, runRegression } from "aether-runner";
import type { CommandIo } from "../commandIo.js";
import { runMeasured } from "../runner/measuredRun.js";
import { profileProgressText } from "../runner/progressLine.js";
import { regressionText } from "../runner/regressionText.js";
import { checkReportWritable, writeReportFile } from "../runner/reportFile.js";
import { jsonText, regressionJson } from "../runner/runnerJson.js";
import { parseSetup, usageChecked } from "../runner/runnerOptions.js";
import { parseRegressionArgs, REGRESSION_HELP } from "./regressionOptions.js";

export async function runRegressionCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const options = parseRegressionArgs(argv, io.cwd);
  if (options.help || options.target === undefined) {
    io.stdout(REGRESSION_HELP);
    return 0;
  }
  const env = io.env ?? process.env;
  const target = options.target;
  const explicit = (value: string | undefined, option: string) =>
    value === undefined ? undefined : usageChecked(() => resolvePython(value, env, io.cwd, undefined, option));
  const standardPython = explicit(options.standardPython, "--standard-python");
  const freeThreadedPython = explicit(options.freeThreadedPython, "--free-threaded-python");
  const setup = parseSetup(options.setup, target, io.cwd);
  if (options.report !== undefined) checkReportWritable(options.report, io);

  const request = { target, setup, cwd: io.cwd, env, standardPython, freeThreadedPython, defaultPython: defaultPython(env, io.cwd) };
  const starting = "aether: looking for a standard and a free-threaded Python build…";
  const outcome = await runMeasured(io, { target: target.text, json: options.json, starting }, (progress) =>
    runRegression(request, { ...DEFAULT_PROFILE_SETTINGS, ...options }, (step) =>
      progress.update(`aether: ${step.build} build (${step.python}): ${profileProgressText(step)}`),
    ),
  );
  if (!outcome.ok) return outcome.exitCode;
  io.stdout(options.json ? jsonText(regressionJson(outcome.result)) : regressionText(outcome.result));
  if (options.report !== undefined) writeReportFile(regressionReportHtml(outcome.result), options.report, io);
  return 0;
}

/** What `python3` runs here, preferred among standard builds of the same version; none is fine. */
function defaultPython(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  try {
    return resolvePython(undefined, env, cwd);
  } catch {
    return undefined;
  }
}
