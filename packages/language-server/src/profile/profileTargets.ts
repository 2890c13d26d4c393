// Which functions in a file can be profiled, and under what name: the ones
// the profile harness can import and call with no arguments, named the way
// its target spec names them ("handle", "Cache.refresh", "Outer.Inner.run").
//
// The harness imports the file and looks the name up attribute by attribute,
// so only what exists after the import counts: module-level defs and the
// methods of module-level classes (and of classes nested in those), the last
// def of each name. It refuses async functions (a call only makes a
// coroutine) and generators (a call runs nothing), and calls a plain method
// on one fresh `Class()`; static and class methods need no instance.

import { isGeneratorFunction, type ClassDef, type FunctionDef, type Module, type Stmt } from "eslint-plugin-aether";
import { callableWithoutArguments, decoratorNames, lastPart } from "./callShapes.js";
import { constructibleWithoutArguments } from "./constructibleClasses.js";

export interface ProfileTarget {
  /** The qualified name the harness resolves in the module. */
  readonly name: string;
  /** The `def` line, 0-based. */
  readonly line: number;
}

/**
 * Decorators that make a def something other than a function to call: a
 * property is read, an overload is replaced, a context manager is entered,
 * a pytest fixture refuses direct calls. Other decorators are taken to keep
 * the call as it is (lru_cache, wraps-style wrappers); the harness checks.
 */
const NOT_CALLED_AS_WRITTEN = new Set([
  "property",
  "cached_property",
  "setter",
  "getter",
  "deleter",
  "overload",
  "abstractmethod",
  "contextmanager",
  "asynccontextmanager",
  "fixture",
]);

export function profileTargets(module: Module): ProfileTarget[] {
  const targets: ProfileTarget[] = [];
  for (const statement of finalDefinitions(module.body)) {
    if (statement.type === "FunctionDef") {
      const def = statement as unknown as FunctionDef;
      if (isProfilable(def, 0)) targets.push(targetOf(def, ""));
    } else if (statement.type === "ClassDef") {
      targets.push(...methodTargets(statement as unknown as ClassDef, ""));
    }
  }
  return targets;
}

function methodTargets(cls: ClassDef, outer: string): ProfileTarget[] {
  const prefix = `${outer}${cls.name}.`;
  const instances = constructibleWithoutArguments(cls);
  const targets: ProfileTarget[] = [];
  for (const statement of finalDefinitions(cls.body)) {
    if (statement.type === "ClassDef") {
      targets.push(...methodTargets(statement as unknown as ClassDef, prefix));
      continue;
    }
    if (statement.type !== "FunctionDef") continue;
    const method = statement as unknown as FunctionDef;
    // Dunders run through a protocol, not by name; `__name` is mangled to `_Class__name`.
    if (method.name.startsWith("__")) continue;
    const decorators = decoratorNames(method).map(lastPart);
    const profilable = decorators.includes("staticmethod")
      ? isProfilable(method, 0)
      : decorators.includes("classmethod")
        ? isProfilable(method, 1)
        : instances && isProfilable(method, 1);
    if (profilable) targets.push(targetOf(method, prefix));
  }
  return targets;
}

/** `bound`: the parameters Python fills in (self or cls). */
function isProfilable(def: FunctionDef, bound: number): boolean {
  if (def.name.startsWith("__") && def.name.endsWith("__")) return false;
  if (decoratorNames(def).some((name) => NOT_CALLED_AS_WRITTEN.has(lastPart(name)))) return false;
  return callableWithoutArguments(def.args, bound) && !isGeneratorFunction(def);
}

function targetOf(def: FunctionDef, prefix: string): ProfileTarget {
  return { name: `${prefix}${def.name}`, line: def.loc.start.line - 1 };
}

/** The defs and classes a body ends up binding: of two with the same name, the later one. */
function finalDefinitions(body: readonly Stmt[]): Stmt[] {
  const last = new Map<string, Stmt>();
  for (const statement of body) {
    if (statement.type === "FunctionDef" || statement.type === "AsyncFunctionDef" || statement.type === "ClassDef") {
      last.set(statement["name"] as string, statement);
    }
  }
  return body.filter((statement) => last.get(statement["name"] as string) === statement);
}
