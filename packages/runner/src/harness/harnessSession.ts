// A conversation with one `aether_harness.py serve` process: load the target,
// then measure, one command and one reply at a time. Every command has a
// limit (the harness reports a hang itself when the target overruns it); a
// reply that has not come by the limit plus a grace period means the harness
// cannot even say so (a call holding the GIL forever), and the process group
// is killed. A session may also be given an AbortSignal: aborting kills the
// group at once, and whatever the session was waiting for fails as
// RunCancelled.

import type { InterpreterFacts } from "../engines/interpreterFacts.js";
import { HARNESS_SCRIPT } from "./harnessScript.js";
import type { HarnessCommand, HarnessMessage, HelloMessage } from "./harnessMessages.js";
import { describeExit, HarnessProcess, HarnessStopped, type HarnessSpawnOptions } from "./harnessProcess.js";
import { errorFromMessage, RunCancelled, RunnerUsageError, TargetFailure } from "./runnerErrors.js";

/** Python start-up, through a pyenv shim on a busy machine. */
const START_SECONDS = 30;

export interface HarnessSessionOptions extends HarnessSpawnOptions {
  readonly python: string;
  /** Seconds a command may overrun its own limit before the process group is killed. */
  readonly graceSeconds: number;
  /** Cancels the run: the group is killed at once and the session's calls reject with RunCancelled. */
  readonly signal?: AbortSignal | undefined;
}

export class HarnessSession {
  private constructor(
    private readonly process: HarnessProcess,
    private readonly hello: HelloMessage,
    private readonly graceSeconds: number,
    private readonly cancellation: Cancellation,
  ) {}

  static async start(options: HarnessSessionOptions): Promise<HarnessSession> {
    if (options.signal?.aborted) throw new RunCancelled();
    const child = await HarnessProcess.spawn(options.python, ["-u", HARNESS_SCRIPT, "serve"], options);
    const cancellation = new Cancellation(child, options.signal);
    try {
      const hello = await child.next(START_SECONDS * 1000);
      if (hello.type === "error") throw errorFromMessage({ ...hello, message: `${options.python}: ${hello.message}` });
      if (hello.type !== "hello") throw new Error(`the harness greeted with '${hello.type}'`);
      return new HarnessSession(child, hello, options.graceSeconds, cancellation);
    } catch (error) {
      cancellation.dispose();
      await child.end();
      if (cancellation.requested) throw new RunCancelled();
      if (error instanceof HarnessStopped) {
        const said = lastLines(child.stderrTail(), 3);
        throw new RunnerUsageError(
          `${options.python} could not run the harness (${error.reason === "timeout" ? `no answer in ${START_SECONDS} s` : describeExit(error.exit)})${said ? `: ${said}` : ""}`,
        );
      }
      throw error;
    }
  }

  get interpreter(): InterpreterFacts {
    return this.hello.interpreter;
  }

  /** The harness's process id, which is also its process group's id. */
  get pid(): number {
    return this.process.pid;
  }

  /**
   * Sends one command and waits for its reply. `limitSeconds` is the limit the
   * command carries; `what` names the work in messages ("wait()").
   */
  async request(command: HarnessCommand, limitSeconds: number, what: string): Promise<HarnessMessage> {
    // Cancelled between two commands: the group is already being killed.
    if (this.cancellation.requested) throw new RunCancelled();
    this.process.send(command);
    let reply: HarnessMessage;
    try {
      reply = await this.process.next((limitSeconds + this.graceSeconds) * 1000);
    } catch (error) {
      if (!(error instanceof HarnessStopped)) throw error;
      // The harness died because the cancellation killed it, not because of the target.
      if (this.cancellation.requested) {
        await this.process.end({ kill: true });
        throw new RunCancelled();
      }
      await this.process.end({ kill: error.reason === "timeout" });
      const tail = lastLines(this.process.stderrTail(), 20);
      if (error.reason === "timeout") {
        throw new TargetFailure(
          "hang",
          `${what} did not return within ${formatSeconds(limitSeconds + this.graceSeconds)} (its limit, ${formatSeconds(limitSeconds)}, plus ${formatSeconds(this.graceSeconds)} grace): the harness and everything it started were killed`,
        );
      }
      throw new TargetFailure("crashed", `the interpreter died while running ${what} (${describeExit(error.exit)})`, {
        traceback: tail || undefined,
      });
    }
    if (reply.type === "error") {
      if (reply.kind !== "hang") throw errorFromMessage(reply);
      // The harness exits after reporting a hang; its group goes now, with whatever the target started.
      await this.process.end();
      throw errorFromMessage({ ...reply, message: `${reply.message}: the harness and everything it started were killed` });
    }
    return reply;
  }

  /** Ends the harness and its process group. Safe to call twice. */
  async close(): Promise<void> {
    this.cancellation.dispose();
    await this.process.end();
  }
}

/**
 * A session's AbortSignal: from the harness's start until the session
 * closes, aborting kills the harness's group at once (the pending `next`
 * then sees the exit). The listener goes with the session, so a signal that
 * outlives many runs does not collect them.
 */
class Cancellation {
  private readonly kill: () => void;

  constructor(
    child: HarnessProcess,
    private readonly signal: AbortSignal | undefined,
  ) {
    // A kill that fails (the group already gone) must not become an unhandled rejection.
    this.kill = () => void child.end({ kill: true }).catch(() => undefined);
    signal?.addEventListener("abort", this.kill, { once: true });
    // Aborted while the process was starting: no event will come now.
    if (signal?.aborted) this.kill();
  }

  get requested(): boolean {
    return this.signal?.aborted === true;
  }

  dispose(): void {
    this.signal?.removeEventListener("abort", this.kill);
  }
}

/** Runs `work` with a session that is closed (its group killed) however `work` ends. */
export async function withHarnessSession<T>(options: HarnessSessionOptions, work: (session: HarnessSession) => Promise<T>): Promise<T> {
  const session = await HarnessSession.start(options);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split("\n").slice(-count).join("\n").trim();
}

function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(2))} s`;
}
