// Scopes and bindings, with Python's rules: module, class, function, lambda
// and comprehension scopes; `global` and `nonlocal`; class bodies are not
// visible from the functions nested in them.
import type { PyNode } from "../language/nodes.js";
import type { NodeIndex } from "./nodeIndex.js";
import { forEachChild } from "./walk.js";

export type ScopeKind = "module" | "class" | "function" | "lambda" | "comprehension";

export type BindingKind = "import" | "assignment" | "parameter" | "function" | "class" | "loop" | "with" | "except" | "other";

export interface BindingSite {
  kind: BindingKind;
  /** The node that binds: the Name (Store), the def/class, the alias, the arg. */
  node: PyNode;
  /** For `x = value` with one target: the value (alias tracking, lock recognition). */
  value?: PyNode;
}

export interface Binding {
  name: string;
  scope: Scope;
  sites: BindingSite[];
}

export interface Scope {
  kind: ScopeKind;
  node: PyNode;
  parent: Scope | null;
  children: Scope[];
  bindings: Map<string, Binding>;
  /** Names declared `global` here. */
  globals: Set<string>;
  /** Names declared `nonlocal` here. */
  nonlocals: Set<string>;
}

const scopeKinds: Readonly<Record<string, ScopeKind>> = {
  Module: "module",
  ClassDef: "class",
  FunctionDef: "function",
  AsyncFunctionDef: "function",
  Lambda: "lambda",
  ListComp: "comprehension",
  SetComp: "comprehension",
  DictComp: "comprehension",
  GeneratorExp: "comprehension",
};

export class ScopeTree {
  readonly module: Scope;
  /** Scope-opening node → its scope. */
  readonly #byNode = new Map<PyNode, Scope>();
  /** A def or class → its `global` and `nonlocal` statements, in walk order. */
  readonly #declarations = new Map<PyNode, PyNode[]>();

  constructor(module: PyNode, nodes: NodeIndex) {
    this.#findDeclarations(nodes);
    this.module = this.#newScope(module, null);
    this.#visitBody(module, this.module);
  }

  /** The scope opened by `node` (a def, class, lambda, comprehension or the module). */
  scopeOpenedBy(node: PyNode): Scope | undefined {
    return this.#byNode.get(node);
  }

  /** The scope in which `node` is evaluated. */
  scopeOf(node: PyNode): Scope {
    let child: PyNode = node;
    let grandchild: PyNode | null = null;
    for (let current = node.parent; current; current = current.parent) {
      // Only scope-opening nodes are in `#byNode`: the other ancestors (most of them) need no lookup.
      if (scopeKinds[current.type] === undefined) {
        grandchild = child;
        child = current;
        continue;
      }
      const scope = this.#byNode.get(current);
      if (scope && evaluatesInside(current, child, grandchild, node)) return scope;
      grandchild = child;
      child = current;
    }
    return this.module;
  }

  /** The binding a name refers to from `scope`, following Python's LEGB rule. */
  resolve(name: string, scope: Scope): Binding | undefined {
    if (scope.globals.has(name)) return this.module.bindings.get(name);
    let current: Scope | null = scope;
    let first = true;
    while (current) {
      // Class scopes are visible only to code directly in the class body.
      if (current.kind !== "class" || first) {
        if (!current.nonlocals.has(name) || current !== scope) {
          const binding = current.bindings.get(name);
          if (binding && !(current === scope && scope.nonlocals.has(name))) return binding;
        }
      }
      first = false;
      current = current.parent;
    }
    return undefined;
  }

