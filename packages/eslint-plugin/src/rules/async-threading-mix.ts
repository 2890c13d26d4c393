// aether/async-threading-mix: thread primitives that block inside `async def`
// (the whole event loop stalls, and deadlocks when a task it starves must run
// first), and asyncio objects — loops, futures, queues, events — touched from
// threads, which only their loop's own thread may touch (facts §9).
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { CallSite } from "../analysis/callGraph.js";
import {
  CONCURRENT_FUTURE,
  LOOP_NAME,
  asyncioConstructors,
  blockingFunctions,
  blockingMethods,
  loopCallbackRegistrations,
  loopOnlyMethods,
  loopOnlyObjectMethods,
  runningLoopFunctions,
  type ArgumentPosition,
  type BlockingApi,
  type LoopOnlyMethod,
} from "../data/asyncioApis.js";
import { lookup } from "../data/lookup.js";
import { enclosingFunction, methodContext } from "../analysis/values.js";
import { NESTED_SCOPES, walk } from "../analysis/walk.js";
import { createRule, type Finding, type Fixer } from "../ruleKit/createRule.js";
import { tieredMessageId, tieredMessages } from "../ruleKit/evidence.js";
import { moduleReference } from "../ruleKit/importFix.js";
import { bindingKind, isLoop, objectKind } from "../ruleKit/objectKinds.js";
import { capitalise } from "../ruleKit/sharedUse.js";

const STALLS = "it blocks the event loop's thread, so every other task on the loop stalls until it returns (and never returns if it waits for one of them)";

const threadMessages = {
  loopFromThread:
    "`{{call}}` is called from a thread, but an event loop is not thread-safe: only the loop's own thread may call `{{method}}` (the loop may not wake up for it, or its queues get corrupted). {{evidence}}. Use {{instead}}.",
  noRunningLoop:
    "`{{call}}` needs an event loop running in the calling thread, and this code runs in a thread without one: it raises `RuntimeError`. {{evidence}}. Use `asyncio.run_coroutine_threadsafe(coro, loop)` with the loop of the thread that runs it.",
  objectFromThread:
    "`{{call}}` touches an asyncio {{kind}} from a thread: asyncio objects are not thread-safe, so a waiting task can miss the wake-up and the object's state can be corrupted. {{evidence}}. Hand the call to its loop: `loop.call_soon_threadsafe({{method}}, …)`.",
};

const messages = {
  blockingCall: `\`{{call}}\` {{waits}} inside the coroutine \`{{fn}}\`: ${STALLS}. Use {{instead}}.`,
  blockingInHelper: `\`{{call}}\` {{waits}} in \`{{fn}}\`, which the coroutine \`{{coroutine}}\` calls at line {{line}}: ${STALLS}. Call \`{{fn}}\` through \`await asyncio.to_thread(…)\`, or use {{instead}}.`,
  blockingWith:
    "`with {{lock}}:` inside the coroutine `{{fn}}` blocks the event loop's thread while another thread holds the lock{{awaits}}. Use an `asyncio.Lock` if only tasks share it, or take the lock in a worker thread (`await asyncio.to_thread(…)`).",
  ...tieredMessages(threadMessages),
  awaitSleep: "Replace it with `await {{asyncio}}.sleep(…)`",
  toThread: "Run it in a worker thread: `await {{asyncio}}.to_thread({{func}}, …)`",
  runCoroutineThreadsafe: "Schedule it with `{{asyncio}}.run_coroutine_threadsafe(…, {{loop}})`",
  callSoonThreadsafe: "Hand it to the loop: `{{loop}}.call_soon_threadsafe({{func}}, …)`",
};

export default createRule({
  id: "async-threading-mix",
  meta: {
    type: "problem",
    docs: {
      description: "Blocking thread primitives inside async def, and asyncio objects touched from threads",
      risk: 0.65,
      category: "deadlock",
    },
    messages,
    fixable: "code",
    hasSuggestions: true,
    schema: [],
  },
  create(context) {
    return {
      Module() {
        const model = context.model;
        for (const node of model.nodes.ofType("Call", "With")) {
          if (node.type === "With") {
            for (const finding of blockingWith(model, node)) context.report(finding);
          } else {
            const finding = blockingCall(model, node) ?? fromThread(model, node);
            if (finding) context.report(finding);
          }
        }
      },
    };
  },
});

// ---------------------------------------------------------------- blocking calls on the event loop

