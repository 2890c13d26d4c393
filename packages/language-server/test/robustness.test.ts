import assert from "node:assert/strict";
import { Linter } from "eslint";
import plugin from "eslint-plugin-aether";
import { DiagnosticSeverity } from "vscode-languageserver-protocol";
import { verifyToleratingCrashes } from "../src/lint/ruleCrashes.js";
import { LanguageClient, PUSH_CLIENT } from "./support/languageClient.js";
import { fixtureText, tempProject } from "./support/workspace.js";

const WORKER = fixtureText("worker.py");

describe("robustness", () => {
  it("a file over aether.maxFileSize is skipped with one notice, not linted", async () => {
    const project = tempProject({ "worker.py": WORKER });
    const { client } = await LanguageClient.start({ rootPath: project.root, settings: { maxFileSize: 100 } });
    try {
      const uri = project.uri("worker.py");
      await client.open(uri, WORKER);
      assert.deepEqual((await client.diagnosticsFor(uri)).diagnostics, []);
      await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "#\n" }]);
      await client.diagnosticsFor(uri, (p) => p.version === 2);
      assert.deepEqual(client.messages, [{ type: 3, message: "Aether: worker.py is 1 kB, over aether.maxFileSize (1 kB): not checked." }]);
    } finally {
      await client.stop();
      project.remove();
    }
  });

  it("texts the incremental path hands to ESLint whole (a BOM, a NUL byte) still get their findings or one clear error", async () => {
    const project = tempProject({});
    const { client } = await LanguageClient.start({ rootPath: project.root });
    try {
      const withBom = project.uri("bom.py");
      await client.open(withBom, `\ufeff${WORKER}`);
      const bom = await client.diagnosticsFor(withBom);
      assert.deepEqual(bom.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [
        ["aether/non-atomic-update", 8, 4],
        ["aether/async-threading-mix", 12, 4],
      ]);
      const withNul = project.uri("nul.py");
      await client.open(withNul, "x = 1\0\n");
      const nul = await client.diagnosticsFor(withNul);
      assert.deepEqual(nul.diagnostics.map((d) => [d.message, d.severity]), [
        ["Parsing error: source code cannot contain null bytes", DiagnosticSeverity.Error],
      ]);
    } finally {
      await client.stop();
      project.remove();
    }
  });

  it("half-typed buffers: every prefix of a file gets an answer, and the server lives on", async () => {
    const project = tempProject({});
    const { client } = await LanguageClient.start({ rootPath: project.root });
    try {
      const uri = project.uri("typing.py");
      await client.open(uri, "");
      let version = 1;
      for (let end = 1; end <= WORKER.length; end += 7) {
        version++;
        await client.change(uri, version, [{ text: WORKER.slice(0, end) }]);
      }
      version++;
      await client.change(uri, version, [{ text: WORKER }]);
      const final = await client.diagnosticsFor(uri, (p) => p.version === version);
      assert.equal(final.diagnostics.length, 2);
    } finally {
      await client.stop();
      project.remove();
    }
  });

  it("pull diagnostics for a client that asks for them: full, then unchanged for the same version, refreshed when the config changes", async () => {
    const project = tempProject({ "worker.py": WORKER });
    const capabilities = {
      workspace: { ...PUSH_CLIENT.workspace, diagnostics: { refreshSupport: true } },
      textDocument: { ...PUSH_CLIENT.textDocument, diagnostic: { dynamicRegistration: false } },
    };
    const { client, initialized } = await LanguageClient.start({ rootPath: project.root, capabilities });
    try {
      assert.deepEqual(initialized.capabilities.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: false });
      const uri = project.uri("worker.py");
      await client.open(uri, WORKER);
      const full = await client.connection.sendRequest<{ kind: string; resultId: string; items: { code: string }[] }>(
        "textDocument/diagnostic",
        { textDocument: { uri } },
      );
      assert.deepEqual([full.kind, full.resultId, full.items.map((d) => d.code)], ["full", "1", ["aether/non-atomic-update", "aether/async-threading-mix"]]);
      const again = await client.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri }, previousResultId: "1" });
      assert.deepEqual(again, { kind: "unchanged", resultId: "1" });
      assert.equal(client.diagnostics.size, 0, "a pull client gets no pushes");
      assert.equal(client.diagnosticRefreshes, 0, "nor requests to pull again just because a document opened");
      // What changes the findings without the document changing (here a pyproject.toml) asks the client to pull again.
      await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: project.uri("pyproject.toml"), type: 1 }] });
      await client.until("a diagnostic refresh", () => client.diagnosticRefreshes === 1);
    } finally {
      await client.stop();
      project.remove();
    }
  });

  it("the server exits when its client goes away without shutting it down", async () => {
    const { client } = await LanguageClient.start({});
    const exited = new Promise<number | null>((resolve) => client.child.once("exit", (code) => resolve(code)));
    client.child.stdin!.end();
    assert.notEqual(await exited, undefined);
  });

  it("`--help` prints usage; no transport is a usage error with exit code 2", async () => {
    const { spawnSync } = await import("node:child_process");
    const { fileURLToPath } = await import("node:url");
    const bin = fileURLToPath(new URL("../src/bin.js", import.meta.url));
    const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: aether-language-server --stdio\n/);
    const bare = spawnSync(process.execPath, [bin], { encoding: "utf8" });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /^aether-language-server: no transport given\n/);
  });
});

describe("a rule that throws", () => {
  const explodes = {
    meta: { type: "problem" as const, schema: [] },
    create() {
      return {
        FunctionDef() {
          throw new Error("boom");
        },
      };
    },
  };
  const config: Linter.Config[] = [
    plugin.configs.recommended,
    { plugins: { test: { rules: { explodes } } }, rules: { "test/explodes": "error" } },
  ];

  it("becomes one reported crash, and the other rules' findings still come back", () => {
    const linter = new Linter({ configType: "flat" });
    const { messages, crashes } = verifyToleratingCrashes(linter, WORKER, config, "worker.py");
    assert.deepEqual(messages.map((m) => m.ruleId), ["aether/non-atomic-update", "aether/async-threading-mix"]);
    assert.equal(crashes.length, 1);
    assert.equal(crashes[0]!.ruleId, "test/explodes");
    assert.match(crashes[0]!.message, /^Error: boom\nOccurred while linting .*worker\.py:7\nRule: "test\/explodes"/);
  });
});
