// Aether's own comments, parsed once per file for the semantic model:
//   # aether: thread-entry        this def runs in threads
//   # aether: requires <lock>     callers hold <lock> when calling this def
//   # aether: thread-safe         trust this class/def; report only guarded-by violations
//   # guarded-by: <lock>          this variable/attribute is protected by <lock>
import type { Comment } from "./comments.js";

export type AnnotationKind = "thread-entry" | "requires" | "thread-safe" | "guarded-by";

export interface Annotation {
  kind: AnnotationKind;
  /** The lock expression for `requires` and `guarded-by` (e.g. `self._lock`), else null. */
  argument: string | null;
  line: number;
  comment: Comment;
}

export interface AnnotationProblem {
  message: string;
  comment: Comment;
}

const AETHER = /^\s*aether:\s*(.*)$/;
const GUARDED_BY = /(?:^|#)\s*guarded-by:\s*([\w.]+)\s*$/;
const LOCK = /^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*$/;

export function parseAnnotations(comments: readonly Comment[]): { annotations: Annotation[]; problems: AnnotationProblem[] } {
  const annotations: Annotation[] = [];
  const problems: AnnotationProblem[] = [];
  for (const comment of comments) {
    const line = comment.loc.start.line;
    const guarded = GUARDED_BY.exec(comment.value);
    if (guarded) {
      annotations.push({ kind: "guarded-by", argument: guarded[1]!, line, comment });
      continue;
    }
    const aether = AETHER.exec(comment.value);
    if (!aether) continue;
    const [word = "", argument, ...extra] = aether[1]!.trim().split(/\s+/);
    if (word === "thread-entry" || word === "thread-safe") {
      if (argument === undefined) annotations.push({ kind: word, argument: null, line, comment });
      else problems.push({ message: `"# aether: ${word}" takes no argument`, comment });
    } else if (word === "requires") {
      if (argument && LOCK.test(argument) && extra.length === 0) {
        annotations.push({ kind: "requires", argument, line, comment });
      } else {
        problems.push({ message: `"# aether: requires" needs one lock name, e.g. "# aether: requires self._lock"`, comment });
      }
    } else {
      problems.push({
        message: `Unknown aether annotation "${word}"; known: thread-entry, requires <lock>, thread-safe`,
        comment,
      });
    }
  }
  return { annotations, problems };
}
