// Text → Python AST: tree-sitter parse, syntax-error check, conversion.
import type { Node, Tree } from "web-tree-sitter";
import type { Comment } from "./comments.js";
import { AstBuilder, PySyntaxError } from "./convert/builder.js";
import { statements } from "./convert/statements.js";
import { mirrorTree } from "./cst.js";
import type { Module, PyNode } from "./nodes.js";
import { visitorKeys } from "./visitorKeys.js";
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
  const bom = text.indexOf("\ufeff");
  if (bom !== -1) return failure(new AstBuilder(text), "invalid non-printable character U+FEFF", bom);
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
    const depth = nestingDepth(ast as unknown as PyNode);
    if (depth > MAX_NESTING) {
      return failure(b, `code nested too deeply to analyse (${depth} levels; the limit is ${MAX_NESTING})`, 0);
    }
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
    if (error instanceof RangeError) return failure(b, `code nested too deeply to analyse (over ${MAX_NESTING} levels)`, 0);
    throw error;
  }
}

/**
 * The analysis walks the tree recursively. Real code nests a few dozen levels;
 * CPython's own compiler gives up in the low thousands. Past this limit a file
 * gets one clear message instead of a stack overflow somewhere in a rule.
 */
const MAX_NESTING = 1000;

/**
 * The depth of the deepest node. Nodes and their depths go on two parallel
 * stacks rather than one stack of [node, depth] pairs: this walk runs on every
 * keystroke in the language server, and a pair per node is pure garbage.
 */
function nestingDepth(root: PyNode): number {
  let deepest = 0;
  const nodes: PyNode[] = [root];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest) deepest = depth;
    const keys = visitorKeys[node.type];
    if (keys === undefined) continue;
    for (const key of keys) {
      const child = node[key];
      if (Array.isArray(child)) {
        for (const item of child) {
          if (item) {
            nodes.push(item as PyNode);
            depths.push(depth + 1);
          }
        }
      } else if (child) {
        nodes.push(child as PyNode);
        depths.push(depth + 1);
      }
    }
  }
  return deepest;
}

function failure(b: AstBuilder, message: string, offset: number): ParseResult {
  const { line, column } = b.position(Math.min(offset, b.text.length));
  return { ok: false, errors: [{ message, line, column: column + 1 }] };
}

/**
 * Where inside an ERROR node the text stops making sense. tree-sitter may
 * wrap a whole module in one ERROR (`z = f'{` at the end of a file): then the
 * last thing it could not fit is a better place to point at than line 1.
 */
function errorOffset(error: Node): number {
  for (const child of error.children) {
    if (child && (child.type === "ERROR" || child.isMissing)) return errorOffset(child);
  }
  const oneLine = error.startPosition.row === error.endPosition.row;
  if (error.startIndex > 0 || error.childCount === 0 || oneLine) return error.startIndex;
  const last = error.child(error.childCount - 1);
  return last ? last.startIndex : error.startIndex;
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
        return { message: "invalid syntax", offset: errorOffset(cursor.currentNode) };
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
