// Objects held in state that several threads reach: for a name or attribute,
// the state that holds it (a module global, class attribute, `self`
// attribute, or a variable of an enclosing function read by a nested one) and
// the values assigned to it. Also the objects a thread-starting call hands to
// the function it starts (`Thread(target=f, args=(it,))`, `pool.submit(f, it)`).
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { StateRef } from "../analysis/concurrency/sharedState.js";
import type { ThreadEntry } from "../analysis/concurrency/threadEntries.js";
import { lookup } from "../data/lookup.js";
import { threadArgumentSlots } from "../data/threadArguments.js";
import { enclosingFunction } from "../analysis/values.js";

export interface HeldObject {
  state: StateRef;
  /** What is assigned to it (`None` placeholders left out); empty when unknown. */
  values: PyNode[];
}

/**
 * The shared state `expr` reads and what was assigned to it, or null for
 * locals, parameters, and values whose assignments are not all known.
 */
export function heldObject(model: SemanticModel, expr: PyNode): HeldObject | null {
  const state = model.sharedState.stateOf(expr) ?? closureState(model, expr);
  if (!state) return null;
  const values = assignedValues(model, expr);
  return values ? { state, values } : null;
}

/** The values every assignment gives a name or `self.`/`Class.` attribute, or null when one is unknown. */
export function assignedValues(model: SemanticModel, expr: PyNode): PyNode[] | null {
  let values: PyNode[] = [];
  if (expr.type === "Name") {
    const binding = model.scopes.resolve(expr.id as string, model.scopes.scopeOf(expr));
    if (!binding || binding.sites.some((site) => !site.value)) return null;
    values = binding.sites.map((site) => site.value!);
  } else if (expr.type === "Attribute") {
    const cls = model.origins.classOfSelfAttribute(expr) ?? model.origins.classOfClassAttribute(expr);
    if (!cls) return null;
    values = [...model.origins.attributeValues(cls, expr.attr as string)];
  } else {
    return null;
  }
  return values.filter((v) => !(v.type === "Constant" && v.value === null));
}

/** A variable of an enclosing function read from a nested one (a lambda or def): one object for every call of the nested one. */
function closureState(model: SemanticModel, expr: PyNode): StateRef | null {
  if (expr.type !== "Name") return null;
  const name = expr.id as string;
  const scope = model.scopes.scopeOf(expr);
  const binding = model.scopes.resolve(name, scope);
  if (!binding || binding.scope === scope || binding.scope.kind !== "function") return null;
  if (binding.sites.every((site) => site.kind === "parameter")) return null;
  const owner = binding.scope.node;
  return { id: `cell:${owner.range[0]}:${name}`, kind: "cell", display: name, owner, name };
}

/**
 * Classifies what an expression holds by the call (or expression) that made
 * it: `classify` sees each assigned value, following names and attributes
 * back to their constructor call; all must agree.
 */
export function classifyHeld<K>(model: SemanticModel, values: readonly PyNode[], classify: (value: PyNode) => K | null): K | null {
  let found: K | null = null;
  for (const value of values) {
    let kind = classify(value);
    if (kind === null && (value.type === "Name" || value.type === "Attribute")) {
      const call = model.origins.originCall(value);
      kind = call ? classify(call) : null;
    }
    if (kind === null || (found !== null && found !== kind)) return null;
    found = kind;
  }
  return found;
}

export interface PassedObject {
  /** The argument expression handed over. */
  arg: PyNode;
  /** The thread-starting call. */
  call: PyNode;
  entry: ThreadEntry;
  /** Whether the same object reaches several threads: the call sits in a loop the object was made outside of. */
  inLoop: boolean;
}

/** The objects thread-starting calls hand to the functions they start, as names. */
export function passedToThreads(model: SemanticModel): PassedObject[] {
  const passed: PassedObject[] = [];
  const seen = new Set<PyNode>();
  for (const entry of model.threadEntries) {
    const call = entry.site as PyNode;
    if (call.type !== "Call" || seen.has(call)) continue;
    seen.add(call);
    for (const arg of argumentsPassed(model, call)) {
      if (arg.type !== "Name") continue;
      passed.push({ arg, call, entry, inLoop: madeOutsideLoop(model, arg, call) });
    }
  }
  return passed;
}

/** `Thread(target=f, args=(a, b))` → [a, b]; `pool.submit(f, a, b)` → [a, b]; `partial(f, a)` targets add `a`. */
export function argumentsPassed(model: SemanticModel, call: PyNode): PyNode[] {
  const func = call.func as PyNode;
  const name = model.imports.qualifiedName(func);
  const slot = lookup(threadArgumentSlots, name) ?? (func.type === "Attribute" ? lookup(threadArgumentSlots, `.${func.attr as string}`) : undefined);
  if (!slot) return [];
  const args = call.args as PyNode[];
  const found: PyNode[] = [];
  if (slot.rest !== undefined) found.push(...args.slice(slot.rest));
  if (slot.tuple !== undefined) {
    const keyword = (call.keywords as PyNode[]).find((k) => k.arg === "args")?.value as PyNode | undefined;
    const tuple = keyword ?? args[slot.tuple];
    if (tuple && (tuple.type === "Tuple" || tuple.type === "List")) found.push(...(tuple.elts as PyNode[]));
  }
  for (const arg of [...args, ...(call.keywords as PyNode[]).map((k) => k.value as PyNode)]) {
    if (arg.type === "Call" && model.imports.qualifiedName(arg.func as PyNode) === "functools.partial") {
      found.push(...(arg.args as PyNode[]).slice(1));
    }
  }
  return found.filter((arg) => arg.type !== "Starred");
}

/** Whether `call` runs in a loop (of its function) that does not also create the object `arg` names. */
function madeOutsideLoop(model: SemanticModel, arg: PyNode, call: PyNode): boolean {
  const loop = innermostLoop(call);
  if (!loop) return false;
  const binding = model.scopes.resolve(arg.id as string, model.scopes.scopeOf(arg));
  if (!binding) return false;
  return binding.sites.every((site) => !(site.node.range[0] >= loop.range[0] && site.node.range[1] <= loop.range[1]));
}

function innermostLoop(node: PyNode): PyNode | null {
  const fn = enclosingFunction(node);
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (["For", "AsyncFor", "While", "ListComp", "SetComp", "DictComp", "GeneratorExp"].includes(current.type)) return current;
  }
  return null;
}