interface LoopContext {
  /** The coroutine whose thread the call blocks. */
  coroutine: PyNode;
  /** The sync function the call sits in, when a coroutine calls it (else the call is in the coroutine itself). */
  helper: { fn: PyNode; site: CallSite } | null;
}

function blockingCall(model: SemanticModel, call: PyNode): Finding | null {
  if (call.parent?.type === "Await") return null;
  const where = loopContext(model, call);
  const api = where && blockingApi(model, call);
  if (!where || !api) return null;
  const shown = callText(model, call);
  if (where.helper) {
    return {
      node: call,
      messageId: "blockingInHelper",
      data: {
        call: shown,
        waits: api.waits,
        fn: name(model, where.helper.fn),
        coroutine: name(model, where.coroutine),
        line: where.helper.site.call.loc.start.line,
        instead: api.instead,
      },
    };
  }
  return {
    node: call,
    messageId: "blockingCall",
    data: { call: shown, waits: api.waits, fn: name(model, where.coroutine), instead: api.instead },
    ...blockingRewrite(model, call, api),
  };
}

/** The coroutine a call blocks: the one it sits in, or the one that calls the sync function it sits in. */
function loopContext(model: SemanticModel, call: PyNode): LoopContext | null {
  const fn = enclosingFunction(call);
  if (fn?.type === "AsyncFunctionDef") return { coroutine: fn, helper: null };
  if (fn?.type !== "FunctionDef" || model.concurrency.provenFunctions.has(fn)) return null;
  const sites = model.callGraph.callsTo(fn);
  if (sites.length === 0 || !sites.every((s) => s.caller?.type === "AsyncFunctionDef" && s.call.parent?.type !== "Await")) return null;
  return { coroutine: sites[0]!.caller!, helper: { fn, site: sites[0]! } };
}

/** Every method name of `blockingMethods`, to pass over other calls cheaply. */
const BLOCKING_METHODS = new Set(Object.values(blockingMethods).flatMap((methods) => Object.keys(methods)));

function blockingApi(model: SemanticModel, call: PyNode): BlockingApi | null {
  const func = call.func as PyNode;
  const byName = lookup(blockingFunctions, model.imports.qualifiedName(func));
  if (byName) return byName;
  if (func.type !== "Attribute" || !BLOCKING_METHODS.has(func.attr as string)) return null;
  const receiver = func.value as PyNode;
  const method = func.attr as string;
  let kind = objectKind(model, receiver);
  // A lock of unknown make (a parameter named `lock`): its `acquire` blocks, but it may be an RLock.
  if (kind === null && method === "acquire" && model.locks.lockOf(receiver)) kind = "threading.RLock";
  const methods = kind ? lookup(blockingMethods, kind) : undefined;
  const api = methods && lookup(methods, method);
  if (!api || returnsAtOnce(call, api)) return null;
  if (api.boundedOnly && !boundedQueue(model, receiver)) return null;
  if (kind === CONCURRENT_FUTURE && checkedDone(model, call, receiver)) return null;
  return api;
}

function argumentAt(call: PyNode, at: ArgumentPosition): PyNode | undefined {
  const keyword = (call.keywords as PyNode[]).find((k) => k.arg === at.keyword);
  if (keyword) return keyword.value as PyNode;
  const args = call.args as PyNode[];
  return args.slice(0, at.position + 1).some((a) => a.type === "Starred") ? undefined : args[at.position];
}

/** `acquire(False)`, `get(block=False)`, `wait(timeout=0)`: the call returns at once. */
function returnsAtOnce(call: PyNode, api: BlockingApi): boolean {
  const isConstant = (node: PyNode | undefined, test: (value: unknown) => boolean) => node?.type === "Constant" && test(node.value);
  if (api.blockFlag && isConstant(argumentAt(call, api.blockFlag), (v) => v === false || v === 0)) return true;
  return !!api.timeout && isConstant(argumentAt(call, api.timeout), (v) => typeof v === "number" && v === 0);
}

/** A queue made with a positive (or computed) `maxsize`: `put` can wait for room. */
function boundedQueue(model: SemanticModel, receiver: PyNode): boolean {
  const made = model.origins.originCall(receiver);
  const size = made && argumentAt(made, { position: 0, keyword: "maxsize" });
  if (!made || !size) return false;
  return !(size.type === "Constant" && typeof size.value === "number" && size.value <= 0);
}

/** `if fut.done(): fut.result()`: the result is there, nothing waits. */
function checkedDone(model: SemanticModel, call: PyNode, receiver: PyNode): boolean {
  const done = `${text(model, receiver)}.done()`;
  for (let node: PyNode | null = call.parent; node && node.type !== "AsyncFunctionDef"; node = node.parent) {
    if ((node.type === "If" || node.type === "IfExp") && text(model, node.test as PyNode).includes(done)) return true;
  }
  return false;
}

