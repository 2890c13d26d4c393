// The progress line on stderr while a runner command measures: redrawn in
// place on a terminal, one line per update otherwise (a CI log keeps them all).
// Never on stdout, which holds only the result.

import type { ProfileProgress } from "aether-runner";
import type { CommandIo } from "../commandIo.js";

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

/** "about 12 s left", "about 2 min left". */
export function timeLeftText(seconds: number): string {
  if (seconds < 1) return "less than a second left";
  if (seconds < 90) return `about ${Math.ceil(seconds)} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/** "4 threads, repeat 2/3 (7 of 18 measurements), about 6 s left". */
export function profileProgressText(step: ProfileProgress): string {
  return `${step.threads} thread${step.threads === 1 ? "" : "s"}, repeat ${step.repeat}/${step.repeats} (${step.done} of ${step.total} measurements), ${timeLeftText(step.secondsLeft)}`;
}
