// Generic walks over the Python AST, driven by the visitor keys.
import type { PyNode } from "../language/nodes.js";
import { visitorKeys } from "../language/visitorKeys.js";

export function forEachChild(node: PyNode, visit: (child: PyNode) => void): void {
  for (const key of visitorKeys[node.type] ?? []) {
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item) visit(item as PyNode);
    } else if (value) {
      visit(value as PyNode);
    }
  }
}

/** Pre-order walk; return false from `visit` to skip a node's children. */
export function walk(node: PyNode, visit: (node: PyNode) => boolean | void): void {
  if (visit(node) === false) return;
  forEachChild(node, (child) => walk(child, visit));
}

export function isFunction(node: PyNode): boolean {
  return node.type === "FunctionDef" || node.type === "AsyncFunctionDef" || node.type === "Lambda";
}
