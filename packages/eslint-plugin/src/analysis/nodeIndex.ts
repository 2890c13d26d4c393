// Every node of a file, listed once in pre-order and grouped by type. Rules
// and model layers that need "every Call" or "every class" read these lists
// instead of walking the whole tree again, each of them, per file.
import type { PyNode } from "../language/nodes.js";
import { pushChildren } from "./walk.js";

const NONE: readonly PyNode[] = [];

export class NodeIndex {
  /** All nodes in pre-order: the order of `walk(module, …)`. */
  readonly all: PyNode[] = [];
  /** Per type: its nodes in walk order, and their positions in `all` (to merge types without reading every node). */
  readonly #byType = new Map<string, { nodes: PyNode[]; positions: number[] }>();
  readonly #inDocumentOrder = new Map<string, readonly PyNode[]>();
  readonly #inWalkOrder = new Map<string, readonly PyNode[]>();

  constructor(root: PyNode) {
    // Built on every lint of every file: fields read into locals once, and a
    // run of nodes of one type (a Name after a Name) reuses its group without a lookup.
    const all = this.all;
    const byType = this.#byType;
    const stack: PyNode[] = [root];
    let lastType = "";
    let group: { nodes: PyNode[]; positions: number[] } | undefined;
    while (stack.length > 0) {
      const node = stack.pop()!;
      const type = node.type;
      if (type !== lastType) {
        group = byType.get(type);
        if (!group) byType.set(type, (group = { nodes: [], positions: [] }));
        lastType = type;
      }
      group!.nodes.push(node);
      group!.positions.push(all.length);
      all.push(node);
      pushChildren(node, stack);
    }
  }

  /** The nodes of one or more types, in document order (by start offset); shared by every caller asking the same. */
  ofType(...types: string[]): readonly PyNode[] {
    if (types.length === 1) return this.#byType.get(types[0]!)?.nodes ?? NONE;
    const key = types.join(" ");
    let found = this.#inDocumentOrder.get(key);
    if (!found) {
      found = types.flatMap((t) => this.#byType.get(t)?.nodes ?? []).sort((a, b) => a.range[0] - b.range[0]);
      this.#inDocumentOrder.set(key, found);
    }
    return found;
  }

  /**
   * The nodes of some types in pre-order, exactly as a whole-tree `walk`
   * meets them (document order can differ: a `Dict`'s keys come before its
   * values, an `IfExp`'s test before its body). Rules that keep the first
   * finding per statement, or report several at one position, rely on it.
   * Shared by every rule that asks for the same types.
   */
  inWalkOrder(...types: string[]): readonly PyNode[] {
    if (types.length === 1) return this.#byType.get(types[0]!)?.nodes ?? NONE;
    const key = types.join(" ");
    let found = this.#inWalkOrder.get(key);
    if (!found) {
      const lists = types.map((t) => this.#byType.get(t)?.positions).filter((list) => list !== undefined);
      const positions = new Int32Array(lists.reduce((n, list) => n + list.length, 0));
      let at = 0;
      for (const list of lists) for (const position of list) positions[at++] = position;
      positions.sort();
      found = Array.from(positions, (position) => this.all[position]!);
      this.#inWalkOrder.set(key, found);
    }
    return found;
  }
}
