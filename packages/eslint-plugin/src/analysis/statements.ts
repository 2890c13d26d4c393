// Statements: which nodes are statements, and the statement a node belongs to.
import type { PyNode } from "../language/nodes.js";

const STATEMENTS = new Set([
  "FunctionDef", "AsyncFunctionDef", "ClassDef", "Return", "Delete", "Assign", "TypeAlias", "AugAssign", "AnnAssign",
  "For", "AsyncFor", "While", "If", "With", "AsyncWith", "Match", "Raise", "Try", "TryStar", "Assert", "Import",
  "ImportFrom", "Global", "Nonlocal", "Expr", "Pass", "Break", "Continue",
]);

/** The statement a node belongs to. */
export function enclosingStatement(node: PyNode): PyNode | null {
  for (let current: PyNode | null = node; current; current = current.parent) {
    if (STATEMENTS.has(current.type)) return current;
  }
  return null;
}
