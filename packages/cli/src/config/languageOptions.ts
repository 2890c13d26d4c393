// The Python language options for a run (`pythonVersion`, `freeThreaded`,
// `threadEntries`): command line over [tool.aether] over the plugin's defaults,
// each checked by the language itself so a bad value is reported against the
// place it was written rather than as an ESLint config error mid-run.

import { CliError } from "../cliError.js";
import type { AetherSettings } from "./settings.js";

export interface PythonLanguageOptions {
  pythonVersion?: string;
  freeThreaded?: boolean;
  threadEntries?: readonly string[];
}

export interface LanguageOptionsFromCli {
  readonly pythonVersion: string | undefined;
  /** Only `--no-free-threaded` exists, so the command line can only turn it off. */
  readonly freeThreaded: false | undefined;
}

/** The part of an ESLint `Language` used here; ESLint calls the same method on config. */
export interface OptionsValidatingLanguage {
  validateLanguageOptions?(options: Record<string, unknown>): void;
}

export function resolveLanguageOptions(
  settings: AetherSettings,
  cli: LanguageOptionsFromCli,
  language: OptionsValidatingLanguage,
): PythonLanguageOptions {
  const inFile = (key: string) => `${settings.source}: [tool.aether] ${key}`;
  const candidates: Array<[name: keyof PythonLanguageOptions, value: unknown, origin: string]> = [
    cli.pythonVersion !== undefined
      ? ["pythonVersion", cli.pythonVersion, "--python-version"]
      : ["pythonVersion", settings.pythonVersion, inFile("python-version")],
    cli.freeThreaded !== undefined
      ? ["freeThreaded", cli.freeThreaded, "--no-free-threaded"]
      : ["freeThreaded", settings.freeThreaded, inFile("free-threaded")],
    ["threadEntries", settings.threadEntries, inFile("thread-entries")],
  ];

  const options: Record<string, unknown> = {};
  for (const [name, value, origin] of candidates) {
    if (value === undefined) continue; // the plugin's default applies
    try {
      language.validateLanguageOptions?.({ [name]: value });
    } catch (error) {
      throw new CliError(`${origin}: ${(error as Error).message}`);
    }
    options[name] = value;
  }
  return options as PythonLanguageOptions;
}
