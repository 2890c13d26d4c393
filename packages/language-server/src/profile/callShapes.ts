// What a `def` looks like from the caller's side, read off the Python AST:
// whether it can be called with no arguments, and what its decorators are
// called. (Whether calling it runs its body at all is the plugin's
// isGeneratorFunction.)
// The profile harness makes the same checks with `inspect` at run time; these
// are the ones that can be made before anything runs, to decide where a
// "Profile this function" lens makes sense.

import type { Arguments, PyNode } from "eslint-plugin-aether";

/**
 * Whether `f()` (or `obj.f()`, with `bound` leading parameters filled in by
 * Python, as self or cls) supplies every required parameter.
 */
export function callableWithoutArguments(args: Arguments, bound: number): boolean {
  const positional = args.posonlyargs.length + args.args.length;
  // Python binds self to *args when there is no named parameter for it.
  if (positional < bound && args.vararg === null) return false;
  const required = positional - args.defaults.length;
  return required <= bound && args.kw_defaults.every((value) => value !== null);
}

/** The dotted name each decorator is written as (`@functools.lru_cache(64)` → "functools.lru_cache"); "" if it has none. */
export function decoratorNames(node: { readonly decorator_list: readonly PyNode[] }): string[] {
  return node.decorator_list.map((decorator) => dottedName(decorator.type === "Call" ? (decorator["func"] as PyNode) : decorator));
}

/** The last part of a dotted name: "functools.cached_property" → "cached_property". */
export function lastPart(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

/** `threading.Lock` → "threading.Lock"; "" for anything but names and attributes. */
export function dottedName(node: PyNode): string {
  if (node.type === "Name") return node["id"] as string;
  if (node.type === "Attribute") {
    const owner = dottedName(node["value"] as PyNode);
    return owner === "" ? "" : `${owner}.${node["attr"] as string}`;
  }
  return "";
}
