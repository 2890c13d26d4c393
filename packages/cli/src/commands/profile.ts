// `aether profile`: resolve the interpreter → run the profile with a progress
// line → chart, model and verdict (or JSON) on stdout, optionally an HTML report.

import { DEFAULT_PROFILE_SETTINGS, profileReportHtml, resolvePython, runProfile } from "aether-runner";
import type { CommandIo } from "../commandIo.js";
import { runMeasured } from "../runner/measuredRun.js";
import { profileText } from "../runner/profileText.js";
import { profileProgressText } from "../runner/progressLine.js";
import { checkReportWritable, writeReportFile } from "../runner/reportFile.js";
import { jsonText, profileJson } from "../runner/runnerJson.js";
import { parseSetup, usageChecked } from "../runner/runnerOptions.js";
import { parseProfileArgs, PROFILE_HELP } from "./profileOptions.js";

export async function runProfileCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const options = parseProfileArgs(argv, io.cwd);
  if (options.help || options.target === undefined) {
    io.stdout(PROFILE_HELP);
    return 0;
  }
  const env = io.env ?? process.env;
  const target = options.target;
  const python = usageChecked(() => resolvePython(options.python, env, io.cwd));
  const setup = parseSetup(options.setup, target, io.cwd);
  if (options.report !== undefined) checkReportWritable(options.report, io);

  const outcome = await runMeasured(io, { target: target.text, json: options.json }, (progress) =>
    runProfile({ python, target, setup, cwd: io.cwd, env }, { ...DEFAULT_PROFILE_SETTINGS, ...options }, (step) =>
      progress.update(`aether: profiling ${target.text}: ${profileProgressText(step)}`),
    ),
  );
  if (!outcome.ok) return outcome.exitCode;
  io.stdout(options.json ? jsonText(profileJson(outcome.result)) : profileText(outcome.result));
  if (options.report !== undefined) writeReportFile(profileReportHtml(outcome.result), options.report, io);
  return 0;
}
