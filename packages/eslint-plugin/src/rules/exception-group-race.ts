// aether/exception-group-race: errors of threads and pools that are lost or
// collected unsafely (facts §11) — a discarded future, result iterator or
// AsyncResult (the exception lives only there); a thread target that catches
// everything and drops it; a shared error list read before the workers that
// fill it are joined, or read and emptied while they append with no lock; an
// `ExceptionGroup` built from a list that may be empty or hold `None`.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { Evidence } from "../analysis/concurrency/evidence.js";
import type { ThreadEntry } from "../analysis/concurrency/threadEntries.js";
import {
  catchAllExceptions,
  errorDetails,
  exceptionGroups,
  executors,
  joinFunctions,
  joinMethods,
  listClears,
  multiprocessingPools,
  resultMethods,
  suppressors,
  synchronousPoolMethods,
  type ResultMethod,
} from "../data/threadErrors.js";
import { lookup } from "../data/lookup.js";
import { enclosingStatement } from "../analysis/statements.js";
import { enclosingFunction } from "../analysis/values.js";
import { walk } from "../analysis/walk.js";
import { createRule, type Finding, type Fixer } from "../ruleKit/createRule.js";
import { tieredMessageId, tieredMessages } from "../ruleKit/evidence.js";
import { indentBlock, indentUnit, lineEnding, statementLines } from "../ruleKit/indentation.js";
import { isExecutor, objectKind } from "../ruleKit/objectKinds.js";
import { GUARD_SUGGESTION_MESSAGES, capitalise, guardSuggestionFor } from "../ruleKit/sharedUse.js";

const NESTED = new Set(["FunctionDef", "AsyncFunctionDef", "Lambda", "ClassDef"]);

const evidenceMessages = {
  swallowed:
    "`{{fn}}` catches {{what}} here and drops it, so an error in this thread is never seen: the thread ends normally and nothing reaches `threading.excepthook` or a future. {{evidence}}. Log it (`logger.exception(…)`) or hand it back (re-raise, or put it on a queue).",
  readBeforeJoin:
    "`{{list}}` collects the errors of `{{worker}}` (line {{appendLine}}) but is read here before the workers started at line {{startLine}} are joined: errors raised after this read are lost, and a group built now may be empty. {{evidence}}. Join them first (`join()`, `concurrent.futures.wait`, or leave the executor's `with` block).",
  unlockedDrain:
    "`{{list}}` is read here and emptied at line {{clearLine}} with no lock held, while `{{worker}}` appends errors to it from other threads (line {{appendLine}}): an error appended between the two is lost. {{evidence}}. Hold one lock around the read and the emptying, and around every append.",
  unlockedAppend:
    "An error is appended to `{{list}}` here without a lock shared with `{{drainer}}`, which reads and empties it (lines {{readLine}}–{{clearLine}}): an error appended between the two is lost. {{evidence}}. Hold one lock here and around the read-and-empty.",
};

const messages = {
  discardedFuture:
    "The future `{{call}}` returns is discarded: an exception raised in `{{target}}` is stored on it and never seen — nothing is printed or logged, and the pool shuts down normally. Keep the future and call `.result()` (or collect with `concurrent.futures.as_completed`).",
  discardedIterator:
    "The iterator `{{call}}` returns is never consumed: an exception raised in `{{target}}` surfaces only when its result is read, so it is lost. Consume the results (`for result in …:` or `list(…)`).",
  discardedAsyncResult:
    "The `AsyncResult` `{{call}}` returns is discarded and no `error_callback=` is given: an exception raised in `{{target}}` is never seen. Keep it and call `.get()`, or pass `error_callback=`.",
  emptyGroup:
    "`{{group}}(…)` is built from `{{list}}`, which is empty when every worker succeeded: the constructor then raises `ValueError` instead of the group. Build it only when `{{list}}` is not empty.",
  noneItems:
    "`{{group}}(…)` gets `{{items}}`, which holds `None` for every future that succeeded: the constructor raises `ValueError` (an item is not an exception). Keep only the exceptions (`if f.exception() is not None`) and build the group only when some are left.",
  ...tieredMessages(evidenceMessages),
  onlyIfFailed: "Build it only `if {{list}}:`",
  ...GUARD_SUGGESTION_MESSAGES,
};

