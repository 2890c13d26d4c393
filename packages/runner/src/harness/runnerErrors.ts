// The ways a run ends early. A TargetFailure is about the user's function
// (it raised, hung, crashed the interpreter, or cannot be called without
// arguments); a RunnerUsageError is about how the run was asked for (no such
// file, no usable interpreter); a RunCancelled is the caller changing its mind
// (an editor's Cancel button). The CLI maps usage problems to exit 2 and
// failures of the target to exit 1.

import type { ErrorMessage } from "./harnessMessages.js";

export type TargetFailureKind =
  | "not-found"
  | "not-callable"
  | "needs-arguments"
  | "import-failed"
  | "raised"
  | "hang"
  | "crashed";

/** Kinds that mean the target was named or shaped wrongly, not that it failed. */
const USAGE_KINDS: ReadonlySet<TargetFailureKind> = new Set(["not-found", "not-callable", "needs-arguments"]);

export class TargetFailure extends Error {
  override readonly name = "TargetFailure";
  readonly kind: TargetFailureKind;
  readonly exceptionType: string | undefined;
  readonly traceback: string | undefined;
  /** Where stuck threads were, for a hang (GIL builds only). */
  readonly stacks: readonly string[];
  /** The parameters a needs-arguments target wants. */
  readonly parameters: readonly string[];

  constructor(kind: TargetFailureKind, message: string, details: Partial<Omit<ErrorMessage, "type" | "kind" | "message">> = {}) {
    super(message);
    this.kind = kind;
    this.exceptionType = details.exceptionType;
    this.traceback = details.traceback;
    this.stacks = details.stacks ?? [];
    this.parameters = details.parameters ?? [];
  }

  get isUsageError(): boolean {
    return USAGE_KINDS.has(this.kind);
  }
}

export class RunnerUsageError extends Error {
  override readonly name = "RunnerUsageError";
}

/** The request's AbortSignal fired: the harness's process group is gone, and nothing was measured to the end. */
export class RunCancelled extends Error {
  override readonly name = "RunCancelled";
  constructor() {
    super("cancelled: the harness and everything it started were killed");
  }
}

const KNOWN_KINDS: ReadonlySet<string> = new Set<TargetFailureKind>([
  "not-found",
  "not-callable",
  "needs-arguments",
  "import-failed",
  "raised",
  "hang",
  "crashed",
]);

/** The harness's error message as an exception; "internal"/"protocol" errors are bugs, not the target's fault. */
export function errorFromMessage(message: ErrorMessage): Error {
  if (message.kind === "interpreter") return new RunnerUsageError(message.message);
  if (!KNOWN_KINDS.has(message.kind)) {
    return new Error(`harness ${message.kind} error: ${message.message}${message.traceback ? `\n${message.traceback}` : ""}`);
  }
  return new TargetFailure(message.kind as TargetFailureKind, message.message, message);
}
