// A compact, readable form of a Python AST for exact assertions:
// `x = a.b(1)` → `(Module (Assign (Name x Store) (Call (Attribute b (Name a)) 1)))`.
import type { PyNode } from "../../src/language/nodes.js";
import { visitorKeys } from "../../src/language/visitorKeys.js";

const LABELS = ["id", "attr", "name", "arg", "op", "asname", "module"];

export function sexp(node: PyNode | null): string {
  if (!node) return "_";
  if (node.type === "Constant") return constant(node.value);
  const parts: string[] = [node.type];
  for (const key of LABELS) {
    const value = node[key];
    if (typeof value === "string") parts.push(value);
  }
  if (node.ctx && node.ctx !== "Load") parts.push(node.ctx as string);
  if (Array.isArray(node.ops)) parts.push((node.ops as string[]).join(","));
  for (const key of visitorKeys[node.type] ?? []) {
    const value = node[key];
    if (Array.isArray(value)) parts.push(...value.map((v) => sexp(v as PyNode | null)));
    else if (value) parts.push(sexp(value as PyNode));
  }
  return `(${parts.join(" ")})`;
}

function constant(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (value && typeof value === "object") {
    if ("bytes" in value) return `b${JSON.stringify((value as { bytes: string }).bytes)}`;
    if ("imag" in value) return `${(value as { imag: number }).imag}j`;
    if ("ellipsis" in value) return "...";
  }
  return JSON.stringify(value);
}
