// ESLint fixes as LSP text edits. ESLint's ranges are UTF-16 offsets into the
// text without its BOM; LSP wants line/character positions in the text as the
// client has it.

import type { Rule } from "eslint";
import type { TextEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";

export function fixEdit(fix: Rule.Fix, document: TextDocument): TextEdit {
  const shift = document.getText().charCodeAt(0) === 0xfeff ? 1 : 0;
  const [start, end] = fix.range;
  return {
    range: { start: document.positionAt(start + shift), end: document.positionAt(end + shift) },
    newText: fix.text,
  };
}

/** Replaces the whole text; for results computed on the whole file (fix all). */
export function wholeTextEdit(document: TextDocument, newText: string): TextEdit {
  return { range: { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) }, newText };
}
