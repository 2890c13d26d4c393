// aether/signal-handler-race: Python signal handlers run in the main thread,
// between any two bytecodes of whatever it was doing (facts §8). A handler —
// or an in-file function it calls — that takes a non-reentrant lock (also
// the one inside `Event.set()`, `Queue.put()`), writes a stream or logs,
// blocks, or changes state the interrupted code is in the middle of
// updating, deadlocks or corrupts the main thread. And `signal.signal()`
// itself raises `ValueError` outside the main thread. Setting a plain flag
// and `queue.SimpleQueue.put_nowait()` (reentrant by contract) are fine.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { Access } from "../analysis/concurrency/accesses.js";
import { callablesOf } from "../analysis/concurrency/threadEntries.js";
import { enclosingStatement } from "../analysis/statements.js";
import { enclosingFunction } from "../analysis/values.js";
import { isFunction, walk } from "../analysis/walk.js";
import { LOGGER_REASON, handlerRegistrations, handlerUnsafeCalls, hiddenLocks, loggerFactories, loggerMethods, mainThreadOnly } from "../data/signals.js";
import { lookup } from "../data/lookup.js";
import { createRule, type Finding } from "../ruleKit/createRule.js";
import { tieredMessageId, tieredMessages } from "../ruleKit/evidence.js";
import { capitalise, reportedByRaceRules } from "../ruleKit/sharedUse.js";

const INSTEAD = "Have the handler only set a flag (or `put_nowait` into a `queue.SimpleQueue`, or use `signal.set_wakeup_fd`), and do the work in the main loop.";

const messages = {
  lock:
    "{{runner}} takes `{{lock}}`, a non-reentrant `{{kind}}`: handlers run in the main thread on top of whatever it was doing, so if the main thread holds it when the signal lands{{elsewhere}}, it waits for itself forever. " + INSTEAD,
  hiddenLock:
    "{{runner}} calls `{{call}}`, which takes the non-reentrant lock inside the `{{kind}}`: {{heldWhen}}, so a signal landing then makes the handler wait for itself forever{{reference}}. " + INSTEAD,
  unsafeCall: "{{runner}} calls `{{call}}`: {{why}}. " + INSTEAD,
  sharedMutation:
    "{{runner}} changes `{{state}}`, which `{{other}}` also {{verb}} (line {{line}}): handlers run between any two bytecodes of the main thread, so it can land in the middle of that {{what}}, and {{consequence}}. " + INSTEAD,
  registerInThread:
    "`{{call}}` runs in a thread other than the main one: only the main thread may install signal handlers, so it raises `ValueError: signal only works in main thread of the main interpreter`. {{evidence}}. Install handlers in the main thread at start-up.",
};

/** The calls that install a handler, by qualified name. */
const REGISTRATIONS: ReadonlySet<string> = new Set(Object.keys(handlerRegistrations));

/** Changes the interrupted code can be in the middle of (several bytecodes); single operations cannot be split by a handler. */
const MULTI_STEP = new Set(["rmw", "check-then-act", "lazy-init", "iterate"]);
const CHANGES = new Set(["mutate", "rmw", "check-then-act", "lazy-init"]);

export default createRule({
  id: "signal-handler-race",
  meta: {
    type: "problem",
    docs: {
      description: "Signal handlers that take locks, block or change shared state; handlers installed from threads",
      risk: 0.8,
      category: "deadlock",
    },
    messages: tieredMessages(messages),
    schema: [],
  },
  create(context) {
    return {
      Module() {
        const model = context.model;
        const found = [...handlerFindings(model), ...registrationFindings(model)];
        for (const finding of found.sort((a, b) => a.node!.range[0] - b.node!.range[0])) context.report(finding);
      },
    };
  },
});

interface Handler {
  fn: PyNode;
  registration: PyNode;
}

/** Where a function runs as part of a handler: the handler, and the call that reaches it (null for the handler itself). */
interface Reach {
  handler: Handler;
  call: PyNode | null;
}

/** Functions registered with `signal.signal()`, each once. */
function signalHandlers(model: SemanticModel): Handler[] {
  const found = new Map<PyNode, Handler>();
  for (const node of model.callsNamed(REGISTRATIONS)) {
    const position = lookup(handlerRegistrations, model.qualifiedName(node.func as PyNode))!;
    const arg = ((node.keywords as PyNode[]).find((k) => k.arg === "handler")?.value as PyNode | undefined) ?? (node.args as PyNode[])[position];
    if (!arg) continue;
    for (const fn of handlerFunctions(model, arg)) if (!found.has(fn)) found.set(fn, { fn, registration: node });
  }
  return [...found.values()];
}

