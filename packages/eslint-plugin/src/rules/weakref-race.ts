// aether/weakref-race: weak containers (`WeakValueDictionary`,
// `WeakKeyDictionary`, `WeakSet`) shared by threads and check-then-acted, or
// (before 3.14, which iterates a snapshot) iterated, with no lock; and weakref
// callbacks (`weakref.ref(obj, cb)`, `weakref.finalize(obj, cb)`) that change
// shared state or put into a non-reentrant queue — they run in whichever
// thread drops the last reference (facts §6). The race rules leave weak
// containers to this rule. Putting into a `queue.SimpleQueue` (reentrant by
// contract) is not reported.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { Evidence } from "../analysis/concurrency/evidence.js";
import type { StateRef } from "../analysis/concurrency/sharedState.js";
import { callablesOf } from "../analysis/concurrency/threadEntries.js";
import { minorVersion } from "../language/languageOptions.js";
import {
  WEAK_ITERATION_FIXED_MINOR,
  nonReentrantQueues,
  queuePutMethods,
  weakCallbackRegistrations,
  weakContainers,
  weakIterationMethods,
} from "../data/weakrefs.js";
import { consumingCalls } from "../data/iterators.js";
import { lookup } from "../data/lookup.js";
import { NESTED_SCOPES, walk } from "../analysis/walk.js";
import { enclosingFunction } from "../analysis/values.js";
import type { Finding } from "../ruleKit/createRule.js";
import { tieredMessageId } from "../ruleKit/evidence.js";
import { createModelRule } from "../ruleKit/modelRule.js";
import { heldObject } from "../ruleKit/heldObjects.js";
import {
  capitalise,
  evidenceFor,
  guardSuggestionFor,
  instancesFor,
  protectionFor,
  reportedByRaceRules,
  unprotected,
  type SharedUse,
} from "../ruleKit/sharedUse.js";

const messages = {
  iterate:
    "`{{state}}` (a `{{container}}`) is iterated here while other threads can change it, with no lock held: before Python 3.14 the loop can fail with `RuntimeError: dictionary changed size during iteration` (gh-89967). {{evidence}}. {{protection}}.",
  checkThenAct:
    "Check-then-act on `{{state}}` (a `{{container}}`) with no lock held: between the check and the use another thread can change it, or the collector drop the entry, so {{consequence}}. {{evidence}}. {{protection}}.",
  callbackMutation:
    "Weakref callback `{{callback}}` changes `{{state}}` with no lock held, while other threads use it. {{evidence}}. {{protection}}.",
  callbackQueue:
    "Weakref callback `{{callback}}` puts into `{{state}}`, a `{{queue}}` whose lock is not reentrant: if the collector runs it in a thread that is inside `{{state}}.put()` or `.get()`, that thread deadlocks. {{evidence}}. Use a `queue.SimpleQueue`, whose `put` is reentrant.",
};

const CONSEQUENCES = {
  read: "the lookup can raise `KeyError`",
  store: "two threads can both build and store a value, and callers get different objects for one key",
  change: "the change can act on an entry that is already gone or replaced",
};

/** Which consequence to name when a branch does several things. */
const SEVERITY = { change: 0, read: 1, store: 2 };

/** The calls that register a weakref callback, by qualified name. */
const CALLBACK_REGISTRATIONS: ReadonlySet<string> = new Set(Object.keys(weakCallbackRegistrations));

/** Methods of a weak container that change it. */
const CHANGING_METHODS = new Set(["add", "discard", "remove", "pop", "popitem", "setdefault", "update", "clear", "__setitem__", "__delitem__"]);

export default createModelRule({
  id: "weakref-race",
  docs: {
    description: "Weak containers and weakref callbacks that race with other threads",
    risk: 0.75,
    category: "race",
  },
  messages,
  find: (model) => [...containerFindings(model), ...callbackFindings(model)],
});

interface WeakContainer {
  state: StateRef;
  /** `WeakValueDictionary`, … */
  container: string;
}

