// `path/to/file.py:qualified.name`: how every runner command names the
// function to run. Checked here, before any Python starts, so a typo is one
// clear usage message.

import fs from "node:fs";
import path from "node:path";
import type { CallableReference } from "./harnessMessages.js";
import { RunnerUsageError } from "./runnerErrors.js";

export interface TargetSpec extends CallableReference {
  /** As the user typed it, for messages and reports. */
  readonly text: string;
}

const QUALIFIED_NAME = /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*$/u;
const EXPECTED = "expected <file.py>:<function> or <file.py>:<Class>.<method>";

export function parseTargetSpec(text: string, cwd: string): TargetSpec {
  const separator = text.lastIndexOf(":");
  if (separator <= 0) throw new RunnerUsageError(`${EXPECTED}, got '${text}'`);
  const file = text.slice(0, separator);
  const name = text.slice(separator + 1);
  if (!QUALIFIED_NAME.test(name)) throw new RunnerUsageError(`'${name}' is not a Python name (${EXPECTED})`);
  return { file: existingPythonFile(file, cwd), name, text };
}

/** `--setup NAME` is a function in the target's file; `--setup other.py:NAME` one elsewhere. */
export function parseSetupSpec(text: string, target: TargetSpec, cwd: string): TargetSpec {
  if (text.includes(":")) return parseTargetSpec(text, cwd);
  if (!QUALIFIED_NAME.test(text)) throw new RunnerUsageError(`--setup: '${text}' is not a Python name`);
  return { file: target.file, name: text, text };
}

function existingPythonFile(file: string, cwd: string): string {
  if (!file.endsWith(".py")) throw new RunnerUsageError(`not a .py file: ${file} (${EXPECTED})`);
  const absolute = path.resolve(cwd, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new RunnerUsageError(`file not found: ${file}`);
  }
  if (!stat.isFile()) throw new RunnerUsageError(`not a file: ${file}`);
  return absolute;
}
