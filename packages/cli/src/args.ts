// Command-line parsing for every command: node's `util.parseArgs` in strict mode,
// with its errors turned into one short usage message that names the option and
// points at the command's --help.

import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./cliError.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;
type StrictConfig<O extends OptionsConfig> = { args: string[]; options: O; allowPositionals: true; strict: true };

export function parseCommandArgs<const O extends OptionsConfig>(
  command: string,
  argv: readonly string[],
  options: O,
): ReturnType<typeof parseArgs<StrictConfig<O>>> {
  try {
    return parseArgs<StrictConfig<O>>({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${describeParseError(error)} (see 'aether ${command} --help')`);
  }
}

/** Node's messages are long and suggest `--` tricks; keep the option name and the problem. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^']+)'/.exec(message)?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option '${option}'`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      // Node names the option as "-f, --format <value>"; the long name is what users recognise.
      const name = /--[\w-]+/.exec(option)?.[0] ?? option;
      return message.includes("does not take an argument")
        ? `option '${name}' does not take a value`
        : `option '${name}' needs a value`;
    }
    default:
      throw error;
  }
}
