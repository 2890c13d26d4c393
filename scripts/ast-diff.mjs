#!/usr/bin/env node
// The whole-library differential AST check: for every `.py` file of the
// standard library of the machine's `python3`, Aether's AST and CPython's
// `ast.parse` (the newest CPython >= 3.12 on the machine, see
// pythonReference.mjs) must agree on the pre-order sequence of node types and
// start lines. Exit 1 when fewer than 99.5 % of the files agree.
//
//   node scripts/ast-diff.mjs [--json] [--limit N] [--reference <python>] [--threshold R]
//
// A file agrees when both trees match exactly, or when both parsers reject it.
// Files that are not valid UTF-8 are skipped (Aether lints UTF-8 only) and
// counted. Needs a build first (pnpm run build).
import {
  compareWithCpython,
  findPython3,
  findReferencePython,
  loadBuiltPlugin,
  pythonVersion,
  readUtf8,
  stdlibDir,
  stdlibFiles,
  stdlibName,
  streamCpythonPreorder,
} from "./pythonReference.mjs";

const USAGE = "usage: node scripts/ast-diff.mjs [--json] [--limit N] [--reference <python>] [--threshold R]";

function parseArgs(argv) {
  const options = { json: false, limit: Infinity, reference: undefined, threshold: 0.995 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === "--json") options.json = true;
    else if (arg === "--limit") options.limit = positiveNumber(arg, value());
    else if (arg === "--reference") options.reference = value();
    else if (arg === "--threshold") options.threshold = positiveNumber(arg, value());
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else usage(`unknown option ${arg}`);
  }
  return options;
}

function positiveNumber(name, text) {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) usage(`${name} wants a positive number, got ${JSON.stringify(text)}`);
  return n;
}

function usage(message) {
  console.error(`ast-diff: ${message}\n${USAGE}`);
  process.exit(2);
}

