// The call graph inside one file: which function calls which, through plain
// names, `self.`/`cls.` methods, `Class.method`, and nested functions.
// Calls whose target lies outside the file are recorded as unresolved.
import type { PyNode } from "../language/nodes.js";
import type { ScopeTree } from "./scopes.js";
import type { NodeIndex } from "./nodeIndex.js";
import { firstParameter } from "./values.js";
import { isFunction } from "./walk.js";

export interface CallSite {
  call: PyNode;
  caller: PyNode | null;
  /** The function called, when it is defined in this file. */
  callee: PyNode | null;
}

export class CallGraph {
  /** Every function and lambda in the file, in source order. */
  readonly functions: PyNode[] = [];
  readonly calls: CallSite[] = [];
  readonly #callsFrom = new Map<PyNode | null, CallSite[]>();
  readonly #callsTo = new Map<PyNode, CallSite[]>();

  constructor(
    private readonly module: PyNode,
    private readonly scopes: ScopeTree,
    private readonly nodes: NodeIndex,
  ) {
    this.functions.push(...nodes.ofType("FunctionDef", "AsyncFunctionDef", "Lambda"));
    for (const call of nodes.ofType("Call")) this.#add(call);
  }

  callsFrom(fn: PyNode | null): readonly CallSite[] {
    return this.#callsFrom.get(fn) ?? [];
  }

  callsTo(fn: PyNode): readonly CallSite[] {
    return this.#callsTo.get(fn) ?? [];
  }

  /** The function or lambda whose body holds `node` (null at module or class level). */
  enclosingFunction(node: PyNode): PyNode | null {
    for (let current = node.parent; current; current = current.parent) {
      if (isFunction(current)) return current;
    }
    return null;
  }

  /** The class a method belongs to (its def sits directly in the class body). */
  enclosingClass(fn: PyNode): PyNode | null {
    const parent = fn.parent;
    return parent?.type === "ClassDef" ? parent : null;
  }

  /**
   * The function an expression refers to, when it is defined in this file:
   * `f`, `self.m` / `cls.m` inside a method, `Class.m`, `obj.m` where `obj`
   * is `Class()` is not followed (types are not inferred).
   */
  resolveFunction(expr: PyNode): PyNode | null {
    const scope = this.scopes.scopeOf(expr);
    if (expr.type === "Name") {
      const binding = this.scopes.resolve(expr.id as string, scope);
      if (binding?.sites.length !== 1) return null;
      const site = binding.sites[0]!;
      if (site.kind === "function") return site.node;
      if (site.kind === "assignment" && site.value?.type === "Lambda") return site.value;
      return null;
    }
    if (expr.type !== "Attribute") return null;
    const owner = expr.value as PyNode;
    const method = expr.attr as string;
    if (owner.type !== "Name") return null;
    const ownerName = owner.id as string;
    const fn = this.enclosingFunction(expr);
    const cls = fn && this.enclosingClass(fn);
    if (cls && (ownerName === "self" || ownerName === "cls") && isFirstParameter(fn, ownerName)) {
      return this.findMethod(cls, method);
    }
    const binding = this.scopes.resolve(ownerName, scope);
    const site = binding?.sites.length === 1 ? binding.sites[0] : undefined;
    if (site?.kind === "class") return this.findMethod(site.node, method);
    return null;
  }

  /** A method by name in a class or, failing that, in its in-file base classes. */
  findMethod(cls: PyNode, name: string, seen = new Set<PyNode>()): PyNode | null {
    if (seen.has(cls)) return null;
    seen.add(cls);
    for (const stmt of cls.body as PyNode[]) {
      if ((stmt.type === "FunctionDef" || stmt.type === "AsyncFunctionDef") && stmt.name === name) return stmt;
    }
    for (const base of cls.bases as PyNode[]) {
      if (base.type !== "Name") continue;
      const binding = this.scopes.resolve(base.id as string, this.scopes.scopeOf(base));
      const site = binding?.sites.length === 1 ? binding.sites[0] : undefined;
      if (site?.kind === "class") {
        const found = this.findMethod(site.node, name, seen);
        if (found) return found;
      }
    }
    return null;
  }

