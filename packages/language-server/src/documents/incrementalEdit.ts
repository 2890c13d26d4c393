// One LSP content change as a tree-sitter edit. tree-sitter must be told what
// changed (old and new end, as offsets and row/column points) before it can
// re-parse incrementally; both use UTF-16 code units in web-tree-sitter, the
// same unit as LSP positions, so no re-encoding is needed.

import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Range } from "vscode-languageserver/node";
import { Edit, type Point } from "web-tree-sitter";

export function editFor(before: TextDocument, range: Range, insertedText: string): Edit {
  const startIndex = before.offsetAt(range.start);
  const oldEndIndex = before.offsetAt(range.end);
  // offsetAt clamps out-of-range positions; positionAt turns the clamped offsets back.
  const startPosition = point(before, startIndex);
  return new Edit({
    startIndex,
    oldEndIndex,
    newEndIndex: startIndex + insertedText.length,
    startPosition,
    oldEndPosition: point(before, oldEndIndex),
    newEndPosition: endOf(startPosition, insertedText),
  });
}

function point(document: TextDocument, offset: number): Point {
  const { line, character } = document.positionAt(offset);
  return { row: line, column: character };
}

/** Where text inserted at `start` ends. Python (and LSP) end lines at \r\n, \n or a lone \r. */
function endOf(start: Point, text: string): Point {
  const lineBreak = /\r\n|\r|\n/g;
  let rows = 0;
  let lastLineStart = 0;
  for (let match = lineBreak.exec(text); match !== null; match = lineBreak.exec(text)) {
    rows++;
    lastLineStart = match.index + match[0].length;
  }
  return rows === 0
    ? { row: start.row, column: start.column + text.length }
    : { row: start.row + rows, column: text.length - lastLineStart };
}