export default createRule({
  id: "exception-group-race",
  meta: {
    type: "problem",
    docs: {
      description: "Errors of threads and pools that are lost, or collected without a lock or a join",
      risk: 0.5,
      category: "lost errors",
    },
    messages,
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    return {
      Module() {
        const model = context.model;
        // The more specific finding first: one finding per statement.
        const found: Finding[] = [...errorListFindings(model), ...swallowedInThreads(model)];
        for (const call of model.nodes.ofType("Call")) {
          const finding = discardedResult(model, call) ?? exceptionGroupItems(model, call);
          if (finding) found.push(finding);
        }
        const statements = new Set<PyNode>();
        const kept = found.filter((finding) => {
          const stmt = enclosingStatement(finding.node!) ?? finding.node!;
          if (statements.has(stmt)) return false;
          statements.add(stmt);
          return true;
        });
        for (const finding of kept.sort((a, b) => a.node!.range[0] - b.node!.range[0])) context.report(finding);
      },
    };
  },
});

// ---------------------------------------------------------------- discarded futures and results

function discardedResult(model: SemanticModel, call: PyNode): Finding | null {
  const func = call.func as PyNode;
  if (func.type !== "Attribute") return null;
  const method = lookup(resultMethods, func.attr as string);
  const target = method && (call.args as PyNode[])[method.target];
  if (!method || !target || !carriesErrors(model, call, method) || !discarded(model, call)) return null;
  const worker = model.callGraph.resolveFunction(target);
  if (worker && catchesEverything(worker)) return null;
  const messageId = method.carrier === "future" ? "discardedFuture" : method.carrier === "iterator" ? "discardedIterator" : "discardedAsyncResult";
  return { node: call, messageId, data: { call: `${text(model, func)}(…)`, target: text(model, target) } };
}

/** Whether the call's result is where the workers' exceptions end up. */
function carriesErrors(model: SemanticModel, call: PyNode, method: ResultMethod): boolean {
  const receiver = (call.func as PyNode).value as PyNode;
  const kind = model.origins.constructorOf(receiver);
  if (method.pools === "multiprocessing") {
    return !!kind && multiprocessingPools.has(kind) && !(call.keywords as PyNode[]).some((k) => k.arg === method.handledBy);
  }
  if (method.carrier === "future") return isExecutor(model, receiver) && !(kind && multiprocessingPools.has(kind));
  return kind ? executors.has(kind) : /executor/i.test(text(model, receiver));
}

/** A result nobody can look at: a statement of its own, a comprehension thrown away, a variable never read, a list only appended to. */
function discarded(model: SemanticModel, call: PyNode): boolean {
  let value = call;
  const parent = call.parent!;
  if ((parent.type === "ListComp" || parent.type === "SetComp" || parent.type === "GeneratorExp") && parent.elt === call) value = parent;
  const holder = value.parent!;
  if (holder.type === "Expr") return true;
  if (holder.type === "Assign" && (holder.targets as PyNode[]).length === 1 && (holder.targets as PyNode[])[0]!.type === "Name") {
    return loadsOf(model, (holder.targets as PyNode[])[0]!).length === 0;
  }
  // `futures.append(pool.submit(…))` into a list nothing else reads.
  const append = holder.type === "Call" && (holder.func as PyNode).type === "Attribute" ? (holder.func as PyNode) : null;
  if (value !== call || !append || append.attr !== "append" || (append.value as PyNode).type !== "Name") return false;
  const list = append.value as PyNode;
  const binding = model.scopes.resolve(list.id as string, model.scopes.scopeOf(list));
  const site = binding?.sites[0];
  if (!binding || binding.sites.length !== 1 || site?.kind !== "assignment" || site.value?.type !== "List") return false;
  return loadsOf(model, site.node).every((load) => {
    const attribute = load.parent;
    return attribute?.type === "Attribute" && attribute.attr === "append" && attribute.parent?.type === "Call";
  });
}

