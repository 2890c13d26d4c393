// A real LSP client for the tests: starts `aether-language-server --stdio` as a
// child process and talks JSON-RPC over its pipes with
// vscode-languageserver-protocol's node connection, as an editor would.

import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  InitializeRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
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
    connection.onRequest("workspace/diagnostic/refresh", () => null);
  }

  static async start(options: ClientOptions = {}): Promise<{ client: LanguageClient; initialized: InitializeResult }> {
    const child = spawn(process.execPath, [BIN, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LanguageClient(child, connection, options);
    child.stderr!.on("data", (chunk: Buffer) => client.stderr.push(chunk.toString()));
    connection.listen();
    const root = options.rootPath;
    const initialized = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: root === undefined ? null : pathToFileURL(root).href,
      workspaceFolders: root === undefined ? null : [{ uri: pathToFileURL(root).href, name: "root" }],
      capabilities: options.capabilities ?? PUSH_CLIENT,
      initializationOptions: options.initializationOptions,
    });
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
    for (;;) {
      const found = (this.diagnostics.get(uri) ?? []).find(test);
      if (found) return found;
      await this.#nextEvent(`diagnostics for ${uri}`);
    }
  }

  /** Waits until `test` holds of the client's state (re-checked on every incoming notification). */
  async until(what: string, test: () => boolean): Promise<void> {
    while (!test()) await this.#nextEvent(what);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), delay(5000)]);
      await this.connection.sendNotification("exit");
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      await Promise.race([new Promise((resolve) => this.child.once("exit", resolve)), delay(2000)]);
    }
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }

  #nextEvent(what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; server stderr: ${this.stderr.join("")}`)), 20000);
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