/** `time.sleep(x)` → `await asyncio.sleep(x)`; another blocking call → `await asyncio.to_thread(f, …)`. */
function blockingRewrite(model: SemanticModel, call: PyNode, api: BlockingApi): Pick<Finding, "fix" | "suggest"> {
  if (api.rewrite === "none" || !awaitable(call)) return {};
  const asyncio = moduleReference(model, "asyncio", call);
  if (!asyncio) return {};
  const func = call.func as PyNode;
  if (api.rewrite === "sleep") {
    if (call.parent?.type !== "Expr" || (call.keywords as PyNode[]).length > 0) return {};
    const fix = (fixer: Fixer) => [
      ...asyncio.edits(fixer),
      fixer.insertTextBeforeRange(call.range, "await "),
      fixer.replaceTextRange(func.range, `${asyncio.text}.sleep`),
    ];
    // Awaiting with a thread lock held lets another task block the loop on that lock: the author decides.
    if (model.locks.heldAt(call).length === 0) return { fix };
    return { suggest: [{ messageId: "awaitSleep", data: { asyncio: asyncio.text }, fix }] };
  }
  const args = argumentsText(model, call);
  const awaited = `await ${asyncio.text}.to_thread(${text(model, func)}${args ? `, ${args}` : ""})`;
  const parent = call.parent!;
  const inner = (parent.type === "Attribute" || parent.type === "Subscript") && parent.value === call;
  const replacement = inner || (parent.type === "Call" && parent.func === call) ? `(${awaited})` : awaited;
  return {
    suggest: [
      {
        messageId: "toThread",
        data: { asyncio: asyncio.text, func: text(model, func) },
        fix: (fixer: Fixer) => [...asyncio.edits(fixer), fixer.replaceTextRange(call.range, replacement)],
      },
    ],
  };
}

/** Whether `await` can go in front of the call: it sits in the coroutine itself, not in a comprehension or class body. */
function awaitable(call: PyNode): boolean {
  for (let node: PyNode | null = call.parent; node && node.type !== "AsyncFunctionDef"; node = node.parent) {
    if (["ListComp", "SetComp", "DictComp", "GeneratorExp", "Lambda", "ClassDef"].includes(node.type)) return false;
  }
  return true;
}

/** `with lock:` on a thread lock, directly in a coroutine. */
function blockingWith(model: SemanticModel, stmt: PyNode): Finding[] {
  const fn = enclosingFunction(stmt);
  if (fn?.type !== "AsyncFunctionDef") return [];
  const found: Finding[] = [];
  for (const item of stmt.items as PyNode[]) {
    const lock = model.locks.lockOf(item.context_expr as PyNode);
    if (!lock) continue;
    found.push({
      node: item,
      messageId: "blockingWith",
      data: {
        lock: lock.text,
        fn: name(model, fn),
        awaits: awaitsInside(stmt)
          ? ", and the block awaits while holding it: another task that reaches this lock then blocks the loop, and the holder can never resume to release it (deadlock)"
          : "",
      },
    });
  }
  return found;
}

function awaitsInside(stmt: PyNode): boolean {
  let found = false;
  for (const child of stmt.body as PyNode[]) {
    walk(child, (node) => {
      if (node.type === "Await" || node.type === "AsyncFor" || node.type === "AsyncWith") found = true;
      return !found && !NESTED_SCOPES.has(node.type);
    });
  }
  return found;
}

// ---------------------------------------------------------------- asyncio objects touched from threads

/** Every method name of `loopOnlyObjectMethods`, to pass over other calls cheaply. */
const OBJECT_METHODS = new Set(Object.values(loopOnlyObjectMethods).flatMap((methods) => [...methods]));