/** The places a variable (given by one of its binding Names) is read. */
function loadsOf(model: SemanticModel, bound: PyNode): PyNode[] {
  const name = bound.id as string;
  const binding = model.scopes.resolve(name, model.scopes.scopeOf(bound));
  const loads: PyNode[] = [];
  if (!binding) return loads;
  walk(binding.scope.node, (node) => {
    if (node.type === "Name" && node.id === name && node.ctx !== "Store" && model.scopes.resolve(name, model.scopes.scopeOf(node)) === binding) {
      loads.push(node);
    }
  });
  return loads;
}

/** A worker whose whole body sits in a `try` that catches everything and does not re-raise: its future never holds an error. */
function catchesEverything(fn: PyNode): boolean {
  if (fn.type === "Lambda") return false;
  const body = (fn.body as PyNode[]).filter((s, i) => !(i === 0 && isDocstring(s)));
  const only = body.length === 1 ? body[0]! : null;
  if (only?.type !== "Try") return false;
  const handlers = only.handlers as PyNode[];
  return handlers.some((h) => catchAll(h.type_ as PyNode | null)) && !handlers.some((h) => contains(h, (n) => n.type === "Raise"));
}

// ---------------------------------------------------------------- swallowed in thread targets

function swallowedInThreads(model: SemanticModel): Finding[] {
  const found: Finding[] = [];
  const seen = new Set<PyNode>();
  for (const entry of model.threadEntries) {
    const fn = entry.fn;
    const evidence = model.concurrency.of(fn);
    if (seen.has(fn) || fn.type === "Lambda" || !evidence) continue;
    seen.add(fn);
    const report = (node: PyNode, what: string) =>
      found.push({
        node,
        messageId: tieredMessageId("swallowed", evidence.tier),
        data: { fn: model.callGraph.qualifiedNameOf(fn) ?? (fn.name as string), what, evidence: capitalise(evidence.reason) },
      });
    for (const stmt of fn.body as PyNode[]) {
      walk(stmt, (node) => {
        if (node.type === "ExceptHandler" && catchAll(node.type_ as PyNode | null) && silent(node.body as PyNode[])) {
          report(node, node.type_ ? `every \`${text(model, node.type_ as PyNode)}\`` : "every exception");
        } else if (node.type === "withitem" && suppressesAll(model, node.context_expr as PyNode)) {
          report(node, `every exception (\`${text(model, node.context_expr as PyNode)}\`)`);
        }
        return !NESTED.has(node.type);
      });
    }
  }
  return found;
}

/** `except:`, `except Exception:`, `except BaseException:` (alone or in a tuple). */
function catchAll(type: PyNode | null): boolean {
  if (!type) return true;
  const types = type.type === "Tuple" ? (type.elts as PyNode[]) : [type];
  return types.some((t) => t.type === "Name" && catchAllExceptions.has(t.id as string));
}

function suppressesAll(model: SemanticModel, expr: PyNode): boolean {
  if (expr.type !== "Call") return false;
  const name = model.imports.qualifiedName(expr.func as PyNode);
  return !!name && suppressors.has(name) && (expr.args as PyNode[]).some((arg) => catchAll(arg));
}

/** A handler body that keeps nothing of the error: `pass`, `continue`, `break`, `...`, `return` of a constant. */
function silent(body: PyNode[]): boolean {
  return body.every(
    (s) =>
      s.type === "Pass" ||
      s.type === "Continue" ||
      s.type === "Break" ||
      (s.type === "Expr" && (s.value as PyNode).type === "Constant") ||
      (s.type === "Return" && (!s.value || (s.value as PyNode).type === "Constant")),
  );
}