/** The source line at a 1-based line number, trimmed, for the report. */
function sourceLine(text, line) {
  if (line === null || line === undefined) return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  return lines[line - 1]?.trim().slice(0, 160);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const python3 = findPython3();
  if (!python3) {
    console.error("ast-diff: no python3 on PATH: there is no standard library to compare");
    process.exit(2);
  }
  let reference;
  if (options.reference) {
    const version = pythonVersion(options.reference);
    if (!version) usage(`--reference ${options.reference} does not run`);
    reference = {
      command: options.reference,
      version: version.join("."),
      modern: version[0] > 3 || (version[0] === 3 && version[1] >= 12),
    };
  } else {
    reference = findReferencePython();
  }
  if (!reference) {
    console.error("ast-diff: no CPython found to compare with");
    process.exit(2);
  }

  const { parsePython, visitorKeys } = await loadBuiltPlugin();
  const dir = stdlibDir(python3.command);
  const all = stdlibFiles(dir);
  const files = Number.isFinite(options.limit) ? all.slice(0, options.limit) : all;

  const texts = new Map();
  const skipped = [];
  for (const file of files) {
    const text = readUtf8(file);
    if (text === null) skipped.push(stdlibName(dir, file));
    else texts.set(file, text);
  }

  const counts = { compared: 0, same: 0, differ: 0, aetherOnlyError: 0, cpythonOnlyError: 0, bothError: 0, aetherCrash: 0 };
  const disagreements = [];
  const started = performance.now();
  for await (const record of streamCpythonPreorder(reference.command, [...texts.keys()])) {
    const text = texts.get(record.file);
    if (text === undefined) continue;
    const name = stdlibName(dir, record.file);
    counts.compared++;
    let c;
    try {
      c = compareWithCpython(text, record, { parsePython, visitorKeys, modern: reference.modern });
    } catch (error) {
      // A throw is a bug in Aether, never a verdict: report it and go on.
      counts.aetherCrash++;
      disagreements.push({ kind: "aether-crash", file: name, message: error instanceof Error ? error.message : String(error) });
      texts.delete(record.file);
      continue;
    }
    switch (c.verdict) {
      case "same":
        counts.same++;
        break;
      case "both-error":
        counts.bothError++;
        break;
      case "differ": {
        counts.differ++;
        disagreements.push({ kind: "differ", file: name, index: c.index, line: c.line, source: sourceLine(text, c.line), aether: c.ours, cpython: c.theirs });
        break;
      }
      case "aether-error": {
        counts.aetherOnlyError++;
        const e = c.aetherError;
        disagreements.push({ kind: "aether-error", file: name, line: e.line, column: e.column, message: e.message, source: sourceLine(text, e.line) });
        break;
      }
      case "cpython-error":
        counts.cpythonOnlyError++;
        disagreements.push({ kind: "cpython-error", file: name, message: c.cpythonError });
        break;
    }
    texts.delete(record.file);
  }
  const seconds = (performance.now() - started) / 1000;

  const agree = counts.same + counts.bothError;
  const ratio = counts.compared === 0 ? 0 : agree / counts.compared;
  const parsedByCpython = counts.same + counts.differ + counts.aetherOnlyError + counts.aetherCrash;
  const exactRatio = parsedByCpython === 0 ? 0 : counts.same / parsedByCpython;
  const ok = counts.compared > 0 && ratio >= options.threshold;
  const summary = {
    python3: { command: python3.command, version: python3.version, stdlib: dir },
    reference: { command: reference.command, version: reference.version, modern: reference.modern },
    files: files.length,
    compared: counts.compared,
    agree,
    exact: counts.same,
    differing: counts.differ,
    aetherOnlyErrors: counts.aetherOnlyError,
    aetherCrashes: counts.aetherCrash,
    cpythonOnlyErrors: counts.cpythonOnlyError,
    bothErrors: counts.bothError,
    skippedNonUtf8: skipped.length,
    ratio,
    exactRatioOfCpythonParsed: exactRatio,
    threshold: options.threshold,
    ok,
    seconds,
  };

  if (options.json) {
    process.stdout.write(JSON.stringify({ ...summary, disagreements, skipped }, null, 2) + "\n");
  } else {
    const pct = (r) => `${(r * 100).toFixed(2)} %`;
    const print = (s) => process.stdout.write(s + "\n");
    print(`python3:   ${python3.command} ${python3.version}, stdlib ${dir}`);
    print(
      `reference: ${reference.command} ${reference.version}` +
        (reference.modern ? "" : " (older than 3.12: lines of f-string parts compared by type only)"),
    );
    print("");
    print(`files compared         ${counts.compared}`);
    print(`  exact agreement      ${counts.same}`);
    print(`  both reject          ${counts.bothError}`);
    print(`  differing ASTs       ${counts.differ}`);
    print(`  Aether-only errors   ${counts.aetherOnlyError}`);
    print(`  CPython-only errors  ${counts.cpythonOnlyError}`);
    if (counts.aetherCrash) print(`  Aether CRASHED       ${counts.aetherCrash}`);
    print(`skipped (not UTF-8)    ${skipped.length}${skipped.length ? `: ${skipped.join(", ")}` : ""}`);
    print("");
    print(`agreement ${pct(ratio)} (${agree}/${counts.compared}; exact ${pct(exactRatio)} of the ${parsedByCpython} files CPython parses); threshold ${pct(options.threshold)}: ${ok ? "OK" : "FAIL"}`);
    print(`(${seconds.toFixed(1)} s)`);
    if (disagreements.length) {
      print("");
      print("disagreements:");
      for (const d of disagreements) {
        if (d.kind === "differ") {
          print(`  ${d.file}: ASTs differ at node #${d.index} (line ${d.line ?? "?"})`);
          if (d.source !== undefined) print(`      source:  ${d.source}`);
          print(`      Aether:  ${JSON.stringify(d.aether)}`);
          print(`      CPython: ${JSON.stringify(d.cpython)}`);
        } else if (d.kind === "aether-error") {
          print(`  ${d.file}:${d.line}:${d.column}: only Aether rejects it: ${d.message}`);
          if (d.source !== undefined) print(`      source:  ${d.source}`);
        } else if (d.kind === "aether-crash") {
          print(`  ${d.file}: Aether's parsePython THREW: ${d.message}`);
        } else {
          print(`  ${d.file}: only CPython rejects it: ${d.message}`);
        }
      }
    }
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((error) => {
  console.error(`ast-diff: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(2);
});
