// Every node of a file, listed once in pre-order and grouped by type. Rules
// and model layers that need "every Call" or "every class" read these lists
// instead of walking the whole tree again, each of them, per file.
import type { PyNode } from "../language/nodes.js";
import { visitorKeys } from "../language/visitorKeys.js";

export class NodeIndex {
  /** All nodes in pre-order (document order). */
  readonly all: PyNode[] = [];
  readonly #byType = new Map<string, PyNode[]>();

  constructor(root: PyNode) {
    const stack: PyNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      this.all.push(node);
      const list = this.#byType.get(node.type);
      if (list) list.push(node);
      else this.#byType.set(node.type, [node]);
      const keys = visitorKeys[node.type] ?? [];
      for (let k = keys.length - 1; k >= 0; k--) {
        const child = node[keys[k]!];
        if (Array.isArray(child)) {
          for (let i = child.length - 1; i >= 0; i--) if (child[i]) stack.push(child[i] as PyNode);
        } else if (child) {
          stack.push(child as PyNode);
        }
      }
    }
  }

  /** The nodes of one or more types, in document order. */
  ofType(...types: string[]): readonly PyNode[] {
    if (types.length === 1) return this.#byType.get(types[0]!) ?? [];
    return types.flatMap((t) => this.#byType.get(t) ?? []).sort((a, b) => a.range[0] - b.range[0]);
  }
}