// ---------------------------------------------------------------- shared error lists

interface ErrorList {
  key: string;
  display: string;
  appends: { call: PyNode; fn: PyNode; evidence: Evidence }[];
}

function errorListFindings(model: SemanticModel): Finding[] {
  const found: Finding[] = [];
  for (const list of errorLists(model)) {
    const reported = new Set<PyNode>();
    const first = list.appends[0]!;
    for (const entry of entriesOf(model, list)) {
      const read = readBeforeJoin(model, list, entry);
      const statement = read && enclosingStatement(read);
      if (!read || !statement || reported.has(statement)) continue;
      reported.add(statement);
      found.push({
        node: read,
        messageId: tieredMessageId("readBeforeJoin", first.evidence.tier),
        data: {
          list: list.display,
          worker: functionName(model, first.fn),
          appendLine: first.call.loc.start.line,
          startLine: (entry.site as PyNode).loc.start.line,
          evidence: capitalise(first.evidence.reason),
        },
      });
    }
    const drain = findDrain(model, list);
    if (!drain) continue;
    if (drain.locks.length === 0 && !reported.has(enclosingStatement(drain.read)!)) {
      found.push({
        node: drain.read,
        messageId: tieredMessageId("unlockedDrain", drain.evidence.tier),
        data: {
          list: list.display,
          clearLine: drain.clear.loc.start.line,
          worker: functionName(model, first.fn),
          appendLine: first.call.loc.start.line,
          evidence: capitalise(drain.evidence.reason),
        },
      });
    }
    for (const append of list.appends) {
      if (model.locks.heldAt(append.call).some((l) => drain.locks.includes(l.id))) continue;
      const state = model.sharedState.stateOf((append.call.func as PyNode).value as PyNode);
      found.push({
        node: append.call,
        messageId: tieredMessageId("unlockedAppend", append.evidence.tier),
        data: {
          list: list.display,
          drainer: functionName(model, drain.fn),
          readLine: drain.read.loc.start.line,
          clearLine: drain.clear.loc.start.line,
          evidence: capitalise(append.evidence.reason),
        },
        ...(state ? guardSuggestionFor(model, { node: append.call, state, fn: append.fn, evidence: append.evidence }) : {}),
      });
    }
  }
  return found;
}

/** Shared lists that concurrent code appends caught exceptions to, by identity. */
function errorLists(model: SemanticModel): ErrorList[] {
  const lists = new Map<string, ErrorList>();
  for (const node of model.nodes.ofType("Call")) {
    const func = node.func as PyNode;
    const arg = (node.args as PyNode[])[0];
    if (func.type !== "Attribute" || func.attr !== "append" || !arg) continue;
    const fn = enclosingFunction(node);
    const evidence = fn && model.concurrency.of(fn);
    const handler = fn && enclosingHandler(node, fn);
    const key = fn && listKey(model, func.value as PyNode, fn);
    if (!evidence || !handler || !key || !holdsError(model, arg, handler)) continue;
    const list = lists.get(key) ?? { key, display: text(model, func.value as PyNode), appends: [] };
    list.appends.push({ call: node, fn: fn!, evidence });
    lists.set(key, list);
  }
  return [...lists.values()];
}

/**
 * The identity of a list a function reaches from outside: a module global or
 * a variable of an enclosing function (by its binding), or shared `self`/class
 * state. Null for the function's own locals and parameters.
 */
function listKey(model: SemanticModel, expr: PyNode, fn: PyNode | null): string | null {
  if (expr.type === "Name") {
    const binding = model.scopes.resolve(expr.id as string, model.scopes.scopeOf(expr));
    if (!binding || (fn && binding.scope.node === fn) || binding.sites.some((s) => s.kind === "parameter")) return null;
    return `${binding.scope.node.range[0]}:${expr.id as string}`;
  }
  return model.sharedState.stateOf(expr)?.id ?? null;
}

