// aether/sqlite-shared-connection: a `sqlite3.Connection` (or a cursor of
// one) kept in shared state — a module global, a class attribute, `self` of a
// concurrent class, a variable a thread function closes over — and used from
// concurrent code without a lock; or made in one thread and used in another.
// With `check_same_thread` on (the default) the other thread gets
// `ProgrammingError`; with it off, unlocked use interleaves transactions and
// can crash the interpreter (facts §10, gh-146471).
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { Evidence } from "../analysis/concurrency/evidence.js";
import type { StateRef } from "../analysis/concurrency/sharedState.js";
import { CHECK_SAME_THREAD, cursorMethods, sqliteConnectors } from "../data/sqlite.js";
import { enclosingFunction } from "../analysis/values.js";
import type { Finding } from "../ruleKit/createRule.js";
import { tieredMessageId } from "../ruleKit/evidence.js";
import { createModelRule } from "../ruleKit/modelRule.js";
import { assignedValues, classifyHeld, heldObject, passedToThreads } from "../ruleKit/heldObjects.js";
import {
  capitalise,
  evidenceFor,
  guardSuggestionFor,
  instancesFor,
  isConstruction,
  protectionFor,
  sameThread,
  unprotected,
} from "../ruleKit/sharedUse.js";

const PER_THREAD = "give each thread its own connection (`threading.local()`)";

const messages = {
  shared:
    "`{{state}}` is one SQLite {{what}} (line {{line}}{{checkOff}}) used here by several threads with no lock held: their statements and transactions interleave, which can corrupt them or crash the interpreter (gh-146471). {{evidence}}. {{protection}}, or " +
    PER_THREAD +
    ".",
  crossThread:
    "`{{state}}` is a SQLite {{what}} made in another thread (line {{line}}) and used here: with `check_same_thread` on (the default) `sqlite3` raises `ProgrammingError`, and turning the check off without a lock lets transactions interleave. {{evidence}}. Open the connection in the thread that uses it, or " +
    PER_THREAD +
    ".",
  passedShared:
    "The same SQLite {{what}} `{{state}}` (line {{line}}{{checkOff}}) is handed to several threads here: their statements and transactions interleave with no lock, which can corrupt them or crash the interpreter (gh-146471). {{evidence}}. Let each thread open its own connection.",
  passedCrossThread:
    "The SQLite {{what}} `{{state}}` made in this thread (line {{line}}) is handed to another thread here: with `check_same_thread` on (the default) its first use there raises `ProgrammingError`. {{evidence}}. Let each thread open its own connection.",
};

type SqliteKind = "connection" | "cursor";

interface SqliteObject {
  kind: SqliteKind;
  /** The `sqlite3.connect(…)` call behind it. */
  connect: PyNode;
  /** The call that made this object (the connect call, or `conn.cursor()`). */
  made: PyNode;
}

export default createModelRule({
  id: "sqlite-shared-connection",
  docs: {
    description: "A sqlite3 connection or cursor shared between threads without a lock",
    risk: 0.85,
    category: "corruption",
  },
  messages,
  find: findSharedConnections,
});

interface Use {
  node: PyNode;
  expr: PyNode;
  fn: PyNode | null;
  state: StateRef;
  object: SqliteObject;
  evidence: Evidence;
}

function findSharedConnections(model: SemanticModel): Finding[] {
  // Every finding is about a connection one of these calls made (or a cursor of one): without such a call there is none.
  if (model.callsNamed(sqliteConnectors).length === 0) return [];
  const byState = new Map<string, Use[]>();
  for (const { node, expr } of usesOfObjects(model)) {
    const fn = enclosingFunction(node);
    const held = heldObject(model, expr);
    if (!fn || !held || held.values.length === 0) continue;
    if (held.state.kind === "instance" && isConstruction(fn)) continue;
    const object = sqliteObjectOf(model, held.values);
    const evidence = object && evidenceFor(model, fn, held.state, node);
    if (!object || !evidence) continue;
    const list = byState.get(held.state.id) ?? [];
    list.push({ node, expr, fn, state: held.state, object, evidence });
    byState.set(held.state.id, list);
  }

  const found: Finding[] = [];
  for (const uses of byState.values()) {
    const reportedIn = new Set<PyNode | null>();
    for (const use of uses) {
      if (reportedIn.has(use.fn) || !unprotected(model, use.node)) continue;
      const checkOn = checkSameThread(use.object.connect);
      const several =
        instancesFor(model, use.state, use.evidence) === "many" ||
        uses.some((other) => other.fn !== use.fn && !sameThread(model, use.state, use.evidence, other.evidence));
      let messageId: keyof typeof messages | null = null;
      if (several) messageId = checkOn ? "crossThread" : "shared";
      else if (checkOn && !madeInThreadOf(model, use)) messageId = "crossThread";
      if (!messageId) continue;
      reportedIn.add(use.fn);
      const shared = { node: use.node, state: use.state, fn: use.fn, evidence: use.evidence };
      found.push({
        node: use.node,
        messageId: tieredMessageId(messageId, use.evidence.tier),
        data: {
          state: use.state.display,
          what: use.object.kind,
          line: use.object.made.loc.start.line,
          checkOff: checkOn ? "" : checkOffText(use.object.connect),
          evidence: capitalise(use.evidence.reason),
          protection: protectionFor(model, shared),
        },
        // A lock serialises a shared connection; it does nothing for one that refuses other threads.
        ...(messageId === "shared" && use.fn?.type !== "Lambda" ? guardSuggestionFor(model, shared) : {}),
      });
    }
  }

  // Connections handed to threads as arguments.
  const passed = passedToThreads(model);
  for (const p of passed) {
    const values = assignedValues(model, p.arg);
    const object = values && values.length > 0 ? sqliteObjectOf(model, values) : null;
    const evidence = object && model.concurrency.of(p.entry.fn);
    if (!object || !evidence) continue;
    const checkOn = checkSameThread(object.connect);
    const times = passed.filter((q) => q.arg.id === p.arg.id && model.scopes.scopeOf(q.arg) === model.scopes.scopeOf(p.arg)).length;
    const several = p.inLoop || times > 1;
    if (!checkOn && !several) continue;
    found.push({
      node: p.arg,
      messageId: tieredMessageId(checkOn ? "passedCrossThread" : "passedShared", evidence.tier),
      data: {
        state: p.arg.id as string,
        what: object.kind,
        line: object.made.loc.start.line,
        checkOff: checkOn ? "" : checkOffText(object.connect),
        evidence: capitalise(evidence.reason),
      },
    });
  }
  return found;
}

