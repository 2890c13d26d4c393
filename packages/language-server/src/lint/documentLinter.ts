// Linting open documents on demand, one result kept per document version:
// diagnostics, code actions and code lenses all ask here, and a version is
// linted once however many of them ask.

import os from "node:os";
import { MessageType } from "vscode-languageserver/node";
import { documentPath } from "../documents/documentPaths.js";
import type { OpenDocument } from "../documents/openDocument.js";
import type { OpenDocuments } from "../documents/openDocuments.js";
import type { Notices } from "../notices.js";
import type { ServerSettings } from "../settings.js";
import type { SettingsSource } from "../settingsSource.js";
import { lintDocument, type DocumentLint } from "./lintDocument.js";
import { isConfigProblem, type FileConfig, type ProjectConfigs } from "./projectConfigs.js";

export type LintOutcome =
  | { readonly kind: "linted"; readonly version: number; readonly settings: ServerSettings; readonly lint: DocumentLint; readonly config: FileConfig; readonly filename: string }
  /** Not linted, and why not (disabled, excluded, too large, bad config): no diagnostics. */
  | { readonly kind: "skipped"; readonly version: number; readonly settings: ServerSettings; readonly reason: string };

export class DocumentLinter {
  readonly #outcomes = new Map<string, LintOutcome>();

  constructor(
    private readonly documents: OpenDocuments,
    private readonly settings: SettingsSource,
    private readonly configs: ProjectConfigs,
    private readonly notices: Notices,
    /** Where unsaved buffers are taken to live. */
    private readonly defaultFolder: () => string = () => os.homedir(),
  ) {}

  /** The outcome for the document's current version, linting it if that has not happened yet. */
  async outcome(uri: string): Promise<LintOutcome | undefined> {
    const document = this.documents.get(uri);
    if (document === undefined) return undefined;
    const settings = await this.settings.forDocument(uri);
    // The document may have changed or closed while the settings were fetched.
    const current = this.documents.get(uri);
    if (current === undefined) return undefined;
    const cached = this.#outcomes.get(uri);
    if (cached !== undefined && cached.version === current.version && cached.settings === settings) return cached;
    const outcome = this.#lint(current, settings);
    this.#outcomes.set(uri, outcome);
    return outcome;
  }

  /** The last outcome, whatever version it was for. */
  last(uri: string): LintOutcome | undefined {
    return this.#outcomes.get(uri);
  }

  forget(uri: string): void {
    this.#outcomes.delete(uri);
    this.settings.forget(uri);
  }

  /** Settings or a pyproject.toml changed: every kept outcome may be wrong. */
  invalidateAll(): void {
    this.#outcomes.clear();
  }

  filename(uri: string): string {
    return documentPath(uri, this.defaultFolder());
  }

  #lint(document: OpenDocument, settings: ServerSettings): LintOutcome {
    const { version, uri } = document;
    const skipped = (reason: string): LintOutcome => ({ kind: "skipped", version, settings, reason });
    if (!settings.enable) return skipped("aether.enable is off");
    const filename = this.filename(uri);
    const size = document.text.length;
    if (size > settings.maxFileSize) {
      const reason = `${baseName(filename)} is ${formatSize(size)}, over aether.maxFileSize (${formatSize(settings.maxFileSize)}): not checked`;
      this.notices.show(MessageType.Info, `Aether: ${reason}.`);
      return skipped(reason);
    }
    const config = this.configs.forFile(filename);
    if (isConfigProblem(config)) {
      this.notices.show(MessageType.Error, `Aether: ${config.message}. Files under it are not checked until it is fixed.`);
      return skipped(config.message);
    }
    if (config.excludes(filename)) return skipped(`excluded by [tool.aether] exclude in ${config.source}`);
    const lint = lintDocument(document, filename, config);
    for (const crash of lint.crashes) {
      const rule = crash.ruleId ?? "an unknown rule";
      this.notices.logErrorOnce(
        `${uri} ${crash.ruleId}`,
        `Aether: ${rule} failed on ${filename}; its findings are missing, the other rules' are shown.\n${crash.message}`,
      );
    }
    return { kind: "linted", version, settings, lint, config, filename };
  }
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

function formatSize(chars: number): string {
  return chars >= 1_000_000 ? `${(chars / 1_000_000).toFixed(1)} MB` : `${Math.ceil(chars / 1000)} kB`;
}
