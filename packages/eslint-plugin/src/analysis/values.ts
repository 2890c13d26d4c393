// Where a value comes from: the constructor call that created what a name or
// attribute holds (`self._lock = threading.Lock()` in `__init__` makes
// `self._lock` a `threading.Lock` everywhere in the class). No type
// inference beyond that: a name assigned several different things has no origin.
import type { PyNode } from "../language/nodes.js";
import type { ImportTable } from "./imports.js";
import type { ScopeTree } from "./scopes.js";
import type { NodeIndex } from "./nodeIndex.js";

const MAX_DEPTH = 8;
const NO_VALUES: readonly PyNode[] = [];

/** The class a method belongs to, and the name its first parameter (`self`/`cls`) goes by. */
export function methodContext(fn: PyNode | null): { cls: PyNode; self: string } | null {
  if (!fn || (fn.type !== "FunctionDef" && fn.type !== "AsyncFunctionDef")) return null;
  const cls = fn.parent;
  if (cls?.type !== "ClassDef") return null;
  // Asked for every `self.x` in the file: no arrays built here.
  const first = firstParameter(fn);
  if (!first || (fn.decorator_list as PyNode[]).some(isStaticmethod)) return null;
  return { cls, self: first.arg as string };
}

/** A def's first positional parameter, if any. */
export function firstParameter(fn: PyNode): PyNode | undefined {
  const args = fn.args as PyNode;
  const positionalOnly = args.posonlyargs as PyNode[];
  return positionalOnly.length > 0 ? positionalOnly[0] : (args.args as PyNode[])[0];
}

/** `@staticmethod`, `@builtins.staticmethod`, … (by the last name only). */
function isStaticmethod(decorator: PyNode): boolean {
  return decorator.type === "Name" ? decorator.id === "staticmethod" : decorator.type === "Attribute" && decorator.attr === "staticmethod";
}

export function enclosingFunction(node: PyNode): PyNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === "FunctionDef" || current.type === "AsyncFunctionDef" || current.type === "Lambda") return current;
  }
  return null;
}

export class ValueOrigins {
  /** class → attribute → values assigned to it (in the class body or through `self.`/`cls.`). */
  readonly #classAttributes = new Map<PyNode, Map<string, PyNode[]>>();
  /**
   * `constructorOf`'s answers for the expressions asked about directly (depth
   * 0): shared state asks it of every Name and Attribute, locks of every `with`
   * item and call, each following assignments through the file. Deeper steps
   * are not kept: their answer depends on how deep the search already is.
   */
  readonly #constructorOfNode = new Map<PyNode, string | null>();
  /** class → `#lineage(class)`. */
  readonly #lineages = new Map<PyNode, readonly PyNode[]>();

  constructor(
    nodes: NodeIndex,
    private readonly scopes: ScopeTree,
    private readonly imports: ImportTable,
  ) {
    for (const node of nodes.ofType("Assign", "AnnAssign")) {
      {
        const targets = node.type === "Assign" ? (node.targets as PyNode[]) : [node.target as PyNode];
        if (!node.value || targets.length !== 1) continue;
        const target = targets[0]!;
        if (target.type === "Name" && node.parent?.type === "ClassDef") {
          this.#recordAttribute(node.parent, target.id as string, node.value as PyNode);
        } else {
          const owner = this.classOfSelfAttribute(target);
          if (owner) this.#recordAttribute(owner, target.attr as string, node.value as PyNode);
        }
      }
    }
  }

  /** For `self.x` / `cls.x` inside a method: the class; else null. */
  classOfSelfAttribute(node: PyNode): PyNode | null {
    if (node.type !== "Attribute" || (node.value as PyNode).type !== "Name") return null;
    const context = methodContext(enclosingFunction(node));
    return context && (node.value as PyNode).id === context.self ? context.cls : null;
  }

  /** For `C.x` where C is a class defined in this file: the class. */
  classOfClassAttribute(node: PyNode): PyNode | null {
    if (node.type !== "Attribute" || (node.value as PyNode).type !== "Name") return null;
    const binding = this.scopes.resolve((node.value as PyNode).id as string, this.scopes.scopeOf(node));
    const site = binding?.sites.length === 1 ? binding.sites[0] : undefined;
    return site?.kind === "class" ? site.node : null;
  }

  /** Values assigned to an attribute of a class or its in-file base classes, anywhere in the file. */
  attributeValues(cls: PyNode, attr: string): readonly PyNode[] {
    const lineage = this.#lineageOf(cls);
    // Mostly a class without in-file bases: its own list, not a copy (callers only read it).
    if (lineage.length === 1) return this.#classAttributes.get(cls)?.get(attr) ?? NO_VALUES;
    const values: PyNode[] = [];
    for (const c of lineage) {
      const assigned = this.#classAttributes.get(c)?.get(attr);
      if (assigned) for (const value of assigned) values.push(value);
    }
    return values;
  }

