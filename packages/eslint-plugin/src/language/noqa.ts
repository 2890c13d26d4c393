// `# noqa` and `# noqa: <id>, <id>` on a line: Python users' way to silence
// a finding. Bare `# noqa` silences every aether rule on that line; codes
// that are not aether rules (flake8's `E501`, ruff's `F401`) are ignored, so a
// `# noqa: E501` does not silence aether.
import type { Comment } from "./comments.js";

const NOQA = /(?:^|#)\s*noqa(?::\s*([\w./-]+(?:[\s,]+[\w./-]+)*))?/i;

export class NoqaTable {
  /** line → rule ids (without the `aether/` prefix) or "all". */
  readonly #lines = new Map<number, Set<string> | "all">();

  constructor(comments: readonly Comment[]) {
    for (const comment of comments) {
      const match = NOQA.exec(comment.value);
      if (!match) continue;
      const line = comment.loc.start.line;
      if (match[1] === undefined) {
        this.#lines.set(line, "all");
        continue;
      }
      const ids = match[1]
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((code) => (code.startsWith("aether/") ? code.slice("aether/".length) : code));
      const existing = this.#lines.get(line);
      if (existing === "all") continue;
      this.#lines.set(line, new Set([...(existing ?? []), ...ids]));
    }
  }

  /** Whether `ruleId` (with or without `aether/`) is silenced on `line`. */
  silences(line: number, ruleId: string): boolean {
    const entry = this.#lines.get(line);
    if (!entry) return false;
    if (entry === "all") return true;
    return entry.has(ruleId.startsWith("aether/") ? ruleId.slice("aether/".length) : ruleId);
  }
}
