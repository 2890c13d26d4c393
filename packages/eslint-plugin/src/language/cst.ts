// A plain-JavaScript mirror of the tree-sitter concrete syntax tree.
//
// The converter to the Python AST needs random access to children and fields;
// asking tree-sitter's `Node` objects for each would cross the wasm boundary
// many times per node. Instead one cursor walk touches each node once and
// copies the few facts we need (type, field, offsets) into JS objects.
import type { Tree } from "web-tree-sitter";
import { fieldNames, typeIsNamed, typeNames } from "./treeSitter.js";

export interface Cst {
  type: string;
  named: boolean;
  /** The field this node fills in its parent, e.g. `left`, or null. */
  field: string | null;
  /** UTF-16 offsets into the source text. */
  start: number;
  end: number;
  children: Cst[];
}

export interface CstComment {
  start: number;
  end: number;
}

export interface CstResult {
  root: Cst;
  comments: CstComment[];
}

const EMPTY: Cst[] = [];

/** Copies `tree` into `Cst` objects; comments are collected apart (they are extras anywhere). */
export function mirrorTree(tree: Tree): CstResult {
  const cursor = tree.walk();
  const comments: CstComment[] = [];
  try {
    const root: Cst = {
      type: typeNames[cursor.nodeTypeId]!,
      named: true,
      field: null,
      start: cursor.startIndex,
      end: cursor.endIndex,
      children: EMPTY,
    };
    const stack: Cst[] = [root];
    let parent = root;
    if (!cursor.gotoFirstChild()) return { root, comments };
    for (;;) {
      const typeId = cursor.nodeTypeId;
      const type = typeNames[typeId]!;
      if (type === "comment") {
        comments.push({ start: cursor.startIndex, end: cursor.endIndex });
      } else if (type !== "line_continuation") {
        const node: Cst = {
          type,
          named: typeIsNamed[typeId]!,
          field: fieldNames[cursor.currentFieldId] ?? null,
          start: cursor.startIndex,
          end: cursor.endIndex,
          children: EMPTY,
        };
        if (parent.children === EMPTY) parent.children = [node];
        else parent.children.push(node);
        if (cursor.gotoFirstChild()) {
          stack.push(node);
          parent = node;
          continue;
        }
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { root, comments };
        stack.pop();
        parent = stack[stack.length - 1]!;
        if (stack.length === 0) return { root, comments };
      }
    }
  } finally {
    cursor.delete();
  }
}
