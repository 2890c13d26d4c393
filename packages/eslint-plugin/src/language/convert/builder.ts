// Shared machinery of the CST → AST conversion: making nodes with positions,
// reading the source text, and walking CST children by field.
import type { Cst } from "../cst.js";
import type { PyNode, PyNodeBase, SourceLocation } from "../nodes.js";
import { visitorKeys } from "../visitorKeys.js";

/** A construct the grammar accepted but Python rejects (or the grammar could not parse). */
export class PySyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "PySyntaxError";
  }
}

export class AstBuilder {
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    this.lineStarts = computeLineStarts(text);
  }

  /** Creates a node covering [start, end) and points its children's `parent` at it. */
  node<T extends PyNodeBase = PyNode>(type: string, start: number, end: number, fields: Record<string, unknown>): T {
    const node = fields as PyNode;
    node.type = type;
    node.range = [start, end];
    node.loc = this.loc(start, end);
    node.parent = null;
    for (const key of visitorKeys[type] ?? []) {
      const child = node[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item) (item as PyNode).parent = node;
      } else if (child) {
        (child as PyNode).parent = node;
      }
    }
    return node as unknown as T;
  }

  /** Same as `node`, spanning a CST node. */
  from<T extends PyNodeBase = PyNode>(type: string, cst: Cst, fields: Record<string, unknown>): T {
    return this.node<T>(type, cst.start, cst.end, fields);
  }

  textOf(cst: { start: number; end: number }): string {
    return this.text.slice(cst.start, cst.end);
  }

  loc(start: number, end: number): SourceLocation {
    return { start: this.position(start), end: this.position(end) };
  }

  /**
   * The line found by the last call. Nodes are built roughly in source order,
   * so the next offset is usually on the same line: checking it first skips
   * most binary searches (two per node).
   */
  private lastLine = 0;

  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts;
    const last = this.lastLine;
    if (starts[last]! <= offset && (last + 1 === starts.length || offset < starts[last + 1]!)) {
      return { line: last + 1, column: offset - starts[last]! };
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return { line: lo + 1, column: offset - starts[lo]! };
  }
}

/** Python ends lines at \n, \r\n and \r only (not at \f, \v or U+2028, unlike `str.splitlines`). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

// --- CST navigation -------------------------------------------------------

export function field(cst: Cst, name: string): Cst | undefined {
  for (const child of cst.children) if (child.field === name) return child;
  return undefined;
}

export function fields(cst: Cst, name: string): Cst[] {
  return cst.children.filter((child) => child.field === name);
}

export function named(cst: Cst): Cst[] {
  return cst.children.filter((child) => child.named);
}

export function firstNamed(cst: Cst): Cst | undefined {
  for (const child of cst.children) if (child.named) return child;
  return undefined;
}

export function hasToken(cst: Cst, token: string): boolean {
  for (const child of cst.children) if (!child.named && child.type === token) return true;
  return false;
}

export function required(cst: Cst | undefined, parent: Cst, what: string): Cst {
  if (!cst) throw new PySyntaxError(`invalid syntax: expected ${what}`, parent.end);
  return cst;
}
