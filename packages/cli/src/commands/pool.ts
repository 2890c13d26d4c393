// `aether pool`: measure β, let the controller size the pool, print the size and the trace.

import { DEFAULT_POOL_SETTINGS, resolvePython, runPool } from "aether-runner";
import type { CommandIo } from "../commandIo.js";
import { runMeasured } from "../runner/measuredRun.js";
import { poolText } from "../runner/poolText.js";
import { jsonText, poolJson } from "../runner/runnerJson.js";
import { parseSetup, usageChecked } from "../runner/runnerOptions.js";
import { parsePoolArgs, POOL_HELP } from "./poolOptions.js";

export async function runPoolCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const options = parsePoolArgs(argv, io.cwd);
  if (options.help || options.target === undefined) {
    io.stdout(POOL_HELP);
    return 0;
  }
  const env = io.env ?? process.env;
  const target = options.target;
  const python = usageChecked(() => resolvePython(options.python, env, io.cwd));
  const setup = parseSetup(options.setup, target, io.cwd);

  const starting = `aether: sizing a pool for ${target.text}: measuring β on one thread`;
  const outcome = await runMeasured(io, { target: target.text, json: options.json, starting }, (progress) =>
    runPool({ python, target, setup, cwd: io.cwd, env }, { ...DEFAULT_POOL_SETTINGS, ...options }, (step) =>
      progress.update(`aether: sizing a pool for ${target.text}: interval ${step.interval} (at most ${step.maxIntervals}), ${step.workers} workers`),
    ),
  );
  if (!outcome.ok) return outcome.exitCode;
  io.stdout(options.json ? jsonText(poolJson(outcome.result)) : poolText(outcome.result));
  return 0;
}
