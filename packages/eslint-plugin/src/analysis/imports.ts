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
  qualifiedName(expr: PyNode, scope: Scope = this.scopes.scopeOf(expr), depth = 0): string | null {
    if (depth > MAX_ALIAS_DEPTH) return null;
    if (expr.type === "Attribute") {
      const base = this.qualifiedName(expr.value as PyNode, scope, depth);
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
    // A name rebound several ways has no single meaning.
    if (binding.sites.length !== 1) return null;
    const site = binding.sites[0]!;
    switch (site.kind) {
      case "import":
        return this.importedName(site.node);
      case "assignment":
        if (site.value && (site.value.type === "Name" || site.value.type === "Attribute")) {
          return this.qualifiedName(site.value, this.scopes.scopeOf(site.value), depth + 1);
        }
        return null;
      case "function":
      case "class":
        return binding.scope.kind === "module" ? binding.name : null;
      default:
        return null;
    }
  }
}
