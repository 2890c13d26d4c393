// Messages to the user and the log that must not repeat on every keystroke:
// each distinct text is shown once until the server restarts, or until the
// configuration it was about changes.

import type { Connection, MessageType } from "vscode-languageserver/node";

export class Notices {
  readonly #shown = new Set<string>();

  constructor(private readonly connection: Connection) {}

  /** A message in the editor's UI, once. */
  show(type: MessageType, message: string): void {
    if (this.#remember(`show ${message}`)) void this.connection.sendNotification("window/showMessage", { type, message });
  }

  /** An error in the server's log, once per key (the same crash on the next keystroke is not news). */
  logErrorOnce(key: string, message: string): void {
    if (this.#remember(`log ${key}`)) this.connection.console.error(message);
  }

  /** Something the messages were about changed (a pyproject.toml): the same problem again is news again. */
  reset(): void {
    this.#shown.clear();
  }

  #remember(key: string): boolean {
    if (this.#shown.has(key)) return false;
    this.#shown.add(key);
    return true;
  }
}
