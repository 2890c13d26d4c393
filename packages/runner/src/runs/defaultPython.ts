// Which interpreter runs the target when one command needs one: --python (a
// path, or a name looked up on PATH), else the active virtualenv's, else
// python3 or python on PATH: what the user would get by typing `python3`.

import path from "node:path";
import { findOnPath, type FileSystemView } from "../engines/interpreterDiscovery.js";
import { RunnerUsageError } from "../harness/runnerErrors.js";
import { nodeFileSystem } from "./nodeFileSystem.js";

export function resolvePython(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
  files: FileSystemView = nodeFileSystem,
  option = "--python",
): string {
  if (explicit !== undefined) {
    if (explicit.includes("/") || explicit.includes(path.sep)) {
      const file = path.resolve(cwd, explicit);
      if (!files.isExecutableFile(file)) throw new RunnerUsageError(`${option}: ${explicit} is not an executable file`);
      return file;
    }
    const found = findOnPath(explicit, env, files);
    if (found === undefined) throw new RunnerUsageError(`${option}: '${explicit}' not found on PATH`);
    return found;
  }
  const virtualEnv = env["VIRTUAL_ENV"];
  if (virtualEnv) {
    const inside = path.join(virtualEnv, "bin", "python");
    if (files.isExecutableFile(inside)) return inside;
  }
  const found = findOnPath("python3", env, files) ?? findOnPath("python", env, files);
  if (found === undefined) {
    throw new RunnerUsageError(`no Python interpreter found: looked for python3 and python on PATH; name one with ${option}`);
  }
  return found;
}
