// The "Language server" section of `pnpm bench` (scripts/bench.mjs): how long a
// user waits for diagnostics in an editor, and how much memory the server holds.
//
// Drives the real server (`node packages/language-server/dist/src/bin.js
// --stdio`) over its pipes with vscode-languageserver-protocol, as an editor
// would (push diagnostics, `workspace/configuration` answered with the default
// settings), and measures:
//
//   edit -> diagnostics   one-character incremental didChange, to the
//                         publishDiagnostics for that version; p50/p95 over
//                         --edits edits (default 200) on a ~500-line module
//                         and on a >= 5,000-line file. Edits are spaced out:
//                         each waits for the previous edit's diagnostics plus
//                         lintDelay + 10 ms of quiet, so the server's debounce
//                         lints it at once (a user typing one character after
//                         a pause). Edits alternate insert / delete of one
//                         character inside an identifier near the middle of
//                         the file, so the file stays valid Python.
//   syntax error          the same on the large file with an edit that breaks
//                         the syntax, then one that repairs it.
//   typing burst          20 one-character edits 30 ms apart (typing, then
//                         backspacing): the last edit to its diagnostics. This
//                         includes the lintDelay debounce by design.
//   memory                a fresh server opens 200 distinct stdlib files
//                         (didOpen, then waits for each one's diagnostics);
//                         then its RSS (VmRSS, /proc) and, from a SIGUSR2
//                         probe loaded with --import, its V8 heap before and
//                         after a full GC.
//   breakdown             in this process, the server's own pipeline on the
//                         large file (OpenDocument + ProjectConfigs from the
//                         server's dist, convertTree + pythonLanguage from the
//                         plugin): incremental parse, conversion, SourceCode,
//                         Linter.verify, and verify split into ESLint itself
//                         (every rule off), the semantic model (every layer
//                         built ahead of verify) and the rules (verify with
//                         the model ready, minus ESLint itself), the slowest
//                         rules ranked by ESLint's `stats: true`.
//
// Timings are medians / p95 with their sample counts and are never asserted:
// the goals are printed as met or not, the exit status does not depend on them.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readUtf8, stdlibFiles, stdlibName } from "./pythonReference.mjs";

const LS_PACKAGE = new URL("../packages/language-server/package.json", import.meta.url);
const LS_DIST = new URL("../packages/language-server/dist/src/", import.meta.url);
const BIN = fileURLToPath(new URL("bin.js", LS_DIST));

/** The goals from the issue. */
export const GOALS = { p95Ms: 50, memoryMb: 300 };

export const LS_DEFAULTS = {
  /** Spaced-out edits measured per file (after WARMUP unmeasured ones). */
  edits: 200,
  /** Files opened for the memory figure. */
  open: 200,
  /** Typing bursts per file, and their shape. */
  bursts: 10,
  burstEdits: 20,
  burstGapMs: 30,
  /** Edits measured on the large file with a syntax error (half break, half repair). */
  syntaxEdits: 40,
  /** Edits of the in-process breakdown. */
  breakdownEdits: 30,
};
const WARMUP = 10;

/** The ~500-line module, and the modules concatenated (in order, whole) until the large file has >= 5,000 lines. */
const SMALL_MODULE = "multiprocessing/util.py";
const SMALL_FALLBACKS = ["textwrap.py", "poplib.py", "operator.py"];
const LARGE_LINES = 5000;
const LARGE_MODULES = [
  "threading.py",
  "queue.py",
  "concurrent/futures/_base.py",
  "concurrent/futures/thread.py",
  "concurrent/futures/process.py",
  "multiprocessing/pool.py",
  "sched.py",
  "multiprocessing/util.py",
  "socketserver.py",
  "multiprocessing/managers.py",
  "_pydecimal.py",
];

/** Loaded into the memory server with --import: on SIGUSR2, prints its V8 heap before and after a full GC. */
const MEMORY_PROBE =
  "data:text/javascript," +
  encodeURIComponent(
    `process.on("SIGUSR2", () => {
      const before = process.memoryUsage();
      globalThis.gc?.();
      const after = process.memoryUsage();
      process.stderr.write("AETHER_BENCH_MEMORY " + JSON.stringify({ before, after }) + "\\n");
    });`,
  );

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile of numbers (p in 0..100). */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

const summary = (values) => ({ n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) });

function countLines(text) {
  return text.split(/\r\n|\r|\n/).length - (/[\r\n]$/.test(text) ? 1 : 0);
}

/** vscode-languageserver-protocol, from the language server's own dependencies. */
function loadProtocol() {
  return createRequire(LS_PACKAGE)("vscode-languageserver-protocol/node");
}

