// Temporary project folders for the tests: fixture files copied out of the
// repository (the server may be asked to read a pyproject.toml next to them),
// and the text edits a client would apply.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { TextEdit, WorkspaceEdit } from "vscode-languageserver-protocol";

export const FIXTURES = fileURLToPath(new URL("../../../../../test-fixtures/language-server/", import.meta.url));

export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), "utf8");
}

/** A fresh folder with the given files; removed by the returned function. */
export function tempProject(files: Record<string, string>): { root: string; uri(name: string): string; remove(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "aether-ls-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return {
    root,
    uri: (name) => pathToFileURL(path.join(root, name)).href,
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** The text after a client applies `edits` (as an editor does: all against the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create("file:///x.py", "python", 1, text), [...edits]);
}

export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  const edits = edit?.changes?.[uri];
  if (edits === undefined) throw new Error(`the workspace edit has no changes for ${uri}: ${JSON.stringify(edit)}`);
  return edits;
}
