// An open editor buffer: its text (as the client last sent it) and the
// tree-sitter tree of its last parse, kept so the next parse is incremental.
// The tree lives in wasm memory; whoever replaces or drops it frees it.

import { TextDocument } from "vscode-languageserver-textdocument";
import type { TextDocumentContentChangeEvent } from "vscode-languageserver/node";
import { convertTree, parsePython, parseTree, type ParseResult } from "eslint-plugin-aether";
import type { Tree } from "web-tree-sitter";
import { editFor } from "./incrementalEdit.js";
import type { KeptParses } from "./keptParses.js";

export class OpenDocument {
  #document: TextDocument;
  /** The tree of the last parse, edited to match the current text; undefined before the first parse. */
  #tree: Tree | undefined;
  /** Whether #tree was parsed from the current text (edits since then make it stale). */
  #treeIsCurrent = false;
  /** The Python AST of the current text, shared by the linter and the code lens; dropped on change. */
  #parsed: ParseResult | undefined;

  constructor(
    readonly uri: string,
    languageId: string,
    version: number,
    text: string,
  ) {
    this.#document = TextDocument.create(uri, languageId, version, text);
  }

  get document(): TextDocument {
    return this.#document;
  }

  get version(): number {
    return this.#document.version;
  }

  get text(): string {
    return this.#document.getText();
  }

  /** Applies the client's changes in order, editing the kept tree alongside the text. */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ("range" in change) {
        this.#tree?.edit(editFor(this.#document, change.range, change.text));
      } else {
        // A whole-text replacement has no edit to describe: the next parse starts afresh.
        this.#dropTree();
      }
      this.#document = TextDocument.update(this.#document, [change], version);
    }
    this.#treeIsCurrent = false;
    this.#parsed = undefined;
  }

  /**
   * The Python AST of the current text (or its syntax error), converted from
   * the incrementally parsed tree. Rules read the AST and never change it, so
   * one conversion serves every feature until the next change.
   */
  parsed(): ParseResult {
    if (this.#parsed !== undefined) return this.#parsed;
    const text = this.text;
    // A BOM or a NUL byte is the plugin's own parse's business (ESLint strips
    // the BOM, which would shift every offset of a tree parsed with it).
    this.#parsed = hasSpecialCharacters(text) ? parsePython(text) : convertTree(text, this.currentTree());
    this.budget?.astUsed(this);
    return this.#parsed;
  }

  /** Whether ESLint must be handed the text itself rather than a ready AST. */
  get needsPlainParse(): boolean {
    return hasSpecialCharacters(this.text);
  }

  /**
   * The tree for the current text, re-parsing incrementally from the last tree
   * when the text changed. The returned tree belongs to this document: do not
   * delete it, and do not keep it past the next change.
   */
  currentTree(): Tree {
    if (this.#tree === undefined || !this.#treeIsCurrent) {
      const tree = parseTree(this.text, this.#tree);
      this.#tree?.delete();
      this.#tree = tree;
      this.#treeIsCurrent = true;
    }
    this.budget?.treeUsed(this);
    return this.#tree!;
  }

  /** Told of every use of the tree and the AST, to decide which documents keep them (see KeptParses). */
  budget: KeptParses | undefined;

  /** Frees the tree to save memory; the next parse starts afresh. */
  releaseTree(): void {
    this.#dropTree();
  }

  /** Lets go of the AST to save memory; the next use converts the tree again. */
  releaseAst(): void {
    this.#parsed = undefined;
  }

  /** Frees the tree; the document must not be used afterwards except to be forgotten. */
  dispose(): void {
    this.#dropTree();
  }

  #dropTree(): void {
    this.#tree?.delete();
    this.#tree = undefined;
    this.#treeIsCurrent = false;
    // The AST goes with the tree: both are kept only for recently used documents.
    this.#parsed = undefined;
  }
}

function hasSpecialCharacters(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff || text.includes("\0");
}