function fromThread(model: SemanticModel, call: PyNode): Finding | null {
  const func = call.func as PyNode;
  const method = func.type === "Attribute" ? (func.attr as string) : null;
  const needsLoop = method === null || method === "create_task" || method === "ensure_future" ? lookup(runningLoopFunctions, model.imports.qualifiedName(func)) : undefined;
  if (!needsLoop && (method === null || (!lookup(loopOnlyMethods, method) && !OBJECT_METHODS.has(method)))) return null;
  const fn = enclosingFunction(call);
  if (!fn || fn.type === "AsyncFunctionDef") return null;
  const evidence = model.concurrency.of(fn);
  if (!evidence || (evidence.tier !== "proven" && runsOnLoop(model, fn))) return null;
  const shown = callText(model, call);
  const reason = capitalise(evidence.reason);

  if (needsLoop) {
    const loop = visibleLoop(model, fn, call);
    return {
      node: call,
      messageId: tieredMessageId("noRunningLoop", evidence.tier),
      data: { call: shown, evidence: reason },
      ...(loop ? { suggest: runCoroutineThreadsafe(model, call, loop) } : {}),
    };
  }
  if (func.type !== "Attribute" || method === null) return null;
  const receiver = func.value as PyNode;
  if (ownedBy(model, receiver, fn)) return null;

  const loopMethod = lookup(loopOnlyMethods, method);
  if (loopMethod && loopReceiver(model, receiver, method)) {
    return {
      node: call,
      messageId: tieredMessageId("loopFromThread", evidence.tier),
      data: { call: shown, method, evidence: reason, instead: loopMethod.instead },
      ...loopMethodRewrite(model, call, loopMethod),
    };
  }
  const kind = lookup(asyncioConstructors, objectKind(model, receiver));
  if (!kind || !loopOnlyObjectMethods[kind]?.has(method)) return null;
  const receiverText = text(model, receiver);
  const loop = kind === "future" || kind === "task" ? `${receiverText}.get_loop()` : visibleLoop(model, fn, call);
  return {
    node: call,
    messageId: tieredMessageId("objectFromThread", evidence.tier),
    data: { call: shown, kind, method: `${receiverText}.${method}`, evidence: reason },
    ...(loop && isPlain(receiver) ? { suggest: viaCallSoonThreadsafe(model, call, loop) } : {}),
  };
}

/** `call_soon`/`call_later`/`call_at` are loop-only names; `create_task` and `stop` need a receiver known or named to be a loop. */
function loopReceiver(model: SemanticModel, receiver: PyNode, method: string): boolean {
  if (method.startsWith("call_")) return objectKind(model, receiver) === null || isLoop(model, receiver);
  return isLoop(model, receiver);
}

function loopMethodRewrite(model: SemanticModel, call: PyNode, method: LoopOnlyMethod): Pick<Finding, "fix" | "suggest"> {
  const func = call.func as PyNode;
  const receiver = func.value as PyNode;
  if (method.rewrite === "threadsafe") {
    // Same arguments, same Handle back: always safe.
    const attr = func.attr as string;
    return { fix: (fixer: Fixer) => fixer.replaceTextRange([func.range[1] - attr.length, func.range[1]], `${attr}_threadsafe`) };
  }
  if (!isPlain(receiver)) return {};
  if (method.rewrite === "run_coroutine_threadsafe") {
    // A statement discards the Task either way; a used result would become a concurrent Future.
    const suggest = runCoroutineThreadsafe(model, call, text(model, receiver));
    if (!suggest) return {};
    return call.parent?.type === "Expr" ? { fix: suggest[0]!.fix } : { suggest };
  }
  return { suggest: viaCallSoonThreadsafe(model, call, text(model, receiver)) };
}

type Suggestion = NonNullable<Finding["suggest"]>[number];

/** `create_task(coro)` → `asyncio.run_coroutine_threadsafe(coro, loop)`. */
function runCoroutineThreadsafe(model: SemanticModel, call: PyNode, loop: string): Suggestion[] | undefined {
  const args = call.args as PyNode[];
  if (args.length !== 1 || args[0]!.type === "Starred" || (call.keywords as PyNode[]).length > 0) return undefined;
  const asyncio = moduleReference(model, "asyncio", call);
  if (!asyncio) return undefined;
  const replacement = `${asyncio.text}.run_coroutine_threadsafe(${text(model, args[0]!)}, ${loop})`;
  return [
    {
      messageId: "runCoroutineThreadsafe",
      data: { asyncio: asyncio.text, loop },
      fix: (fixer: Fixer) => [...asyncio.edits(fixer), fixer.replaceTextRange(call.range, replacement)],
    },
  ];
}

/** `obj.m(args)` → `loop.call_soon_threadsafe(obj.m, args)`. */
function viaCallSoonThreadsafe(model: SemanticModel, call: PyNode, loop: string): Suggestion[] | undefined {
  if ((call.keywords as PyNode[]).length > 0) return undefined;
  const func = text(model, call.func as PyNode);
  const args = argumentsText(model, call);
  const replacement = `${loop}.call_soon_threadsafe(${func}${args ? `, ${args}` : ""})`;
  return [{ messageId: "callSoonThreadsafe", data: { loop, func }, fix: (fixer: Fixer) => fixer.replaceTextRange(call.range, replacement) }];
}