  /** The class an expression names, when it is defined in this file. */
  resolveClass(expr: PyNode): PyNode | null {
    if (expr.type !== "Name") return null;
    const binding = this.scopes.resolve(expr.id as string, this.scopes.scopeOf(expr));
    const site = binding?.sites.length === 1 ? binding.sites[0] : undefined;
    return site?.kind === "class" ? site.node : null;
  }

  /** A class's methods, its in-file base classes' after its own (overridden ones left out). */
  methodsOf(cls: PyNode, seen = new Set<PyNode>()): PyNode[] {
    if (seen.has(cls)) return [];
    seen.add(cls);
    const own = (cls.body as PyNode[]).filter((s) => s.type === "FunctionDef" || s.type === "AsyncFunctionDef");
    const names = new Set(own.map((m) => m.name as string));
    const inherited = (cls.bases as PyNode[])
      .map((base) => this.resolveClass(base))
      .flatMap((base) => (base ? this.methodsOf(base, seen) : []))
      .filter((m) => !names.has(m.name as string));
    return [...own, ...inherited];
  }

  /** The def on this line, or on the line below (for a comment above a def or its decorators). */
  functionAtLine(line: number): PyNode | null {
    for (const fn of this.functions) {
      if (fn.type === "Lambda") continue;
      const decorators = fn.decorator_list as PyNode[];
      const first = decorators[0]?.loc.start.line ?? fn.loc.start.line;
      if (line === fn.loc.start.line || line === first - 1 || (line >= first && line <= fn.loc.start.line)) return fn;
    }
    return null;
  }

  /** `Class.method` or `outer.<locals>.inner`, like Python's `__qualname__`. */
  qualifiedNameOf(fn: PyNode): string | null {
    const parts: string[] = [];
    for (let node: PyNode | null = fn; node && node.type !== "Module"; node = node.parent) {
      if (node.type === "FunctionDef" || node.type === "AsyncFunctionDef") {
        parts.unshift(node !== fn ? `${node.name as string}.<locals>` : (node.name as string));
      } else if (node.type === "ClassDef") {
        parts.unshift(node.name as string);
      } else if (node.type === "Lambda") {
        parts.unshift(node === fn ? "<lambda>" : "<lambda>.<locals>");
      }
    }
    return parts.length > 0 ? parts.join(".") : null;
  }

  #add(call: PyNode): void {
    const caller = this.enclosingFunction(call);
    const callee = this.resolveFunction(call.func as PyNode);
    // `self.m()` may run a subclass's override of `m` (dynamic dispatch).
    const overrides = callee ? this.#overridesReachedFrom(call.func as PyNode, callee) : [];
    for (const target of [callee, ...overrides]) {
      const site: CallSite = { call, caller, callee: target };
      this.calls.push(site);
      push(this.#callsFrom, caller, site);
      if (target) push(this.#callsTo, target, site);
    }
  }

  #subclasses: Map<PyNode, PyNode[]> | undefined;

  #overridesReachedFrom(func: PyNode, callee: PyNode): PyNode[] {
    if (func.type !== "Attribute" || (func.value as PyNode).type !== "Name") return [];
    const owner = (func.value as PyNode).id;
    if (owner !== "self" && owner !== "cls") return [];
    const cls = callee.parent?.type === "ClassDef" ? callee.parent : null;
    if (!cls) return [];
    if (!this.#subclasses) {
      this.#subclasses = new Map();
      for (const node of this.nodes.ofType("ClassDef")) {
        for (const base of node.bases as PyNode[]) {
          const parent = this.resolveClass(base);
          if (parent) push(this.#subclasses!, parent, node);
        }
      }
    }
    const found: PyNode[] = [];
    const visit = (c: PyNode, seen: Set<PyNode>) => {
      for (const sub of this.#subclasses!.get(c) ?? []) {
        if (seen.has(sub)) continue;
        seen.add(sub);
        const own = (sub.body as PyNode[]).find(
          (s) => (s.type === "FunctionDef" || s.type === "AsyncFunctionDef") && s.name === callee.name,
        );
        if (own) found.push(own);
        visit(sub, seen);
      }
    };
    visit(cls, new Set([cls]));
    return found;
  }
}

function isFirstParameter(fn: PyNode, name: string): boolean {
  if (fn.type === "Lambda") return false;
  return firstParameter(fn)?.arg === name;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
