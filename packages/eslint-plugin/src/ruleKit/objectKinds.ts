// What kind of object an expression holds, by the call that made it: through
// local and shared assignments, a parameter's annotation, and the arguments
// the function is called or started in a thread with
// (`Thread(target=worker, args=(loop, queue))`). Kinds are qualified names
// (`threading.Event`, `asyncio.Queue`), plus the future `executor.submit(…)`
// returns. `ValueOrigins.constructorOf` answers this for names assigned a
// constructor call; this also follows parameters and objects made by methods.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { Binding } from "../analysis/scopes.js";
import { CONCURRENT_FUTURE, LOOP_NAME, asyncioConstructors, loopFactories } from "../data/asyncioApis.js";
import { lookup } from "../data/lookup.js";
import { processPools, threadClasses, threadPools } from "../data/threadApis.js";
import { threadArgumentSlots } from "../data/threadArguments.js";
import { methodContext } from "../analysis/values.js";
import { assignedValues } from "./heldObjects.js";

const MAX_DEPTH = 4;

/** The kind of object `expr` holds, when every way it gets a value agrees; null when unknown. */
export function objectKind(model: SemanticModel, expr: PyNode, depth = 0): string | null {
  if (depth > MAX_DEPTH) return null;
  if (expr.type === "Call") return callKind(model, expr, depth);
  if (expr.type === "Name") {
    const binding = model.scopes.resolve(expr.id as string, model.scopes.scopeOf(expr));
    return binding ? bindingKind(model, binding) : null;
  }
  if (expr.type !== "Attribute") return null;
  const values = assignedValues(model, expr);
  return values && values.length > 0 ? agree(values.map((v) => objectKind(model, v, depth + 1))) : null;
}

const kindsByModel = new WeakMap<SemanticModel, Map<Binding, string | null>>();

/** The kind of object a variable holds: what its assignments make, or, for a parameter, its annotation or what callers pass. */
export function bindingKind(model: SemanticModel, binding: Binding): string | null {
  let known = kindsByModel.get(model);
  if (!known) kindsByModel.set(model, (known = new Map()));
  if (known.has(binding)) return known.get(binding)!;
  known.set(binding, null); // a cycle (`a = b; b = a`, recursion through parameters) is unknown
  const kind = computeBindingKind(model, binding);
  known.set(binding, kind);
  return kind;
}

// Each binding is computed once (and a cycle through one is cut by the memo), so the
// values it reaches start with a fresh depth: only attribute chains need the bound.
function computeBindingKind(model: SemanticModel, binding: Binding): string | null {
  const values = binding.sites.map((site) => site.value).filter((v) => !(v?.type === "Constant" && v.value === null));
  if (values.length > 0 && values.every((v) => v !== undefined)) {
    return agree(values.map((v) => objectKind(model, v!)));
  }
  const site = binding.sites.length === 1 ? binding.sites[0]! : null;
  if (site?.kind !== "parameter") return null;
  const annotation = site.node.annotation as PyNode | null;
  if (annotation) return model.imports.qualifiedName(annotation.type === "Subscript" ? (annotation.value as PyNode) : annotation);
  const fn = binding.scope.node;
  const args = fn.args as PyNode | undefined;
  if (!args) return null;
  const index = [...(args.posonlyargs as PyNode[]), ...(args.args as PyNode[])].indexOf(site.node);
  if (index < 0) return null;
  const passed = argumentsFor(model, fn, index);
  return passed.length > 0 ? agree(passed.map((arg) => objectKind(model, arg))) : null;
}

/** Whether `expr` holds an event loop: made by a loop factory, annotated as one, or (of unknown kind) named like one. */
export function isLoop(model: SemanticModel, expr: PyNode, depth = 0): boolean {
  const kind = objectKind(model, expr, depth);
  if (kind !== null) return lookup(asyncioConstructors, kind) === "loop";
  const name = expr.type === "Name" ? (expr.id as string) : expr.type === "Attribute" ? (expr.attr as string) : "";
  return LOOP_NAME.test(name);
}

/** Whether the object `receiver` of a `submit` call is an executor: a thread or process pool, or of unknown kind. */
export function isExecutor(model: SemanticModel, receiver: PyNode): boolean {
  const kind = model.origins.constructorOf(receiver);
  return kind === null || threadPools.has(kind) || processPools.has(kind);
}

function callKind(model: SemanticModel, call: PyNode, depth: number): string | null {
  const func = call.func as PyNode;
  const name = model.imports.qualifiedName(func);
  if (name === "asyncio.run_coroutine_threadsafe") return CONCURRENT_FUTURE;
  if (name) return name;
  const cls = model.callGraph.resolveClass(func);
  if (cls) return inheritsThread(model, cls) ? "threading.Thread" : null;
  if (func.type !== "Attribute") return null;
  const method = func.attr as string;
  const receiver = func.value as PyNode;
  if (method === "submit" && (call.args as PyNode[]).length > 0 && isExecutor(model, receiver)) return CONCURRENT_FUTURE;
  const made = lookup(loopFactories, method);
  return made && isLoop(model, receiver, depth + 1) ? made : null;
}

/** The expressions passed for positional parameter `index` of `fn` at its in-file calls and thread starts. */
function argumentsFor(model: SemanticModel, fn: PyNode, index: number): PyNode[] {
  const bound = methodContext(fn) ? 1 : 0;
  const found: PyNode[] = [];
  for (const site of model.callGraph.callsTo(fn)) {
    const arg = positionalArgument(site.call.args as PyNode[], index - bound);
    if (arg) found.push(arg);
  }
  for (const entry of model.threadEntries) {
    const call = entry.site as PyNode;
    if (entry.fn !== fn || call.type !== "Call") continue;
    const arg = positionalArgument(threadArguments(model, call), index - bound);
    if (arg) found.push(arg);
  }
  return found;
}

/** The arguments a thread-starting call passes on: its `args` tuple, or the positional arguments after the callable. */
function threadArguments(model: SemanticModel, call: PyNode): PyNode[] {
  const func = call.func as PyNode;
  const slot =
    lookup(threadArgumentSlots, model.imports.qualifiedName(func)) ??
    (func.type === "Attribute" ? lookup(threadArgumentSlots, `.${func.attr as string}`) : undefined);
  if (!slot) return [];
  const args = call.args as PyNode[];
  if (slot.rest !== undefined) return args.slice(slot.rest);
  const keyword = (call.keywords as PyNode[]).find((k) => k.arg === "args")?.value as PyNode | undefined;
  const tuple = keyword ?? (slot.tuple !== undefined ? args[slot.tuple] : undefined);
  return tuple && (tuple.type === "Tuple" || tuple.type === "List") ? (tuple.elts as PyNode[]) : [];
}

function positionalArgument(args: PyNode[], index: number): PyNode | null {
  if (index < 0) return null;
  for (let i = 0; i <= index && i < args.length; i++) if (args[i]!.type === "Starred") return null;
  return args[index] ?? null;
}

function inheritsThread(model: SemanticModel, cls: PyNode, seen = new Set<PyNode>()): boolean {
  if (seen.has(cls)) return false;
  seen.add(cls);
  return (cls.bases as PyNode[]).some((base) => {
    const name = model.imports.qualifiedName(base);
    if (name && threadClasses.has(name)) return true;
    const local = model.callGraph.resolveClass(base);
    return !!local && inheritsThread(model, local, seen);
  });
}

function agree(kinds: (string | null)[]): string | null {
  const first = kinds[0] ?? null;
  return first !== null && kinds.every((k) => k === first) ? first : null;
}
