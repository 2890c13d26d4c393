// The differential AST test, on a fixed sample: Aether's AST and CPython's
// `ast.parse` must agree on the pre-order sequence of node types and start
// lines. The files are python3's standard library; the reference CPython is
// the newest >= 3.12 on the machine (scripts/pythonReference.mjs). The whole
// library is checked by scripts/ast-diff.mjs.
import assert from "node:assert/strict";
import { parsePython, visitorKeys } from "../src/index.js";
import { pythonReference, type CpythonRecord } from "./support/pythonReference.js";

const {
  aetherPreorder,
  compareWithCpython,
  cpythonPreorder,
  findPython3,
  findReferencePython,
  firstDifference,
  readUtf8,
  stdlibDir,
  stdlibFiles,
  stdlibName,
} = pythonReference;

/** Files every run checks when the library has them: the syntax Aether must get right. */
const INTERESTING = [
  "dataclasses.py",
  "asyncio/tasks.py",
  "typing.py",
  "test/test_patma.py",
  "test/test_grammar.py",
  "test/test_type_params.py",
  "test/test_coroutines.py",
  "test/test_unicode_identifiers.py",
  "enum.py",
  "inspect.py",
];

/**
 * Known disagreements (see scripts/ast-diff.mjs), left out of the sample so
 * that it tests what Aether claims. Each has a cause outside Aether's
 * conversion: a tree-sitter-python grammar limitation or an encoding
 * declaration (Aether reads UTF-8 and ignores `# coding:`).
 */
const KNOWN_DISAGREEMENTS: Record<string, string> = {
  "test/test_compile.py": "tree-sitter-python: a dedent inside brackets ((bar.\\n        baz)) is an error",
  "test/test_fstring.py": "tree-sitter-python: f'{x:=10}' parses as a walrus, CPython reads a format spec '=10'",
  "test/test_future_stmt/badsyntax_future8.py": "tree-sitter-python rejects `from __future__ import *` (CPython's compiler does, not its parser)",
  "test/tokenizedata/bad_coding.py": "unknown encoding declared in `# coding:`",
  "test/tokenizedata/bad_coding2.py": "BOM with `# coding: utf8` (CPython wants the exact name utf-8)",
};

/** About this many files are picked evenly from the sorted library. */
const EVENLY = 50;

interface Sample {
  dir: string;
  files: { path: string; name: string; text: string }[];
}

/** Every (length / EVENLY)th file of the sorted library, moving on past known disagreements and non-UTF-8 files, plus INTERESTING. */
function chooseSample(dir: string): Sample {
  const all = stdlibFiles(dir);
  const step = Math.max(1, Math.floor(all.length / EVENLY));
  const picked = new Map<string, { path: string; name: string; text: string }>();
  const usable = (path: string) => {
    const name = stdlibName(dir, path);
    if (name in KNOWN_DISAGREEMENTS || picked.has(name)) return undefined;
    const text = readUtf8(path);
    return text === null ? undefined : { path, name, text };
  };
  for (let i = 0; i < all.length; i += step) {
    for (let j = i; j < Math.min(i + step, all.length); j++) {
      const file = usable(all[j]);
      if (file) {
        picked.set(file.name, file);
        break;
      }
    }
  }
  for (const name of INTERESTING) {
    const path = all.find((p) => stdlibName(dir, p) === name);
    const file = path && usable(path);
    if (file) picked.set(file.name, file);
  }
  return { dir, files: [...picked.values()] };
}

const python3 = findPython3();
const reference = findReferencePython();

describe("differential AST test: Aether vs CPython's ast.parse on a sample of python3's standard library", function () {
  if (!python3 || !reference) {
    it("is skipped: no python3 on PATH, so there is no standard library and no CPython to compare with", function () {
      this.skip();
    });
    return;
  }
  const sample = chooseSample(stdlibDir(python3.command));
  const mode = reference.modern ? "" : " (reference older than 3.12: f-string part lines by type only)";
  let records = new Map<string, CpythonRecord>();

  before(function () {
    this.timeout(120_000);
    records = cpythonPreorder(
      reference.command,
      sample.files.map((f) => f.path),
    );
  });

  it(`samples at least ${EVENLY} files of ${sample.dir}`, function () {
    assert.ok(sample.files.length >= EVENLY, `only ${sample.files.length} files sampled`);
  });

  it("notices a wrong line and a wrong node type (the comparison cannot pass vacuously)", function () {
    const file = sample.files.find((f) => f.name === "dataclasses.py") ?? sample.files[0];
    const record = records.get(file.path);
    assert.ok(record?.nodes && record.nodes.length > 100, `CPython gave no tree for ${file.name}`);
    const parsed = parsePython(file.text);
    assert.ok(parsed.ok);
    const ours = aetherPreorder(parsed.ast, visitorKeys);
    const modern = reference.modern;
    assert.equal(firstDifference(ours, record.nodes, modern), -1);
    const k = Math.floor(record.nodes.length / 2);
    const wrongLine = record.nodes.map((e, i) => (i === k && e[1] !== null ? [e[0], e[1] + 1] : e) as [string, number | null]);
    const wrongType = record.nodes.map((e, i) => (i === k ? ["Pass", e[1]] : e) as [string, number | null]);
    assert.equal(firstDifference(ours, wrongType, modern), k);
    if (record.nodes[k][1] !== null && !ours[k][2]) assert.equal(firstDifference(ours, wrongLine, modern), k);
    assert.equal(firstDifference(ours, record.nodes.slice(0, -1), modern), record.nodes.length - 1);
  });

  for (const file of sample.files) {
    it(`${file.name} agrees with CPython ${reference.version}${mode}`, function () {
      const record = records.get(file.path);
      assert.ok(record, `CPython printed nothing for ${file.path}`);
      const c = compareWithCpython(file.text, record, { parsePython, visitorKeys, modern: reference.modern });
      switch (c.verdict) {
        case "same":
        case "both-error":
          return;
        case "differ":
          assert.fail(
            `${file.name}: the ASTs differ at node #${c.index} (line ${c.line})\n` +
              `  Aether:  ${JSON.stringify(c.ours)}\n  CPython: ${JSON.stringify(c.theirs)}`,
          );
          break;
        case "aether-error":
          assert.fail(`${file.name}: only Aether rejects it: ${c.aetherError?.line}:${c.aetherError?.column} ${c.aetherError?.message}`);
          break;
        case "cpython-error":
          assert.fail(`${file.name}: only CPython rejects it: ${c.cpythonError}`);
      }
    });
  }
});
