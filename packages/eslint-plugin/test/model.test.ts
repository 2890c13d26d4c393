// The semantic model core: scopes, qualified names, the call graph.
import assert from "node:assert/strict";
import { SemanticModel } from "../src/analysis/model.js";
import { walk } from "../src/analysis/walk.js";
import { parsePython } from "../src/language/parse.js";
import { PythonSourceCode } from "../src/language/pythonSourceCode.js";
import { defaultLanguageOptions } from "../src/language/languageOptions.js";
import type { PyNode } from "../src/language/nodes.js";

function model(code: string): SemanticModel {
  const result = parsePython(code);
  if (!result.ok) assert.fail(JSON.stringify(result.errors));
  return SemanticModel.of(
    new PythonSourceCode({ text: code, ast: result.ast, comments: result.comments, languageOptions: defaultLanguageOptions }),
  );
}

function calls(m: SemanticModel): PyNode[] {
  const found: PyNode[] = [];
  walk(m.module, (node) => void (node.type === "Call" && found.push(node)));
  return found;
}

describe("semantic model", () => {
  it("resolves imports and aliases to qualified names", () => {
    const m = model(
      "import threading as t\nfrom threading import Lock as L\nimport os.path\nfrom . import sibling\nfrom ..pkg import mod\n" +
        "t.Lock(); L(); os.path.join(); sibling.f(); mod.g(); open(); unknown()\nmake = t.RLock\nmake()\n",
    );
    assert.deepEqual(
      calls(m).map((c) => m.qualifiedName(c.func as PyNode)),
      ["threading.Lock", "threading.Lock", "os.path.join", ".sibling.f", "..pkg.mod.g", "builtins.open", null, "threading.RLock"],
    );
  });

  it("follows Python scoping: locals shadow imports, class bodies are not enclosing scopes", () => {
    const m = model(
      "import threading\n" +
        "def f(threading):\n    threading.Lock()\n" +
        "def g():\n    threading.Lock()\n" +
        "class C:\n    threading = None\n    def m(self):\n        threading.Lock()\n",
    );
    assert.deepEqual(calls(m).map((c) => m.qualifiedName(c.func as PyNode)), [null, "threading.Lock", "threading.Lock"]);
  });

  it("records global and nonlocal declarations and sends their bindings to the right scope", () => {
    const m = model("count = 0\ndef inc():\n    global count\n    count += 1\ndef outer():\n    n = 0\n    def inner():\n        nonlocal n\n        n = 1\n");
    const module = m.scopes.module;
    assert.equal(module.bindings.get("count")!.sites.length, 2);
    const inc = module.children[0]!;
    assert.deepEqual([...inc.globals], ["count"]);
    assert.equal(inc.bindings.has("count"), false);
    const outer = module.children[1]!;
    assert.equal(outer.bindings.get("n")!.sites.length, 2);
  });

  it("builds the in-file call graph through names, self, cls and Class.method", () => {
    const m = model(
      "def helper():\n    pass\n" +
        "class Base:\n    def shared(self):\n        helper()\n" +
        "class Worker(Base):\n    def run(self):\n        self.step()\n        self.shared()\n    def step(self):\n        Worker.static()\n" +
        "    @classmethod\n    def make(cls):\n        return cls.static()\n    @staticmethod\n    def static():\n        pass\n",
    );
    const edges = m.callGraph.calls.map((site) => [
      site.caller && (site.caller.name as string),
      site.callee && (site.callee.name as string),
    ]);
    assert.deepEqual(edges, [
      ["shared", "helper"],
      ["run", "step"],
      ["run", "shared"],
      ["step", "static"],
      ["make", "static"],
    ]);
  });

  it("is built once per file and shared", () => {
    const result = parsePython("x = 1\n");
    assert.ok(result.ok);
    const source = new PythonSourceCode({ text: "x = 1\n", ast: result.ast, comments: [], languageOptions: defaultLanguageOptions });
    assert.equal(SemanticModel.of(source), SemanticModel.of(source));
  });
});
