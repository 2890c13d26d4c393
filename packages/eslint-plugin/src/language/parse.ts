// Text → Python AST: tree-sitter parse, syntax-error check, conversion.
import type { Tree } from "web-tree-sitter";
import type { Comment } from "./comments.js";
import { AstBuilder, PySyntaxError } from "./convert/builder.js";
import { statements } from "./convert/statements.js";
import { mirrorTree } from "./cst.js";
import type { Module } from "./nodes.js";
import { parseTree } from "./treeSitter.js";

export interface ParseError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type ParseResult =
  | { ok: true; ast: Module; comments: Comment[] }
  | { ok: false; errors: ParseError[] };

export interface ParseOptions {
  /** A tree from an earlier parse of this document, already `edit()`ed; it is reused, not consumed. */
  oldTree?: Tree | null;
  /** Keep the new tree (the caller must `delete()` it) instead of freeing it. */
  keepTree?: boolean;
}

/** Parses Python source (BOM already removed or not) into the AST that rules see. */
export function parsePython(source: string, options: ParseOptions = {}): ParseResult & { tree?: Tree } {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const nul = text.indexOf("\0");
  if (nul !== -1) return failure(new AstBuilder(text), "source code cannot contain null bytes", nul);
  const tree = parseTree(text, options.oldTree);
  try {
    const result = convertTree(text, tree);
    return options.keepTree ? { ...result, tree } : result;
  } finally {
    if (!options.keepTree) tree.delete();
  }
}

/** Converts an already-parsed tree (the language server parses incrementally itself). */
export function convertTree(text: string, tree: Tree): ParseResult {
  const b = new AstBuilder(text);
  if (tree.rootNode.hasError) {
    const { message, offset } = firstSyntaxError(tree);
    return failure(b, message, offset);
  }
  try {
    const { root, comments } = mirrorTree(tree);
    const body = statements(b, root);
    const ast = b.node<Module>("Module", 0, text.length, { body, type_ignores: [] });
    return {
      ok: true,
      ast,
      comments: comments.map((c) => ({
        type: "Comment",
        value: text.slice(c.start + 1, c.end),
        range: [c.start, c.end],
        loc: b.loc(c.start, c.end),
      })),
    };
  } catch (error) {
    if (error instanceof PySyntaxError) return failure(b, error.message, error.offset);
    throw error;
  }
}

function failure(b: AstBuilder, message: string, offset: number): ParseResult {
  const { line, column } = b.position(Math.min(offset, b.text.length));
  return { ok: false, errors: [{ message, line, column: column + 1 }] };
}

/** The first ERROR or MISSING node in document order: where tree-sitter gave up. */
function firstSyntaxError(tree: Tree): { message: string; offset: number } {
  const cursor = tree.walk();
  try {
    for (;;) {
      if (cursor.nodeIsMissing) {
        const expected = cursor.nodeType;
        return { message: `invalid syntax: expected '${expected}'`, offset: cursor.startIndex };
      }
      if (cursor.nodeType === "ERROR") {
        return { message: "invalid syntax", offset: cursor.startIndex };
      }
      // Descend only into nodes that contain an error.
      if (cursor.currentNode.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return { message: "invalid syntax", offset: 0 };
      }
    }
  } finally {
    cursor.delete();
  }
}