function enclosingHandler(node: PyNode, fn: PyNode): PyNode | null {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === "ExceptHandler") return current;
  }
  return null;
}

/** The handler's exception (`errors.append(exc)`, `(item, exc)`, `traceback.format_exc()`) is in what is appended. */
function holdsError(model: SemanticModel, arg: PyNode, handler: PyNode): boolean {
  return contains(arg, (n) => {
    if (n.type === "Name" && handler.name && n.id === handler.name) return true;
    if (n.type !== "Call") return false;
    const name = model.imports.qualifiedName(n.func as PyNode);
    return !!name && errorDetails.has(name);
  });
}

/** The thread starts of the functions that append to the list. */
function entriesOf(model: SemanticModel, list: ErrorList): ThreadEntry[] {
  const fns = new Set(list.appends.map((a) => a.evidence.entry?.fn ?? a.fn));
  return model.threadEntries.filter((e) => fns.has(e.fn) && (e.site as PyNode).type === "Call");
}

/** The first read of the list, in the function that starts the workers, after the start and before they are joined. */
function readBeforeJoin(model: SemanticModel, list: ErrorList, entry: ThreadEntry): PyNode | null {
  const site = entry.site as PyNode;
  const starter = enclosingFunction(site);
  const scope = starter ?? model.module;
  if (finishesAtOnce(model, site)) return null;
  let read: PyNode | null = null;
  walkOwn(scope, (node) => {
    if (read || node.range[0] < site.range[1]) return;
    if ((node.type === "Name" || node.type === "Attribute") && node.ctx === "Load" && listKey(model, node, null) === list.key && !isAppend(node)) {
      if (!joinedBetween(model, scope, site, node)) read = node;
    }
  });
  return read;
}

/** A start that returns when the work is done: awaited, a synchronous pool method, or a result iterator consumed on the spot. */
function finishesAtOnce(model: SemanticModel, site: PyNode): boolean {
  const parent = site.parent!;
  if (parent.type === "Await") return true;
  const func = site.func as PyNode;
  if (func.type !== "Attribute") return false;
  const kind = model.origins.constructorOf(func.value as PyNode);
  if (kind && multiprocessingPools.has(kind) && synchronousPoolMethods.has(func.attr as string)) return true;
  return func.attr === "map" && (parent.type === "Call" || parent.type === "For" || parent.type === "comprehension");
}

/** Whether the workers started at `site` are waited for before `read`: a join-like call, or the executor's `with` block ends. */
function joinedBetween(model: SemanticModel, scope: PyNode, site: PyNode, read: PyNode): boolean {
  for (let node: PyNode | null = site.parent; node && node !== scope; node = node.parent) {
    if (node.type === "With" && node.range[1] <= read.range[0] && (node.items as PyNode[]).some((item) => isPool(model, item.context_expr as PyNode))) {
      return true;
    }
  }
  let joined = false;
  walkOwn(scope, (node) => {
    if (joined || node.type !== "Call" || node.range[0] < site.range[1] || node.range[1] > read.range[0]) return;
    const func = node.func as PyNode;
    const name = model.imports.qualifiedName(func);
    joined = (name !== null && joinFunctions.has(name)) || (func.type === "Attribute" && joinMethods.has(func.attr as string));
  });
  return joined;
}

function isPool(model: SemanticModel, expr: PyNode): boolean {
  const kind = objectKind(model, expr);
  return !!kind && (executors.has(kind) || multiprocessingPools.has(kind));
}

/** `errors.append` (the receiver of an append is not a read of the errors). */
function isAppend(node: PyNode): boolean {
  return node.parent?.type === "Attribute" && node.parent.attr === "append";
}

/** Read, then emptied, in code that runs while the workers append: `batch = list(errors); errors.clear()`. */
interface Drain {
  read: PyNode;
  clear: PyNode;
  fn: PyNode;
  evidence: Evidence;
  /** The locks held at both the read and the clear: an append under one of them cannot fall between. */
  locks: string[];
}

