// The `aether.profile` command and its one argument, as the code lens sends
// it and as any client may: which document, which function, and its `def`
// line (where the result's diagnostic goes).

export const PROFILE_COMMAND = "aether.profile";

export interface ProfileCommandArguments {
  readonly uri: string;
  /** The qualified name in the module: "handle", "Cache.refresh". */
  readonly target: string;
  /** The `def` line, 0-based; optional for a client that names the function only. */
  readonly line?: number | undefined;
}

/** The argument, or why it is not one. */
export function readProfileArguments(args: readonly unknown[] | undefined): ProfileCommandArguments | { readonly problem: string } {
  const [first] = args ?? [];
  const argument = typeof first === "object" && first !== null ? (first as Record<string, unknown>) : undefined;
  const { uri, target, line } = argument ?? {};
  if (typeof uri !== "string" || typeof target !== "string") {
    return { problem: `${PROFILE_COMMAND} takes one argument { uri, target, line? }, e.g. { "uri": "file:///app/jobs.py", "target": "Cache.refresh" }` };
  }
  if (line !== undefined && !(typeof line === "number" && Number.isInteger(line) && line >= 0)) {
    return { problem: `${PROFILE_COMMAND}: line must be a 0-based line number, got ${JSON.stringify(line)}` };
  }
  return { uri, target, line };
}