  #newScope(node: PyNode, parent: Scope | null): Scope {
    const scope: Scope = {
      kind: scopeKinds[node.type] ?? "function",
      node,
      parent,
      children: [],
      bindings: new Map(),
      globals: new Set(),
      nonlocals: new Set(),
    };
    parent?.children.push(scope);
    this.#byNode.set(node, scope);
    return scope;
  }

  #bind(scope: Scope, name: string, site: BindingSite): void {
    // `global x` / `nonlocal x` send the binding to the owning scope.
    let target = scope;
    if (scope.globals.has(name)) target = this.module;
    else if (scope.nonlocals.has(name)) {
      for (let s = scope.parent; s; s = s.parent) {
        if (s.kind === "function" && s.bindings.has(name)) {
          target = s;
          break;
        }
      }
    }
    let binding = target.bindings.get(name);
    if (!binding) {
      binding = { name, scope: target, sites: [] };
      target.bindings.set(name, binding);
    }
    binding.sites.push(site);
  }

  /** `#visit` as a function value made once, so that visiting a node's children makes no closure per node. */
  readonly #visitChild = (child: PyNode, scope: Scope): void => this.#visit(child, scope);

  #visitBody(node: PyNode, scope: Scope): void {
    forEachChild(node, this.#visitChild, scope);
  }

  #visit(node: PyNode, scope: Scope): void {
    switch (node.type) {
      case "FunctionDef":
      case "AsyncFunctionDef": {
        // Decorators, defaults and annotations run in the enclosing scope.
        for (const d of node.decorator_list as PyNode[]) this.#visit(d, scope);
        this.#visitArgumentDefaults(node.args as PyNode, scope);
        if (node.returns) this.#visit(node.returns as PyNode, scope);
        this.#bind(scope, node.name as string, { kind: "function", node });
        const inner = this.#newScope(node, scope);
        this.#declare(node, inner);
        this.#bindParameters(node.args as PyNode, inner);
        for (const stmt of node.body as PyNode[]) this.#visit(stmt, inner);
        return;
      }
      case "Lambda": {
        this.#visitArgumentDefaults(node.args as PyNode, scope);
        const inner = this.#newScope(node, scope);
        this.#bindParameters(node.args as PyNode, inner);
        this.#visit(node.body as PyNode, inner);
        return;
      }
      case "ClassDef": {
        for (const d of node.decorator_list as PyNode[]) this.#visit(d, scope);
        for (const b of node.bases as PyNode[]) this.#visit(b, scope);
        for (const k of node.keywords as PyNode[]) this.#visit(k, scope);
        this.#bind(scope, node.name as string, { kind: "class", node });
        const inner = this.#newScope(node, scope);
        this.#declare(node, inner);
        for (const stmt of node.body as PyNode[]) this.#visit(stmt, inner);
        return;
      }
      case "ListComp":
      case "SetComp":
      case "DictComp":
      case "GeneratorExp": {
        const generators = node.generators as PyNode[];
        // The first iterable is evaluated in the enclosing scope.
        if (generators[0]) this.#visit(generators[0].iter as PyNode, scope);
        const inner = this.#newScope(node, scope);
        generators.forEach((gen, i) => {
          this.#visitTarget(gen.target as PyNode, inner, "loop");
          if (i > 0) this.#visit(gen.iter as PyNode, inner);
          for (const test of gen.ifs as PyNode[]) this.#visit(test, inner);
        });
        for (const key of ["elt", "key", "value"]) if (node[key]) this.#visit(node[key] as PyNode, inner);
        return;
      }
      case "Import":
      case "ImportFrom":
        for (const alias of node.names as PyNode[]) {
          if (alias.name === "*") continue;
          const local = (alias.asname as string | null) ?? (alias.name as string).split(".")[0]!;
          this.#bind(scope, local, { kind: "import", node: alias });
        }
        return;
      case "Assign": {
        const targets = node.targets as PyNode[];
        for (const target of targets) {
          this.#visitTarget(target, scope, "assignment", targets.length === 1 ? (node.value as PyNode) : undefined);
        }
        this.#visit(node.value as PyNode, scope);
        return;
      }
      case "AnnAssign":
      case "AugAssign":
        this.#visitTarget(node.target as PyNode, scope, "assignment", (node.value as PyNode | null) ?? undefined);
        if (node.annotation) this.#visit(node.annotation as PyNode, scope);
        if (node.value) this.#visit(node.value as PyNode, scope);
        return;
      case "NamedExpr": {
        // The walrus binds in the nearest enclosing non-comprehension scope.
        let target = scope;
        while (target.kind === "comprehension" && target.parent) target = target.parent;
        this.#visitTarget(node.target as PyNode, target, "assignment", node.value as PyNode);
        this.#visit(node.value as PyNode, scope);
        return;
      }
      case "For":
      case "AsyncFor":
        this.#visitTarget(node.target as PyNode, scope, "loop");
        this.#visit(node.iter as PyNode, scope);
        for (const s of node.body as PyNode[]) this.#visit(s, scope);
        for (const s of node.orelse as PyNode[]) this.#visit(s, scope);
        return;
      case "withitem":
        this.#visit(node.context_expr as PyNode, scope);
        if (node.optional_vars) this.#visitTarget(node.optional_vars as PyNode, scope, "with", node.context_expr as PyNode);
        return;
      case "ExceptHandler":
        if (node.name) this.#bind(scope, node.name as string, { kind: "except", node });
        this.#visitBody(node, scope);
        return;
      case "MatchAs":
      case "MatchStar":
        if (node.name) this.#bind(scope, node.name as string, { kind: "other", node });
        this.#visitBody(node, scope);
        return;
      case "MatchMapping":
        if (node.rest) this.#bind(scope, node.rest as string, { kind: "other", node });
        this.#visitBody(node, scope);
        return;
      case "TypeAlias":
        this.#visitTarget(node.name as PyNode, scope, "assignment");
        return;
      default:
        this.#visitBody(node, scope);
    }
  }

  #visitTarget(target: PyNode, scope: Scope, kind: BindingKind, value?: PyNode): void {
    switch (target.type) {
      case "Name":
        this.#bind(scope, target.id as string, value ? { kind, node: target, value } : { kind, node: target });
        return;
      case "Tuple":
      case "List":
        for (const elt of target.elts as PyNode[]) this.#visitTarget(elt, scope, kind);
        return;
      case "Starred":
        this.#visitTarget(target.value as PyNode, scope, kind);
        return;
      default:
        // Attribute and subscript targets bind nothing; their parts are reads.
        this.#visit(target, scope);
    }
  }

  #visitArgumentDefaults(args: PyNode, scope: Scope): void {
    for (const d of args.defaults as PyNode[]) this.#visit(d, scope);
    for (const d of args.kw_defaults as (PyNode | null)[]) if (d) this.#visit(d, scope);
    for (const a of parameterList(args)) if (a.annotation) this.#visit(a.annotation as PyNode, scope);
  }

  #bindParameters(args: PyNode, scope: Scope): void {
    for (const a of parameterList(args)) this.#bind(scope, a.arg as string, { kind: "parameter", node: a });
  }

  /** `global` / `nonlocal` apply to the whole scope, wherever they appear in it. */
  #declare(owner: PyNode, scope: Scope): void {
    for (const node of this.#declarations.get(owner) ?? []) {
      for (const n of node.names as string[]) (node.type === "Global" ? scope.globals : scope.nonlocals).add(n);
    }
  }

  /**
   * Files the `global` and `nonlocal` statements under the def or class whose
   * body holds them (the nearest scope-opening ancestor: a statement cannot sit
   * in a lambda or comprehension). Read from the node index, not found by
   * walking every body; module-level ones declare nothing.
   */
  #findDeclarations(nodes: NodeIndex): void {
    for (const node of nodes.inWalkOrder("Global", "Nonlocal")) {
      let owner = node.parent;
      while (owner && !scopeKinds[owner.type]) owner = owner.parent;
      if (!owner || owner.type === "Module") continue;
      const list = this.#declarations.get(owner);
      if (list) list.push(node);
      else this.#declarations.set(owner, [node]);
    }
  }
}