/** The weak container an expression holds, if it is shared state. */
function weakContainerOf(model: SemanticModel, expr: PyNode | undefined): WeakContainer | null {
  if (!expr || (expr.type !== "Name" && expr.type !== "Attribute")) return null;
  const constructor = model.origins.constructorOf(expr);
  if (!constructor || !weakContainers.has(constructor)) return null;
  const held = heldObject(model, expr);
  return held ? { state: held.state, container: constructor.split(".").pop()! } : null;
}

function containerFindings(model: SemanticModel): Finding[] {
  // Weak containers are what one of these calls made: without such a call there is none.
  if (model.callsNamed(weakContainers).length === 0) return [];
  const iterationRaces = minorVersion(model.sourceCode.languageOptions) < WEAK_ITERATION_FIXED_MINOR;
  // Which functions use each weak container (another user makes a conflict possible).
  const users = new Map<string, Set<PyNode | null>>();
  for (const node of model.nodes.inWalkOrder("Name", "Attribute")) {
    const weak = weakContainerOf(model, node);
    if (!weak) continue;
    const set = users.get(weak.state.id) ?? new Set();
    set.add(enclosingFunction(node));
    users.set(weak.state.id, set);
  }

  const found: Finding[] = [];
  const report = (node: PyNode, weak: WeakContainer, kind: "iterate" | "check-then-act", data: Record<string, string>, suggest: boolean) => {
    const fn = enclosingFunction(node);
    const evidence = evidenceFor(model, fn, weak.state, node, kind);
    if (!fn || !evidence || !unprotected(model, node)) return;
    const others = [...(users.get(weak.state.id) ?? [])].some((user) => user !== fn && user !== null);
    if (instancesFor(model, weak.state, evidence) !== "many" && !others) return;
    const use: SharedUse = { node, state: weak.state, fn, evidence };
    found.push({
      node,
      messageId: tieredMessageId(kind === "iterate" ? "iterate" : "checkThenAct", evidence.tier),
      data: {
        state: weak.state.display,
        container: weak.container,
        evidence: capitalise(evidence.reason),
        protection: protectionFor(model, use),
        ...data,
      },
      ...(suggest && fn.type !== "Lambda" ? guardSuggestionFor(model, use) : {}),
    });
  };

  // The nodes that can iterate a container (For, comprehension, Call) or check-then-act on one (If).
  for (const node of model.nodes.inWalkOrder("For", "comprehension", "Call", "If")) {
    if (iterationRaces) {
      const iterated = iteratedContainer(model, node);
      if (iterated) report(iterated.node, iterated.weak, "iterate", {}, iterated.node.type === "For");
    }
    if (node.type === "If") {
      const check = checkThenAct(model, node);
      if (check) report(node, check.weak, "check-then-act", { consequence: CONSEQUENCES[check.act] }, check.suggest);
    }
  }
  return found;
}

/** `for x in w`, `for k, v in w.items()`, `[… for x in w]`, `list(w)`, `w.copy()`: the node to report and the container. */
function iteratedContainer(model: SemanticModel, node: PyNode): { node: PyNode; weak: WeakContainer } | null {
  const container = (expr: PyNode | undefined): WeakContainer | null => {
    if (expr?.type === "Call" && (expr.func as PyNode).type === "Attribute" && weakIterationMethods.has((expr.func as PyNode).attr as string)) {
      return weakContainerOf(model, (expr.func as PyNode).value as PyNode);
    }
    return weakContainerOf(model, expr);
  };
  if (node.type === "For" || node.type === "comprehension") {
    const weak = container(node.iter as PyNode);
    return weak && { node: node.type === "For" ? node : (node.iter as PyNode), weak };
  }
  if (node.type === "Call") {
    const func = node.func as PyNode;
    const first = (node.args as PyNode[])[0];
    if (func.type === "Name" && consumingCalls.has(func.id as string) && func.id !== "next" && !model.scopes.resolve(func.id as string, model.scopes.scopeOf(func))) {
      const weak = container(first);
      return weak && { node, weak };
    }
    if (func.type === "Attribute" && func.attr === "copy") {
      const weak = weakContainerOf(model, func.value as PyNode);
      return weak && { node, weak };
    }
  }
  return null;
}

