// The progress line on stderr while a runner command measures: redrawn in
// place on a terminal, one line per update otherwise (a CI log keeps them all).
// Never on stdout, which holds only the result. The words come from the
// runner (profileProgressText), which an editor's progress shares.

import type { CommandIo } from "../commandIo.js";

export { profileProgressText } from "aether-runner";

export class ProgressLine {
  private shown = false;

  constructor(private readonly io: CommandIo) {}

  update(text: string): void {
    if (this.io.stderrIsTerminal) {
      this.io.stderr(`\r\x1b[2K${text}`);
      this.shown = true;
    } else {
      this.io.stderr(`${text}\n`);
    }
  }

  /** Clears a redrawn line, so what follows starts on a clean line. */
  finish(): void {
    if (this.shown) this.io.stderr("\r\x1b[2K");
    this.shown = false;
  }
}