  /**
   * The class an attribute belongs to: the most basic class of this file, in
   * `cls`'s lineage, that assigns it. `self.lock` in a Handler subclass is
   * Handler's `lock`, so both name the same state and the same lock.
   */
  attributeOwner(cls: PyNode, attr: string): PyNode {
    const lineage = this.#lineageOf(cls);
    for (let i = lineage.length - 1; i >= 0; i--) {
      if (this.#classAttributes.get(lineage[i]!)?.has(attr)) return lineage[i]!;
    }
    return cls;
  }

  /**
   * `#lineage` of a class, worked out once: every `self.x` and `C.x` of the
   * file asks for it (shared state, origins, lock names), and each answer
   * resolves the class's bases. The class tree does not change.
   */
  #lineageOf(cls: PyNode): readonly PyNode[] {
    let lineage = this.#lineages.get(cls);
    if (!lineage) {
      lineage = this.#lineage(cls);
      this.#lineages.set(cls, lineage);
    }
    return lineage;
  }

  /** The class followed by its in-file base classes (depth first, each once). */
  #lineage(cls: PyNode, seen = new Set<PyNode>()): PyNode[] {
    if (seen.has(cls)) return [];
    seen.add(cls);
    const result = [cls];
    for (const base of cls.bases as PyNode[]) {
      if (base.type !== "Name") continue;
      const binding = this.scopes.resolve(base.id as string, this.scopes.scopeOf(base));
      const site = binding?.sites.length === 1 ? binding.sites[0] : undefined;
      if (site?.kind === "class") result.push(...this.#lineage(site.node, seen));
    }
    return result;
  }

  /**
   * The qualified name of the callable that created the value of `expr`:
   * `threading.Lock` for `self._lock` when `__init__` did
   * `self._lock = threading.Lock()`. Null when unknown or ambiguous. `None`
   * assignments (placeholders for lazy initialisation) are passed over.
   */
  constructorOf(expr: PyNode, depth = 0): string | null {
    if (depth > 0) return this.#constructorOf(expr, depth);
    let name = this.#constructorOfNode.get(expr);
    if (name === undefined) {
      name = this.#constructorOf(expr, 0);
      this.#constructorOfNode.set(expr, name);
    }
    return name;
  }

  #constructorOf(expr: PyNode, depth: number): string | null {
    if (depth > MAX_DEPTH) return null;
    switch (expr.type) {
      case "Call":
        return this.imports.qualifiedName(expr.func as PyNode) ?? this.#localClassName(expr.func as PyNode);
      case "Name": {
        const binding = this.scopes.resolve(expr.id as string, this.scopes.scopeOf(expr));
        if (!binding) return null;
        const values = binding.sites.map((site) => site.value ?? null);
        // A parameter, loop variable or import holds a value made elsewhere: unknown.
        if (values.some((v) => v === null)) return null;
        return this.#agree(values as PyNode[], depth);
      }
      case "Attribute": {
        const cls = this.classOfSelfAttribute(expr) ?? this.classOfClassAttribute(expr);
        if (!cls) return null;
        return this.#agree([...this.attributeValues(cls, expr.attr as string)], depth);
      }
      default:
        return null;
    }
  }

  /**
   * The constructor call that created the value of `expr`, when every
   * assignment agrees on what constructs it (the first such call).
   */
  originCall(expr: PyNode, depth = 0): PyNode | null {
    if (depth > MAX_DEPTH) return null;
    if (expr.type === "Call") return expr;
    let values: PyNode[] = [];
    if (expr.type === "Name") {
      const binding = this.scopes.resolve(expr.id as string, this.scopes.scopeOf(expr));
      if (!binding || binding.sites.some((site) => !site.value)) return null;
      values = binding.sites.map((site) => site.value!);
    } else if (expr.type === "Attribute") {
      const cls = this.classOfSelfAttribute(expr) ?? this.classOfClassAttribute(expr);
      if (!cls) return null;
      values = [...this.attributeValues(cls, expr.attr as string)];
    }
    if (this.#agree(values, depth) === null) return null;
    for (const value of values) {
      const call = this.originCall(value, depth + 1);
      if (call) return call;
    }
    return null;
  }

  #agree(values: PyNode[], depth: number): string | null {
    let found: string | null = null;
    for (const value of values) {
      if (value.type === "Constant" && value.value === null) continue;
      const name = this.constructorOf(value, depth + 1);
      if (name === null || (found !== null && found !== name)) return null;
      found = name;
    }
    return found;
  }

  #localClassName(func: PyNode): string | null {
    if (func.type !== "Name") return null;
    const binding = this.scopes.resolve(func.id as string, this.scopes.scopeOf(func));
    const site = binding?.sites.length === 1 ? binding.sites[0] : undefined;
    return site?.kind === "class" ? `<local>.${func.id as string}` : null;
  }

  #recordAttribute(cls: PyNode, attr: string, value: PyNode): void {
    let attrs = this.#classAttributes.get(cls);
    if (!attrs) this.#classAttributes.set(cls, (attrs = new Map()));
    const list = attrs.get(attr);
    if (list) list.push(value);
    else attrs.set(attr, [value]);
  }
}
