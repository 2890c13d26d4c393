// aether/c-api-misuse: C-API calls through `ctypes.pythonapi` that assume the
// GIL — GIL-state/thread-state functions used for mutual exclusion, and
// getters that return borrowed references. Balanced Py_IncRef/Py_DecRef are
// fine (refcounting is thread-safe on every build) and not reported.
import type { PyNode } from "../language/nodes.js";
import { cApiHazards } from "../data/cApi.js";
import { createRule } from "../ruleKit/createRule.js";

const PYTHONAPI = "ctypes.pythonapi.";

export default createRule({
  id: "c-api-misuse",
  meta: {
    type: "problem",
    docs: {
      description: "C-API calls through ctypes.pythonapi that assume the GIL",
      risk: 0.9,
      category: "crash",
    },
    messages: {
      gilState:
        "`{{callee}}()` assumes the GIL: on a free-threaded build it gives no mutual exclusion, so code it is meant to serialise runs in parallel. Use {{instead}}.",
      borrowedReference:
        "`{{callee}}()` returns a borrowed reference: on a free-threaded build another thread can drop the object before it is used (use-after-free). Use {{instead}}.",
    },
    schema: [],
  },
  create(context) {
    return {
      Call(node: PyNode) {
        const name = context.model.qualifiedName(node.func as PyNode);
        if (!name?.startsWith(PYTHONAPI)) return;
        const entry = cApiHazards[name.slice(PYTHONAPI.length)];
        if (!entry) return;
        context.report({
          node,
          messageId: entry.hazard === "gil-state" ? "gilState" : "borrowedReference",
          data: { callee: name, instead: entry.instead },
        });
      },
    };
  },
});
