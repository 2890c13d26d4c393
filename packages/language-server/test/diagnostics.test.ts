import assert from "node:assert/strict";
import { DiagnosticSeverity } from "vscode-languageserver-protocol";
import { LanguageClient, PUSH_CLIENT } from "./support/languageClient.js";
import { fixtureText, tempProject } from "./support/workspace.js";

const WORKER = fixtureText("worker.py");
const RACE_MESSAGE =
  "`counter` is read, changed and written back with no lock held: threads running this at once lose updates. `work` runs in threads: `threading.Thread(target=work)` at line 17. Guard it with a lock shared by every thread that touches it.";
const SLEEP_MESSAGE =
  "`time.sleep(…)` sleeps inside the coroutine `tick`: it blocks the event loop's thread, so every other task on the loop stalls until it returns (and never returns if it waits for one of them). Use `await asyncio.sleep(…)`.";

describe("diagnostics over stdio", () => {
  let client: LanguageClient;
  let project: ReturnType<typeof tempProject>;

  beforeEach(async () => {
    project = tempProject({ "worker.py": WORKER });
    ({ client } = await LanguageClient.start({ rootPath: project.root }));
  });

  afterEach(async () => {
    await client.stop();
    project.remove();
  });

  it("answers initialize with incremental sync, quick fixes, fix-all, code lenses and the profile command, and pushes diagnostics to a push client", async () => {
    const { initialized } = await LanguageClient.start({ rootPath: project.root }).then(async (started) => {
      await started.client.stop();
      return started;
    });
    assert.deepEqual(initialized.capabilities, {
      textDocumentSync: { openClose: true, change: 2 },
      codeActionProvider: { codeActionKinds: ["quickfix", "source.fixAll.aether"] },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: ["aether.profile"] },
    });
    assert.equal(initialized.serverInfo?.name, "aether-language-server");
  });

  it("publishes every finding on open: range, severity from risk, rule id with its doc link, risk in data", async () => {
    const uri = project.uri("worker.py");
    await client.open(uri, WORKER);
    const published = await client.diagnosticsFor(uri);
    assert.equal(published.version, 1);
    assert.deepEqual(
      published.diagnostics.map(({ codeDescription, ...rest }) => ({ ...rest, href: codeDescription?.href.replace(/^.*\/docs\//, "docs/") })),
      [
        {
          range: { start: { line: 8, character: 4 }, end: { line: 8, character: 16 } },
          severity: DiagnosticSeverity.Error,
          source: "aether",
          code: "aether/non-atomic-update",
          href: "docs/rules/non-atomic-update.md",
          message: RACE_MESSAGE,
          data: { risk: 0.85 },
        },
        {
          range: { start: { line: 12, character: 4 }, end: { line: 12, character: 17 } },
          severity: DiagnosticSeverity.Warning,
          source: "aether",
          code: "aether/async-threading-mix",
          href: "docs/rules/async-threading-mix.md",
          message: SLEEP_MESSAGE,
          data: { risk: 0.65 },
        },
      ],
    );
  });

  it("re-lints each change incrementally: positions move with the text, a fixed race disappears", async () => {
    const uri = project.uri("worker.py");
    await client.open(uri, WORKER);
    await client.diagnosticsFor(uri);
    // Two blank lines above `def work():` — every finding moves down by two, the thread evidence too.
    await client.change(uri, 2, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: "\n\n" }]);
    const moved = await client.diagnosticsFor(uri, (p) => p.version === 2);
    assert.deepEqual(
      moved.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [
        ["aether/non-atomic-update", 10, 4],
        ["aether/async-threading-mix", 14, 4],
      ],
    );
    assert.match(String(moved.diagnostics[0]!.message), /`threading\.Thread\(target=work\)` at line 19\./);
    // Start one thread instead of four: `work` no longer runs concurrently with itself, so no race.
    await client.change(uri, 3, [{ range: { start: { line: 17, character: 0 }, end: { line: 18, character: 4 } }, text: "" }]);
    const oneThread = await client.diagnosticsFor(uri, (p) => p.version === 3);
    assert.deepEqual(oneThread.diagnostics.map((d) => d.code), ["aether/async-threading-mix"]);
  });

  it("reports a syntax error as one diagnostic at its position, and recovers when it is fixed", async () => {
    const uri = project.uri("worker.py");
    await client.open(uri, WORKER);
    await client.diagnosticsFor(uri);
    // `def work():` → `def work(:`
    await client.change(uri, 2, [{ range: { start: { line: 6, character: 9 }, end: { line: 6, character: 10 } }, text: "" }]);
    const broken = await client.diagnosticsFor(uri, (p) => p.version === 2);
    assert.deepEqual(broken.diagnostics, [
      {
        range: { start: { line: 6, character: 9 }, end: { line: 6, character: 10 } },
        severity: DiagnosticSeverity.Error,
        source: "aether",
        message: "Parsing error: invalid syntax: expected ')'",
      },
    ]);
    await client.change(uri, 3, [{ range: { start: { line: 6, character: 9 }, end: { line: 6, character: 9 } }, text: ")" }]);
    const fixed = await client.diagnosticsFor(uri, (p) => p.version === 3);
    assert.deepEqual(fixed.diagnostics.map((d) => d.code), ["aether/non-atomic-update", "aether/async-threading-mix"]);
  });

  it("clears a closed document's diagnostics", async () => {
    const uri = project.uri("worker.py");
    await client.open(uri, WORKER);
    await client.diagnosticsFor(uri);
    await client.close(uri);
    const cleared = await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
    assert.equal(cleared.version, undefined);
  });

  it("a whole-text change (no range) is linted from scratch", async () => {
    const uri = project.uri("worker.py");
    await client.open(uri, "x = 1\n");
    assert.deepEqual((await client.diagnosticsFor(uri)).diagnostics, []);
    await client.change(uri, 2, [{ text: WORKER }]);
    const linted = await client.diagnosticsFor(uri, (p) => p.version === 2);
    assert.equal(linted.diagnostics.length, 2);
  });

  it("an unsaved buffer is linted as if it sat in the workspace folder", async () => {
    const uri = "untitled:Untitled-1";
    await client.open(uri, WORKER);
    const published = await client.diagnosticsFor(uri);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ["aether/non-atomic-update", "aether/async-threading-mix"]);
  });
});