/** Read, then emptied, in code that runs while the workers append: `batch = list(errors); errors.clear()`. */
function findDrain(model: SemanticModel, list: ErrorList): Drain | null {
  const appenders = new Set(list.appends.map((a) => a.fn));
  for (const fn of model.callGraph.functions) {
    const evidence = model.concurrency.of(fn);
    if (appenders.has(fn) || !evidence) continue;
    let read: PyNode | null = null;
    let clear: PyNode | null = null;
    walkOwn(fn, (node) => {
      if (clear) return;
      if ((node.type === "Name" || node.type === "Attribute") && listKey(model, node, fn) === list.key) {
        if (isClear(node)) {
          if (read) clear = enclosingStatement(node);
        } else if (!read && node.ctx === "Load" && !isAppend(node)) {
          read = node;
        }
      }
    });
    if (!read || !clear) continue;
    const atClear = model.locks.heldAt(clear).map((l) => l.id);
    const locks = model.locks.heldAt(read).map((l) => l.id).filter((id) => atClear.includes(id));
    return { read, clear, fn, evidence, locks };
  }
  return null;
}

/** `errors.clear()`, `del errors[:]`, `errors[:] = []`, `errors = []`. */
function isClear(node: PyNode): boolean {
  const parent = node.parent!;
  if (parent.type === "Attribute" && listClears.has(parent.attr as string) && parent.parent?.type === "Call") return true;
  if (node.ctx === "Store" && (parent.type === "Assign" || parent.type === "AnnAssign")) return true;
  return parent.type === "Subscript" && parent.value === node && (parent.ctx === "Store" || parent.ctx === "Del") && (parent.slice as PyNode).type === "Slice";
}

// ---------------------------------------------------------------- ExceptionGroup from a possibly empty list, or with None

function exceptionGroupItems(model: SemanticModel, call: PyNode): Finding | null {
  const func = call.func as PyNode;
  const group = builtinOrQualified(model, func);
  const items = (call.args as PyNode[])[1];
  if (!group || !exceptionGroups.has(group) || !items) return null;
  const shown = text(model, func);
  const comprehension = items.type === "ListComp" ? items : comprehensionOf(model, items);
  if (comprehension && noneForSuccess(comprehension)) {
    return { node: items, messageId: "noneItems", data: { group: shown, items: text(model, items) } };
  }
  if (items.type !== "Name" || !possiblyEmpty(model, items) || guarded(model, call, items.id as string)) return null;
  return {
    node: items,
    messageId: "emptyGroup",
    data: { group: shown, list: items.id as string },
    ...onlyIfFailed(model, call, items.id as string),
  };
}

/** `ExceptionGroup` as a builtin (not rebound in the file), or a qualified import of one. */
function builtinOrQualified(model: SemanticModel, func: PyNode): string | null {
  if (func.type === "Name" && !model.scopes.resolve(func.id as string, model.scopes.scopeOf(func))) return `builtins.${func.id as string}`;
  return model.imports.qualifiedName(func);
}

function comprehensionOf(model: SemanticModel, name: PyNode): PyNode | null {
  if (name.type !== "Name") return null;
  const binding = model.scopes.resolve(name.id as string, model.scopes.scopeOf(name));
  const value = binding?.sites.length === 1 ? binding.sites[0]!.value : undefined;
  return value?.type === "ListComp" ? value : null;
}

/** `[f.exception() for f in futures]` with no filter on the item: `None` for each success. */
function noneForSuccess(comprehension: PyNode): boolean {
  const elt = comprehension.elt as PyNode;
  const isException = elt.type === "Call" && (elt.func as PyNode).type === "Attribute" && (elt.func as PyNode).attr === "exception";
  return isException && (comprehension.generators as PyNode[]).every((g) => (g.ifs as PyNode[]).length === 0);
}

