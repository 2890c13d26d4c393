// Making a standard-library module usable in a fix: reuse the file's own
// `import asyncio` (or `import asyncio as aio`) when it is in reach, else add
// one after the module's header — its docstring and top imports — the place
// `lockFix` also puts `import threading` and a new module lock.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { Binding } from "../analysis/scopes.js";
import type { Fixer } from "./createRule.js";
import { lineEnding } from "./indentation.js";

export type FixResult = ReturnType<Fixer["insertTextAfterRange"]>;

/** The last import (or docstring) at the top of the module: new declarations go after it. */
export function lastHeaderStatement(module: PyNode): PyNode | null {
  let anchor: PyNode | null = null;
  for (const [i, stmt] of (module.body as PyNode[]).entries()) {
    const isDocstring = i === 0 && stmt.type === "Expr" && (stmt.value as PyNode).type === "Constant";
    if (stmt.type === "Import" || stmt.type === "ImportFrom" || isDocstring) anchor = stmt;
    else break;
  }
  return anchor;
}

/**
 * Inserts whole lines of `code` after the module header (on a new line after
 * its last statement), or, when the module has no header, at its start
 * followed by `separator` (one line end unless told).
 */
export function insertAfterHeader(fixer: Fixer, model: SemanticModel, code: string, separator?: string): FixResult {
  const eol = lineEnding(model.sourceCode.text);
  const anchor = lastHeaderStatement(model.module);
  if (!anchor) return fixer.insertTextBeforeRange([0, 0], `${code}${separator ?? eol}`);
  return fixer.insertTextAfterRange(anchor.range, `${eol}${code}`);
}

export interface ModuleReference {
  /** How code at the site spells the module (`asyncio`, or the file's alias `aio`). */
  text: string;
  /** The edits that import it, when the file does not yet. */
  edits: (fixer: Fixer) => FixResult[];
}

/**
 * How code at `site` can name the module `name`: an import of it in reach
 * (under its own name or an alias), else `import <name>` added after the
 * header. Null when `name` means something else at `site` (an import would
 * not be seen there).
 */
export function moduleReference(model: SemanticModel, name: string, site: PyNode): ModuleReference | null {
  const scope = model.scopes.scopeOf(site);
  const binding = model.scopes.resolve(name, scope);
  if (binding) return isImportOf(model, binding, name) ? { text: name, edits: () => [] } : null;
  for (const [alias, candidate] of model.scopes.module.bindings) {
    if (isImportOf(model, candidate, name) && model.scopes.resolve(alias, scope) === candidate) {
      return { text: alias, edits: () => [] };
    }
  }
  const eol = lineEnding(model.sourceCode.text);
  return { text: name, edits: (fixer) => [insertAfterHeader(fixer, model, `import ${name}`, `${eol}${eol}`)] };
}

function isImportOf(model: SemanticModel, binding: Binding, name: string): boolean {
  return binding.sites.length === 1 && binding.sites[0]!.kind === "import" && model.imports.bindingName(binding) === name;
}
