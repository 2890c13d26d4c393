// Re-indenting Python for fixes: the file's own indent unit (tabs or N
// spaces) and line ending, and the whole-line span of a statement.
import type { PyNode } from "../language/nodes.js";
import { walk } from "../analysis/walk.js";

export function lineEnding(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** The indent unit the file uses: a tab, or the width of its first indented line. */
export function indentUnit(text: string): string {
  const match = /^(?:[^\r\n]*:[ \t]*(?:#[^\r\n]*)?\r?\n)(?:[ \t]*\r?\n)*([ \t]+)\S/m.exec(text);
  const first = match?.[1] ?? "    ";
  return first.startsWith("\t") ? "\t" : first;
}

export interface StatementLines {
  /** Offset of the first character of the statement's first line. */
  lineStart: number;
  end: number;
  /** The whitespace before the statement on its first line. */
  indent: string;
}

/**
 * The full lines a statement occupies, when it starts its own line and
 * re-indenting it cannot change its meaning (no string literal spans lines).
 */
export function statementLines(text: string, stmt: PyNode): StatementLines | null {
  const start = stmt.range[0];
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== "\n" && text[lineStart - 1] !== "\r") lineStart--;
  const indent = text.slice(lineStart, start);
  if (!/^[ \t]*$/.test(indent)) return null;
  let multilineString = false;
  walk(stmt, (node) => {
    if ((node.type === "Constant" || node.type === "JoinedStr") && node.loc.start.line !== node.loc.end.line) multilineString = true;
    return !multilineString;
  });
  if (multilineString) return null;
  return { lineStart, end: stmt.range[1], indent };
}

/** Adds `unit` in front of every non-blank line of `block`. */
export function indentBlock(block: string, unit: string): string {
  return block
    .split(/(\r?\n)/)
    .map((part, i) => (i % 2 === 0 && part.trim() !== "" ? unit + part : part))
    .join("");
}