/**
 * `if k in w: … w[k] …`, `if k not in w: w[k] = v`, `if w.get(k) is None: w[k] = v`,
 * and `v = w.get(k)` followed by `if v is None: w[k] = …`.
 */
function checkThenAct(model: SemanticModel, stmt: PyNode): { weak: WeakContainer; act: keyof typeof CONSEQUENCES; suggest: boolean } | null {
  const test = stmt.test as PyNode;
  let checked: PyNode | null = null;
  let suggest = true;
  if (test.type === "Compare" && (test.ops as string[]).length === 1) {
    const op = (test.ops as string[])[0]!;
    const left = test.left as PyNode;
    const right = (test.comparators as PyNode[])[0]!;
    if (op === "In" || op === "NotIn") checked = right;
    else if ((op === "Is" || op === "IsNot") && right.type === "Constant" && right.value === null) {
      checked = getReceiver(left) ?? fetchedFrom(stmt, left);
      suggest = left.type === "Call";
    }
  } else if (test.type === "UnaryOp" && test.op === "Not") {
    const operand = test.operand as PyNode;
    checked = getReceiver(operand) ?? fetchedFrom(stmt, operand);
    suggest = operand.type === "Call";
  }
  const weak = checked && weakContainerOf(model, checked);
  if (!weak) return null;
  let act: keyof typeof CONSEQUENCES | null = null;
  const stateId = weak.state.id;
  const isWeak = (expr: PyNode) => (expr.type === "Name" || expr.type === "Attribute") && weakContainerOf(model, expr)?.state.id === stateId;
  for (const branch of [...(stmt.body as PyNode[]), ...(stmt.orelse as PyNode[])]) {
    walk(branch, (node) => {
      if (node.type === "Subscript" && isWeak(node.value as PyNode)) {
        const found = node.ctx === "Store" ? "store" : node.ctx === "Del" ? "change" : "read";
        if (!act || SEVERITY[found] > SEVERITY[act]) act = found;
      } else if (node.type === "Call" && (node.func as PyNode).type === "Attribute") {
        const func = node.func as PyNode;
        if (CHANGING_METHODS.has(func.attr as string) && isWeak(func.value as PyNode)) act ??= "change";
      }
      return !NESTED_SCOPES.has(node.type);
    });
  }
  return act ? { weak, act, suggest } : null;
}

/** `w.get(k)`: `w`. */
function getReceiver(expr: PyNode): PyNode | null {
  if (expr.type !== "Call" || (expr.func as PyNode).type !== "Attribute" || (expr.func as PyNode).attr !== "get") return null;
  return (expr.func as PyNode).value as PyNode;
}

/** For `v` checked in `stmt`: `w` when the statement just before it is `v = w.get(k)`. */
function fetchedFrom(stmt: PyNode, name: PyNode): PyNode | null {
  if (name.type !== "Name") return null;
  const parent = stmt.parent;
  const siblings = parent ? ((["body", "orelse", "finalbody"] as const).map((k) => parent[k] as PyNode[] | undefined).find((list) => list?.includes(stmt)) ?? []) : [];
  const before = siblings[siblings.indexOf(stmt) - 1];
  if (before?.type !== "Assign" || (before.targets as PyNode[]).length !== 1) return null;
  const target = (before.targets as PyNode[])[0]!;
  if (target.type !== "Name" || target.id !== name.id) return null;
  return getReceiver(before.value as PyNode);
}

interface Callback {
  fn: PyNode;
  registration: PyNode;
}

/** Functions registered as weakref callbacks or finalizers, with the call that registers them. */
function weakCallbacks(model: SemanticModel): Callback[] {
  const found: Callback[] = [];
  for (const node of model.callsNamed(CALLBACK_REGISTRATIONS)) {
    const position = lookup(weakCallbackRegistrations, model.imports.qualifiedName(node.func as PyNode))!;
    const arg = (node.keywords as PyNode[]).find((k) => k.arg === "callback")?.value as PyNode | undefined ?? (node.args as PyNode[])[position];
    if (!arg) continue;
    for (const fn of callablesOf(model, arg)) found.push({ fn, registration: node });
  }
  return found;
}

