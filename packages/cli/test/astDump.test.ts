import assert from "node:assert/strict";
import { dumpAstJson } from "../src/ast/jsonDump.js";
import type { AstNode } from "../src/ast/nodeFields.js";
import { dumpAstText } from "../src/ast/textDump.js";

const loc = (line: number, column: number, endLine: number, endColumn: number) => ({
  start: { line, column },
  end: { line: endLine, column: endColumn },
});

// `x = f(10**20, 1e999)\nglobal g` by hand, with the bookkeeping fields the plugin adds.
function sampleTree(): AstNode {
  const name = { type: "Name", id: "x", ctx: "Store", range: [0, 1], loc: loc(1, 0, 1, 1) };
  const func = { type: "Name", id: "f", ctx: "Load", range: [4, 5], loc: loc(1, 4, 1, 5) };
  const big = { type: "Constant", value: 10n ** 20n, kind: null, range: [6, 12], loc: loc(1, 6, 1, 12) };
  const inf = { type: "Constant", value: Infinity, kind: null, range: [14, 19], loc: loc(1, 14, 1, 19) };
  const call = { type: "Call", func, args: [big, inf], keywords: [], range: [4, 20], loc: loc(1, 4, 1, 20) };
  const assign = { type: "Assign", targets: [name], value: call, type_comment: null, range: [0, 20], loc: loc(1, 0, 1, 20) };
  const global = { type: "Global", names: ["g"], range: [21, 29], loc: loc(2, 0, 2, 8) };
  const module = { type: "Module", body: [assign, global], type_ignores: [], range: [0, 29], loc: loc(1, 0, 2, 8), parent: null };
  for (const node of [name, func, big, inf, call, assign, global]) Object.assign(node, { parent: module });
  return module;
}

const visitorKeys = {
  Module: ["body", "type_ignores"],
  Assign: ["targets", "value"],
  Call: ["func", "args", "keywords"],
  Name: [],
  Constant: [],
  Global: [],
};

describe("AST dumps", () => {
  it("outlines the tree with field names, positions and scalar fields", () => {
    assert.equal(
      dumpAstText(sampleTree(), visitorKeys),
      [
        "Module 1:0-2:8",
        "  body[0]: Assign 1:0-1:20 type_comment=null",
        '    targets[0]: Name 1:0-1:1 id="x" ctx="Store"',
        "    value: Call 1:4-1:20",
        '      func: Name 1:4-1:5 id="f" ctx="Load"',
        "      args[0]: Constant 1:6-1:12 value=100000000000000000000 kind=null",
        "      args[1]: Constant 1:14-1:19 value=1e999 kind=null",
        '  body[1]: Global 2:0-2:8 names=["g"]',
      ].join("\n"),
    );
  });

  it("writes JSON without parent or range, exact for big integers and infinity", () => {
    const json = dumpAstJson(sampleTree(), visitorKeys);
    assert.ok(json.includes('"value": 100000000000000000000,'));
    assert.ok(json.includes('"value": 1e999,'));
    assert.ok(!json.includes("parent") && !json.includes("range"));
    const tree = JSON.parse(json);
    assert.deepEqual(Object.keys(tree), ["type", "loc", "body", "type_ignores"]);
    assert.deepEqual(tree.body[0], {
      type: "Assign",
      loc: loc(1, 0, 1, 20),
      type_comment: null,
      targets: [{ type: "Name", loc: loc(1, 0, 1, 1), id: "x", ctx: "Store" }],
      value: {
        type: "Call",
        loc: loc(1, 4, 1, 20),
        func: { type: "Name", loc: loc(1, 4, 1, 5), id: "f", ctx: "Load" },
        args: [
          { type: "Constant", loc: loc(1, 6, 1, 12), value: 1e20, kind: null },
          { type: "Constant", loc: loc(1, 14, 1, 19), value: Infinity, kind: null },
        ],
        keywords: [],
      },
    });
    assert.deepEqual(tree.body[1], { type: "Global", loc: loc(2, 0, 2, 8), names: ["g"] });
  });
});
