// Soft keywords read as keywords where Python reads names.
//
// `type` is a keyword only at the start of `type X = …` (PEP 695), but
// tree-sitter-python also takes `type(self).x = 1` for a type alias. When a
// "type alias" does not have the shape of one, the statement is parsed again
// with `type` spelled as a plain name of the same length. Everything before the
// statement is blanked (newlines kept), so offsets, lines and columns stay the
// same and the converter keeps reading names from the original text.
import type { Cst } from "../cst.js";
import { mirrorTree } from "../cst.js";
import { parseTree } from "../treeSitter.js";
import type { AstBuilder } from "./builder.js";
import { PySyntaxError, field, firstNamed } from "./builder.js";

export function isGenuineTypeAlias(b: AstBuilder, cst: Cst): boolean {
  const afterKeyword = b.text.charAt(cst.start + 4);
  const left = field(cst, "left");
  const name = left && firstNamed(left);
  return /\s/.test(afterKeyword) && (name?.type === "identifier" || name?.type === "generic_type");
}

/** The same statement parsed with its leading soft keyword read as a name. */
export function reparseAsName(b: AstBuilder, cst: Cst): Cst {
  const keyword = b.text.slice(cst.start, cst.start + 4);
  const before = b.text.slice(0, cst.start).replace(/[^\r\n]/g, " ");
  const disguised = before + keyword.toUpperCase() + b.text.slice(cst.start + 4, cst.end);
  const tree = parseTree(disguised);
  try {
    if (tree.rootNode.hasError) throw new PySyntaxError("invalid syntax", cst.start);
    const { root } = mirrorTree(tree);
    const statement = find(root, cst.start);
    if (!statement) throw new PySyntaxError("invalid syntax", cst.start);
    return statement;
  } finally {
    tree.delete();
  }
}

function find(node: Cst, start: number): Cst | undefined {
  for (const child of node.children) {
    if (child.start === start && child.named && child.type !== "block") return child;
    if (child.start <= start && start < child.end) return find(child, start);
  }
  return undefined;
}
