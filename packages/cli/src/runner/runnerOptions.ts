// Options the runner commands (profile, regression, pool) share: the target,
// numbers with their bounds, and the lines of help that describe them, so the
// four commands check and explain an option the same way.

import { parseSetupSpec, parseTargetSpec, RunnerUsageError, type TargetSpec } from "aether-runner";
import { CliError } from "../cliError.js";

export function usage(command: string, message: string): CliError {
  return new CliError(`${message} (see 'aether ${command} --help')`);
}

/** Runner usage problems found before running (no such --python, a bad --setup) as CLI usage errors. */
export function usageChecked<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof RunnerUsageError) throw new CliError(error.message);
    throw error;
  }
}

/** --setup, a name in the target's file or other.py:name, checked before any Python starts. */
export function parseSetup(setup: string | undefined, target: TargetSpec, cwd: string): TargetSpec | undefined {
  return setup === undefined ? undefined : usageChecked(() => parseSetupSpec(setup, target, cwd));
}

/** Exactly one `<file.py>:<function>`, checked before any Python starts. */
export function parseTarget(command: string, positionals: readonly string[], cwd: string): TargetSpec {
  if (positionals.length !== 1) {
    throw usage(command, `expected one target <file.py>:<function>, got ${positionals.length}`);
  }
  try {
    return parseTargetSpec(positionals[0]!, cwd);
  } catch (error) {
    if (error instanceof RunnerUsageError) throw usage(command, error.message);
    throw error;
  }
}

interface Bounds {
  readonly min: number;
  readonly max: number;
  /** Whether `min` itself is allowed (a duration of 0 is not). */
  readonly minInclusive?: boolean;
}

/** A whole number within bounds, or undefined when the option was not given. */
export function parseWholeNumber(command: string, option: string, value: string | undefined, bounds: Bounds): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !within(Number(value), bounds)) {
    throw usage(command, `--${option}: expected a whole number from ${bounds.min} to ${bounds.max}, got '${value}'`);
  }
  return Number(value);
}

/** A decimal number within bounds, or undefined when the option was not given. */
export function parseDecimal(command: string, option: string, value: string | undefined, bounds: Bounds, unit = ""): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || !within(number, bounds)) {
    const lower = bounds.minInclusive === false ? `more than ${bounds.min}` : `from ${bounds.min}`;
    throw usage(command, `--${option}: expected a number ${lower} to ${bounds.max}${unit}, got '${value}'`);
  }
  return number;
}

function within(value: number, { min, max, minInclusive = true }: Bounds): boolean {
  return (minInclusive ? value >= min : value > min) && value <= max;
}

export const SECONDS = { min: 0, max: 3600, minInclusive: false } as const;
export const FRACTION = { min: 0, max: 1, minInclusive: false } as const;
