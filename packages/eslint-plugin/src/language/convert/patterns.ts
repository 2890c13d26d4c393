// `match` statements: case clauses and their patterns → `ast.match_case`
// and `ast.pattern` nodes (PEP 634).
import type { Cst } from "../cst.js";
import type { PyNode } from "../nodes.js";
import type { AstBuilder} from "./builder.js";
import { PySyntaxError, field, firstNamed, hasToken, named, required } from "./builder.js";
import { expr, identifier } from "./expressions.js";
import { statements } from "./statements.js";

export function convertMatchCase(b: AstBuilder, cst: Cst): PyNode {
  const patternCsts = cst.children.filter((c) => c.type === "case_pattern");
  let pattern: PyNode;
  if (patternCsts.length === 1 && !hasToken(cst, ",")) {
    pattern = convertPattern(b, patternCsts[0]!);
  } else {
    // `case a, b:` is an open sequence pattern.
    const patterns = patternCsts.map((p) => convertPattern(b, p));
    const first = required(patternCsts[0], cst, "a pattern");
    pattern = b.node("MatchSequence", first.start, patternCsts[patternCsts.length - 1]!.end, { patterns });
  }
  const guardCst = field(cst, "guard");
  const body = statements(b, required(field(cst, "consequence"), cst, "a case body"));
  if (body.length === 0) throw new PySyntaxError("expected an indented block", cst.end);
  return b.node("match_case", cst.start, body[body.length - 1]!.range[1], {
    pattern,
    guard: guardCst ? expr(b, required(firstNamed(guardCst), guardCst, "a guard")) : null,
    body,
  });
}

function convertPattern(b: AstBuilder, cst: Cst): PyNode {
  switch (cst.type) {
    case "case_pattern": {
      const inner = cst.children.find((c) => c.named) ?? cst.children[0];
      if (!inner) throw new PySyntaxError("invalid pattern", cst.start);
      if (cst.children[0]?.type === "-") {
        // `case -1:` arrives as a sign token beside the number.
        const operand = expr(b, inner);
        return b.from("MatchValue", cst, { value: b.from("UnaryOp", cst, { op: "USub", operand }) });
      }
      return convertPattern(b, inner);
    }
    case "_":
      return b.from("MatchAs", cst, { pattern: null, name: null });
    case "identifier":
      return capture(b, cst);
    case "dotted_name": {
      const parts = named(cst);
      if (parts.length === 1) return capture(b, parts[0]!);
      return b.from("MatchValue", cst, { value: dottedValue(b, parts) });
    }
    case "integer":
    case "float":
    case "string":
    case "concatenated_string":
      return b.from("MatchValue", cst, { value: expr(b, cst) });
    case "complex_pattern":
      return b.from("MatchValue", cst, { value: complexValue(b, cst) });
    case "none":
      return b.from("MatchSingleton", cst, { value: null });
    case "true":
      return b.from("MatchSingleton", cst, { value: true });
    case "false":
      return b.from("MatchSingleton", cst, { value: false });
    case "list_pattern":
    case "tuple_pattern": {
      const items = named(cst);
      if (cst.type === "tuple_pattern" && items.length === 1 && !hasToken(cst, ",")) {
        return convertPattern(b, items[0]!); // a parenthesised group, not a sequence
      }
      return b.from("MatchSequence", cst, { patterns: items.map((p) => convertPattern(b, p)) });
    }
    case "splat_pattern": {
      const name = firstNamed(cst);
      const id = name ? identifier(b, name) : "_";
      return b.from("MatchStar", cst, { name: id === "_" ? null : id });
    }
    case "dict_pattern":
      return mapping(b, cst);
    case "class_pattern":
      return classPattern(b, cst);
    case "as_pattern": {
      const inner = required(firstNamed(cst), cst, "a pattern");
      const name = cst.children.filter((c) => c.type === "identifier").pop();
      if (!name) throw new PySyntaxError("invalid pattern target", cst.end);
      return b.from("MatchAs", cst, { pattern: convertPattern(b, inner), name: identifier(b, name) });
    }
    case "union_pattern":
      return b.from("MatchOr", cst, { patterns: orAlternatives(b, cst) });
    default:
      throw new PySyntaxError("invalid pattern", cst.start);
  }
}

