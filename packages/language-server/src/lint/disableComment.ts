// The edit behind "Disable aether/<id> for this line": `# noqa: <id>` at the
// end of the line, as Python users write it; or, where a comment cannot simply
// be appended (the line already has one, continues with a backslash, or ends
// inside a multi-line string), `# eslint-disable-next-line aether/<id>` on a
// line of its own above, at the same indentation.

import type { TextEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Tree } from "web-tree-sitter";

export function disableForLineEdit(input: {
  readonly document: TextDocument;
  /** 0-based. */
  readonly line: number;
  /** "aether/non-atomic-update". */
  readonly ruleId: string;
  readonly lineHasComment: boolean;
  readonly tree: Tree | undefined;
}): TextEdit {
  const { document, line, ruleId } = input;
  const lineText = textOfLine(document, line);
  const content = lineText.replace(/\s+$/, "");
  const appendable = !input.lineHasComment && !content.endsWith("\\") && !endsInsideString(input.tree, document, line, content.length);
  if (appendable) {
    const at = { line, character: content.length };
    return { range: { start: at, end: { line, character: lineText.length } }, newText: `  # noqa: ${ruleId.replace(/^aether\//, "")}` };
  }
  const indent = /^[ \t]*/.exec(lineText)![0];
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# eslint-disable-next-line ${ruleId}${lineBreakOf(document)}` };
}

/** The line's text without its line break. */
function textOfLine(document: TextDocument, line: number): string {
  const start = document.offsetAt({ line, character: 0 });
  const end = document.offsetAt({ line: line + 1, character: 0 });
  return document.getText().slice(start, end).replace(/(\r\n|\r|\n)$/, "");
}

function lineBreakOf(document: TextDocument): string {
  const text = document.getText();
  const first = /\r\n|\r|\n/.exec(text);
  return first?.[0] ?? "\n";
}

/** Whether the line's last character sits in a string that goes on past the line. */
function endsInsideString(tree: Tree | undefined, document: TextDocument, line: number, contentLength: number): boolean {
  if (tree === undefined || contentLength === 0) return false;
  const offset = document.offsetAt({ line, character: contentLength - 1 });
  for (let node = tree.rootNode.descendantForIndex(offset); node !== null; node = node.parent) {
    if (node.type === "string" && node.endPosition.row > line) return true;
  }
  return false;
}
