// One Python process running the harness, as the leader of its own process
// group: its stdout read as harness messages, the tail of its stderr kept for
// error reports, and an end that always kills the whole group, so nothing the
// user's code started survives.

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { parseHarnessLine, type HarnessCommand, type HarnessMessage } from "./harnessMessages.js";
import { endProcessGroup, trackProcessGroup } from "./processGroups.js";
import { RunnerUsageError } from "./runnerErrors.js";

const STDERR_TAIL_CHARACTERS = 4000;
/** How long a harness whose input was closed gets to exit on its own before its group is killed. */
const EXIT_WAIT_MS = 1000;

export interface HarnessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** The harness exited, or said nothing for too long; `next` rejects with this. */
export class HarnessStopped extends Error {
  override readonly name = "HarnessStopped";
  constructor(
    readonly reason: "exited" | "timeout",
    readonly exit: HarnessExit | undefined,
  ) {
    super(reason === "timeout" ? "the harness did not answer in time" : `the harness exited (${describeExit(exit)})`);
  }
}

export function describeExit(exit: HarnessExit | undefined): string {
  if (exit === undefined) return "still running";
  return exit.signal !== null ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

export interface HarnessSpawnOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv | undefined;
}

export class HarnessProcess {
  private readonly messages: HarnessMessage[] = [];
  private waiter: ((event: HarnessMessage | Error) => void) | undefined;
  private finished = false;
  private partialLine = "";
  private stderrText = "";
  private exitInfo: HarnessExit | undefined;
  private readonly closed: Promise<void>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly pid: number,
  ) {
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => this.receive(chunk));
    child.stderr.on("data", (chunk: string) => {
      this.stderrText = (this.stderrText + chunk).slice(-STDERR_TAIL_CHARACTERS);
    });
    // A harness that exits first would make writes fail with EPIPE; `next` reports the exit instead.
    child.stdin.on("error", () => undefined);
    // "exit" can come before the last of stdout: the process is over for us when both are.
    const stdoutEnded = new Promise<void>((resolve) => child.stdout.once("close", resolve));
    const exited = new Promise<void>((resolve) =>
      child.once("exit", (code, signal) => {
        this.exitInfo = { code, signal };
        resolve();
      }),
    );
    this.closed = Promise.all([stdoutEnded, exited]).then(() => {
      this.finished = true;
      this.deliver(new HarnessStopped("exited", this.exitInfo));
    });
  }

  /** Starts `python args…` in a new process group; a python that cannot be started is a usage error. */
  static async spawn(python: string, args: readonly string[], options: HarnessSpawnOptions): Promise<HarnessProcess> {
    const child = spawn(python, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", (error: NodeJS.ErrnoException) =>
        reject(new RunnerUsageError(`cannot run ${python}: ${error.code === "ENOENT" ? "not found" : error.message}`)),
      );
    });
    trackProcessGroup(child.pid!);
    return new HarnessProcess(child, child.pid!);
  }

  /** The next message, or HarnessStopped when the harness exits or `timeoutMs` passes first. */
  next(timeoutMs: number): Promise<HarnessMessage> {
    const queued = this.messages.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.finished) return Promise.reject(new HarnessStopped("exited", this.exitInfo));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new HarnessStopped("timeout", this.exitInfo));
      }, timeoutMs);
      this.waiter = (event) => {
        clearTimeout(timer);
        this.waiter = undefined;
        if (event instanceof Error) reject(event);
        else resolve(event);
      };
    });
  }

  send(command: HarnessCommand): void {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** The last few thousand characters the harness (and the user's code) wrote to stderr. */
  stderrTail(): string {
    return this.stderrText;
  }

  get exit(): HarnessExit | undefined {
    return this.exitInfo;
  }

  /**
   * Closes the harness's input (it then ends its own group), waits briefly for
   * it to exit, and kills the group whatever happened: this is the one way a
   * harness ends. `kill` skips the wait, for a harness that cannot answer.
   */
  async end({ kill = false }: { kill?: boolean } = {}): Promise<void> {
    this.child.stdin.end();
    if (kill) endProcessGroup(this.pid);
    await Promise.race([this.closed, new Promise((resolve) => setTimeout(resolve, EXIT_WAIT_MS).unref())]);
    endProcessGroup(this.pid);
    // Children of the target may hold the stderr pipe open; it is not ours to wait for.
    this.child.stdout.destroy();
    this.child.stderr.destroy();
  }

  private receive(chunk: string): void {
    const lines = (this.partialLine + chunk).split("\n");
    this.partialLine = lines.pop()!;
    for (const line of lines) {
      if (line.trim() === "") continue;
      let message: HarnessMessage | Error;
      try {
        message = parseHarnessLine(line);
      } catch (error) {
        message = error instanceof Error ? error : new Error(String(error));
      }
      this.deliver(message);
    }
  }

  /** Errors reach a waiting `next` only: with nobody waiting, the next call sees the exit itself. */
  private deliver(event: HarnessMessage | Error): void {
    if (this.waiter !== undefined) this.waiter(event);
    else if (!(event instanceof Error)) this.messages.push(event);
  }
}
