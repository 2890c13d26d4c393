// `aether ast --json`: the tree as JSON, each node `{ type, loc, ...scalars,
// ...children }` (no `parent`, no `range`), for tools such as the differential test
// against CPython's `ast.parse`.

import { toJsonText } from "./jsonText.js";
import { fieldsOf, type AstNode, type VisitorKeys } from "./nodeFields.js";

export function dumpAstJson(root: AstNode, visitorKeys: VisitorKeys): string {
  return toJsonText(toPlainTree(root, visitorKeys), "");
}

function toPlainTree(node: AstNode, visitorKeys: VisitorKeys): Record<string, unknown> {
  const plain: Record<string, unknown> = { type: node.type };
  if (node.loc !== undefined) {
    const { start, end } = node.loc;
    plain["loc"] = { start: { line: start.line, column: start.column }, end: { line: end.line, column: end.column } };
  }
  for (const field of fieldsOf(node, visitorKeys)) {
    if (field.kind === "scalar") plain[field.name] = field.value;
    else if (field.kind === "child") plain[field.name] = field.value && toPlainTree(field.value, visitorKeys);
    else plain[field.name] = field.value.map((child) => child && toPlainTree(child, visitorKeys));
  }
  return plain;
}
