// Whether a `def` is a generator function: calling it only builds a generator
// and runs none of its body until something iterates it. Rules ask (an
// iterator shared between threads), and so does the language server (a
// function whose call runs nothing cannot be profiled).
import type { FunctionDef, PyNode } from "../language/nodes.js";
import { NESTED_SCOPES, walk } from "./walk.js";

/** A `def` whose own body yields (nested functions' and classes' yields are theirs). Not an `async def`. */
export function isGeneratorFunction(fn: PyNode | FunctionDef): boolean {
  if (fn.type !== "FunctionDef") return false;
  let yields = false;
  for (const stmt of fn.body as PyNode[]) {
    walk(stmt, (node) => {
      if (node.type === "Yield" || node.type === "YieldFrom") yields = true;
      return !yields && !NESTED_SCOPES.has(node.type);
    });
  }
  return yields;
}
