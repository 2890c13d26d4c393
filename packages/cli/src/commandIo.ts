// Where a command writes and which directory it works from. Commands take this
// instead of touching `process` so they can also run inside a test process.

export interface CommandIo {
  /** The directory relative paths on the command line are resolved against. */
  readonly cwd: string;
  /** Results: the report, the AST dump, help. */
  stdout(text: string): void;
  /** Warnings, error messages and progress; never results. */
  stderr(text: string): void;
  /** True when stderr is a terminal: progress can redraw one line instead of adding lines. */
  readonly stderrIsTerminal?: boolean;
  /** The environment the Python the runner starts sees (PATH, VIRTUAL_ENV, PYENV_ROOT). */
  readonly env?: NodeJS.ProcessEnv;
}

export const processIo: CommandIo = {
  cwd: process.cwd(),
  stderrIsTerminal: process.stderr.isTTY === true,
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};
