// A real LSP client for the tests: starts `aether-language-server --stdio` as a
// child process and talks JSON-RPC over its pipes with
// vscode-languageserver-protocol's node connection, as an editor would.

import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  InitializeRequest,
  StreamMessageReader,
  WorkDoneProgress,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProgressToken,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowDocumentParams,
  type TextDocumentContentChangeEvent,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from "vscode-languageserver-protocol/node";

const BIN = fileURLToPath(new URL("../../src/bin.js", import.meta.url));

/** What a plain client with push diagnostics and workspace/configuration offers. */
export const PUSH_CLIENT: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll"] } } },
  },
  window: { workDoneProgress: true, showDocument: { support: true } },
};

export interface ClientOptions {
  readonly capabilities?: ClientCapabilities;
  readonly initializationOptions?: unknown;
  /** The `aether` section answered to workspace/configuration. */
  readonly settings?: Record<string, unknown>;
  readonly rootPath?: string;
}

export class LanguageClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  /** `$/progress` values in order, on the tokens the server created and those given to watchProgress. */
  readonly progress: { token: ProgressToken; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }[] = [];
  /** Tokens the server asked for with window/workDoneProgress/create. */
  readonly createdProgress: ProgressToken[] = [];
  /** window/showDocument requests (each answered with success). */
  readonly shownDocuments: ShowDocumentParams[] = [];
  /** Notifications nothing above handles: the server's own, such as aether/showReport. */
  readonly otherNotifications: { method: string; params: unknown }[] = [];
  /** How often the server asked a pull client to pull again. */
  diagnosticRefreshes = 0;
  #waiters: (() => void)[] = [];
  settings: Record<string, unknown>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
    connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params);
      this.diagnostics.set(params.uri, list);
      this.#wake();
    });
    connection.onNotification("window/showMessage", (params: { type: number; message: string }) => {
      this.messages.push(params);
      this.#wake();
    });
    connection.onNotification("window/logMessage", (params: { message: string }) => {
      this.logs.push(params.message);
      this.#wake();
    });
    connection.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === "aether" ? this.settings : null)),
    );
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("workspace/diagnostic/refresh", () => {
      this.diagnosticRefreshes++;
      this.#wake();
      return null;
    });
    connection.onRequest("window/workDoneProgress/create", ({ token }: { token: ProgressToken }) => {
      this.createdProgress.push(token);
      this.watchProgress(token);
      return null;
    });
    connection.onRequest("window/showDocument", (params: ShowDocumentParams) => {
      this.shownDocuments.push(params);
      this.#wake();
      return { success: true };
    });
    connection.onUnhandledNotification(({ method, params }) => {
      this.otherNotifications.push({ method, params });
      this.#wake();
    });
  }

  /** Records `$/progress` on a token the client chose (a workDoneToken it sent with a request). */
  watchProgress(token: ProgressToken): void {
    this.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      this.progress.push({ token, value });
      this.#wake();
    });
  }

  static async start(options: ClientOptions = {}): Promise<{ client: LanguageClient; initialized: InitializeResult }> {
    const child = spawn(process.execPath, [BIN, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LanguageClient(child, connection, options);
    child.stderr!.on("data", (chunk: Buffer) => client.stderr.push(chunk.toString()));
    connection.listen();
    const root = options.rootPath;
    const initialized = await withTimeout("initialize", connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: root === undefined ? null : pathToFileURL(root).href,
      workspaceFolders: root === undefined ? null : [{ uri: pathToFileURL(root).href, name: "root" }],
      capabilities: options.capabilities ?? PUSH_CLIENT,
      initializationOptions: options.initializationOptions,
    }));
    await connection.sendNotification("initialized", {});
    return { client, initialized };
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "python", version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  /** The first diagnostics push for `uri` that satisfies `test`, waiting for it if needed. */
  async diagnosticsFor(uri: string, test: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    let found: PublishDiagnosticsParams | undefined;
    await this.until(`diagnostics for ${uri}`, () => (found = (this.diagnostics.get(uri) ?? []).find(test)) !== undefined);
    return found!;
  }

  /** Waits until `test` holds of the client's state (re-checked on every incoming notification). */
  async until(what: string, test: () => boolean, timeoutMs = 30000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!test()) await this.#nextEvent(what, deadline);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), delay(5000)]);
      await Promise.race([this.connection.sendNotification("exit"), delay(2000)]);
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      await Promise.race([new Promise((resolve) => this.child.once("exit", resolve)), delay(2000)]);
    }
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }

  #nextEvent(what: string, deadline: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${what}; server stderr: ${this.stderr.join("")}`)),
        Math.max(deadline - performance.now(), 0),
      );
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function withTimeout<T>(what: string, promise: Promise<T>, ms = 30000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} got no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
