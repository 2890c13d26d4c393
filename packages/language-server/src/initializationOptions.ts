// What a client may send in `initializationOptions`. All optional: a plain
// LSP client sends nothing and gets diagnostics, fixes and profiling.

export interface InitializationOptions {
  /** The `aether` settings, for clients that cannot answer `workspace/configuration`. */
  readonly settings?: unknown;
  /** False in an untrusted workspace: no code lens, and `aether.profile` refuses (it runs user code). */
  readonly profiling: boolean;
  /** The client shows reports itself on `aether/showReport` (the VS Code extension's webview). */
  readonly reportView: boolean;
}

export function readInitializationOptions(raw: unknown): InitializationOptions {
  const options = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    settings: options["settings"],
    profiling: options["profiling"] !== false,
    reportView: options["reportView"] === true,
  };
}