describe("settings and project configuration", () => {
  it("maps severities from the settings: thresholds and per-rule overrides", async () => {
    const project = tempProject({ "worker.py": WORKER });
    const { client } = await LanguageClient.start({
      rootPath: project.root,
      settings: { severity: { errorAtRisk: 0.9, warningAtRisk: 0.5, rules: { "async-threading-mix": "hint" } } },
    });
    try {
      const uri = project.uri("worker.py");
      await client.open(uri, WORKER);
      const published = await client.diagnosticsFor(uri);
      assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [
        ["aether/non-atomic-update", DiagnosticSeverity.Warning],
        ["aether/async-threading-mix", DiagnosticSeverity.Hint],
      ]);
    } finally {
      await client.stop();
      project.remove();
    }
  });

  it("follows [tool.aether] in the nearest pyproject.toml, and re-reads it when the client says it changed", async () => {
    const pyproject = '[tool.aether]\nignore = ["async-threading-mix"]\n';
    const project = tempProject({ "pyproject.toml": pyproject, "pkg/worker.py": WORKER });
    const { client } = await LanguageClient.start({ rootPath: project.root });
    try {
      const uri = project.uri("pkg/worker.py");
      await client.open(uri, WORKER);
      const published = await client.diagnosticsFor(uri);
      assert.deepEqual(published.diagnostics.map((d) => d.code), ["aether/non-atomic-update"]);
      const { writeFileSync } = await import("node:fs");
      writeFileSync(`${project.root}/pyproject.toml`, '[tool.aether]\nignore = ["non-atomic-update"]\n');
      await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: project.uri("pyproject.toml"), type: 2 }] });
      const after = await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 1 && p.diagnostics[0]!.code === "aether/async-threading-mix");
      assert.equal(after.version, 1);
    } finally {
      await client.stop();
      project.remove();
    }
  });

  it("matches thread-entries module names from the pyproject.toml's folder, not the server's working directory", async () => {
    const project = tempProject({
      "pyproject.toml": '[tool.aether]\nthread-entries = ["app.jobs:handle"]\n',
      "app/__init__.py": "",
      "app/jobs.py": "hits = 0\n\n\ndef handle():\n    global hits\n    hits += 1\n",
    });
    const { client } = await LanguageClient.start({ rootPath: project.root });
    try {
      const uri = project.uri("app/jobs.py");
      await client.open(uri, "hits = 0\n\n\ndef handle():\n    global hits\n    hits += 1\n");
      const published = await client.diagnosticsFor(uri);
      assert.deepEqual(
        published.diagnostics.map((d) => [d.range.start.line, /`handle` runs in threads: (.*?)\. Guard/.exec(String(d.message))?.[1]]),
        [[5, "the `threadEntries` option (`app.jobs:handle`)"]],
      );
    } finally {
      await client.stop();
      project.remove();
    }
  });

  it("an invalid [tool.aether] is shown once as an error message (again after it changes), and its files get no diagnostics", async () => {
    const project = tempProject({ "pyproject.toml": '[tool.aether]\npython-version = "2.7"\n', "worker.py": WORKER });
    const { client } = await LanguageClient.start({ rootPath: project.root });
    try {
      const uri = project.uri("worker.py");
      await client.open(uri, WORKER);
      assert.deepEqual((await client.diagnosticsFor(uri)).diagnostics, []);
      await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "\n" }]);
      await client.diagnosticsFor(uri, (p) => p.version === 2);
      assert.equal(client.messages.length, 1);
      assert.equal(client.messages[0]!.type, 1);
      assert.match(client.messages[0]!.message, /^Aether: .*pyproject\.toml: \[tool\.aether\] python-version: .*Files under it are not checked until it is fixed\.$/);
      // Edited but still wrong: said again, once.
      await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: project.uri("pyproject.toml"), type: 2 }] });
      await client.until("the problem shown again", () => client.messages.length === 2);
      assert.equal(client.messages[1]!.message, client.messages[0]!.message);
    } finally {
      await client.stop();
      project.remove();
    }
  });

  it("aether.enable off: no diagnostics", async () => {
    const project = tempProject({ "worker.py": WORKER });
    const { client } = await LanguageClient.start({ rootPath: project.root, settings: { enable: false } });
    try {
      const uri = project.uri("worker.py");
      await client.open(uri, WORKER);
      assert.deepEqual((await client.diagnosticsFor(uri)).diagnostics, []);
    } finally {
      await client.stop();
      project.remove();
    }
  });

  it("a client without workspace/configuration: settings from initializationOptions", async () => {
    const project = tempProject({ "worker.py": WORKER });
    const capabilities = { ...PUSH_CLIENT, workspace: {} };
    const { client } = await LanguageClient.start({
      rootPath: project.root,
      capabilities,
      initializationOptions: { settings: { severity: { rules: { "non-atomic-update": "information" } } } },
    });
    try {
      const uri = project.uri("worker.py");
      await client.open(uri, WORKER);
      const published = await client.diagnosticsFor(uri);
      assert.deepEqual(published.diagnostics.map((d) => d.severity), [DiagnosticSeverity.Information, DiagnosticSeverity.Warning]);
    } finally {
      await client.stop();
      project.remove();
    }
  });
});
