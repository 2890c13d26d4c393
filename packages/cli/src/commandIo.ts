// Where a command writes and which directory it works from. Commands take this
// instead of touching `process` so they can also run inside a test process.

export interface CommandIo {
  /** The directory relative paths on the command line are resolved against. */
  readonly cwd: string;
  /** Results: the report, the AST dump, help. */
  stdout(text: string): void;
  /** Warnings and error messages; never results. */
  stderr(text: string): void;
}

export const processIo: CommandIo = {
  cwd: process.cwd(),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};
