// Writes a --report HTML file, and says where on stderr (the report is a file, not stdout's result).

import fs from "node:fs";
import path from "node:path";
import { CliError } from "../cliError.js";
import type { CommandIo } from "../commandIo.js";

export function writeReportFile(html: string, file: string, io: CommandIo): void {
  const target = path.resolve(io.cwd, file);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, html);
  } catch (error) {
    throw new CliError(`cannot write --report ${file}: ${(error as Error).message}`);
  }
  io.stderr(`aether: report written to ${file}\n`);
}

/** Checked before measuring, so a typo in the path does not cost the whole run. */
export function checkReportWritable(file: string, io: CommandIo): void {
  const target = path.resolve(io.cwd, file);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new CliError(`--report: ${file} is a directory`);
  let directory = path.dirname(target);
  while (!fs.existsSync(directory)) directory = path.dirname(directory);
  try {
    fs.accessSync(directory, fs.constants.W_OK);
  } catch {
    throw new CliError(`--report: cannot write in ${path.relative(io.cwd, directory) || "."}`);
  }
}
