// `aether status`: discover and describe interpreters → (optionally) check
// extension imports on the free-threaded ones → a table or JSON.

import { checkGilImports, findInterpreters, resolvePython, type DistributionImports } from "aether-runner";
import { CliError } from "../cliError.js";
import type { CommandIo } from "../commandIo.js";
import { ProgressLine } from "../runner/progressLine.js";
import { jsonText } from "../runner/runnerJson.js";
import { statusText, type ImportReport } from "../runner/statusText.js";
import { usageChecked } from "../runner/runnerOptions.js";
import { parseStatusArgs, STATUS_HELP } from "./statusOptions.js";

export async function runStatusCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const options = parseStatusArgs(argv);
  if (options.help) {
    io.stdout(STATUS_HELP);
    return 0;
  }
  const env = io.env ?? process.env;
  const explicit = options.python === undefined ? undefined : usageChecked(() => resolvePython(options.python, env, io.cwd));
  const progress = new ProgressLine(io);
  progress.update("aether: looking for Python interpreters…");
  const report = await findInterpreters({ env, cwd: io.cwd, explicit });
  progress.finish();
  const failed = report.unusable.find((entry) => entry.sources.includes("--python"));
  if (failed !== undefined) throw new CliError(`--python: ${failed.path} did not run: ${failed.reason}`);

  let imports: ImportReport[] | undefined;
  if (options.imports) {
    imports = [];
    for (const interpreter of report.interpreters.filter((candidate) => candidate.facts.freeThreadedBuild)) {
      const distributions: DistributionImports[] = await checkGilImports(interpreter.path, {
        cwd: io.cwd,
        env,
        onProgress: (done, total, module) => progress.update(`aether: importing ${module} on ${interpreter.path} (${done} of ${total})`),
      });
      progress.finish();
      imports.push({ python: interpreter.path, version: interpreter.facts.version, distributions });
    }
  }
  io.stdout(options.json ? jsonText({ ...report, ...(imports !== undefined ? { imports } : {}) }) : statusText(report, imports));
  return 0;
}
