// Where the `aether` settings come from: `workspace/configuration` per
// document when the client supports it (a folder may override the user's
// settings), else what the client pushed with didChangeConfiguration or
// sent in initializationOptions.

import type { Connection } from "vscode-languageserver/node";
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from "./settings.js";

export class SettingsSource {
  readonly #perDocument = new Map<string, Promise<ServerSettings>>();
  #pushed: ServerSettings;

  constructor(
    private readonly connection: Connection,
    /** Whether the client answers `workspace/configuration`. */
    private readonly pullsConfiguration: boolean,
    initialSettings: unknown,
  ) {
    this.#pushed = initialSettings === undefined ? DEFAULT_SETTINGS : readSettings(initialSettings);
  }

  forDocument(uri: string): Promise<ServerSettings> {
    if (!this.pullsConfiguration) return Promise.resolve(this.#pushed);
    let settings = this.#perDocument.get(uri);
    if (settings === undefined) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: "aether" })
        .then(readSettings, () => this.#pushed);
      this.#perDocument.set(uri, settings);
    }
    return settings;
  }

  /** didChangeConfiguration: forget what was asked; take what was pushed. */
  changed(pushed: unknown): void {
    this.#perDocument.clear();
    const section = (pushed as { aether?: unknown } | null | undefined)?.aether;
    if (section !== undefined) this.#pushed = readSettings(section);
  }

  forget(uri: string): void {
    this.#perDocument.delete(uri);
  }
}