/** `f`, `self.m`, `lambda …`, `partial(f, …)`, and `obj.m` where `obj` is an instance of a class of this file. */
function handlerFunctions(model: SemanticModel, arg: PyNode): PyNode[] {
  const direct = callablesOf(model, arg);
  if (direct.length > 0 || arg.type !== "Attribute") return direct;
  const made = model.origins.originCall(arg.value as PyNode);
  const cls = made && model.callGraph.resolveClass(made.func as PyNode);
  const method = cls && model.callGraph.findMethod(cls, arg.attr as string);
  return method ? [method] : [];
}

/** Every function a handler runs: itself and what it calls in this file, transitively. */
function reachOf(model: SemanticModel, handlers: readonly Handler[]): Map<PyNode, Reach> {
  const reach = new Map<PyNode, Reach>();
  for (const handler of handlers) {
    const queue: PyNode[] = [handler.fn];
    if (!reach.has(handler.fn)) reach.set(handler.fn, { handler, call: null });
    while (queue.length > 0) {
      const fn = queue.shift()!;
      for (const site of model.callGraph.callsFrom(fn)) {
        if (!site.callee || reach.has(site.callee)) continue;
        reach.set(site.callee, { handler, call: site.call });
        queue.push(site.callee);
      }
    }
  }
  return reach;
}

function handlerFindings(model: SemanticModel): Finding[] {
  const handlers = signalHandlers(model);
  if (handlers.length === 0) return [];
  const reach = reachOf(model, handlers);
  const text = (node: PyNode) => model.sourceCode.text.slice(node.range[0], node.range[1]);
  const nameOf = (fn: PyNode) => (fn.type === "Lambda" ? "lambda" : `\`${model.callGraph.qualifiedNameOf(fn) ?? (fn.name as string)}\``);
  const runner = (fn: PyNode) => {
    const { handler, call } = reach.get(fn)!;
    const registered = `registered at line ${handler.registration.loc.start.line}`;
    if (!call) return handler.fn.type === "Lambda" ? `The signal handler lambda (${registered})` : `The signal handler ${nameOf(handler.fn)} (${registered})`;
    return `${nameOf(fn)}, which the signal handler ${nameOf(handler.fn)} (${registered}) reaches through the call at line ${call.loc.start.line},`;
  };
  const inHandler = (node: PyNode) => {
    const fn = enclosingFunction(node);
    return fn && reach.has(fn) ? fn : null;
  };
  const found: Finding[] = [];
  const reported = new Set<PyNode>();
  const add = (node: PyNode, finding: Omit<Finding, "node">) => {
    const stmt = enclosingStatement(node) ?? node;
    if (reported.has(stmt) || reportedByRaceRules(model, node)) return;
    reported.add(stmt);
    found.push({ node, ...finding });
  };

  // Non-reentrant locks taken in the handler or what it calls.
  for (const acquisition of model.locks.acquisitions) {
    const fn = acquisition.fn;
    const kind = acquisition.lock.kind;
    if (!fn || !reach.has(fn) || (kind !== "lock" && kind !== "semaphore")) continue;
    const call = acquisition.node.type === "Call" ? acquisition.node : null;
    // `acquire(False)` / `acquire(timeout=…)` gives up instead of waiting forever.
    if (call && ((call.args as PyNode[]).length > 0 || (call.keywords as PyNode[]).length > 0)) continue;
    const other = model.locks.acquisitions.find((a) => a.lock.id === acquisition.lock.id && !(a.fn && reach.has(a.fn)));
    const lockExpr = acquisition.node.type === "withitem" ? (acquisition.node.context_expr as PyNode) : ((call!.func as PyNode).value as PyNode);
    add(acquisition.node, {
      messageId: "lock",
      data: {
        runner: runner(fn),
        lock: acquisition.lock.text,
        kind: model.origins.constructorOf(lockExpr) ?? (kind === "lock" ? "threading.Lock" : "threading.Semaphore"),
        elsewhere: other ? ` (${other.fn ? nameOf(other.fn) : "module code"} takes it at line ${other.node.loc.start.line})` : "",
      },
    });
  }

  // Hidden locks, streams, logging and blocking calls.
  for (const node of model.nodes.ofType("Call")) {
    const fn = inHandler(node);
    if (!fn) continue;
    const func = node.func as PyNode;
    if (func.type === "Attribute") {
      const receiver = func.value as PyNode;
      const made = model.origins.constructorOf(receiver);
      const hidden = lookup(hiddenLocks, made);
      if (hidden && made && hidden.methods.has(func.attr as string)) {
        add(node, {
          messageId: "hiddenLock",
          data: {
            runner: runner(fn),
            call: `${text(func)}()`,
            kind: made,
            heldWhen: hidden.heldWhen,
            reference: hidden.reference ? ` (${hidden.reference})` : "",
          },
        });
        continue;
      }
      if (made && loggerFactories.has(made) && loggerMethods.has(func.attr as string)) {
        add(node, { messageId: "unsafeCall", data: { runner: runner(fn), call: `${text(func)}()`, why: LOGGER_REASON } });
        continue;
      }
    }
    const name = model.qualifiedName(func) ?? (func.type === "Name" && !model.scopes.resolve(func.id as string, model.scopes.scopeOf(func)) ? `builtins.${func.id as string}` : null);
    const why = lookup(handlerUnsafeCalls, name);
    if (why) add(node, { messageId: "unsafeCall", data: { runner: runner(fn), call: `${text(func)}()`, why } });
  }

  // Changes to state the interrupted code may be in the middle of changing or iterating.
  for (const access of model.accesses) {
    const fn = access.fn;
    if (!fn || !reach.has(fn) || !CHANGES.has(access.kind) || access.held.length > 0) continue;
    const other = model.accesses.find((a) => a.state.id === access.state.id && !(a.fn && reach.has(a.fn)) && interruptible(model, a, access));
    if (!other) continue;
    const iterates = other.kind === "iterate";
    add(access.node, {
      messageId: "sharedMutation",
      data: {
        runner: runner(fn),
        state: access.state.display,
        other: other.fn ? (model.callGraph.qualifiedNameOf(other.fn) ?? "?") : "module code",
        verb: iterates ? "iterates" : "changes",
        line: other.node.loc.start.line,
        what: iterates ? "loop" : "update",
        consequence: iterates ? "the loop can fail (`RuntimeError: … changed size during iteration`) or miss the change" : "one of the two changes can be lost",
      },
    });
  }
  return found;
}

