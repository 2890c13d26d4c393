// Generic walks over the Python AST, driven by the visitor keys.
//
// The language server lints on every keystroke, and rules walk subtrees
// often, so these are loops over an explicit stack: no recursion, and no
// closure or array allocated per node (the garbage collector's share of a
// lint was a fifth). Whole-file questions should not walk at all: read
// `model.nodes` (analysis/nodeIndex.ts) instead.
import type { PyNode } from "../language/nodes.js";
import { visitorKeys } from "../language/visitorKeys.js";

const NO_KEYS: readonly string[] = [];

/**
 * Calls `visit` on each child of `node`, in visitor-key order. What the
 * visit needs besides the child can be passed as `context`, so that a
 * recursive pass does not make a closure per node.
 */
export function forEachChild<C = undefined>(node: PyNode, visit: (child: PyNode, context: C) => void, context?: C): void {
  const keys = visitorKeys[node.type] ?? NO_KEYS;
  for (let k = 0; k < keys.length; k++) {
    const value = node[keys[k]!];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (value[i]) visit(value[i] as PyNode, context as C);
    } else if (value) {
      visit(value as PyNode, context as C);
    }
  }
}

/** Pushes the children of `node` onto `stack` so that they pop in visitor-key order. */
export function pushChildren(node: PyNode, stack: PyNode[]): void {
  const keys = visitorKeys[node.type] ?? NO_KEYS;
  for (let k = keys.length - 1; k >= 0; k--) {
    const value = node[keys[k]!];
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) if (value[i]) stack.push(value[i] as PyNode);
    } else if (value) {
      stack.push(value as PyNode);
    }
  }
}

/** Pre-order walk (the order of a recursive one); return false from `visit` to skip a node's children. */
export function walk(node: PyNode, visit: (node: PyNode) => boolean | void): void {
  const stack: PyNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (visit(current) !== false) pushChildren(current, stack);
  }
}

/** Node types whose bodies run at another time than the code around them: nested functions and classes. */
export const NESTED_SCOPES: ReadonlySet<string> = new Set(["FunctionDef", "AsyncFunctionDef", "Lambda", "ClassDef"]);

export function isFunction(node: PyNode): boolean {
  return node.type === "FunctionDef" || node.type === "AsyncFunctionDef" || node.type === "Lambda";
}