/** A language client over the server's stdio, timing diagnostics as they arrive. */
class BenchClient {
  /** `${uri}#${version}` -> arrival, for pushes nobody waits for yet. */
  #arrived = new Map();
  #waiters = new Map();
  stderr = "";
  messages = [];
  pushes = 0;
  #exited = false;

  constructor(child, connection) {
    this.child = child;
    this.connection = connection;
    child.once("exit", () => {
      this.#exited = true;
      for (const waiter of this.#waiters.values()) waiter.reject(new Error(`the language server exited; stderr: ${this.stderr.trim()}`));
      this.#waiters.clear();
    });
    connection.onNotification("textDocument/publishDiagnostics", (params) => {
      const time = performance.now();
      this.pushes++;
      if (params.version === undefined || params.version === null) return;
      const key = `${params.uri}#${params.version}`;
      const arrival = { time, diagnostics: params.diagnostics.length };
      const waiter = this.#waiters.get(key);
      if (waiter) {
        this.#waiters.delete(key);
        waiter.resolve(arrival);
      } else this.#arrived.set(key, arrival);
    });
    connection.onNotification("window/showMessage", (params) => this.messages.push(params.message));
    connection.onNotification("window/logMessage", (params) => {
      if (params.type <= 2) this.messages.push(params.message);
    });
    // Default settings: the `aether` section is empty.
    connection.onRequest("workspace/configuration", (params) => params.items.map((item) => (item.section === "aether" ? {} : null)));
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("workspace/diagnostic/refresh", () => null);
    connection.onRequest("window/workDoneProgress/create", () => null);
  }

  static async start({ rootPath, memoryProbe = false }) {
    const protocol = loadProtocol();
    const args = [...(memoryProbe ? ["--expose-gc", `--import=${MEMORY_PROBE}`] : []), BIN, "--stdio"];
    const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"] });
    // Never leave the server behind, whatever happens to this process.
    LIVE_SERVERS.add(child);
    child.once("exit", () => LIVE_SERVERS.delete(child));
    killServersOnExit();
    const connection = protocol.createProtocolConnection(
      new protocol.StreamMessageReader(child.stdout),
      new protocol.StreamMessageWriter(child.stdin),
    );
    const client = new BenchClient(child, connection);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      client.stderr += chunk;
    });
    child.stdin.on("error", () => undefined); // EPIPE when the server dies: reported through "exit"
    connection.onError(() => undefined);
    connection.listen();
    try {
      const rootUri = pathToFileURL(rootPath).href;
      await withTimeout(
        connection.sendRequest("initialize", {
          processId: process.pid,
          rootUri,
          workspaceFolders: [{ uri: rootUri, name: "stdlib" }],
          capabilities: {
            workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
            textDocument: {
              synchronization: { didSave: false },
              publishDiagnostics: { versionSupport: true },
              codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source.fixAll"] } } },
            },
            window: { workDoneProgress: true, showDocument: { support: true } },
          },
        }),
        30_000,
        () => `the language server did not answer initialize; stderr: ${client.stderr.trim()}`,
      );
      await connection.sendNotification("initialized", {});
    } catch (error) {
      await client.stop();
      throw error;
    }
    return client;
  }

  get pid() {
    return this.child.pid;
  }

  open(uri, text, version = 1) {
    return this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "python", version, text } });
  }

  change(uri, version, changes) {
    return this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: changes });
  }

  /** Resolves with { time, diagnostics } when the push for this version arrives (register before sending the edit). */
  expect(uri, version, timeoutMs = 120_000) {
    const key = `${uri}#${version}`;
    const arrived = this.#arrived.get(key);
    if (arrived) {
      this.#arrived.delete(key);
      return Promise.resolve(arrived);
    }
    if (this.#exited) return Promise.reject(new Error(`the language server exited; stderr: ${this.stderr.trim()}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(key);
        reject(new Error(`no diagnostics for ${uri} version ${version} within ${timeoutMs / 1000} s; server stderr: ${this.stderr.trim()}`));
      }, timeoutMs);
      this.#waiters.set(key, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
    });
  }

  /** Forget pushes for older versions nobody waited for. */
  clearArrivals() {
    this.#arrived.clear();
  }

  /** The V8 heap before and after a full GC, from the --import probe (memory server only). */
  async heap(timeoutMs = 20_000) {
    const marker = "AETHER_BENCH_MEMORY ";
    const from = this.stderr.length;
    this.child.kill("SIGUSR2");
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const at = this.stderr.indexOf(marker, from);
      const end = at < 0 ? -1 : this.stderr.indexOf("\n", at);
      if (end >= 0) return JSON.parse(this.stderr.slice(at + marker.length, end));
      await sleep(20);
    }
    return undefined;
  }

  /** shutdown + exit, then SIGKILL if the server is still there. */
  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      try {
        await withTimeout(this.connection.sendRequest("shutdown"), 5000, () => "shutdown timed out");
        await this.connection.sendNotification("exit");
      } catch {
        // the server may be gone or stuck: killed below
      }
      if (this.child.exitCode === null && this.child.signalCode === null) {
        await Promise.race([new Promise((resolve) => this.child.once("exit", resolve)), sleep(2000)]);
      }
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    }
    this.connection.dispose();
  }
}

