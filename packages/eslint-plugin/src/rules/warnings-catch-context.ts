// aether/warnings-catch-context: warning-filter changes in concurrent code
// (facts §3). `simplefilter()` / `filterwarnings()` / `resetwarnings()`
// outside a `catch_warnings` block change the process-wide filter list on
// every version. `catch_warnings` itself saves and restores that global list,
// so threads (or asyncio tasks awaiting inside it) undo each other's filters —
// except on free-threaded 3.14+, where it keeps its state in a ContextVar
// (`sys.flags.context_aware_warnings`) and is not reported.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { Evidence } from "../analysis/concurrency/evidence.js";
import { enclosingStatement } from "../analysis/statements.js";
import { enclosingFunction } from "../analysis/values.js";
import { NESTED_SCOPES, isFunction, walk } from "../analysis/walk.js";
import { minorVersion } from "../language/languageOptions.js";
import { CONTEXT_AWARE_WARNINGS_FROM_MINOR, catchWarningsContexts, filterChanges } from "../data/warnings.js";
import { createRule, type Finding, type Fixer } from "../ruleKit/createRule.js";
import { tieredMessageId, tieredMessages } from "../ruleKit/evidence.js";
import { indentBlock, indentUnit, lineEnding, statementLines } from "../ruleKit/indentation.js";
import { GUARD_SUGGESTION_MESSAGES, capitalise, guardSuggestionFor, ownerState } from "../ruleKit/sharedUse.js";

const messages = {
  catchWarnings:
    "`{{call}}` swaps the process-wide warning filters for the length of the block: on {{build}} it is not context-local, so {{who}} using it at once restore each other's filters and leak theirs into unrelated code. {{evidence}}. {{remedy}}.",
  filterChange:
    "{{call}} outside a `catch_warnings` block changes the process-wide warning filters: every thread sees the change, and threads doing it at once undo each other's. {{evidence}}. {{remedy}}.",
};

export default createRule({
  id: "warnings-catch-context",
  meta: {
    type: "problem",
    docs: {
      description: "Warning filters changed from concurrent code",
      risk: 0.6,
      category: "race",
    },
    messages: {
      ...tieredMessages(messages),
      ...GUARD_SUGGESTION_MESSAGES,
      wrapInCatchWarnings: "Wrap it and the rest of the block in `with {{context}}:` (context-local on free-threaded 3.14+)",
    },
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    return {
      Module() {
        for (const finding of warningFindings(context.model)) context.report(finding);
      },
    };
  },
});

/** Every call the rule judges: the filter swaps and the filter changes. */
const WARNING_CALLS: ReadonlySet<string> = new Set([...catchWarningsContexts, ...filterChanges]);

function warningFindings(model: SemanticModel): Finding[] {
  const options = model.sourceCode.languageOptions;
  const minor = minorVersion(options);
  const contextLocal = options.freeThreaded && minor >= CONTEXT_AWARE_WARNINGS_FROM_MINOR;
  const text = (node: PyNode) => model.sourceCode.text.slice(node.range[0], node.range[1]);
  const called = (node: PyNode, names: ReadonlySet<string>) => node.type === "Call" && names.has(model.qualifiedName(node.func as PyNode) ?? "");
  const build = minor < CONTEXT_AWARE_WARNINGS_FROM_MINOR ? `Python ${options.pythonVersion}` : `Python ${options.pythonVersion} without free threading`;
  const upgrade =
    minor < CONTEXT_AWARE_WARNINGS_FROM_MINOR
      ? "; free-threaded Python 3.14+ makes it context-local"
      : "; or run with `-X context_aware_warnings`, which makes it context-local";
  const filterRemedy = contextLocal
    ? "Set the filters once at start-up, or make the change inside `with warnings.catch_warnings():`, which is context-local on free-threaded Python 3.14+"
    : minor >= CONTEXT_AWARE_WARNINGS_FROM_MINOR
      ? "Set the filters once at start-up, or run with `-X context_aware_warnings` and make the change inside `with warnings.catch_warnings():`"
      : "Set the filters once at start-up: before Python 3.14 no warnings API changes them for one thread only";

  const found: Finding[] = [];
  for (const node of model.callsNamed(WARNING_CALLS)) {
    if (!contextLocal && called(node, catchWarningsContexts) && model.locks.heldAt(node).length === 0) {
      const fn = enclosingFunction(node);
      const threads = model.concurrency.of(fn);
      const evidence = threads ?? awaitsInside(model, node);
      if (evidence) {
        found.push({
          node,
          messageId: tieredMessageId("catchWarnings", evidence.tier),
          data: {
            call: text(node),
            build,
            who: threads ? "threads" : "tasks",
            evidence: capitalise(evidence.reason),
            remedy: (threads ? "Set the filters once at start-up, or serialise these blocks with one lock" : "Set the filters once at start-up, or keep `await` out of the block") + upgrade,
          },
          ...(threads && fn && fn.type !== "Lambda"
            ? guardSuggestionFor(model, { node, state: ownerState(model, node, "the warning filters"), fn, evidence: threads })
            : {}),
        });
      }
    }
    if (called(node, filterChanges) && !insideCatchWarnings(model, node, new Set())) {
      const evidence = model.concurrency.of(enclosingFunction(node));
      if (evidence) {
        const suggestion = contextLocal ? wrapSuggestion(model, node) : null;
        found.push({
          node,
          messageId: tieredMessageId("filterChange", evidence.tier),
          data: { call: spelledCall(model, node), evidence: capitalise(evidence.reason), remedy: filterRemedy },
          ...(suggestion ? { suggest: [suggestion] } : {}),
        });
      }
    }
  }
  return found;
}

