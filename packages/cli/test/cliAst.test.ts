// `aether ast` end to end: the built bin in a child process.

import assert from "node:assert/strict";
import { UNSAFE, SYNTAX_ERROR } from "./helpers/pythonSamples.js";
import { runAether } from "./helpers/runAether.js";
import { makeTempTree, type TempTree } from "./helpers/tempTree.js";

describe("aether ast", () => {
  let tree: TempTree;
  beforeEach(() => {
    tree = makeTempTree({
      "app.py": UNSAFE,
      "bad.py": SYNTAX_ERROR,
      "utf16.py": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(UNSAFE, "utf16le")]),
    });
  });
  afterEach(() => tree.remove());

  it("prints an outline with types, 1-based lines, 0-based columns and scalar fields", () => {
    assert.deepEqual(runAether(["ast", "app.py"], tree.root), {
      status: 0,
      stdout: [
        "Module 1:0-3:0",
        "  body[0]: Import 1:0-1:13",
        '    names[0]: alias 1:7-1:13 name="ctypes" asname=null',
        "  body[1]: Expr 2:0-2:36",
        "    value: Call 2:0-2:36",
        '      func: Attribute 2:0-2:34 attr="PyGILState_Ensure" ctx="Load"',
        '        value: Attribute 2:0-2:16 attr="pythonapi" ctx="Load"',
        '          value: Name 2:0-2:6 id="ctypes" ctx="Load"',
        "",
      ].join("\n"),
      stderr: "",
    });
  });

  it("prints JSON with type, loc and fields, without parent or range", () => {
    const run = runAether(["ast", "--json", "app.py"], tree.root);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, "");
    const loc = (line: number, column: number, endLine: number, endColumn: number) => ({
      start: { line, column },
      end: { line: endLine, column: endColumn },
    });
    assert.deepEqual(JSON.parse(run.stdout), {
      type: "Module",
      loc: loc(1, 0, 3, 0),
      type_ignores: [],
      body: [
        { type: "Import", loc: loc(1, 0, 1, 13), names: [{ type: "alias", loc: loc(1, 7, 1, 13), name: "ctypes", asname: null }] },
        {
          type: "Expr",
          loc: loc(2, 0, 2, 36),
          value: {
            type: "Call",
            loc: loc(2, 0, 2, 36),
            func: {
              type: "Attribute",
              loc: loc(2, 0, 2, 34),
              attr: "PyGILState_Ensure",
              ctx: "Load",
              value: {
                type: "Attribute",
                loc: loc(2, 0, 2, 16),
                attr: "pythonapi",
                ctx: "Load",
                value: { type: "Name", loc: loc(2, 0, 2, 6), id: "ctypes", ctx: "Load" },
              },
            },
            args: [],
            keywords: [],
          },
        },
      ],
    });
  });

  it("reports a syntax error as file:line:col on stderr and exits 1", () => {
    assert.deepEqual(runAether(["ast", "bad.py"], tree.root), {
      status: 1,
      stdout: "",
      stderr: "bad.py:1:7: Parsing error: invalid syntax: expected ')'\n",
    });
  });

  it("exits 2 on a missing or unreadable file", () => {
    assert.deepEqual(runAether(["ast", "nope.py"], tree.root), { status: 2, stdout: "", stderr: "aether: file not found: nope.py\n" });
    assert.deepEqual(runAether(["ast", "utf16.py"], tree.root), {
      status: 2,
      stdout: "",
      stderr: "aether: cannot parse utf16.py: UTF-16 encoded; only UTF-8 is supported\n",
    });
  });
});