/** Servers started and not yet exited: killed if this process exits or is interrupted. */
const LIVE_SERVERS = new Set();
let exitHooked = false;

function killServersOnExit() {
  if (exitHooked) return;
  exitHooked = true;
  const killAll = () => {
    for (const child of LIVE_SERVERS) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => {
      killAll();
      process.kill(process.pid, signal);
    });
  }
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(message())), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Clock ticks per second of /proc/<pid>/stat. */
const CLOCK_TICKS = (() => {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const n = Number(result.stdout?.trim());
  return Number.isInteger(n) && n > 0 ? n : 100;
})();

/** CPU time (user + system) a process has used, in ms (Linux); undefined elsewhere. */
function procCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** VmRSS and VmHWM of a process, in bytes (Linux); undefined elsewhere. */
function procMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field) => {
      const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status);
      return m ? Number(m[1]) * 1024 : undefined;
    };
    return { rss: kb("VmRSS"), peak: kb("VmHWM") };
  } catch {
    return undefined;
  }
}

/** The benchmark's files: the small module, the concatenated large one, and where to edit each. */
function benchFiles(stdlib) {
  const read = (name) => {
    const text = readUtf8(join(stdlib, name));
    return text === null ? undefined : text.endsWith("\n") ? text : text + "\n";
  };
  const smallName = [SMALL_MODULE, ...SMALL_FALLBACKS].find((name) => read(name) !== undefined);
  if (smallName === undefined) throw new Error(`none of ${[SMALL_MODULE, ...SMALL_FALLBACKS].join(", ")} in ${stdlib}`);
  const small = { label: "~500-line file", source: smallName, text: read(smallName) };
  const parts = [];
  let large = "";
  for (const name of LARGE_MODULES) {
    if (countLines(large) >= LARGE_LINES) break;
    const text = read(name);
    if (text === undefined) continue;
    parts.push(name);
    large += text;
  }
  if (countLines(large) < LARGE_LINES) throw new Error(`the modules ${LARGE_MODULES.join(", ")} of ${stdlib} have fewer than ${LARGE_LINES} lines`);
  const big = { label: "5,000-line file", source: parts.join(" + "), text: large };
  for (const [file, name] of [
    [small, "aether_bench_500.py"],
    [big, "aether_bench_5000.py"],
  ]) {
    // Files that do not exist: the server lints the buffer, never the disk.
    file.uri = pathToFileURL(join(stdlib, name)).href;
    file.path = join(stdlib, name);
    file.lines = countLines(file.text);
    file.edit = editSite(file.text);
  }
  return { small, big };
}

