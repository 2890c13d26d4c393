// The error a command throws for a usage or configuration problem: bin.ts prints
// its message as one line on stderr and exits 2, with nothing on stdout.

export class CliError extends Error {
  override readonly name = "CliError";
}
