// aether/thread-unsafe-library: APIs known to be unsafe in threads — process-
// wide state (working directory, environment, locale, umask, stdout) changed
// under other threads, global generators reseeded, matplotlib's pyplot state
// machine — used in code that runs concurrently. The APIs, why each is
// unsafe and what to use instead are one table: `data/threadUnsafeApis.ts`.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import { threadUnsafeApiFor, type ThreadUnsafeApi } from "../data/threadUnsafeApis.js";
import { enclosingFunction } from "../analysis/values.js";
import { createRule, type Finding } from "../ruleKit/createRule.js";
import { tieredMessageId, tieredMessages } from "../ruleKit/evidence.js";
import { capitalise, reportedByRaceRules } from "../ruleKit/sharedUse.js";

const messages = {
  unsafeApi: "`{{api}}` runs in threads here: {{reason}}. {{evidence}}. Use {{instead}}.",
};

export default createRule({
  id: "thread-unsafe-library",
  meta: {
    type: "problem",
    docs: {
      description: "Thread-unsafe library APIs (process-wide state, global generators, pyplot) in concurrent code",
      risk: 0.6,
      category: "race",
    },
    messages: tieredMessages(messages),
    schema: [],
  },
  create(context) {
    return {
      Module() {
        const model = context.model;
        // The first use of an API in a function speaks for the rest (ten `plt.*` calls are one problem).
        const reported = new Map<PyNode | null, Set<ThreadUnsafeApi>>();
        for (const node of model.nodes.ofType("Call", "Assign", "AugAssign", "AnnAssign", "Delete")) {
          const use = unsafeUse(model, node);
          if (!use) continue;
          const fn = enclosingFunction(node);
          const seen = reported.get(fn) ?? new Set<ThreadUnsafeApi>();
          if (seen.has(use.entry)) continue;
          const finding = judge(model, node, use.entry, use.shown);
          if (!finding) continue;
          seen.add(use.entry);
          reported.set(fn, seen);
          context.report(finding);
        }
      },
    };
  },
});

/** The table entry a node uses, and how the message shows the use. */
function unsafeUse(model: SemanticModel, node: PyNode): { entry: ThreadUnsafeApi; shown: string } | null {
  const name = (expr: PyNode) => model.imports.qualifiedName(expr);
  const text = (expr: PyNode) => model.sourceCode.text.slice(expr.range[0], expr.range[1]);
  if (node.type === "Call") {
    const called = name(node.func as PyNode);
    const entry = called ? threadUnsafeApiFor(called, "calls") : undefined;
    const bare = (node.args as PyNode[]).length === 0 && (node.keywords as PyNode[]).length === 0;
    return entry ? { entry, shown: `${text(node.func as PyNode)}(${bare ? "" : "…"})` } : null;
  }
  const targets =
    node.type === "Assign" ? (node.targets as PyNode[]) : node.type === "AugAssign" || node.type === "AnnAssign" ? [node.target as PyNode] : node.type === "Delete" ? (node.targets as PyNode[]) : [];
  for (const target of targets) {
    if (target.type === "Attribute" && node.type !== "Delete") {
      const assigned = name(target);
      const entry = assigned ? threadUnsafeApiFor(assigned, "assigned") : undefined;
      if (entry) return { entry, shown: `${text(target)} = …` };
    }
    if (target.type === "Subscript") {
      const mapping = name(target.value as PyNode);
      const entry = mapping ? threadUnsafeApiFor(mapping, "items") : undefined;
      if (entry) return { entry, shown: node.type === "Delete" ? `del ${text(target.value as PyNode)}[…]` : `${text(target.value as PyNode)}[…] = …` };
    }
  }
  return null;
}

/** A finding when the use runs concurrently, unprotected, and no other rule reports its statement. */
function judge(model: SemanticModel, node: PyNode, entry: ThreadUnsafeApi, shown: string): Finding | null {
  const fn = enclosingFunction(node);
  const evidence = model.concurrency.of(fn);
  if (!evidence || reportedByRaceRules(model, node)) return null;
  if (entry.lockHelps && model.locks.heldAt(node).length > 0) return null;
  return {
    node,
    messageId: tieredMessageId("unsafeApi", evidence.tier),
    data: { api: shown, reason: entry.reason, evidence: capitalise(evidence.reason), instead: entry.instead },
  };
}