/** Inside the name of the `def` nearest the middle of the file: one character after its first. */
function editSite(text) {
  const lines = text.split("\n");
  const middle = Math.floor(lines.length / 2);
  for (let d = 0; d < lines.length; d++) {
    for (const line of [middle - d, middle + d]) {
      const m = /^(\s*def\s+)([A-Za-z_]\w{2,})\s*\(/.exec(lines[line] ?? "");
      if (m) return { line, character: m[1].length + 1, identifier: m[2] };
    }
  }
  throw new Error("no def to edit");
}

const at = (line, character) => ({ line, character });
const insertAt = (line, character, text) => ({ range: { start: at(line, character), end: at(line, character) }, text });
const deleteAt = (line, character) => ({ range: { start: at(line, character), end: at(line, character + 1) }, text: "" });

/** One edit, timed from sending it to the push of its version. */
async function timedEdit(client, file, change) {
  const version = ++file.version;
  const arrival = client.expect(file.uri, version);
  const start = performance.now();
  await client.change(file.uri, version, [change]);
  const { time, diagnostics } = await arrival;
  return { ms: time - start, diagnostics };
}

/** Spaced-out one-character edits, alternating insert / delete so the text ends as it began. */
async function spacedEdits(client, file, count, quietMs, { insertText = "x", warmup = WARMUP } = {}) {
  const { line, character } = file.edit;
  const inserts = [];
  const deletes = [];
  const diagnostics = [];
  const total = warmup + count + ((warmup + count) % 2); // even: the file ends unchanged
  let cpuStart;
  let cpuEnd;
  for (let i = 0; i < total; i++) {
    if (i === warmup) cpuStart = procCpuMs(client.pid);
    const change = i % 2 === 0 ? insertAt(line, character, insertText) : deleteAt(line, character);
    const result = await timedEdit(client, file, change);
    if (i >= warmup && inserts.length + deletes.length < count) {
      (i % 2 === 0 ? inserts : deletes).push(result.ms);
      diagnostics.push(result.diagnostics);
      if (inserts.length + deletes.length === count) cpuEnd = procCpuMs(client.pid);
    }
    await sleep(quietMs);
  }
  // The server's CPU time per edit: what contention from other processes does not inflate (10 ms ticks, averaged).
  const cpuPerEdit = cpuStart === undefined || cpuEnd === undefined ? undefined : (cpuEnd - cpuStart) / count;
  return { inserts, deletes, all: [...inserts, ...deletes], diagnostics, cpuPerEdit };
}

/** Typing bursts: `edits` characters `gapMs` apart, then as many backspaces; the last edit of each to its diagnostics. */
async function typingBursts(client, file, { bursts, edits, gapMs }, quietMs) {
  const { line, character } = file.edit;
  const samples = [];
  const pushesPerBurst = [];
  const word = "abcdefghijklmnopqrstuvwxyz";
  for (let b = 0; b < bursts + (bursts % 2); b++) {
    const typing = b % 2 === 0;
    const pushesBefore = client.pushes;
    let last;
    let lastSent = 0;
    for (let i = 0; i < edits; i++) {
      const change = typing ? insertAt(line, character + i, word[i % word.length]) : deleteAt(line, character + edits - 1 - i);
      const version = ++file.version;
      if (i === edits - 1) last = client.expect(file.uri, version);
      lastSent = performance.now();
      await client.change(file.uri, version, [change]);
      if (i < edits - 1) await sleep(gapMs);
    }
    const { time } = await last;
    if (b < bursts) {
      samples.push(time - lastSent);
      pushesPerBurst.push(client.pushes - pushesBefore);
    }
    client.clearArrivals();
    await sleep(quietMs);
  }
  return { ...summary(samples), samples, pushesPerBurst: percentile(pushesPerBurst, 50) };
}

/** Edit latency, syntax-error edits and typing bursts, in one server with both files open. */
async function latency({ stdlib, files, options, lintDelay, progress }) {
  const quietMs = lintDelay + 10;
  const client = await BenchClient.start({ rootPath: stdlib });
  try {
    const out = {};
    for (const file of [files.small, files.big]) {
      file.version = 1;
      const opened = client.expect(file.uri, 1);
      const start = performance.now();
      await client.open(file.uri, file.text, 1);
      const first = await opened;
      await sleep(quietMs);
      progress(`language server: ${options.edits} spaced edits on the ${file.label} (${file.lines} lines), after ${WARMUP} warm-up edits`);
      const edits = await spacedEdits(client, file, options.edits, quietMs);
      out[file === files.small ? "small" : "big"] = {
        source: file.source,
        lines: file.lines,
        edit: { line: file.edit.line + 1, identifier: file.edit.identifier },
        openMs: first.time - start,
        diagnostics: percentile(edits.diagnostics, 50),
        cpuPerEditMs: edits.cpuPerEdit,
        ...summary(edits.all),
        insert: summary(edits.inserts),
        delete: summary(edits.deletes),
      };
    }
    if (options.syntaxEdits > 0) {
      progress(`language server: ${options.syntaxEdits} edits breaking / repairing the syntax of the ${files.big.label}`);
      const broken = await spacedEdits(client, files.big, options.syntaxEdits, quietMs, { insertText: "(", warmup: 2 });
      out.syntaxError = { breaking: summary(broken.inserts), repairing: summary(broken.deletes), breakingDiagnostics: percentile(broken.diagnostics.filter((_, i) => i % 2 === 0), 50) };
    }
    out.bursts = {};
    for (const [key, file] of [
      ["small", files.small],
      ["big", files.big],
    ]) {
      progress(`language server: ${options.bursts} typing bursts (${options.burstEdits} edits ${options.burstGapMs} ms apart) on the ${file.label}`);
      out.bursts[key] = await typingBursts(client, file, { bursts: options.bursts, edits: options.burstEdits, gapMs: options.burstGapMs }, quietMs);
    }
    out.serverMessages = [...new Set(client.messages)];
    return out;
  } finally {
    await client.stop();
  }
}

/** A fresh server opens `count` distinct stdlib files, one after another; then its memory. */
async function memory({ stdlib, count, progress }) {
  const all = stdlibFiles(stdlib);
  // Spread evenly over the whole library (packages, tests, large and small
  // modules); a file that is not valid UTF-8 gives way to the next one.
  const chosen = [];
  const taken = new Set();
  for (let i = 0; i < count; i++) {
    for (let j = Math.floor((i * all.length) / count); j < all.length; j++) {
      if (taken.has(j)) continue;
      const text = readUtf8(all[j]);
      if (text === null) continue;
      taken.add(j);
      chosen.push({ path: all[j], text });
      break;
    }
  }
  const client = await BenchClient.start({ rootPath: stdlib, memoryProbe: true });
  try {
    await sleep(200);
    const baseline = procMemory(client.pid);
    const baselineHeap = await client.heap();
    progress(`language server: opening ${chosen.length} stdlib files in a fresh server`);
    const openMs = [];
    let lines = 0;
    let chars = 0;
    for (const file of chosen) {
      const uri = pathToFileURL(file.path).href;
      const arrived = client.expect(uri, 1);
      const start = performance.now();
      await client.open(uri, file.text, 1);
      openMs.push((await arrived).time - start);
      lines += countLines(file.text);
      chars += file.text.length;
    }
    await sleep(200);
    const after = procMemory(client.pid);
    const heap = await client.heap();
    const afterGc = procMemory(client.pid);
    const rss = after?.rss ?? heap?.before.rss;
    return {
      files: chosen.length,
      lines,
      chars,
      largest: chosen.reduce((a, b) => (countLines(b.text) > countLines(a.text) ? b : a), chosen[0]),
      open: summary(openMs),
      rss,
      rssSource: after?.rss !== undefined ? "VmRSS" : "process.memoryUsage().rss",
      peakRss: after?.peak,
      rssAfterGc: afterGc?.rss ?? heap?.after.rss,
      baselineRss: baseline?.rss ?? baselineHeap?.before.rss,
      heap,
      baselineHeap,
    };
  } finally {
    await client.stop();
  }
}

/** The server's pipeline in this process, stage by stage, on the large file. */
async function breakdown({ file, count, progress }) {
  const lsRequire = createRequire(LS_PACKAGE);
  const pluginEntry = lsRequire.resolve("eslint-plugin-aether");
  const plugin = await import(pathToFileURL(pluginEntry).href);
  const { convertTree, pythonLanguage, parseTree, SemanticModel } = plugin;
  const { OpenDocument } = await import(new URL("documents/openDocument.js", LS_DIST).href);
  const { ProjectConfigs } = await import(new URL("lint/projectConfigs.js", LS_DIST).href);
  const project = new ProjectConfigs().forFile(file.path);
  if (!("linter" in project)) throw new Error(`no config for ${file.path}: ${project.message}`);
  const { linter, config } = project;
  const ruleIds = [...new Set(config.flatMap((c) => Object.keys(c.rules ?? {})))];
  const noRules = [...config, { name: "aether-bench/no-rules", rules: Object.fromEntries(ruleIds.map((id) => [id, "off"])) }];
  const modelLayers = Object.entries(Object.getOwnPropertyDescriptors(SemanticModel.prototype))
    .filter(([, d]) => typeof d.get === "function")
    .map(([name]) => name);
  const filename = file.path;
  const sourceCodeOf = (text, parsed) =>
    pythonLanguage.createSourceCode({ path: filename, physicalPath: filename, body: text, bom: false }, { ok: true, ast: parsed.ast, comments: parsed.comments }, { languageOptions: {} });

  // Linter.verify keeps `stats: true` times per fix pass, and only
  // verifyAndFix starts the pass count: one empty verifyAndFix primes it.
  // The times then add up over the runs; each edit takes the difference.
  linter.verifyAndFix("", config, { filename, stats: true, fix: false });
  const ruleTotals = () => {
    const totals = {};
    for (const pass of linter.getTimes().passes ?? []) {
      for (const [id, time] of Object.entries(pass.rules ?? {})) totals[id] = (totals[id] ?? 0) + (time.total ?? 0);
    }
    return totals;
  };

  let modelErrors = 0;
  /** Every layer of the semantic model, built ahead of verify (the rules then find it in the SourceCode's cache). */
  const buildModel = (sourceCode) => {
    const model = SemanticModel.of(sourceCode, filename);
    for (const layer of modelLayers) {
      try {
        void model[layer];
      } catch {
        modelErrors++;
      }
    }
  };

  const document = new OpenDocument(file.uri, "python", 1, file.text);
  document.currentTree();
  const { line, character } = file.edit;
  const stageNames = ["apply", "parse", "convert", "sourceCode", "verify", "total", "fullParse", "eslintOnly", "model", "modelReady", "rules"];
  /** Wall-clock and CPU (this process, all threads: GC helpers included) ms per stage. */
  const stage = Object.fromEntries(stageNames.map((name) => [name, []]));
  const cpu = Object.fromEntries(stageNames.map((name) => [name, []]));
  const now = () => {
    const { user, system } = process.cpuUsage();
    return { wall: performance.now(), cpu: (user + system) / 1000 };
  };
  const perRule = new Map();
  let version = 1;
  progress(`language server: in-process breakdown, ${count} edits on the ${file.label}`);
  const warmup = 4;
  for (let i = 0; i < warmup + count + ((warmup + count) % 2); i++) {
    const change = i % 2 === 0 ? insertAt(line, character, "x") : deleteAt(line, character);
    // The server's pipeline (lintDocument.ts), stage by stage.
    const t0 = now();
    document.applyChanges([change], ++version);
    const t1 = now();
    const tree = document.currentTree();
    const t2 = now();
    const parsed = convertTree(document.text, tree);
    const t3 = now();
    if (!parsed.ok) throw new Error(`the edited file does not parse: ${parsed.errors[0]?.message}`);
    const sourceCode = sourceCodeOf(document.text, parsed);
    const t4 = now();
    linter.verify(sourceCode, config, filename);
    const t5 = now();

    // Verify split up, each on a fresh SourceCode: ESLint with every rule off;
    // the semantic model built ahead (every layer), then the rules on it.
    const bare = sourceCodeOf(document.text, convertTree(document.text, tree));
    const t6 = now();
    linter.verify(bare, noRules, filename);
    const t7 = now();
    const modelled = sourceCodeOf(document.text, convertTree(document.text, tree));
    const t8 = now();
    buildModel(modelled);
    const t9 = now();
    linter.verify(modelled, config, filename);
    const t10 = now();
    // Which rules: per-rule times from ESLint's stats (its wrappers add their own overhead; used to rank only).
    const ranked = sourceCodeOf(document.text, convertTree(document.text, tree));
    buildModel(ranked);
    const before = ruleTotals();
    linter.verify(ranked, config, { filename, stats: true });
    const rules = Object.fromEntries(Object.entries(ruleTotals()).map(([id, total]) => [id, total - (before[id] ?? 0)]));
    const t11 = now();
    parseTree(document.text).delete();
    const t12 = now();

    if (i < warmup || stage.total.length >= count) continue;
    const push = (name, from, to, minus = [to, to]) => {
      stage[name].push(to.wall - from.wall - (minus[1].wall - minus[0].wall));
      cpu[name].push(to.cpu - from.cpu - (minus[1].cpu - minus[0].cpu));
    };
    push("apply", t0, t1);
    push("parse", t1, t2);
    push("convert", t2, t3);
    push("sourceCode", t3, t4);
    push("verify", t4, t5);
    push("total", t0, t5);
    push("eslintOnly", t6, t7);
    push("model", t8, t9);
    push("modelReady", t9, t10);
    push("rules", t9, t10, [t6, t7]);
    push("fullParse", t11, t12);
    for (const [id, ms] of Object.entries(rules)) perRule.set(id, [...(perRule.get(id) ?? []), ms]);
  }
  document.dispose();
  const medians = Object.fromEntries(Object.entries(stage).map(([k, v]) => [k, percentile(v, 50)]));
  const cpuMedians = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, percentile(v, 50)]));
  const rules = [...perRule].map(([id, v]) => ({ id, ms: percentile(v, 50) })).sort((a, b) => b.ms - a.ms);
  return { n: stage.total.length, medians, cpuMedians, p95: { total: percentile(stage.total, 95), verify: percentile(stage.verify, 95) }, rules, modelLayers, modelErrors };
}

