// Where a function's lens and its profile diagnostic sit: its `def` line,
// from the `def` keyword (after the indentation) to the end of the line.

import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Range } from "vscode-languageserver/node";

export function defLineRange(document: TextDocument, line: number): Range {
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, "");
  return { start: { line, character: text.length - text.trimStart().length }, end: { line, character: text.length } };
}
