#!/usr/bin/env node
// The `aether` command: picks the subcommand, runs it, and turns every failure
// into an exit code: CliError → its message and 2; anything unexpected → one
// "internal error" line and 2. Commands load lazily so --help stays instant.

import { CliError } from "./cliError.js";
import { processIo, type CommandIo } from "./commandIo.js";
import { MAIN_HELP } from "./mainHelp.js";
import { versionLine } from "./version.js";

type Command = (argv: readonly string[], io: CommandIo) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import("./commands/check.js")).runCheck,
  ast: async () => (await import("./commands/ast.js")).runAst,
  profile: async () => (await import("./commands/profile.js")).runProfileCommand,
  regression: async () => (await import("./commands/regression.js")).runRegressionCommand,
  pool: async () => (await import("./commands/pool.js")).runPoolCommand,
  status: async () => (await import("./commands/status.js")).runStatusCommand,
};

async function main(argv: readonly string[], io: CommandIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr(MAIN_HELP);
    return 2;
  }
  if (first === "--help" || first === "-h") {
    io.stdout(MAIN_HELP);
    return 0;
  }
  if (first === "--version" || first === "-v") {
    io.stdout(`${versionLine()}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (load === undefined) {
    const what = first.startsWith("-") ? "option" : "command";
    throw new CliError(`unknown ${what} '${first}' (see 'aether --help')`);
  }
  return (await load())(rest, io);
}

// A reader that stops early (`aether check | head`) is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await main(process.argv.slice(2), processIo);
} catch (error) {
  const message = error instanceof CliError ? error.message : `internal error: ${describe(error)}`;
  process.stderr.write(`aether: ${message}\n`);
  process.exitCode = 2;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, " ").trim();
}