/**
 * The whole Language server section.
 * @param {{ stdlib: string, progress: (m: string) => void, edits?: number, open?: number }} options
 */
export async function benchLanguageServer(options) {
  const opts = { ...LS_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const { stdlib, progress } = opts;
  const { DEFAULT_SETTINGS } = await import(new URL("settings.js", LS_DIST).href);
  const lintDelay = DEFAULT_SETTINGS.lintDelay;
  const files = benchFiles(stdlib);
  const { version: serverVersion } = JSON.parse(readFileSync(LS_PACKAGE, "utf8"));
  const report = {
    server: `node ${relative(process.cwd(), BIN) || BIN} --stdio`,
    serverVersion,
    node: process.version,
    lintDelay,
    quietMs: lintDelay + 10,
    warmupEdits: WARMUP,
    goals: GOALS,
    cpus: os.cpus().length,
    loadBefore: os.loadavg()[0],
  };
  report.latency = await latency({ stdlib, files, options: opts, lintDelay, progress });
  report.memory = await memory({ stdlib, count: opts.open, progress });
  report.memory.largest = report.memory.largest ? stdlibName(stdlib, report.memory.largest.path) : undefined;
  try {
    report.breakdown = await breakdown({ file: files.big, count: opts.breakdownEdits, progress });
  } catch (error) {
    report.breakdown = { error: error instanceof Error ? error.message : String(error) };
  }
  report.loadAfter = os.loadavg()[0];
  const big = report.latency.big;
  report.verdict = {
    p95: { goalMs: GOALS.p95Ms, measuredMs: big.p95, met: big.p95 <= GOALS.p95Ms },
    memory: { goalMb: GOALS.memoryMb, measuredMb: report.memory.rss / 2 ** 20, met: report.memory.rss / 2 ** 20 <= GOALS.memoryMb },
  };
  return report;
}

/** Prints the section for a report of benchLanguageServer. */
export function printLanguageServer(report, print) {
  const ms = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : Math.round(x)} ms` : "n/a");
  const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(0)} MB` : "n/a");
  const met = (ok) => (ok ? "met" : "NOT met");
  const { latency, memory, breakdown, verdict } = report;
  print("Language server");
  print("===============");
  print(`${report.server} (${report.serverVersion}), Node ${report.node}; default settings (lintDelay ${report.lintDelay} ms), push diagnostics`);
  const load = `load average ${report.loadBefore.toFixed(1)} before, ${report.loadAfter.toFixed(1)} after, on ${report.cpus} CPUs`;
  print(report.loadAfter > report.cpus || report.loadBefore > report.cpus ? `${load}: other work competed for the CPUs, wall-clock figures are inflated` : load);
  print();
  print(`Edit -> diagnostics: one-character didChange (incremental range) to the publishDiagnostics of its version;`);
  print(`each edit after ${report.quietMs} ms of quiet (linted at once, no debounce wait), inside an identifier, insert/delete alternating;`);
  print(`${report.warmupEdits} warm-up edits not counted.`);
  print(`  ${"file".padEnd(17)}${"lines".padStart(7)}${"n".padStart(6)}${"p50".padStart(9)}${"p95".padStart(9)}${"max".padStart(9)}${"server CPU".padStart(12)}${"didOpen".padStart(9)}  diagnostics`);
  for (const key of ["small", "big"]) {
    const r = latency[key];
    const label = key === "small" ? "~500 lines" : "5,000+ lines";
    print(
      `  ${label.padEnd(17)}${String(r.lines).padStart(7)}${String(r.n).padStart(6)}${ms(r.p50).padStart(9)}${ms(r.p95).padStart(9)}${ms(r.max).padStart(9)}${ms(r.cpuPerEditMs).padStart(12)}${ms(r.openMs).padStart(9)}  ${r.diagnostics}`,
    );
  }
  print(`  (server CPU: the server process's CPU time per edit, mean over the n edits, from /proc: what other processes' load does not inflate)`);
  for (const key of ["small", "big"]) {
    const r = latency[key];
    print(`    ${key === "small" ? "~500 " : "5,000"}: ${r.source}; edit in \`${r.edit.identifier}\` line ${r.edit.line}; insert p50 ${ms(r.insert.p50)} / delete p50 ${ms(r.delete.p50)}`);
  }
  print(`  goal p95 <= ${verdict.p95.goalMs} ms on the 5,000-line file: ${ms(verdict.p95.measuredMs)} -> ${met(verdict.p95.met)}`);
  if (latency.syntaxError) {
    const s = latency.syntaxError;
    print();
    print(`Syntax error (5,000-line file, "(" inserted into the same identifier, then deleted):`);
    print(`  breaking edit   n ${s.breaking.n}, p50 ${ms(s.breaking.p50)}, p95 ${ms(s.breaking.p95)}  (${s.breakingDiagnostics} diagnostic(s): the parse error)`);
    print(`  repairing edit  n ${s.repairing.n}, p50 ${ms(s.repairing.p50)}, p95 ${ms(s.repairing.p95)}`);
  }
  print();
  const b = latency.bursts;
  const first = b.small ?? b.big;
  print(`Typing burst (NOT the edit latency above): ${first.n} bursts of typing / backspacing 20 characters 30 ms apart;`);
  print(`time from the burst's last edit to its diagnostics (includes the ${report.lintDelay} ms debounce by design):`);
  for (const key of ["small", "big"]) {
    const r = b[key];
    print(`  ${(key === "small" ? "~500 lines" : "5,000+ lines").padEnd(17)} n ${r.n}, p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, max ${ms(r.max)}; ${r.pushesPerBurst} pushes per burst (median)`);
  }
  print();
  print(`Memory after opening ${memory.files} distinct stdlib files (${memory.lines.toLocaleString("en-US")} lines, ${(memory.chars / 1e6).toFixed(1)} MB of text; largest ${memory.largest}) in a fresh server, each waited for:`);
  print(`  RSS ${mb(memory.rss)} (${memory.rssSource}; peak ${mb(memory.peakRss)}; ${mb(memory.baselineRss)} before any file; ${mb(memory.rssAfterGc)} after a forced GC)`);
  if (memory.heap) {
    const h = memory.heap;
    const b = memory.baselineHeap?.after;
    print(
      `  V8 heap used ${mb(h.before.heapUsed)} of ${mb(h.before.heapTotal)}, ${mb(h.after.heapUsed)} after a full GC${b ? ` (${mb(b.heapUsed)} before any file)` : ""}; ` +
        `external ${mb(h.after.external)}${b ? ` (${mb(b.external)} before)` : ""}, WebAssembly memory (the kept trees) included`,
    );
  }
  print(`  didOpen -> diagnostics: n ${memory.open.n}, p50 ${ms(memory.open.p50)}, p95 ${ms(memory.open.p95)}, max ${ms(memory.open.max)}`);
  print(`  goal <= ${verdict.memory.goalMb} MB: ${verdict.memory.measuredMb.toFixed(0)} MB -> ${met(verdict.memory.met)}`);
  if (latency.serverMessages.length) {
    print();
    print("The server said (errors and warnings, while editing):");
    for (const message of latency.serverMessages) print(`  ${message.split("\n")[0]}`);
  }
  print();
  if (breakdown.error) {
    print(`Breakdown not available: ${breakdown.error}`);
    return;
  }
  const m = breakdown.medians;
  const c = breakdown.cpuMedians;
  const big = latency.big;
  const row = (label, key, note = "") => print(`  ${label.padEnd(40)}${ms(m[key]).padStart(9)}${ms(c[key]).padStart(9)}${note ? `   ${note}` : ""}`);
  print(`Where the time goes: the server's pipeline in-process on the 5,000-line file, same edits, medians of ${breakdown.n}:`);
  print(`  ${"stage".padEnd(40)}${"wall".padStart(9)}${"CPU".padStart(9)}`);
  row("apply the edit (text + tree.edit)", "apply");
  row("incremental tree-sitter parse", "parse", `(a full parse: ${ms(m.fullParse)})`);
  row("conversion to the Python AST", "convert", "convertTree");
  row("SourceCode", "sourceCode", "pythonLanguage.createSourceCode");
  row("ESLint Linter.verify", "verify", `p95 ${ms(breakdown.p95.verify)}`);
  row("  of which ESLint itself (rules off)", "eslintOnly", "traversal, config, directives");
  row("  of which semantic model (all layers)", "model", `built ahead of verify: ${breakdown.modelLayers.length} layers`);
  row("  of which rules (model ready)", "rules", `verify with the model built ahead (${ms(m.modelReady)}) minus ESLint itself`);
  row("total in-process", "total", `p95 ${ms(breakdown.p95.total)}`);
  print(`  ${"over LSP (edit -> diagnostics p50)".padEnd(40)}${ms(big.p50).padStart(9)}${ms(big.cpuPerEditMs).padStart(9)}   server CPU per edit; wall minus in-process total: ${ms(big.p50 - m.total)}`);
  print("  (CPU: this process's CPU time, GC threads included; the LSP row's wall and CPU come from other runs than the in-process rows)");
  const top = breakdown.rules.slice(0, 5).map((r) => `${r.id.replace(/^aether\//, "")} ${ms(r.ms)}`);
  if (top.length) print(`  slowest rules (ESLint stats: true, model ready; its timers add overhead): ${top.join(", ")}`);
  const stages = [
    ["rules", c.rules],
    ["semantic model", c.model],
    ["conversion", c.convert],
    ["ESLint itself", c.eslintOnly],
    ["incremental parse", c.parse],
  ];
  const sum = stages.reduce((a, [, x]) => a + Math.max(0, x), 0);
  const shares = [...stages].sort((a, b) => b[1] - a[1]).map(([name, x]) => `${name} ${((Math.max(0, x) / sum) * 100).toFixed(0)} %`);
  print(`  shares of the in-process CPU time: ${shares.join(", ")}`);
  print("  (medians of each stage need not add up; the split of verify is measured on fresh SourceCodes of the same text)");
}
