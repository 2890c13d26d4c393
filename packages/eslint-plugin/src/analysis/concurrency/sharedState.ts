// Shared state: the module globals, class attributes, instance attributes and
// closure cells that several threads can reach, each with a stable identity.
// Locals, thread-local storage, locks themselves and thread-safe hand-off
// objects (queues, events) are not shared state for the race rules.
import type { PyNode } from "../../language/nodes.js";
import { threadLocalConstructors, threadSafeContainers, lockConstructors } from "../../data/threadApis.js";
import { weakContainers } from "../../data/weakrefs.js";
import type { Binding, BindingSite, ScopeTree } from "../scopes.js";
import { enclosingFunction, type ValueOrigins } from "../values.js";

export interface StateRef {
  /** `global:counter`, `class:Cache.instances`, `self:Cache.hits`, `cell:outer.<locals>.n`. */
  id: string;
  kind: "global" | "class" | "instance" | "cell";
  /** How messages name it: `counter`, `Cache.instances`, `self.hits`. */
  display: string;
  /** The module, class or function that owns the state. */
  owner: PyNode;
  /** The bare name (for fixes and guarded-by lookups). */
  name: string;
}

/** Methods that mutate built-in containers in place. */
export const MUTATING_METHODS = new Set([
  "append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault", "add", "discard",
  "popitem", "sort", "reverse", "appendleft", "extendleft", "popleft", "rotate", "difference_update",
  "intersection_update", "symmetric_difference_update", "__setitem__", "__delitem__",
]);

/** Constructors of objects that are safe to share as they are: thread-local storage, queues and events, locks. */
const NOT_SHARED_CONSTRUCTORS = new Set([
  ...threadLocalConstructors,
  ...threadSafeContainers,
  ...Object.keys(lockConstructors),
  // Not safe, but weakref-race (the more specific rule) judges weak containers, so the race rules leave them alone.
  ...weakContainers,
]);

export class SharedState {
  /**
   * A module-level binding → the global state it is. Every read of a global
   * asks; one StateRef per global instead of one per read (StateRefs are
   * compared by `id` only, never changed, so sharing one is safe).
   */
  readonly #globals = new Map<Binding, StateRef>();

  constructor(
    private readonly scopes: ScopeTree,
    private readonly origins: ValueOrigins,
  ) {}

  /**
   * The shared state an expression (a Name or an Attribute) denotes, or null
   * for locals, parameters, thread-local storage, locks and queues.
   */
  stateOf(expr: PyNode): StateRef | null {
    if (expr.type === "Name") return this.#nameState(expr);
    if (expr.type === "Attribute") return this.#attributeState(expr);
    return null;
  }

  /** Whether the value an expression holds is safe to share by construction (a lock, a queue, thread-local storage). */
  isSafeByConstruction(expr: PyNode): boolean {
    const constructor = this.origins.constructorOf(expr);
    return constructor !== null && NOT_SHARED_CONSTRUCTORS.has(constructor);
  }

  #nameState(expr: PyNode): StateRef | null {
    const name = expr.id as string;
    const scope = this.scopes.scopeOf(expr);
    const binding = this.scopes.resolve(name, scope);
    if (!binding) return null;
    if (bindsDefinition(binding.sites)) return null;
    if (binding.scope.kind === "module") {
      let global = this.#globals.get(binding);
      if (!global) {
        global = { id: `global:${name}`, kind: "global", display: name, owner: binding.scope.node, name };
        this.#globals.set(binding, global);
      }
      return global;
    }
    if (binding.scope.kind === "function" && binding.scope !== scope && !onlyParameters(binding.sites)) {
      // A closure cell: only shared when an inner function writes it through `nonlocal`.
      if (!this.#writtenThroughNonlocal(binding.scope.node, name)) return null;
      const owner = binding.scope.node;
      return { id: `cell:${owner.range[0]}:${name}`, kind: "cell", display: name, owner, name };
    }
    if (scope.nonlocals.has(name)) {
      const owner = binding.scope.node;
      return { id: `cell:${owner.range[0]}:${name}`, kind: "cell", display: name, owner, name };
    }
    return null;
  }

  #attributeState(expr: PyNode): StateRef | null {
    const attr = expr.attr as string;
    const selfClassSeen = this.origins.classOfSelfAttribute(expr);
    // State inherited from an in-file base class is the base class's state.
    const selfClass = selfClassSeen && this.origins.attributeOwner(selfClassSeen, attr);
    if (selfClass) {
      const fn = enclosingFunction(expr);
      const viaCls = fn && isClassMethod(fn);
      const name = selfClass.name as string;
      return viaCls
        ? { id: `class:${name}.${attr}`, kind: "class", display: `${name}.${attr}`, owner: selfClass, name: attr }
        : { id: `self:${name}.${attr}`, kind: "instance", display: `self.${attr}`, owner: selfClass, name: attr };
    }
    const seen = this.origins.classOfClassAttribute(expr);
    const cls = seen && this.origins.attributeOwner(seen, attr);
    if (cls) {
      const name = cls.name as string;
      return { id: `class:${name}.${attr}`, kind: "class", display: `${name}.${attr}`, owner: cls, name: attr };
    }
    return null;
  }

  #writtenThroughNonlocal(owner: PyNode, name: string): boolean {
    const scope = this.scopes.scopeOpenedBy(owner);
    const search = (s: NonNullable<typeof scope>): boolean =>
      s.children.some((child) => child.nonlocals.has(name) || search(child));
    return scope ? search(scope) : false;
  }
}

/** Whether a name is bound by a def, a class or an import (not state). A loop, not `some`: asked for every Name read. */
function bindsDefinition(sites: readonly BindingSite[]): boolean {
  for (const site of sites) if (site.kind === "function" || site.kind === "class" || site.kind === "import") return true;
  return false;
}

function onlyParameters(sites: readonly BindingSite[]): boolean {
  for (const site of sites) if (site.kind !== "parameter") return false;
  return true;
}

function isClassMethod(fn: PyNode): boolean {
  if (fn.type === "Lambda") return false;
  return (fn.decorator_list as PyNode[]).some((d) => d.type === "Name" && d.id === "classmethod");
}
