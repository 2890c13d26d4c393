// Which documents keep what their last parse produced. A kept tree-sitter
// tree makes the next parse incremental, and a kept AST serves the code lens
// after the linter; but trees live in WebAssembly memory, which never shrinks
// once grown, and ASTs are the largest objects on the JavaScript heap: a
// workspace with hundreds of open files must not hold them all. Only the
// documents used most recently keep theirs; the others are parsed afresh on
// their next change (a few tens of ms).

import type { OpenDocument } from "./openDocument.js";

export const KEPT_TREES = 16;
/** The document being edited, and one more (a split view, say). */
export const KEPT_ASTS = 2;

export class KeptParses {
  readonly #trees: RecentlyUsed;
  readonly #asts: RecentlyUsed;

  constructor(limits: { trees: number; asts: number } = { trees: KEPT_TREES, asts: KEPT_ASTS }) {
    this.#trees = new RecentlyUsed(limits.trees, (document) => document.releaseTree());
    this.#asts = new RecentlyUsed(limits.asts, (document) => document.releaseAst());
  }

  treeUsed(document: OpenDocument): void {
    this.#trees.used(document);
  }

  astUsed(document: OpenDocument): void {
    this.#asts.used(document);
  }

  forget(uri: string): void {
    this.#trees.forget(uri);
    this.#asts.forget(uri);
  }
}

/** A least-recently-used set of documents that lets go of the oldest beyond its limit. */
class RecentlyUsed {
  /** Most recently used last; a Map keeps insertion order. */
  readonly #recent = new Map<string, OpenDocument>();

  constructor(
    private readonly limit: number,
    private readonly release: (document: OpenDocument) => void,
  ) {}

  used(document: OpenDocument): void {
    this.#recent.delete(document.uri);
    this.#recent.set(document.uri, document);
    while (this.#recent.size > this.limit) {
      const [uri, oldest] = this.#recent.entries().next().value as [string, OpenDocument];
      this.#recent.delete(uri);
      this.release(oldest);
    }
  }

  forget(uri: string): void {
    this.#recent.delete(uri);
  }
}
