// Which documents keep their tree-sitter tree between parses. A kept tree
// makes the next parse incremental, but trees live in WebAssembly memory,
// which never shrinks once grown: a workspace with hundreds of open files
// would hold them all. Only the documents edited most recently keep theirs;
// the others are parsed afresh on their next change (a few tens of ms).

import type { OpenDocument } from "./openDocument.js";

export const KEPT_TREES = 16;

export class KeptTrees {
  /** Most recently used last; a Map keeps insertion order. */
  readonly #recent = new Map<string, OpenDocument>();

  constructor(private readonly limit = KEPT_TREES) {}

  /** The document was just parsed: keep its tree, and free the least recently used beyond the limit. */
  used(document: OpenDocument): void {
    this.#recent.delete(document.uri);
    this.#recent.set(document.uri, document);
    while (this.#recent.size > this.limit) {
      const [uri, oldest] = this.#recent.entries().next().value as [string, OpenDocument];
      this.#recent.delete(uri);
      oldest.releaseTree();
    }
  }

  forget(uri: string): void {
    this.#recent.delete(uri);
  }
}
