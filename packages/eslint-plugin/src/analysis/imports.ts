// Qualified names: what a name or attribute chain refers to, through imports
// and simple aliases. `import threading as t; t.Lock` and
// `from threading import Lock as L; L` both resolve to `threading.Lock`.
import type { PyNode } from "../language/nodes.js";
import type { Binding, Scope, ScopeTree } from "./scopes.js";

/** Builtins that rules ask about by qualified name (`builtins.open`). */
const BUILTINS = new Set([
  "open", "print", "iter", "next", "setattr", "getattr", "hasattr", "delattr", "super", "type", "id",
  "len", "list", "dict", "set", "tuple", "frozenset", "object", "isinstance", "callable", "vars", "globals",
]);

/** How many alias hops to follow (`a = b; b = c; …`) before giving up. */
const MAX_ALIAS_DEPTH = 8;

export class ImportTable {
  /** `qualifiedName(expr)` per expression (every rule asks about the same calls). */
  readonly #names = new Map<PyNode, string | null>();
  /** `bindingName(binding)` per binding. */
  readonly #bindingNames = new Map<Binding, string | null>();
  #roots: Set<string> | undefined;

  constructor(private readonly scopes: ScopeTree) {}

  /** The dotted name an import alias binds, e.g. `threading.Lock` for `from threading import Lock`. */
  importedName(alias: PyNode): string {
    const statement = alias.parent!;
    const name = alias.name as string;
    if (statement.type === "Import") {
      // `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`.
      return alias.asname ? name : name.split(".")[0]!;
    }
    const level = ".".repeat((statement.level as number) ?? 0);
    const module = (statement.module as string | null) ?? "";
    return `${level}${module}${module ? "." : ""}${name}`;
  }

  /**
   * The qualified name of an expression (a Name or an Attribute chain), or
   * null when it is not a chain of names or does not come from an import,
   * a builtin, or a module-level definition.
   */
  qualifiedName(expr: PyNode, scope?: Scope, depth = 0): string | null {
    // Memoised for the common question, about an expression where it stands.
    if (scope === undefined && depth === 0) {
      let name = this.#names.get(expr);
      if (name === undefined) this.#names.set(expr, (name = this.#qualifiedName(expr, this.scopes.scopeOf(expr), 0)));
      return name;
    }
    return this.#qualifiedName(expr, scope ?? this.scopes.scopeOf(expr), depth);
  }

  #qualifiedName(expr: PyNode, scope: Scope, depth: number): string | null {
    if (depth > MAX_ALIAS_DEPTH) return null;
    if (expr.type === "Attribute") {
      const base = this.#qualifiedName(expr.value as PyNode, scope, depth);
      return base === null ? null : `${base}.${expr.attr as string}`;
    }
    if (expr.type !== "Name") return null;
    const name = expr.id as string;
    const binding = this.scopes.resolve(name, scope);
    if (!binding) return BUILTINS.has(name) ? `builtins.${name}` : null;
    return this.bindingName(binding, depth);
  }

  /** What a binding stands for, if it is an import or an alias of one. */
  bindingName(binding: Binding, depth = 0): string | null {
    if (depth !== 0) return this.#bindingName(binding, depth);
    let name = this.#bindingNames.get(binding);
    if (name === undefined) this.#bindingNames.set(binding, (name = this.#bindingName(binding, 0)));
    return name;
  }

  #bindingName(binding: Binding, depth: number): string | null {
    // A name rebound several ways has no single meaning.
    if (binding.sites.length !== 1) return null;
    const site = binding.sites[0]!;
    switch (site.kind) {
      case "import":
        return this.importedName(site.node);
      case "assignment":
        if (site.value && (site.value.type === "Name" || site.value.type === "Attribute")) {
          return this.#qualifiedName(site.value, this.scopes.scopeOf(site.value), depth + 1);
        }
        return null;
      case "function":
      case "class":
        return binding.scope.kind === "module" ? binding.name : null;
      default:
        return null;
    }
  }

  /**
   * Whether `qualifiedName` can return one of `names` anywhere in this file.
   * Every qualified name starts with a root — `builtins`, what an import
   * binds (`threading`, `weakref.WeakSet`, `.sibling.x`) or a module-level
   * def or class — followed by attributes; so a name is possible only if
   * one of its dotted prefixes is a root. A rule that reacts to nothing
   * else (no `import signal`, no `signal.signal`) can skip the file.
   */
  mayResolveTo(names: Iterable<string>): boolean {
    const roots = (this.#roots ??= this.#collectRoots());
    for (const name of names) {
      for (let end = name.indexOf("."); ; end = name.indexOf(".", end + 1)) {
        if (roots.has(end === -1 ? name : name.slice(0, end))) return true;
        if (end === -1) break;
      }
    }
    return false;
  }

  #collectRoots(): Set<string> {
    const roots = new Set(["builtins"]);
    const visit = (scope: Scope): void => {
      for (const binding of scope.bindings.values()) {
        for (const site of binding.sites) {
          if (site.kind === "import") roots.add(this.importedName(site.node));
          else if ((site.kind === "function" || site.kind === "class") && scope.kind === "module") roots.add(binding.name);
        }
      }
      for (const child of scope.children) visit(child);
    };
    visit(this.scopes.module);
    return roots;
  }
}
