// The server as the .vsix ships it: unpacked outside the repository, so no node_modules can be
// found, started as VS Code starts it (`node dist/server.mjs --stdio`) and driven over LSP.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, realpathSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import {
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticSeverity,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ConfigurationItem,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { extractZip, packagedVsix } from "./packagedExtension.js";

// One thread entry started four times: `counter += 1` races with itself.
const UNSAFE_PYTHON = `import threading

counter = 0

def work():
    global counter
    counter += 1

for _ in range(4):
    threading.Thread(target=work).start()
`;

describe("the bundled language server, unpacked from the .vsix", () => {
  let tempDir: string;
  let extensionRoot: string;
  let projectDir: string;
  let server: ChildProcess;
  let connection: ProtocolConnection;
  let stderr = "";
  const configurationRequests: ConfigurationItem[][] = [];
  const published: PublishDiagnosticsParams[] = [];
  const publishWaiters: (() => void)[] = [];

  before(async () => {
    const vsix = await packagedVsix();
    tempDir = realpathSync(await mkdtemp(path.join(os.tmpdir(), "aether-vsix-")));
    await extractZip(vsix, tempDir);
    extensionRoot = path.join(tempDir, "extension");
    projectDir = path.join(tempDir, "project");
    await mkdir(projectDir);

    server = spawn(process.execPath, [path.join(extensionRoot, "dist", "server.mjs"), "--stdio"], {
      cwd: tempDir,
      env: withoutNodePath(process.env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    server.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onRequest(ConfigurationRequest.type, (params) => {
      configurationRequests.push(params.items);
      return params.items.map(() => ({ enable: true }));
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      published.push(params);
      publishWaiters.splice(0).forEach((wake) => wake());
    });
    connection.listen();
  });

  after(async () => {
    const exited = once(server, "exit");
    try {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      // A server that ignores `exit` is killed below rather than left running.
      await Promise.race([exited, delay(5000)]);
    } finally {
      connection.dispose();
      if (server.exitCode === null && server.signalCode === null) server.kill();
      await rm(tempDir, { recursive: true, force: true });
    }
  });

  afterEach(function () {
    if (this.currentTest?.state === "failed" && stderr !== "") console.error(`server stderr:\n${stderr}`);
  });

  let initializeResult: InitializeResult;

  it("answers initialize with its capabilities and version", async () => {
    initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(projectDir).href,
      workspaceFolders: [{ uri: pathToFileURL(projectDir).href, name: "project" }],
      capabilities: { workspace: { configuration: true } },
      initializationOptions: { profiling: false, reportView: true },
    });
    assert.ok(initializeResult.capabilities.textDocumentSync, "textDocumentSync");
    assert.ok(initializeResult.capabilities.codeActionProvider, "codeActionProvider");
    // The version comes from the server's package.json, which the bundle finds under dist/packages/.
    assert.deepEqual(initializeResult.serverInfo, { name: "aether-language-server", version: "0.1.0" });
    await connection.sendNotification(InitializedNotification.type, {});
  });

  it("publishes the race in an opened file, with a link to the rule's bundled docs", async () => {
    const file = path.join(projectDir, "counter.py");
    await writeFile(file, UNSAFE_PYTHON);
    const uri = pathToFileURL(file).href;
    const publication = nextPublication(uri);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "python", version: 1, text: UNSAFE_PYTHON },
    });

    const params = await publication;
    assert.equal(params.diagnostics.length, 1);
    const [diagnostic] = params.diagnostics;
    assert.deepEqual(diagnostic.range, { start: { line: 6, character: 4 }, end: { line: 6, character: 16 } });
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.equal(diagnostic.source, "aether");
    assert.equal(diagnostic.code, "aether/non-atomic-update");
    assert.equal(
      diagnostic.message,
      "`counter` is read, changed and written back with no lock held: threads running this at once lose updates. " +
        "`work` runs in threads: `threading.Thread(target=work)` at line 10. " +
        "Guard it with a lock shared by every thread that touches it.",
    );
    const docs = path.join(extensionRoot, "dist", "packages", "eslint-plugin", "docs", "rules", "non-atomic-update.md");
    assert.equal(diagnostic.codeDescription?.href, pathToFileURL(docs).href);
    assert.ok(existsSync(docs), docs);
    // The settings were asked for as the VS Code client answers them: the `aether` section, per file.
    assert.deepEqual(configurationRequests, [[{ scopeUri: uri, section: "aether" }]]);
  });

  /** The first diagnostics published for `uri` after this call (not after its first await). */
  async function nextPublication(uri: string): Promise<PublishDiagnosticsParams> {
    const seen = published.length;
    for (;;) {
      const found = published.slice(seen).find((params) => params.uri === uri);
      if (found) return found;
      await new Promise<void>((wake) => publishWaiters.push(wake));
    }
  }
});

/** The environment without NODE_PATH, so the server cannot resolve modules from the repository. */
function withoutNodePath(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_PATH: _nodePath, ...rest } = env;
  return rest;
}
