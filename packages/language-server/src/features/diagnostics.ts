// Diagnostics for open documents, pushed (`textDocument/publishDiagnostics`)
// or pulled (`textDocument/diagnostic`) as the client prefers. Pushes are
// debounced: the first change after a quiet spell is linted at once, changes
// that follow in quick succession wait until typing pauses for `lintDelay`.

import type { Connection, Diagnostic } from "vscode-languageserver/node";
import { DocumentDiagnosticReportKind } from "vscode-languageserver/node";
import type { DocumentLinter, LintOutcome } from "../lint/documentLinter.js";
import { findingDiagnostic } from "../lint/findingDiagnostic.js";
import type { OpenDocuments } from "../documents/openDocuments.js";

export class Diagnostics {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #lastLintEnd = new Map<string, number>();
  /** Extra diagnostics other features attach to a document (the profile verdict). */
  readonly #extra = new Map<string, Diagnostic[]>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: OpenDocuments,
    private readonly linter: DocumentLinter,
    /** True when the client pulls diagnostics itself; the server then never pushes. */
    private readonly pull: boolean,
    /** Whether a pull client takes `workspace/diagnostic/refresh` (else it pulls on its own schedule). */
    private readonly canRefresh: boolean,
  ) {}

  listen(): void {
    if (!this.pull) return;
    this.connection.languages.diagnostics.on(async ({ textDocument: { uri }, previousResultId }) => {
      const outcome = await this.linter.outcome(uri);
      const resultId = outcome === undefined ? undefined : `${outcome.version}`;
      if (resultId !== undefined && resultId === previousResultId && !this.#extra.has(uri)) {
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      }
      return { kind: DocumentDiagnosticReportKind.Full, ...(resultId ? { resultId } : {}), items: this.#diagnostics(uri, outcome) };
    });
  }

  /** A document opened or changed: lint it soon, as the debounce allows. */
  schedule(uri: string, delay: number): void {
    if (this.pull) return;
    const pending = this.#timers.get(uri);
    if (pending !== undefined) clearTimeout(pending);
    const sinceLast = performance.now() - (this.#lastLintEnd.get(uri) ?? -Infinity);
    const wait = pending === undefined && sinceLast >= delay ? 0 : delay;
    this.#timers.set(
      uri,
      setTimeout(() => {
        this.#timers.delete(uri);
        void this.publish(uri);
      }, wait),
    );
  }

  /** Lints now if needed, and pushes (or asks the client to pull again). */
  async publish(uri: string): Promise<void> {
    if (this.pull) {
      this.#refresh();
      return;
    }
    const outcome = await this.linter.outcome(uri);
    this.#lastLintEnd.set(uri, performance.now());
    if (outcome === undefined || this.documents.get(uri)?.version !== outcome.version) return; // stale: a newer lint is due
    await this.connection.sendDiagnostics({ uri, version: outcome.version, diagnostics: this.#diagnostics(uri, outcome) });
  }

  /** Every open document may lint differently now (settings or a pyproject.toml changed). */
  async publishAll(): Promise<void> {
    if (this.pull) {
      this.#refresh(); // one refresh covers every document
      return;
    }
    for (const document of this.documents.all()) await this.publish(document.uri);
  }

  /** Attach diagnostics that are not findings (they stay until the document changes or closes). */
  setExtra(uri: string, diagnostics: Diagnostic[]): void {
    this.#extra.set(uri, diagnostics);
  }

  changed(uri: string): void {
    this.#extra.delete(uri);
  }

  /** The document closed: stop its timer, drop its state, clear what the client shows. */
  closed(uri: string): void {
    const pending = this.#timers.get(uri);
    if (pending !== undefined) clearTimeout(pending);
    this.#timers.delete(uri);
    this.#lastLintEnd.delete(uri);
    this.#extra.delete(uri);
    if (!this.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Asks a pull client to pull again, if it can be asked. */
  #refresh(): void {
    if (this.canRefresh) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  #diagnostics(uri: string, outcome: LintOutcome | undefined): Diagnostic[] {
    const extra = this.#extra.get(uri) ?? [];
    const document = this.documents.get(uri);
    if (outcome?.kind !== "linted" || document === undefined) return extra;
    const findings = outcome.lint.messages.map((message) => findingDiagnostic(message, document.document, outcome.settings));
    return [...findings, ...extra];
  }
}