/** Bound first to `[]`, `list()` or a filtered comprehension: it can still be empty. */
function possiblyEmpty(model: SemanticModel, name: PyNode): boolean {
  const binding = model.scopes.resolve(name.id as string, model.scopes.scopeOf(name));
  const first = binding?.sites[0];
  const value = first?.kind === "assignment" ? first.value : undefined;
  if (!value) return false;
  if (value.type === "List") return (value.elts as PyNode[]).length === 0;
  if (value.type === "Call") return (value.args as PyNode[]).length === 0 && model.imports.qualifiedName(value.func as PyNode) === "builtins.list";
  return value.type === "ListComp" && (value.generators as PyNode[]).some((g) => (g.ifs as PyNode[]).length > 0);
}

/** Whether a test on `list` decides that the call runs: an enclosing `if`/`while`, or an earlier `if not list: return`. */
function guarded(model: SemanticModel, call: PyNode, list: string): boolean {
  const mentions = (node: PyNode) => contains(node, (n) => n.type === "Name" && n.id === list);
  const fn = enclosingFunction(call);
  for (let node: PyNode | null = call; node && node !== fn; node = node.parent) {
    const parent: PyNode | null = node.parent;
    if (!parent) break;
    if ((parent.type === "If" || parent.type === "IfExp" || parent.type === "While") && node !== parent.test && mentions(parent.test as PyNode)) return true;
    const siblings = Array.isArray(parent.body) && (parent.body as PyNode[]).includes(node) ? (parent.body as PyNode[]) : null;
    for (const earlier of siblings?.slice(0, siblings.indexOf(node)) ?? []) {
      if (earlier.type === "Assert" && mentions(earlier.test as PyNode)) return true;
      if (earlier.type === "If" && mentions(earlier.test as PyNode) && leaves(earlier.body as PyNode[])) return true;
    }
  }
  return false;
}

function leaves(body: PyNode[]): boolean {
  const last = body[body.length - 1];
  return !!last && ["Return", "Raise", "Continue", "Break"].includes(last.type);
}

/** `raise ExceptionGroup(…, errors)` → `if errors:` around it (for a statement that only raises or builds it). */
function onlyIfFailed(model: SemanticModel, call: PyNode, list: string): Pick<Finding, "suggest"> {
  const stmt = enclosingStatement(call);
  const source = model.sourceCode.text;
  const lines = stmt && (stmt.type === "Raise" || stmt.type === "Expr") ? statementLines(source, stmt) : null;
  if (!lines) return {};
  const eol = lineEnding(source);
  const body = source.slice(lines.lineStart, lines.end);
  const wrapped = `${lines.indent}if ${list}:${eol}${indentBlock(body, indentUnit(source))}`;
  return {
    suggest: [{ messageId: "onlyIfFailed", data: { list }, fix: (fixer: Fixer) => fixer.replaceTextRange([lines.lineStart, lines.end], wrapped) }],
  };
}

// ---------------------------------------------------------------- helpers

/** Walks a function's (or the module's) own code, not the functions and classes nested in it. */
function walkOwn(scope: PyNode, visit: (node: PyNode) => void): void {
  // A lambda's body is one expression, not a list of statements.
  const body = Array.isArray(scope.body) ? (scope.body as PyNode[]) : [scope.body as PyNode];
  for (const stmt of body) {
    walk(stmt, (node) => {
      visit(node);
      return !NESTED.has(node.type);
    });
  }
}

function contains(root: PyNode, test: (node: PyNode) => boolean): boolean {
  let found = false;
  walk(root, (node) => {
    if (!found && test(node)) found = true;
    return !found;
  });
  return found;
}

function isDocstring(stmt: PyNode): boolean {
  return stmt.type === "Expr" && (stmt.value as PyNode).type === "Constant" && typeof (stmt.value as PyNode).value === "string";
}

function functionName(model: SemanticModel, fn: PyNode): string {
  return model.callGraph.qualifiedNameOf(fn) ?? "lambda";
}

function text(model: SemanticModel, node: PyNode): string {
  return model.sourceCode.text.slice(node.range[0], node.range[1]);
}