export function parameterList(args: PyNode): PyNode[] {
  return [
    ...(args.posonlyargs as PyNode[]),
    ...(args.args as PyNode[]),
    ...(args.vararg ? [args.vararg as PyNode] : []),
    ...(args.kwonlyargs as PyNode[]),
    ...(args.kwarg ? [args.kwarg as PyNode] : []),
  ];
}

/**
 * Whether `node`, reached through `child` (a direct child of scope-opening
 * `owner`) and `grandchild`, is evaluated inside owner's scope. Parameters are
 * inside; their defaults and annotations, decorators and bases are outside; a
 * comprehension's first iterable is outside, its targets and tests inside.
 */
function evaluatesInside(owner: PyNode, child: PyNode, grandchild: PyNode | null, node: PyNode): boolean {
  switch (owner.type) {
    case "FunctionDef":
    case "AsyncFunctionDef":
    case "Lambda":
      if (child === owner.args) return grandchild?.type === "arg" && node === grandchild;
      return owner.type === "Lambda" ? child === owner.body : (owner.body as PyNode[]).includes(child);
    case "ClassDef":
      return (owner.body as PyNode[]).includes(child);
    case "ListComp":
    case "SetComp":
    case "DictComp":
    case "GeneratorExp": {
      const first = (owner.generators as PyNode[])[0];
      return !(first && child === first && grandchild === first.iter);
    }
    default:
      return true;
  }
}