/** `warnings.simplefilter()`, or `add_filter()` (`warnings.filterwarnings`) for an alias. */
function spelledCall(model: SemanticModel, call: PyNode): string {
  const func = call.func as PyNode;
  const spelled = model.sourceCode.text.slice(func.range[0], func.range[1]);
  const name = model.qualifiedName(func);
  return name && name !== spelled ? `\`${spelled}()\` (\`${name}\`)` : `\`${spelled}()\``;
}

function isCatchWarnings(model: SemanticModel, expr: PyNode): boolean {
  return expr.type === "Call" && catchWarningsContexts.has(model.qualifiedName(expr.func as PyNode) ?? "");
}

/**
 * Whether `node` runs inside a `with catch_warnings():` block: lexically in its
 * function, or because every in-file caller of its function calls it from one.
 */
function insideCatchWarnings(model: SemanticModel, node: PyNode, seen: Set<PyNode>): boolean {
  let current: PyNode | null = node;
  for (; current?.parent && !isFunction(current); current = current.parent) {
    const parent: PyNode = current.parent;
    if ((parent.type === "With" || parent.type === "AsyncWith") && (parent.body as PyNode[]).includes(current)) {
      if ((parent.items as PyNode[]).some((item) => isCatchWarnings(model, item.context_expr as PyNode))) return true;
    }
  }
  const fn = current && isFunction(current) ? current : null;
  if (!fn || seen.has(fn)) return false;
  seen.add(fn);
  const callers = model.callGraph.callsTo(fn);
  return callers.length > 0 && callers.every((site) => insideCatchWarnings(model, site.call, seen));
}

/** For `with catch_warnings():` in a coroutine that awaits inside the block: other tasks run under its filters. */
function awaitsInside(model: SemanticModel, call: PyNode): Evidence | null {
  const fn = enclosingFunction(call);
  const item = call.parent;
  const block = item?.parent;
  if (fn?.type !== "AsyncFunctionDef" || item?.type !== "withitem" || !block || (block.type !== "With" && block.type !== "AsyncWith")) return null;
  let awaited: PyNode | null = null;
  for (const stmt of block.body as PyNode[]) {
    walk(stmt, (node) => {
      if (awaited) return false;
      if (node.type === "Await" || node.type === "AsyncFor" || node.type === "AsyncWith") awaited = node;
      return !NESTED_SCOPES.has(node.type);
    });
  }
  if (!awaited) return null;
  const name = model.callGraph.qualifiedNameOf(fn) ?? (fn.name as string);
  return {
    tier: "intended",
    reason: `\`${name}\` is a coroutine that awaits inside the block (line ${(awaited as PyNode).loc.start.line}): other tasks run while its filters are in place`,
    instances: "many",
    entry: null,
  };
}

/**
 * `warnings.simplefilter(…)` followed by more statements: wrap it and the rest
 * of its block in `with warnings.catch_warnings():`, so the change stays in
 * this thread (context-local on free-threaded 3.14+).
 */
function wrapSuggestion(model: SemanticModel, call: PyNode) {
  const stmt = enclosingStatement(call);
  const context = catchWarningsSpelling(model, call);
  if (!stmt || stmt.type !== "Expr" || stmt.value !== call || !context) return null;
  const siblings = blockOf(stmt);
  const rest = siblings.slice(siblings.indexOf(stmt));
  if (rest.length < 2) return null;
  const text = model.sourceCode.text;
  const lines = rest.map((s) => statementLines(text, s));
  const first = lines[0];
  if (!first || lines.some((l) => !l || l.indent !== first.indent)) return null;
  const eol = lineEnding(text);
  const end = rest[rest.length - 1]!.range[1];
  const body = text.slice(first.lineStart, end);
  const wrapped = `${first.indent}with ${context}:${eol}${indentBlock(body, indentUnit(text))}`;
  return {
    messageId: "wrapInCatchWarnings",
    data: { context },
    fix: (fixer: Fixer) => fixer.replaceTextRange([first.lineStart, end], wrapped),
  };
}

/** How this file spells `warnings.catch_warnings()`: through the module the call came from, or an imported name. */
function catchWarningsSpelling(model: SemanticModel, call: PyNode): string | null {
  const func = call.func as PyNode;
  const text = model.sourceCode.text;
  if (func.type === "Attribute") return `${text.slice((func.value as PyNode).range[0], (func.value as PyNode).range[1])}.catch_warnings()`;
  for (const binding of model.scopes.module.bindings.values()) {
    const name = model.imports.bindingName(binding);
    if (name === "warnings") return `${binding.name}.catch_warnings()`;
    if (name !== null && catchWarningsContexts.has(name)) return `${binding.name}()`;
  }
  return null;
}

/** The statement list that holds `stmt`. */
function blockOf(stmt: PyNode): PyNode[] {
  const parent = stmt.parent;
  if (!parent) return [stmt];
  for (const key of ["body", "orelse", "finalbody"]) {
    const list = parent[key];
    if (Array.isArray(list) && (list as PyNode[]).includes(stmt)) return list as PyNode[];
  }
  return [stmt];
}
