#!/usr/bin/env node
// `pnpm bench`: how fast Aether lints Python, against how fast CPython parses it.
//
// Lints every `.py` file of the standard library of the machine's `python3`
// with eslint-plugin-aether through ESLint's `Linter` (configs.recommended),
// and, in the same run, times CPython's own `ast.parse` over the same files in
// a `python3` subprocess. Prints lines/second for both and the ratio
// Aether/CPython (the project's goal: >= 1.0), then where Aether's time goes:
//
//   tree-sitter parse        web-tree-sitter alone (parseTree + tree.delete())
//   + conversion to AST      parsePython() minus the above
//   + ESLint, no rules       Linter.verify with the Python language and no rule on
//   + rules                  Linter.verify with configs.recommended, minus the above
//
// Files are read and decoded before any timing (no file I/O is timed); files
// that are not valid UTF-8 are skipped on both sides. Each measurement runs
// twice and the faster run is reported (noise): Aether's four stages are
// interleaved file by file; CPython's subprocess runs before and after them
// (twice each) and its fastest run counts. Timings are never asserted.
//
// Then a "Language server" section (scripts/bench-language-server.mjs): the
// real `aether-language-server --stdio` driven over its pipes, edit ->
// diagnostics p50/p95 on a ~500-line and a 5,000-line file, a typing burst,
// its memory after opening 200 files, and where an edit's time goes.
//
//   node scripts/bench.mjs [--only=lint|language-server] [--limit N] [--python <cmd>]
//                          [--edits N] [--open N] [--json]
//
//   --only=lint              the lint throughput against CPython alone
//   --only=language-server   the language server section alone
//   --limit N                lint: the first N stdlib files only
//   --edits N                language server: edits measured per file (default 200)
//   --open N                 language server: files opened for the memory figure (default 200)
//
// Needs a build first (`pnpm bench` does it). AETHER_ESLINT=eslint9 benchmarks ESLint 9
// (the lint section; the language server always runs on its own ESLint).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { benchLanguageServer, printLanguageServer } from "./bench-language-server.mjs";
import { findPython3, loadBuiltPlugin, pythonVersion, readUtf8, stdlibDir, stdlibFiles, stdlibName } from "./pythonReference.mjs";

const USAGE =
  "usage: node scripts/bench.mjs [--only=lint|language-server] [--limit N] [--python <cmd>] [--edits N] [--open N] [--json]";
const RUNS = 2;
const SECTIONS = ["lint", "language-server"];

function parseArgs(argv) {
  const options = { limit: Infinity, python: undefined, json: false, only: undefined, edits: undefined, open: undefined };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    const positive = () => {
      const text = value();
      const n = Number(text);
      if (!Number.isInteger(n) || n <= 0) usage(`${arg} wants a positive integer, got ${JSON.stringify(text)}`);
      return n;
    };
    if (arg === "--limit") options.limit = positive();
    else if (arg === "--edits") options.edits = positive();
    else if (arg === "--open") options.open = positive();
    else if (arg === "--only") {
      const section = value();
      if (!SECTIONS.includes(section)) usage(`--only wants one of ${SECTIONS.join(", ")}, got ${JSON.stringify(section)}`);
      options.only = section;
    } else if (arg === "--python") options.python = value();
    else if (arg === "--json") options.json = true;
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else usage(`unknown option ${arg}`);
  }
  return options;
}

function usage(message) {
  console.error(`bench: ${message}\n${USAGE}`);
  process.exit(2);
}

const progress = (message) => process.stderr.write(`bench: ${message}\n`);

/** Lines as Python counts them: \n, \r\n, \r; a last line without a newline counts. */
function countLines(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    }
  }
  const last = text.charCodeAt(text.length - 1);
  return text.length > 0 && last !== 10 && last !== 13 ? n + 1 : n;
}

/** The ESLint the plugin's tests use: AETHER_ESLINT (e.g. eslint9) or eslint, resolved from the plugin package. */
async function loadEslint() {
  const name = process.env.AETHER_ESLINT || "eslint";
  const require = createRequire(new URL("../packages/eslint-plugin/package.json", import.meta.url));
  const entry = require.resolve(name);
  const eslint = await import(pathToFileURL(entry).href);
  const Linter = eslint.Linter ?? eslint.default?.Linter;
  return { name, Linter, version: Linter.version };
}

/** Times ast.parse over the files in a subprocess of `python`: reads and decodes them first, then times only ast.parse. */
const CPYTHON_BENCH = String.raw`
import ast, json, sys, time
paths = json.loads(sys.stdin.read())
sources = []
for path in paths:
    with open(path, "rb") as handle:
        sources.append(handle.read().decode("utf-8-sig"))
runs = []
errors = 0
for run in range(${RUNS}):
    errors = 0
    start = time.perf_counter()
    for source in sources:
        try:
            ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            errors += 1
    runs.append(time.perf_counter() - start)
print(json.dumps({"version": sys.version.split()[0], "seconds": min(runs), "runs": runs, "errors": errors}))
`;

