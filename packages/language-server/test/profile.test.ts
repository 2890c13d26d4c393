// "▶ Profile this function" end to end: the real server over stdio, the real
// python3, the fixtures in test-fixtures/language-server/profile. Which defs
// get a lens; what a profile sends back (progress, the verdict, a diagnostic
// on the def line, the report shown as the client allows); cancelling from
// the progress or the request, with nothing left running; failures as one
// message; and an untrusted workspace, where nothing runs. Profiles are
// kept short (2 thread counts × 3 repeats of 0.05 s): a run takes seconds.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CancellationTokenSource, ExecuteCommandRequest, type CodeLens, type Diagnostic, type InitializeResult } from "vscode-languageserver-protocol/node";
import { LanguageClient, PUSH_CLIENT, type ClientOptions } from "./support/languageClient.js";

const PROFILE_FIXTURES = fileURLToPath(new URL("../../../../test-fixtures/language-server/profile/", import.meta.url));
const CANCELLED = "cancelled: the harness and everything it started were killed";

interface ProfiledResult {
  status: "profiled";
  target: string;
  verdict: string;
  peakThreads: number;
  cliffThreads: number | null;
  recommendedThreads: number;
  reportPath: string | null;
}

describe("profile code lens and aether.profile (real python3)", function () {
  this.timeout(60_000);
  let reports: string;
  let client: LanguageClient | undefined;

  before(() => {
    reports = fs.mkdtempSync(path.join(os.tmpdir(), "aether-ls-reports-"));
  });
  after(() => fs.rmSync(reports, { recursive: true, force: true }));
  afterEach(async () => {
    if (client !== undefined) {
      assert.deepEqual(harnessGroups(client.child.pid!), [], "no harness outlives its run");
      await client.stop();
    }
    client = undefined;
  });

  async function start(options: ClientOptions = {}): Promise<{ initialized: InitializeResult }> {
    const started = await LanguageClient.start({ rootPath: PROFILE_FIXTURES, settings: quickSettings(), ...options });
    client = started.client;
    return started;
  }

  /** Two thread counts, 0.05 s each: a profile in a second or two. */
  function quickSettings(more: Record<string, unknown> = {}): Record<string, unknown> {
    return { profile: { duration: 0.05, maxThreads: 2, reportFolder: reports }, ...more };
  }

  /** Opens a fixture as saved (or with other text, as an editor with unsaved changes). */
  async function open(name: string, text?: string): Promise<string> {
    const uri = pathToFileURL(path.join(PROFILE_FIXTURES, name)).href;
    await client!.open(uri, text ?? fs.readFileSync(path.join(PROFILE_FIXTURES, name), "utf8"));
    return uri;
  }

  function lenses(uri: string): Promise<CodeLens[] | null> {
    return client!.connection.sendRequest("textDocument/codeLens", { textDocument: { uri } });
  }

  function profile(uri: string, target: string, line: number, extra: Record<string, unknown> = {}, token?: CancellationTokenSource): Promise<unknown> {
    const params = { command: "aether.profile", arguments: [{ uri, target, line }], ...extra };
    const connection = client!.connection;
    return token === undefined ? connection.sendRequest(ExecuteCommandRequest.type, params) : connection.sendRequest(ExecuteCommandRequest.type, params, token.token);
  }

  it("puts a lens on each function the harness can call with no arguments, and none in an unsaved buffer", async () => {
    const { initialized } = await start();
    assert.deepEqual(initialized.capabilities.codeLensProvider, { resolveProvider: false });
    assert.deepEqual(initialized.capabilities.executeCommandProvider, { commands: ["aether.profile"] });
    const uri = await open("targets.py");
    const lens = (line: number, indent: number, end: number, target: string): CodeLens => ({
      range: { start: { line, character: indent }, end: { line, character: end } },
      command: { title: "▶ Profile this function", command: "aether.profile", arguments: [{ uri, target, line }] },
    });
    assert.deepEqual(await lenses(uri), [
      lens(11, 0, 21, "handle"),
      lens(15, 0, 101, "with_defaults"),
      lens(35, 0, 62, "outer"),
      lens(43, 0, 51, "cached"),
      lens(56, 0, 23, "replaced"),
      lens(71, 4, 26, "Worker.run"),
      lens(89, 4, 26, "Worker.version"),
      lens(93, 4, 29, "Worker.default"),
      lens(100, 8, 50, "Worker.Inner.ping"),
      lens(114, 4, 43, "Client.parse"),
      lens(118, 4, 36, "Client.local"),
      lens(132, 4, 55, "Settings.total"),
    ]);

    const untitled = "untitled:Untitled-1";
    await client!.open(untitled, fs.readFileSync(path.join(PROFILE_FIXTURES, "targets.py"), "utf8"));
    assert.deepEqual(await lenses(untitled), []);
  });

  it("profiles a function: progress, the verdict, a diagnostic on the def line, the report opened in the browser", async () => {
    await start();
    const uri = await open("quick.py");
    const result = (await profile(uri, "wait", 5)) as ProfiledResult;

    assert.equal(result.status, "profiled");
    assert.equal(result.target, "quick.py:wait");
    assert.match(result.verdict, /^Throughput still rises at 2 threads \(/);
    assert.deepEqual([result.peakThreads, result.cliffThreads, result.recommendedThreads], [2, null, 2]);

    // Progress: on the one token the server created, begun, one report per measurement, ended.
    assert.equal(client!.createdProgress.length, 1);
    assert.deepEqual(progressSteps(client!), [
      { kind: "begin", title: "Profiling quick.py:wait", message: "starting Python", cancellable: true, percentage: 0 },
      { kind: "report", percentage: 17, message: "1 thread, repeat 1/3 (1 of 6 measurements)" },
      { kind: "report", percentage: 33, message: "2 threads, repeat 1/3 (2 of 6 measurements)" },
      { kind: "report", percentage: 50, message: "1 thread, repeat 2/3 (3 of 6 measurements)" },
      { kind: "report", percentage: 67, message: "2 threads, repeat 2/3 (4 of 6 measurements)" },
      { kind: "report", percentage: 83, message: "1 thread, repeat 3/3 (5 of 6 measurements)" },
      { kind: "report", percentage: 100, message: "2 threads, repeat 3/3 (6 of 6 measurements)" },
      { kind: "end" },
    ]);

    assert.deepEqual(client!.messages, [{ type: 3, message: `Aether profile of quick.py:wait: ${result.verdict}` }]);
    assert.deepEqual(await profileDiagnostic(client!, uri), {
      range: { start: { line: 5, character: 0 }, end: { line: 5, character: 11 } },
      severity: 3,
      source: "aether",
      code: "aether/profile",
      message: "Peak at 2 threads; no cliff up to 2 threads",
    });

    const report = result.reportPath!;
    assert.equal(path.dirname(report), reports);
    assert.match(path.basename(report), /^quick\.wait-\d{8}-\d{6}(-\d+)?\.html$/);
    assert.ok(fs.readFileSync(report, "utf8").includes("<h1>Profile of <code>quick.py:wait</code></h1>"));
    assert.deepEqual(client!.shownDocuments, [{ uri: pathToFileURL(report).href, external: true }]);
    assert.deepEqual(client!.otherNotifications, []);
  });

  it("sends aether/showReport instead to a client with its own report view; a second click while it runs is refused", async () => {
    await start({ initializationOptions: { reportView: true } });
    const uri = await open("quick.py");
    const first = profile(uri, "wait", 5);
    await assert.rejects(profile(uri, "wait", 5), { code: -32600, message: "Aether: quick.py:wait is already being profiled" });
    const result = (await first) as ProfiledResult;
    assert.deepEqual(client!.otherNotifications, [
      { method: "aether/showReport", params: { reportPath: result.reportPath, title: "Profile of quick.py:wait" } },
    ]);
    assert.deepEqual(client!.shownDocuments, []);
    assert.deepEqual(client!.messages, [{ type: 3, message: `Aether profile of quick.py:wait: ${result.verdict}` }]);
  });

  it("names the report in the message for a client that can neither open documents nor show progress", async () => {
    await start({ capabilities: { ...PUSH_CLIENT, window: {} } });
    const uri = await open("quick.py");
    const result = (await profile(uri, "wait", 5)) as ProfiledResult;
    assert.ok(fs.existsSync(result.reportPath!));
    assert.deepEqual(client!.messages, [{ type: 3, message: `Aether profile of quick.py:wait: ${result.verdict} Report: ${result.reportPath}` }]);
    assert.deepEqual([client!.createdProgress, client!.progress, client!.shownDocuments], [[], [], []]);
  });

  it("cancels from the progress's Cancel button: the request fails as cancelled and the harness's group is gone", async () => {
    await start();
    const uri = await open("slow.py");
    const running = profile(uri, "crawl", 10);
    const failed = assert.rejects(running, { code: -32800, message: `Aether profile of slow.py:crawl ${CANCELLED}` });
    await client!.until("the first measurement", () => client!.progress.some(({ value }) => value.kind === "report"));
    const [group] = harnessGroups(client!.child.pid!);
    // The harness and the process slow.py started on import, both in the harness's group.
    assert.equal(runningIn(group!).length, 2);

    await client!.connection.sendNotification("window/workDoneProgress/cancel", { token: client!.createdProgress[0] });
    await failed;
    await client!.until("the progress to end", () => client!.progress.at(-1)?.value.kind === "end");
    assert.deepEqual(await untilGone(group!), []);
    assert.deepEqual(client!.messages, []);
  });

  it("cancels when the client cancels the request, with the progress on the client's own token", async () => {
    await start();
    const uri = await open("slow.py");
    client!.watchProgress("client-token");
    const cancel = new CancellationTokenSource();
    const failed = assert.rejects(profile(uri, "crawl", 10, { workDoneToken: "client-token" }, cancel), {
      code: -32800,
      message: `Aether profile of slow.py:crawl ${CANCELLED}`,
    });
    await client!.until("the first measurement", () => client!.progress.some(({ value }) => value.kind === "report"));
    const [group] = harnessGroups(client!.child.pid!);
    cancel.cancel();
    await failed;
    await client!.until("the progress to end", () => client!.progress.at(-1)?.value.kind === "end");
    assert.deepEqual(client!.createdProgress, []);
    assert.ok(client!.progress.every(({ token }) => token === "client-token"));
    assert.deepEqual(await untilGone(group!), []);
  });

  it("reports a run that fails as one error message, and goes on serving", async () => {
    await start({ settings: quickSettings({ pythonPath: "/nonexistent/python3" }) });
    const quick = await open("quick.py");
    const noPython = "aether.pythonPath: /nonexistent/python3 is not an executable file";
    assert.deepEqual(await profile(quick, "wait", 5), { status: "failed", target: "quick.py:wait", message: noPython });
    assert.deepEqual(client!.messages, [{ type: 1, message: `Aether profile of quick.py:wait failed: ${noPython}` }]);

    client!.messages.length = 0;
    client!.settings = quickSettings();
    await client!.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    // Unsaved changes: the file on disk is what runs, and the user is told so.
    const broken = await open("broken.py", `${fs.readFileSync(path.join(PROFILE_FIXTURES, "broken.py"), "utf8")}\n# edited\n`);
    const raised = "importing broken.py raised RuntimeError: DATABASE_URL is not set";
    assert.deepEqual(await profile(broken, "handle", 5), { status: "failed", target: "broken.py:handle", message: raised });
    assert.deepEqual(client!.messages, [
      { type: 2, message: "Aether: broken.py has unsaved changes; profiling the version saved on disk." },
      { type: 1, message: `Aether profile of broken.py:handle failed: ${raised} (details in the language server's log)` },
    ]);
    assert.ok(client!.logs.some((log) => log.includes('raise RuntimeError("DATABASE_URL is not set")')));
    const kinds = client!.progress.map(({ value }) => value.kind);
    assert.deepEqual([kinds.filter((kind) => kind === "begin").length, kinds.filter((kind) => kind === "end").length], [2, 2]);

    // Still serving: the lens list of another file.
    assert.equal((await lenses(await open("targets.py")))?.length, 12);
  });

  it("offers no lens and refuses the command in an untrusted workspace", async () => {
    await start({ initializationOptions: { profiling: false } });
    const uri = await open("quick.py");
    assert.deepEqual(await lenses(uri), []);
    await assert.rejects(profile(uri, "wait", 5), {
      code: -32600,
      message: "Aether: profiling is off because this workspace is not trusted (a profile imports and runs the workspace's code).",
    });
    assert.deepEqual([client!.progress, client!.messages], [[], []]);
  });
});

/** The recorded progress values, with the time-left estimate (which varies run to run) cut off the messages. */
function progressSteps(client: LanguageClient): object[] {
  return client.progress.map(({ value }) =>
    value.kind === "report" ? { ...value, message: value.message?.replace(/, (less than a second|about \d+ s) left$/, "") } : value,
  );
}

async function profileDiagnostic(client: LanguageClient, uri: string): Promise<Diagnostic | undefined> {
  const published = await client.diagnosticsFor(uri, (params) => params.diagnostics.some((d) => d.code === "aether/profile"));
  return published.diagnostics.find((d) => d.code === "aether/profile");
}

interface Process {
  readonly ppid: number;
  readonly pgid: number;
  readonly stat: string;
  readonly args: string;
}

function processes(): Process[] {
  return execFileSync("ps", ["-eo", "ppid=,pgid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .flatMap((row) => {
      const match = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(row);
      return match ? [{ ppid: Number(match[1]), pgid: Number(match[2]), stat: match[3]!, args: match[4]! }] : [];
    });
}

/** The process groups of the harnesses the server runs now (each harness leads its own group). */
function harnessGroups(server: number): number[] {
  return processes()
    .filter((process) => process.ppid === server && process.args.includes("aether_harness.py") && !process.stat.startsWith("Z"))
    .map((process) => process.pgid);
}

/** What still runs in a group: a killed process waiting to be reaped (a zombie) does not. */
function runningIn(group: number): Process[] {
  return processes().filter((process) => process.pgid === group && !process.stat.startsWith("Z"));
}

/** Polls briefly: a killed process takes a moment to disappear from the table. */
async function untilGone(group: number): Promise<Process[]> {
  for (let tries = 0; tries < 100 && runningIn(group).length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
  return runningIn(group);
}
