// `--baseline [file]` and `--write-baseline [file]` on the command line of
// `aether check`. Both take an optional value, which node's parseArgs cannot
// express, so the arguments are rewritten first: the next argument is the file
// when it ends in ".json" (`--baseline legacy.json src`), else the option stands
// alone and means the default file (`--baseline src` checks src). `--baseline=<file>`
// always names a file.

import { CliError } from "../cliError.js";

export const DEFAULT_BASELINE_FILE = ".aether-baseline.json";

export const BASELINE_OPTIONS = ["--baseline", "--write-baseline"] as const;

export interface BaselineRequest {
  /** "filter": report only findings not in the file; "write": record the current findings in it. */
  readonly action: "filter" | "write";
  /** As typed, resolved against the working directory later. */
  readonly file: string;
}

/** Turns a bare `--baseline` into `--baseline=` and `--baseline x.json` into `--baseline=x.json`. */
export function attachBaselineValues(argv: readonly string[]): string[] {
  const rewritten: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === "--") {
      rewritten.push(...argv.slice(index));
      break;
    }
    if (!(BASELINE_OPTIONS as readonly string[]).includes(arg)) {
      rewritten.push(arg);
      continue;
    }
    const next = argv[index + 1];
    if (next !== undefined && !next.startsWith("-") && next.endsWith(".json")) {
      rewritten.push(`${arg}=${next}`);
      index++;
    } else {
      rewritten.push(`${arg}=`);
    }
  }
  return rewritten;
}

/** The request from the parsed values ("" is a bare option: the default file). */
export function baselineRequest(filter: string | undefined, write: string | undefined): BaselineRequest | undefined {
  if (filter !== undefined && write !== undefined) {
    throw new CliError("--baseline and --write-baseline cannot be used together (see 'aether check --help')");
  }
  if (write !== undefined) return { action: "write", file: write === "" ? DEFAULT_BASELINE_FILE : write };
  if (filter !== undefined) return { action: "filter", file: filter === "" ? DEFAULT_BASELINE_FILE : filter };
  return undefined;
}
