// aether/unsafe-lazy-init: check-then-initialise without a lock
// (`if _client is None: _client = make()`, `if not hasattr(f, "x"): f.x = …`),
// and memoised factories treated as singletons (`@functools.cache` on a
// zero-argument function that builds a resource, `@cached_property` building
// one in a concurrent class): two threads both build it; identity-based code
// breaks and resources leak.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import { cachedProperty, memoisers, resourceConstructors } from "../data/resources.js";
import { NESTED_SCOPES, walk } from "../analysis/walk.js";
import { enclosingFunction } from "../analysis/values.js";
import { tieredMessageId, tieredMessages } from "../ruleKit/evidence.js";
import { doubleCheckedSuggestion } from "../ruleKit/lockFix.js";
import type { Finding } from "../ruleKit/createRule.js";
import { createRaceRule } from "../ruleKit/raceRule.js";

export default createRaceRule({
  id: "unsafe-lazy-init",
  docs: {
    description: "Lazy initialisation of shared state without a lock",
    risk: 0.8,
    category: "race",
  },
  messages: {
    lazyInit:
      "Lazy initialisation of `{{state}}` without a lock: two threads can both find it unset and both build it. {{evidence}}. {{protection}}, and check again inside it.",
  },
  hasSuggestions: true,
  extraMessages: {
    doubleCheckedLocking: "Check again under `with {{lock}}:` before building it (double-checked locking)",
    ...tieredMessages({
      functionAttribute:
        "Lazy initialisation of `{{state}}` (a function attribute) without a lock: two threads can both find it missing and both build it. {{evidence}}. Guard the check and the assignment with one lock.",
      memoisedFactory:
        "`@{{decorator}}` does not make `{{name}}` run once: concurrent first calls can each run it and build `{{resource}}` more than once. {{evidence}}. Create it under a lock (double-checked), or at start-up.",
      cachedProperty:
        "`@cached_property` `{{name}}` can run more than once per instance when threads read it at the same time (it has no lock since Python 3.12), building `{{resource}}` each time. {{evidence}}. Build it in `__init__`, or under a lock.",
    }),
  },
  fix(finding, model) {
    const suggestion = doubleCheckedSuggestion(finding, model);
    return suggestion ? { suggest: [suggestion] } : {};
  },
  moreFindings: extraFindings,
});

/** The memoised-factory, cached_property and function-attribute forms. */
function extraFindings(model: SemanticModel): Finding[] {
  const found: Finding[] = [];
  const evidenceOf = (fn: PyNode | null) => model.concurrency.of(fn) ?? model.concurrency.assumed(fn);
  const text = (node: PyNode) => model.sourceCode.text.slice(node.range[0], node.range[1]);
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  for (const node of model.nodes.ofType("If", "FunctionDef")) {
    if (node.type === "If" && model.locks.heldAt(node).length === 0) {
      const target = functionAttributeCheck(node, model);
      const evidence = target && evidenceOf(enclosingFunction(node));
      if (target && evidence) {
        found.push({
          node,
          messageId: tieredMessageId("functionAttribute", evidence.tier),
          data: { state: target, evidence: capital(evidence.reason) },
        });
      }
    }
    if (node.type === "FunctionDef") {
      const decorators = node.decorator_list as PyNode[];
      for (const decorator of decorators) {
        const callee = decorator.type === "Call" ? (decorator.func as PyNode) : decorator;
        const name = model.imports.qualifiedName(callee);
        const resource = name && (memoisers.has(name) || name === cachedProperty) ? builtResource(node, model) : null;
        if (!resource) continue;
        const args = node.args as PyNode;
        const parameters = [...(args.posonlyargs as PyNode[]), ...(args.args as PyNode[]), ...(args.kwonlyargs as PyNode[])];
        if (name === cachedProperty) {
          const evidence = model.concurrency.of(node);
          if (evidence) {
            found.push({
              node,
              messageId: tieredMessageId("cachedProperty", evidence.tier),
              data: { name: node.name as string, resource: text(resource), evidence: capital(evidence.reason) },
            });
          }
        } else if (parameters.length === 0) {
          const evidence = evidenceOf(node);
          if (evidence) {
            found.push({
              node,
              messageId: tieredMessageId("memoisedFactory", evidence.tier),
              data: { decorator: text(decorator), name: node.name as string, resource: text(resource.func as PyNode) + "()", evidence: capital(evidence.reason) },
            });
          }
        }
      }
    }
  }
  return found;
}

/** `if not hasattr(f, "x"): f.x = …` where `f` is a function: returns "f.x". */
function functionAttributeCheck(stmt: PyNode, model: SemanticModel): string | null {
  const test = stmt.test as PyNode;
  if (test.type !== "UnaryOp" || test.op !== "Not") return null;
  const call = test.operand as PyNode;
  if (call.type !== "Call" || model.imports.qualifiedName(call.func as PyNode) !== "builtins.hasattr") return null;
  const [object, attr] = call.args as PyNode[];
  if (object?.type !== "Name" || attr?.type !== "Constant" || typeof attr.value !== "string") return null;
  if (!model.callGraph.resolveFunction(object)) return null;
  const assigns = (stmt.body as PyNode[]).some(
    (s) =>
      s.type === "Assign" &&
      (s.targets as PyNode[]).some(
        (t) => t.type === "Attribute" && t.attr === attr.value && (t.value as PyNode).type === "Name" && (t.value as PyNode).id === object.id,
      ),
  );
  return assigns ? `${object.id as string}.${attr.value}` : null;
}

/** The first resource-building call in a function's body, if any. */
function builtResource(fn: PyNode, model: SemanticModel): PyNode | null {
  let found: PyNode | null = null;
  for (const stmt of fn.body as PyNode[]) {
    walk(stmt, (node) => {
      if (found) return false;
      if (node.type === "Call") {
        const name = model.imports.qualifiedName(node.func as PyNode);
        if (name && resourceConstructors.has(name)) found = node;
      }
      return !NESTED_SCOPES.has(node.type);
    });
  }
  return found;
}
