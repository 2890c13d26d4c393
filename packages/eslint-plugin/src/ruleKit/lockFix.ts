// The "guard with a lock" edit: wrap a statement in `with <lock>:`, reusing
// the one lock its owner already has, else adding `_lock = threading.Lock()`
// after the imports (and `import threading` when missing). Also the
// double-checked-locking rewrite of a lazy initialisation.
import type { PyNode } from "../language/nodes.js";
import type { PythonSourceCode } from "../language/pythonSourceCode.js";
import type { RaceFinding } from "../analysis/concurrency/races.js";
import type { SemanticModel } from "../analysis/model.js";
import type { Fixer } from "./createRule.js";
import { enclosingStatement } from "../analysis/statements.js";
import { insertAfterHeader, type FixResult } from "./importFix.js";
import { indentBlock, indentUnit, lineEnding, statementLines } from "./indentation.js";
import { lockToReuse } from "./raceRule.js";

interface LockChoice {
  /** How the guarded code spells the lock. */
  text: string;
  /** Edits that create it, when it does not exist yet. */
  create: (fixer: Fixer) => FixResult[];
}

export function chooseLock(finding: RaceFinding, model: SemanticModel): LockChoice {
  const existing = finding.guard ?? lockToReuse(finding, model);
  if (existing) return { text: existing, create: () => [] };
  const sourceCode = model.sourceCode;
  const bindings = model.scopes.module.bindings;
  const name = bindings.has("_lock") ? "_aether_lock" : "_lock";
  const eol = lineEnding(sourceCode.text);
  const threading = bindings.get("threading");
  const hasThreading = threading?.sites.some((s) => s.kind === "import" && s.node.name === "threading" && !s.node.asname);
  const declaration = `${hasThreading ? "" : `import threading${eol}`}${eol}${name} = threading.Lock()${eol}`;
  return { text: name, create: (fixer) => [insertAfterHeader(fixer, model, declaration)] };
}

/** A suggestion that wraps the finding's statement in `with <lock>:`, or null when that cannot be done cleanly. */
export function guardSuggestion(finding: RaceFinding, model: SemanticModel) {
  const stmt = enclosingStatement(finding.access.node);
  const sourceCode: PythonSourceCode = model.sourceCode;
  if (!stmt || !finding.access.fn) return null;
  const lines = statementLines(sourceCode.text, stmt);
  if (!lines) return null;
  const lock = chooseLock(finding, model);
  const eol = lineEnding(sourceCode.text);
  const unit = indentUnit(sourceCode.text);
  const body = sourceCode.text.slice(lines.lineStart, lines.end);
  const wrapped = `${lines.indent}with ${lock.text}:${eol}${indentBlock(body, unit)}`;
  return {
    messageId: "guardWithLock",
    data: { lock: lock.text },
    fix: (fixer: Fixer) => [...lock.create(fixer), fixer.replaceTextRange([lines.lineStart, lines.end], wrapped)],
  };
}

/**
 * `if x is None: x = make()` → the fast-path check, then `with lock:` and the
 * check again before building (double-checked locking, facts §14).
 */
export function doubleCheckedSuggestion(finding: RaceFinding, model: SemanticModel) {
  const stmt = finding.access.node;
  const sourceCode = model.sourceCode;
  if (stmt.type !== "If" || (stmt.orelse as PyNode[]).length > 0 || !finding.access.fn) return null;
  const lines = statementLines(sourceCode.text, stmt);
  const body = stmt.body as PyNode[];
  if (!lines || body.length === 0) return null;
  const lock = chooseLock(finding, model);
  const eol = lineEnding(sourceCode.text);
  const unit = indentUnit(sourceCode.text);
  const header = sourceCode.text.slice(stmt.range[0], (stmt.test as PyNode).range[1]);
  const firstBody = statementLines(sourceCode.text, body[0]!);
  if (!firstBody) return null;
  const bodyText = sourceCode.text.slice(firstBody.lineStart, lines.end);
  const inner = `${lines.indent}${unit}with ${lock.text}:${eol}${lines.indent}${unit}${unit}${header}:${eol}${indentBlock(bodyText, unit + unit)}`;
  const replacement = `${lines.indent}${header}:${eol}${inner}`;
  return {
    messageId: "doubleCheckedLocking",
    data: { lock: lock.text },
    fix: (fixer: Fixer) => [...lock.create(fixer), fixer.replaceTextRange([lines.lineStart, lines.end], replacement)],
  };
}