/**
 * Whether a handler's change can split `other`: `other` takes several steps
 * in the interrupted thread, or it runs in another thread at the same time
 * as a several-step change in the handler.
 */
function interruptible(model: SemanticModel, other: Access, change: Access): boolean {
  if (MULTI_STEP.has(other.kind)) return true;
  return MULTI_STEP.has(change.kind) && other.kind !== "read" && model.concurrency.of(other.fn) !== null;
}

/** `signal.signal()` (and `set_wakeup_fd()`) in code proven to run in another thread, unguarded. */
function registrationFindings(model: SemanticModel): Finding[] {
  const found: Finding[] = [];
  for (const node of model.callsNamed(mainThreadOnly)) {
    const evidence = model.concurrency.of(enclosingFunction(node));
    if (evidence?.tier !== "proven" || guarded(model, node)) continue;
    found.push({
      node,
      messageId: tieredMessageId("registerInThread", evidence.tier),
      data: { call: model.sourceCode.text.slice((node.func as PyNode).range[0], (node.func as PyNode).range[1]) + "()", evidence: capitalise(evidence.reason) },
    });
  }
  return found;
}

/** Inside `if threading.current_thread() is threading.main_thread():`, or a `try` that handles the `ValueError`. */
function guarded(model: SemanticModel, node: PyNode): boolean {
  for (let current = node.parent; current && !isFunction(current); current = current.parent) {
    if (current.type === "If" || current.type === "IfExp") {
      let checksMain = false;
      walk(current.test as PyNode, (n) => {
        if (n.type === "Call" && model.qualifiedName(n.func as PyNode) === "threading.main_thread") checksMain = true;
      });
      if (checksMain) return true;
    }
    if (current.type === "Try" || current.type === "TryStar") {
      const handles = (current.handlers as PyNode[]).some((h) => {
        const caught = h.type_ as PyNode | null;
        const names = !caught ? [null] : caught.type === "Tuple" ? (caught.elts as PyNode[]) : [caught];
        return names.some((n) => !n || ["ValueError", "Exception", "BaseException"].includes((n.id as string | undefined) ?? ""));
      });
      if (handles && (current.body as PyNode[]).some((s) => s.range[0] <= node.range[0] && node.range[1] <= s.range[1])) return true;
    }
  }
  return false;
}
