// `aether ast` without --json: an indented outline of the tree for rule authors,
// one node per line with its field name, type, `line:col-endLine:endCol` (1-based
// lines, 0-based columns, as in `node.loc`) and scalar fields. Child fields that are
// None or empty are left out; --json shows everything.

import { toJsonText } from "./jsonText.js";
import { fieldsOf, type AstNode, type VisitorKeys } from "./nodeFields.js";

export function dumpAstText(root: AstNode, visitorKeys: VisitorKeys): string {
  const lines: string[] = [];
  const visit = (node: AstNode | null, label: string, depth: number): void => {
    const indent = "  ".repeat(depth);
    if (node === null) {
      lines.push(`${indent}${label}null`);
      return;
    }
    const fields = fieldsOf(node, visitorKeys);
    const scalars = fields.flatMap((field) => (field.kind === "scalar" ? [`${field.name}=${formatScalar(field.value)}`] : []));
    lines.push([`${indent}${label}${node.type}`, formatLocation(node), ...scalars].filter(Boolean).join(" "));
    for (const field of fields) {
      if (field.kind === "child" && field.value !== null) visit(field.value, `${field.name}: `, depth + 1);
      if (field.kind === "children") field.value.forEach((child, index) => visit(child, `${field.name}[${index}]: `, depth + 1));
    }
  };
  visit(root, "", 0);
  return lines.join("\n");
}

function formatLocation(node: AstNode): string {
  if (node.loc === undefined) return "";
  const { start, end } = node.loc;
  return `${start.line}:${start.column}-${end.line}:${end.column}`;
}

/** JSON spelling, which is how a rule sees the value. */
function formatScalar(value: unknown): string {
  return value === undefined ? "undefined" : toJsonText(value);
}