/** Names and attributes used as an object: `x.method(…)`, `with x:`, `for row in x`, `f(x)` for a callee outside the file. */
function usesOfObjects(model: SemanticModel): { node: PyNode; expr: PyNode }[] {
  const found: { node: PyNode; expr: PyNode }[] = [];
  const add = (node: PyNode, expr: PyNode | undefined) => {
    if (expr && (expr.type === "Name" || expr.type === "Attribute")) found.push({ node, expr });
  };
  for (const node of model.nodes.inWalkOrder("Call", "withitem", "For")) {
    if (node.type === "Call") {
      const func = node.func as PyNode;
      if (func.type === "Attribute") add(node, func.value as PyNode);
      const external = !model.callGraph.resolveFunction(func) && model.imports.qualifiedName(func)?.startsWith("builtins.") !== true;
      if (external) for (const arg of node.args as PyNode[]) add(node, arg);
    } else if (node.type === "withitem") {
      add(node.context_expr as PyNode, node.context_expr as PyNode);
    } else {
      add(node, node.iter as PyNode);
    }
  }
  return found;
}

/** What the values assigned to some state are: all one connection, or all cursors of one. */
function sqliteObjectOf(model: SemanticModel, values: readonly PyNode[]): SqliteObject | null {
  const kind = classifyHeld(model, values, (value) => sqliteOrigin(model, value)?.kind ?? null);
  if (!kind) return null;
  for (const value of values) {
    const origin = sqliteOrigin(model, value) ?? (value.type === "Call" ? null : sqliteOrigin(model, model.origins.originCall(value)));
    if (origin) return origin;
  }
  return null;
}

/** `sqlite3.connect(…)` is a connection; `conn.cursor()` / `conn.execute(…)` on one is a cursor. */
function sqliteOrigin(model: SemanticModel, value: PyNode | null, depth = 0): SqliteObject | null {
  if (!value || value.type !== "Call" || depth > 4) return null;
  const func = value.func as PyNode;
  const name = model.imports.qualifiedName(func);
  if (name && sqliteConnectors.has(name)) return { kind: "connection", connect: value, made: value };
  if (func.type !== "Attribute" || !cursorMethods.has(func.attr as string)) return null;
  const receiver = func.value as PyNode;
  let inner: SqliteObject | null = null;
  if (receiver.type === "Call") inner = sqliteOrigin(model, receiver, depth + 1);
  else {
    const values = assignedValues(model, receiver) ?? [];
    for (const v of values) inner ??= sqliteOrigin(model, v.type === "Call" ? v : model.origins.originCall(v), depth + 1);
  }
  return inner && { kind: "cursor", connect: inner.connect, made: value };
}

/** Whether the connection keeps sqlite3's same-thread check (the default); unknown values count as off. */
function checkSameThread(connect: PyNode): boolean {
  const keyword = (connect.keywords as PyNode[]).find((k) => k.arg === CHECK_SAME_THREAD);
  return !keyword;
}

function checkOffText(connect: PyNode): string {
  const keyword = (connect.keywords as PyNode[]).find((k) => k.arg === CHECK_SAME_THREAD);
  const value = keyword?.value as PyNode | undefined;
  return value?.type === "Constant" && value.value === false ? ", `check_same_thread=False`" : "";
}

/** Whether every assignment of the state runs in the thread that uses it (the function itself, or its thread's code). */
function madeInThreadOf(model: SemanticModel, use: Use): boolean {
  const values = assignedValues(model, use.expr) ?? [];
  return values.every((value) => {
    const maker = enclosingFunction(value);
    if (!maker) return false;
    if (maker === use.fn) return true;
    const evidence = model.concurrency.of(maker);
    return !!evidence && sameThread(model, use.state, evidence, use.evidence);
  });
}