function capture(b: AstBuilder, cst: Cst): PyNode {
  const id = identifier(b, cst);
  return b.from("MatchAs", cst, { pattern: null, name: id === "_" ? null : id });
}

/** `-1 | a.B | None`: alternatives, with a leading `-` token applying to the number after it. */
function orAlternatives(b: AstBuilder, cst: Cst): PyNode[] {
  const patterns: PyNode[] = [];
  let minus: Cst | null = null;
  for (const child of cst.children) {
    if (child.type === "-") minus = child;
    else if (child.named || child.type === "_") {
      if (minus) {
        const operand = b.node("UnaryOp", minus.start, child.end, { op: "USub", operand: expr(b, child) });
        patterns.push(b.node("MatchValue", minus.start, child.end, { value: operand }));
        minus = null;
      } else patterns.push(convertPattern(b, child));
    }
  }
  return patterns;
}

function dottedValue(b: AstBuilder, parts: Cst[]): PyNode {
  let value = expr(b, parts[0]!);
  for (const part of parts.slice(1)) {
    value = b.node("Attribute", parts[0]!.start, part.end, { value, attr: identifier(b, part), ctx: "Load" });
  }
  return value;
}

/** `-1`, `1+2j`, `-1-2j`: numeric literals with signs, as UnaryOp/BinOp like CPython. */
function complexValue(b: AstBuilder, cst: Cst): PyNode {
  let value: PyNode | null = null;
  let sign: Cst | null = null;
  let op: string | null = null;
  for (const child of cst.children) {
    if (!child.named) {
      if (value === null) sign = child;
      else op = child.type === "+" ? "Add" : "Sub";
      continue;
    }
    let operand = expr(b, child);
    if (value === null && sign) {
      operand = b.node("UnaryOp", sign.start, child.end, { op: "USub", operand });
    }
    value = value === null ? operand : b.node("BinOp", cst.start, child.end, { left: value, op: op ?? "Add", right: operand });
  }
  if (!value) throw new PySyntaxError("invalid pattern", cst.start);
  return value;
}

function mapping(b: AstBuilder, cst: Cst): PyNode {
  const keys: PyNode[] = [];
  const patterns: PyNode[] = [];
  let rest: string | null = null;
  for (const child of cst.children) {
    if (child.field === "key") {
      keys.push(child.type === "dotted_name" ? dottedValue(b, named(child)) : child.type === "complex_pattern" ? complexValue(b, child) : expr(b, child));
    } else if (child.field === "value") {
      patterns.push(convertPattern(b, child));
    } else if (child.type === "splat_pattern") {
      const name = firstNamed(child);
      rest = name ? identifier(b, name) : null;
    }
  }
  return b.from("MatchMapping", cst, { keys, patterns, rest });
}

function classPattern(b: AstBuilder, cst: Cst): PyNode {
  const clsCst = required(cst.children.find((c) => c.type === "dotted_name"), cst, "a class name");
  const parts = named(clsCst);
  const cls = parts.length === 1 ? expr(b, parts[0]!) : dottedValue(b, parts);
  const patterns: PyNode[] = [];
  const kwdAttrs: string[] = [];
  const kwdPatterns: PyNode[] = [];
  for (const child of cst.children) {
    if (child.type !== "case_pattern") continue;
    const inner = child.children.find((c) => c.named) ?? child.children[0];
    if (inner?.type === "keyword_pattern") {
      const [name, ...rest] = inner.children.filter((c) => c.named || c.type === "_");
      const value = rest[rest.length - 1];
      if (!name || !value) throw new PySyntaxError("invalid keyword pattern", inner.start);
      kwdAttrs.push(identifier(b, name));
      kwdPatterns.push(convertPattern(b, value));
    } else {
      patterns.push(convertPattern(b, child));
    }
  }
  return b.from("MatchClass", cst, { cls, patterns, kwd_attrs: kwdAttrs, kwd_patterns: kwdPatterns });
}
