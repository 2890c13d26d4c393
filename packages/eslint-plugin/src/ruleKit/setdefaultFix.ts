// `if k not in d: d[k] = v` → `d.setdefault(k, v)`: one atomic dict operation
// with the same effect, offered only when evaluating `v` eagerly changes
// nothing (a name, a constant, an empty literal).
import type { PyNode } from "../language/nodes.js";
import type { RaceFinding } from "../analysis/concurrency/races.js";
import type { SemanticModel } from "../analysis/model.js";
import type { Fixer } from "./createRule.js";

export function setdefaultFix(finding: RaceFinding, model: SemanticModel): ((fixer: Fixer) => unknown) | null {
  const stmt = finding.access.node;
  if (stmt.type !== "If" || (stmt.orelse as PyNode[]).length > 0) return null;
  const test = stmt.test as PyNode;
  const body = stmt.body as PyNode[];
  if (test.type !== "Compare" || (test.ops as string[])[0] !== "NotIn" || body.length !== 1) return null;
  const assign = body[0]!;
  if (assign.type !== "Assign" || (assign.targets as PyNode[]).length !== 1) return null;
  const target = (assign.targets as PyNode[])[0]!;
  if (target.type !== "Subscript") return null;
  const text = (node: PyNode) => model.sourceCode.text.slice(node.range[0], node.range[1]);
  const container = (test.comparators as PyNode[])[0]!;
  const key = test.left as PyNode;
  if (text(target.value as PyNode) !== text(container) || text(target.slice as PyNode) !== text(key)) return null;
  if (!isPure(key) || !isPure(assign.value as PyNode) || !isDict(container, model)) return null;
  // The `if` must be the statement that starts its line (not an `elif`).
  if (!model.sourceCode.text.slice(stmt.range[0], stmt.range[0] + 3).startsWith("if ")) return null;
  const replacement = `${text(container)}.setdefault(${text(key)}, ${text(assign.value as PyNode)})`;
  return (fixer) => fixer.replaceTextRange(stmt.range, replacement);
}

/** Whether the container is known to be a dict (a `{…}` literal or `dict()` wherever it is assigned). */
function isDict(container: PyNode, model: SemanticModel): boolean {
  if (model.origins.constructorOf(container) === "builtins.dict") return true;
  const binding = container.type === "Name" ? model.scopes.resolve(container.id as string, model.scopes.scopeOf(container)) : undefined;
  const values = binding?.sites.map((site) => site.value) ?? [];
  return values.length > 0 && values.every((v) => v?.type === "Dict" || v?.type === "DictComp");
}

/** Expressions whose evaluation has no side effects and costs nothing to do eagerly. */
function isPure(node: PyNode): boolean {
  switch (node.type) {
    case "Name":
    case "Constant":
      return true;
    case "Tuple":
    case "List":
    case "Set":
      return (node.elts as PyNode[]).every(isPure);
    case "Dict":
      return (node.keys as (PyNode | null)[]).every((k) => k !== null && isPure(k)) && (node.values as PyNode[]).every(isPure);
    case "Call": {
      const func = node.func as PyNode;
      return func.type === "Name" && ["set", "list", "dict"].includes(func.id as string) && (node.args as PyNode[]).length === 0;
    }
    default:
      return false;
  }
}