/** An object the thread made for itself (`loop = asyncio.new_event_loop()` in the function): its own to use. */
function ownedBy(model: SemanticModel, receiver: PyNode, fn: PyNode): boolean {
  if (receiver.type === "Call") return true;
  if (receiver.type !== "Name") return false;
  const binding = model.scopes.resolve(receiver.id as string, model.scopes.scopeOf(receiver));
  return !!binding && binding.scope.node === fn && binding.sites.every((s) => s.kind !== "parameter");
}

/**
 * A sync function that runs on the event loop's thread: every in-file caller
 * is a coroutine, or it is registered as a loop callback. Intended evidence
 * (its class takes a lock) does not make such a function thread code.
 */
function runsOnLoop(model: SemanticModel, fn: PyNode): boolean {
  const callers = model.callGraph.callsTo(fn);
  if (callers.length > 0 && callers.every((s) => s.caller?.type === "AsyncFunctionDef")) return true;
  return loopCallbacks(model).has(fn);
}

const callbacksByModel = new WeakMap<SemanticModel, Set<PyNode>>();

/** The functions of the file registered as loop callbacks (`loop.call_soon_threadsafe(self._deliver, …)`). */
function loopCallbacks(model: SemanticModel): Set<PyNode> {
  let callbacks = callbacksByModel.get(model);
  if (callbacks) return callbacks;
  callbacks = new Set();
  for (const site of model.callGraph.calls) {
    const func = site.call.func as PyNode;
    if (func.type !== "Attribute" || !loopCallbackRegistrations.has(func.attr as string)) continue;
    for (const arg of site.call.args as PyNode[]) {
      const callback = model.callGraph.resolveFunction(arg);
      if (callback) callbacks.add(callback);
    }
  }
  callbacksByModel.set(model, callbacks);
  return callbacks;
}

/** How code at `site` in `fn` can name an event loop: a variable in reach, or a `self` attribute, that holds one. */
function visibleLoop(model: SemanticModel, fn: PyNode, site: PyNode): string | null {
  const siteScope = model.scopes.scopeOf(site);
  for (let scope: typeof siteScope | null = siteScope; scope; scope = scope.parent) {
    if (scope.kind === "class") continue;
    for (const [variable, binding] of scope.bindings) {
      if (model.scopes.resolve(variable, siteScope) !== binding) continue;
      const kind = bindingKind(model, binding);
      if (kind ? lookup(asyncioConstructors, kind) === "loop" : binding.sites.every((s) => s.kind === "parameter") && LOOP_NAME.test(variable)) {
        return variable;
      }
    }
    const method = scope.node === fn ? methodContext(fn) : null;
    const attribute = method && selfLoopAttribute(model, method.cls, method.self);
    if (attribute) return attribute;
  }
  return null;
}

function selfLoopAttribute(model: SemanticModel, cls: PyNode, self: string): string | null {
  let found: string | null = null;
  walk(cls, (node) => {
    if (found) return false;
    if (node.type === "Assign") {
      for (const target of node.targets as PyNode[]) {
        if (target.type === "Attribute" && model.origins.classOfSelfAttribute(target) === cls && isLoop(model, target)) {
          found = `${self}.${target.attr as string}`;
        }
      }
    }
    return true;
  });
  return found;
}

// ---------------------------------------------------------------- text

function text(model: SemanticModel, node: PyNode): string {
  return model.sourceCode.text.slice(node.range[0], node.range[1]);
}

/** `f(…)`, or `f()` for a call without arguments. */
function callText(model: SemanticModel, call: PyNode): string {
  const bare = (call.args as PyNode[]).length === 0 && (call.keywords as PyNode[]).length === 0;
  return `${text(model, call.func as PyNode)}(${bare ? "" : "…"})`;
}

/** The text between a call's parentheses. */
function argumentsText(model: SemanticModel, call: PyNode): string {
  const source = model.sourceCode.text;
  const open = source.indexOf("(", (call.func as PyNode).range[1]);
  return source.slice(open + 1, call.range[1] - 1).trim();
}

/** A name or attribute chain: repeating it in a rewrite evaluates nothing twice. */
function isPlain(node: PyNode): boolean {
  return node.type === "Name" || (node.type === "Attribute" && isPlain(node.value as PyNode));
}

function name(model: SemanticModel, fn: PyNode): string {
  return model.callGraph.qualifiedNameOf(fn) ?? (fn.name as string);
}
