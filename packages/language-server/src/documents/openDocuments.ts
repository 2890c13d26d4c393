// The documents the client has open, kept in sync from didOpen / didChange /
// didClose. (vscode-languageserver's TextDocuments applies changes itself and
// hides them; the trees need each change to stay incremental.)

import type { Connection } from "vscode-languageserver/node";
import { KeptParses } from "./keptParses.js";
import { OpenDocument } from "./openDocument.js";

export interface DocumentEvents {
  opened(document: OpenDocument): void;
  changed(document: OpenDocument): void;
  /** The document is gone; everything kept for it must be dropped. */
  closed(uri: string): void;
}

export class OpenDocuments {
  readonly #documents = new Map<string, OpenDocument>();
  readonly #kept = new KeptParses();

  get(uri: string): OpenDocument | undefined {
    return this.#documents.get(uri);
  }

  all(): IterableIterator<OpenDocument> {
    return this.#documents.values();
  }

  listen(connection: Connection, events: DocumentEvents): void {
    connection.onDidOpenTextDocument(({ textDocument: { uri, languageId, version, text } }) => {
      this.#documents.get(uri)?.dispose();
      const document = new OpenDocument(uri, languageId, version, text);
      document.budget = this.#kept;
      this.#documents.set(uri, document);
      events.opened(document);
    });
    connection.onDidChangeTextDocument(({ textDocument: { uri, version }, contentChanges }) => {
      const document = this.#documents.get(uri);
      if (document === undefined) return; // a change for a document never opened: nothing to apply it to
      document.applyChanges(contentChanges, version);
      events.changed(document);
    });
    connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
      this.#documents.get(uri)?.dispose();
      this.#documents.delete(uri);
      this.#kept.forget(uri);
      events.closed(uri);
    });
  }

  disposeAll(): void {
    for (const document of this.#documents.values()) document.dispose();
    this.#documents.clear();
  }
}