function callbackFindings(model: SemanticModel): Finding[] {
  const found: Finding[] = [];
  const text = (node: PyNode) => model.sourceCode.text.slice(node.range[0], node.range[1]);
  const seen = new Set<PyNode>();
  for (const { fn, registration } of weakCallbacks(model)) {
    if (seen.has(fn)) continue;
    seen.add(fn);
    const name = fn.type === "Lambda" ? "lambda" : (model.callGraph.qualifiedNameOf(fn) ?? (fn.name as string));
    const callee = text(registration.func as PyNode);
    const where = `\`${name}\` is a weakref callback (\`${callee}(…)\` at line ${registration.loc.start.line}): it runs in whichever thread drops the last reference`;
    // Evidence that other threads exist here: the callback's own, its registering code's, or that of another user of the state.
    const evidenceVia = (others: readonly (PyNode | null)[]): Evidence | null => {
      const own = model.concurrency.of(fn);
      if (own) return own;
      for (const other of [enclosingFunction(registration), ...others]) {
        const evidence = other && other !== fn ? model.concurrency.of(other) : null;
        if (evidence) return { ...evidence, reason: `${where}, and ${evidence.reason}` };
      }
      return null;
    };

    // Changes to shared state.
    const reported = new Set<string>();
    for (const access of model.accesses) {
      if (access.fn !== fn || access.kind === "read" || access.kind === "iterate" || access.held.length > 0) continue;
      if (reported.has(access.state.id) || reportedByRaceRules(model, access.node)) continue;
      const otherUsers = model.accesses.filter((a) => a.state.id === access.state.id && a.fn !== fn && a.fn !== null).map((a) => a.fn);
      if (otherUsers.length === 0) continue;
      const evidence = evidenceVia(otherUsers);
      if (!evidence) continue;
      reported.add(access.state.id);
      const use: SharedUse = { node: access.node, state: access.state, fn, evidence };
      found.push({
        node: access.node,
        messageId: tieredMessageId("callbackMutation", evidence.tier),
        data: { callback: name, state: access.state.display, evidence: capitalise(evidence.reason), protection: protectionFor(model, use) },
        ...(fn.type !== "Lambda" ? guardSuggestionFor(model, use) : {}),
      });
    }

    // Puts into a queue whose lock is not reentrant.
    const body = fn.type === "Lambda" ? [fn.body as PyNode] : (fn.body as PyNode[]);
    for (const stmt of body) {
      walk(stmt, (node) => {
        if (node.type === "Call" && (node.func as PyNode).type === "Attribute" && queuePutMethods.has((node.func as PyNode).attr as string)) {
          const queueExpr = (node.func as PyNode).value as PyNode;
          const kind = model.origins.constructorOf(queueExpr);
          if (kind && nonReentrantQueues.has(kind)) {
            const users = queueUsers(model, queueExpr);
            const evidence = evidenceVia(users);
            if (evidence) {
              found.push({
                node,
                messageId: tieredMessageId("callbackQueue", evidence.tier),
                data: { callback: name, state: text(queueExpr), queue: kind, evidence: capitalise(evidence.reason) },
              });
            }
          }
        }
        return !NESTED_SCOPES.has(node.type) || node === stmt;
      });
    }
  }
  return found;
}

/** The functions that use the same queue as `expr` (by its text and owner). */
function queueUsers(model: SemanticModel, expr: PyNode): (PyNode | null)[] {
  const text = model.sourceCode.text.slice(expr.range[0], expr.range[1]);
  const state = model.sharedState.stateOf(expr);
  const users: (PyNode | null)[] = [];
  for (const node of model.nodes.inWalkOrder("Name", "Attribute")) {
    const same = state ? model.sharedState.stateOf(node)?.id === state.id : model.sourceCode.text.slice(node.range[0], node.range[1]) === text;
    if (same) users.push(enclosingFunction(node));
  }
  return users;
}