function benchCpython(python, paths) {
  progress(`timing ast.parse in ${python} (${RUNS} runs)`);
  const result = spawnSync(python, ["-W", "ignore", "-c", CPYTHON_BENCH], {
    input: JSON.stringify(paths),
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${python} exited with ${result.status}: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout.trim().split("\n").pop());
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const python3 = findPython3();
  if (!python3) {
    console.error("bench: no python3 on PATH: there is no standard library to lint and no ast.parse to compare with");
    process.exit(2);
  }
  const print = (line = "") => process.stdout.write(line + "\n");
  const lint = options.only === undefined || options.only === "lint" ? await benchLint(options, python3) : undefined;
  if (lint && !options.json) lint.print(print);
  let languageServer;
  if (options.only === undefined || options.only === "language-server") {
    languageServer = await benchLanguageServer({ stdlib: stdlibDir(python3.command), progress, edits: options.edits, open: options.open });
    if (!options.json) {
      if (lint) print();
      printLanguageServer(languageServer, print);
    }
  }
  if (options.json) process.stdout.write(JSON.stringify({ ...lint?.report, ...(languageServer ? { languageServer } : {}) }, null, 2) + "\n");
}

/** The lint section: Aether's lint of the stdlib against CPython's ast.parse. Returns its report and its printer. */
async function benchLint(options, python3) {
  const python = options.python ?? python3.command;
  const pythonVer = pythonVersion(python);
  if (!pythonVer) usage(`--python ${python} does not run`);

  const plugin = await loadBuiltPlugin();
  const { parsePython, parseTree } = plugin;
  const recommended = plugin.default.configs.recommended;
  const noRules = { ...recommended, name: "aether/bench-no-rules", rules: {} };
  const eslint = await loadEslint();
  const linter = new eslint.Linter({ configType: "flat" });

  const dir = stdlibDir(python3.command);
  const all = stdlibFiles(dir);
  const chosen = Number.isFinite(options.limit) ? all.slice(0, options.limit) : all;
  progress(`reading ${chosen.length} files of ${dir}`);
  const files = [];
  const skipped = [];
  for (const path of chosen) {
    const text = readUtf8(path);
    if (text === null) skipped.push(stdlibName(dir, path));
    else files.push({ path, name: stdlibName(dir, path), text });
  }
  const lines = files.reduce((n, f) => n + countLines(f.text), 0);
  const chars = files.reduce((n, f) => n + f.text.length, 0);

  // CPython runs alone, never alongside the lint: once before Aether's
  // measurements and once after, so that a burst of load on the machine hits
  // both sides alike; the fastest of all its runs is kept.
  const paths = files.map((f) => f.path);
  const cpythonBefore = benchCpython(python, paths);

  // The four measurements are interleaved file by file (tree-sitter, then
  // parsePython, then a lint without rules, then the full lint of the same
  // file), so that load from elsewhere on the machine falls on every stage
  // alike and the differences between stages stay meaningful.
  /** Files on which Aether threw (a bug): reported, never fatal to the benchmark. */
  const crashes = new Map();
  const crashed = (name, error) => {
    if (!crashes.has(name)) crashes.set(name, error instanceof Error ? error.message : String(error));
  };
  const lintOne = (f, config, tally) => {
    try {
      for (const m of linter.verify(f.text, [config], f.name)) {
        if (m.fatal) tally.fatal++;
        else tally.findings++;
      }
    } catch (error) {
      crashed(f.name, error);
    }
  };
  const best = [Infinity, Infinity, Infinity, Infinity];
  let aetherParseErrors = 0;
  const bare = { findings: 0, fatal: 0 };
  const full = { findings: 0, fatal: 0 };
  for (let run = 1; run <= RUNS; run++) {
    progress(`Aether: tree-sitter parse, parsePython, lint without rules, full lint (run ${run}/${RUNS})`);
    const spent = [0, 0, 0, 0];
    aetherParseErrors = 0;
    bare.findings = bare.fatal = full.findings = full.fatal = 0;
    for (const f of files) {
      const t0 = performance.now();
      parseTree(f.text.charCodeAt(0) === 0xfeff ? f.text.slice(1) : f.text).delete();
      const t1 = performance.now();
      try {
        if (!parsePython(f.text).ok) aetherParseErrors++;
      } catch (error) {
        crashed(f.name, error);
      }
      const t2 = performance.now();
      lintOne(f, noRules, bare);
      const t3 = performance.now();
      lintOne(f, recommended, full);
      const t4 = performance.now();
      spent[0] += t1 - t0;
      spent[1] += t2 - t1;
      spent[2] += t3 - t2;
      spent[3] += t4 - t3;
    }
    for (let i = 0; i < 4; i++) best[i] = Math.min(best[i], spent[i] / 1000);
  }
  const [tsParse, parseConvert, eslintNoRules, fullLint] = best;

  const cpythonAfter = benchCpython(python, paths);
  const cpython = {
    ...cpythonBefore,
    seconds: Math.min(cpythonBefore.seconds, cpythonAfter.seconds),
    runs: [...cpythonBefore.runs, ...cpythonAfter.runs],
  };

  const rate = (seconds) => lines / seconds;
  const ratio = cpython.seconds / fullLint;
  const stages = [
    { stage: "tree-sitter parse", seconds: tsParse },
    { stage: "conversion to AST", seconds: parseConvert - tsParse },
    { stage: "ESLint (no rules)", seconds: eslintNoRules - parseConvert },
    { stage: "rules", seconds: fullLint - eslintNoRules },
  ];
  const report = {
    stdlib: dir,
    files: files.length,
    skippedNonUtf8: skipped,
    lines,
    chars,
    eslint: `${eslint.name} ${eslint.version}`,
    cpython: { command: python, version: cpython.version, seconds: cpython.seconds, runs: cpython.runs, linesPerSecond: rate(cpython.seconds), syntaxErrors: cpython.errors },
    aether: {
      seconds: fullLint,
      linesPerSecond: rate(fullLint),
      findings: full.findings,
      parseErrors: full.fatal,
      crashes: Object.fromEntries(crashes),
    },
    ratio,
    cumulative: {
      treeSitterParse: { seconds: tsParse, linesPerSecond: rate(tsParse) },
      parsePython: { seconds: parseConvert, linesPerSecond: rate(parseConvert), parseErrors: aetherParseErrors },
      eslintNoRules: { seconds: eslintNoRules, linesPerSecond: rate(eslintNoRules), parseErrors: bare.fatal },
      fullLint: { seconds: fullLint, linesPerSecond: rate(fullLint) },
    },
    breakdown: stages.map((s) => ({ ...s, share: s.seconds / fullLint })),
  };

  return { report, print: printLint };

  function printLint(print) {
    const n = (x) => Math.round(x).toLocaleString("en-US");
    const s = (x) => `${x.toFixed(2)} s`;
    print(`Standard library of python3 ${python3.version}: ${dir}`);
    print(`${files.length} files, ${n(lines)} lines${skipped.length ? `; ${skipped.length} not UTF-8, skipped` : ""}`);
    print(`Aether through ${eslint.name} ${eslint.version} Linter, configs.recommended; faster of ${RUNS} runs each (CPython: fastest of ${cpython.runs.length})`);
    print();
    print(`Aether lint          ${s(fullLint).padStart(10)}  ${n(rate(fullLint)).padStart(10)} lines/s   (${full.findings} findings, ${full.fatal} parse errors${crashes.size ? `, ${crashes.size} CRASHED` : ""})`);
    print(`CPython ast.parse    ${s(cpython.seconds).padStart(10)}  ${n(rate(cpython.seconds)).padStart(10)} lines/s   (${python} ${cpython.version}, ${cpython.errors} syntax errors)`);
    print(`ratio Aether/CPython ${ratio.toFixed(3).padStart(10)}   (goal >= 1.0)`);
    print();
    print("Where Aether's time goes:");
    print(`  ${"stage".padEnd(24)}${"seconds".padStart(10)}${"share".padStart(8)}   cumulative lines/s`);
    const cumulative = [tsParse, parseConvert, eslintNoRules, fullLint];
    stages.forEach((st, i) => {
      print(
        `  ${st.stage.padEnd(24)}${st.seconds.toFixed(2).padStart(10)}${`${((st.seconds / fullLint) * 100).toFixed(1)} %`.padStart(8)}   ${n(rate(cumulative[i])).padStart(10)}`,
      );
    });
    print(`  ${"total (full lint)".padEnd(24)}${fullLint.toFixed(2).padStart(10)}${"100 %".padStart(8)}`);
    print(`  parse only vs CPython: tree-sitter ${(cpython.seconds / tsParse).toFixed(3)}, parsePython ${(cpython.seconds / parseConvert).toFixed(3)}`);
    if (crashes.size) {
      print();
      print("Lint crashed on:");
      for (const [name, message] of crashes) print(`  ${name}: ${message.split("\n")[0]}`);
      process.exitCode = 1;
    }
  }
}

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(2);
});
