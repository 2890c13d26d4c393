// aether/c-api-misuse on its fixtures, and through ESLint's own RuleTester.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import plugin from "../../src/index.js";
import { RuleTester } from "../support/eslint.js";
import { lint } from "../support/lint.js";
import { fixturesDir } from "../support/paths.js";

const fixture = (name: string) => readFileSync(`${fixturesDir}rules/c-api-misuse/${name}`, "utf8");

const GIL = (callee: string, instead: string) =>
  `\`${callee}()\` assumes the GIL: on a free-threaded build it gives no mutual exclusion, so code it is meant to serialise runs in parallel. Use ${instead}.`;
const BORROWED = (callee: string, instead: string) =>
  `\`${callee}()\` returns a borrowed reference: on a free-threaded build another thread can drop the object before it is used (use-after-free). Use ${instead}.`;
const LOCK = "a threading.Lock around the shared state";

describe("aether/c-api-misuse", () => {
  it("reports every GIL-assuming call in the unsafe fixture, resolving aliases", () => {
    const found = lint(fixture("unsafe.py")).map((m) => [m.ruleId, m.line, m.column, m.message]);
    assert.deepEqual(found, [
      ["aether/c-api-misuse", 14, 13, GIL("ctypes.pythonapi.PyGILState_Ensure", LOCK)],
      ["aether/c-api-misuse", 18, 9, GIL("ctypes.pythonapi.PyGILState_Release", LOCK)],
      ["aether/c-api-misuse", 22, 12, BORROWED("ctypes.pythonapi.PyDict_GetItem", "PyDict_GetItemRef (3.13+), or dict.get in Python")],
      ["aether/c-api-misuse", 26, 12, BORROWED("ctypes.pythonapi.PyList_GetItem", "PyList_GetItemRef (3.13+), or plain indexing in Python")],
      ["aether/c-api-misuse", 30, 12, BORROWED("ctypes.pythonapi.PyWeakref_GetObject", "PyWeakref_GetRef (3.13+), or calling the weakref in Python")],
      ["aether/c-api-misuse", 34, 5, GIL("ctypes.pythonapi.PyThreadState_SetAsyncExc", "a threading.Event the target thread checks")],
      ["aether/c-api-misuse", 38, 13, GIL("ctypes.pythonapi.PyEval_SaveThread", LOCK)],
      ["aether/c-api-misuse", 39, 5, GIL("ctypes.pythonapi.PyEval_RestoreThread", LOCK)],
      ["aether/c-api-misuse", 43, 12, GIL("ctypes.pythonapi.PyGILState_Ensure", LOCK)],
    ]);
  });

  it("is an error in recommended (risk 0.90)", () => {
    const [first] = lint(fixture("unsafe.py"));
    assert.equal(first?.severity, 2);
    assert.equal(plugin.rules["c-api-misuse"]!.meta.docs.risk, 0.9);
    assert.equal(plugin.rules["c-api-misuse"]!.meta.docs.category, "crash");
  });

  it("reports nothing on the safe look-alikes", () => {
    assert.deepEqual(lint(fixture("safe.py")), []);
  });

  it("runs under ESLint's RuleTester", () => {
    const tester = new RuleTester({ plugins: { aether: plugin }, language: "aether/python" } as never);
    tester.run("c-api-misuse", plugin.rules["c-api-misuse"] as never, {
      valid: [
        "import ctypes\nctypes.pythonapi.Py_IncRef(x)\n",
        "import ctypes\nf = ctypes.pythonapi.PyGILState_Ensure\n",
        "ctypes.pythonapi.PyGILState_Ensure()\n", // ctypes is not imported: not the C API
      ],
      invalid: [
        {
          code: "import ctypes as c\nc.pythonapi.PyGILState_Ensure()\n",
          errors: [{ messageId: "gilState", line: 2, column: 1, endLine: 2, endColumn: 32 }],
        },
        {
          code: "from ctypes import pythonapi as api\ndef f(d, k):\n    return api.PyDict_GetItemString(d, k)\n",
          errors: [{ messageId: "borrowedReference", line: 3, column: 12 }],
        },
      ],
    });
  });
});
