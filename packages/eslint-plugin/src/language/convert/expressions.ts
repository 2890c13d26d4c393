// Expressions: tree-sitter expression nodes → CPython `ast.expr` nodes.
import type { Cst } from "../cst.js";
import type { ExprContext, PyNode } from "../nodes.js";
import { convertArguments, convertCallArguments } from "./arguments.js";
import type { AstBuilder} from "./builder.js";
import { PySyntaxError, field, fields, firstNamed, hasToken, named, required } from "./builder.js";
import { parseNumber } from "./numbers.js";
import { binaryChain } from "./binaryOperators.js";
import { comparisonOperators, unaryOperators } from "./operators.js";
import { convertStrings } from "./strings.js";

export function expr(b: AstBuilder, cst: Cst): PyNode {
  if (cst.type === "call" || cst.type === "attribute" || cst.type === "subscript") {
    const hoisted = hoistLeadingSplat(cst);
    if (hoisted) return b.from("Starred", cst, { value: expr(b, hoisted), ctx: "Load" });
  }
  switch (cst.type) {
    case "identifier":
      return b.from("Name", cst, { id: identifier(b, cst), ctx: "Load" });
    case "integer":
    case "float": {
      const value = parseNumber(b.textOf(cst));
      if (value === undefined) throw new PySyntaxError("invalid number literal", cst.start);
      return b.from("Constant", cst, { value, kind: null });
    }
    case "true":
      return b.from("Constant", cst, { value: true, kind: null });
    case "false":
      return b.from("Constant", cst, { value: false, kind: null });
    case "none":
      return b.from("Constant", cst, { value: null, kind: null });
    case "ellipsis":
      return b.from("Constant", cst, { value: { ellipsis: true }, kind: null });
    case "string":
      return convertStrings(b, cst, [cst]);
    case "concatenated_string":
      return convertStrings(b, cst, named(cst));
    case "attribute":
      return b.from("Attribute", cst, {
        value: expr(b, required(field(cst, "object"), cst, "an object")),
        attr: identifier(b, required(field(cst, "attribute"), cst, "an attribute name")),
        ctx: "Load",
      });
    case "subscript":
      return subscript(b, cst);
    case "slice":
      return slice(b, cst);
    case "call":
      return call(b, cst);
    case "binary_operator":
      return binaryChain(b, cst);
    case "unary_operator":
      return b.from("UnaryOp", cst, {
        op: operator(b, cst, unaryOperators),
        operand: expr(b, required(field(cst, "argument"), cst, "an operand")),
      });
    case "not_operator":
      return b.from("UnaryOp", cst, { op: "Not", operand: expr(b, required(field(cst, "argument"), cst, "an operand")) });
    case "boolean_operator":
      return booleanOperator(b, cst);
    case "comparison_operator":
      return comparison(b, cst);
    case "conditional_expression": {
      const [body, test, orelse] = named(cst);
      if (!body || !test || !orelse) throw new PySyntaxError("invalid syntax: incomplete conditional expression", cst.end);
      return b.from("IfExp", cst, { test: expr(b, test), body: expr(b, body), orelse: expr(b, orelse) });
    }
    case "named_expression":
      return b.from("NamedExpr", cst, {
        target: b.from("Name", required(field(cst, "name"), cst, "a name"), {
          id: identifier(b, field(cst, "name")!),
          ctx: "Store",
        }),
        value: expr(b, required(field(cst, "value"), cst, "a value")),
      });
    case "lambda": {
      const params = field(cst, "parameters");
      return b.from("Lambda", cst, {
        args: convertArguments(b, params, cst),
        body: expr(b, required(field(cst, "body"), cst, "a lambda body")),
      });
    }
    case "await":
      return b.from("Await", cst, { value: expr(b, required(firstNamed(cst), cst, "an expression")) });
    case "yield":
      return yieldExpr(b, cst);
    case "list":
      return b.from("List", cst, { elts: elements(b, cst), ctx: "Load" });
    case "tuple":
      return b.from("Tuple", cst, { elts: elements(b, cst), ctx: "Load" });
    case "set":
      return b.from("Set", cst, { elts: elements(b, cst) });
    case "dictionary":
      return dictionary(b, cst);
    case "list_comprehension":
      return comprehension(b, cst, "ListComp");
    case "set_comprehension":
      return comprehension(b, cst, "SetComp");
    case "generator_expression":
      return comprehension(b, cst, "GeneratorExp");
    case "dictionary_comprehension":
      return comprehension(b, cst, "DictComp");
    case "parenthesized_expression":
      return expr(b, required(firstNamed(cst), cst, "an expression"));
    case "expression_list":
    case "pattern_list":
      return b.from("Tuple", cst, { elts: elements(b, cst), ctx: "Load" });
    case "tuple_pattern": {
      const items = named(cst);
      // `for (x) in y`: parentheses around one target make no tuple.
      if (items.length === 1 && !hasToken(cst, ",")) return expr(b, items[0]!);
      return b.from("Tuple", cst, { elts: elements(b, cst), ctx: "Load" });
    }
    case "list_pattern":
      return b.from("List", cst, { elts: elements(b, cst), ctx: "Load" });
    case "list_splat":
    case "list_splat_pattern":
    case "parenthesized_list_splat":
      return starred(b, cst);
    case "type":
      return typeExpression(b, cst);
    case "keyword_identifier":
      return b.from("Name", cst, { id: identifier(b, cst), ctx: "Load" });
    default:
      throw new PySyntaxError(cst.type === "ERROR" ? "invalid syntax" : `invalid syntax near ${cst.type}`, cst.start);
  }
}

export function optionalExpr(b: AstBuilder, cst: Cst | undefined): PyNode | null {
  return cst ? expr(b, cst) : null;
}

const chainField: Readonly<Record<string, string>> = { call: "function", attribute: "object", subscript: "value" };

/**
 * tree-sitter reads `*a.b()` as `(*a).b()`: the star binds to the first name of
 * a call/attribute/subscript chain. Python means `*(a.b())`. Returns the chain
 * with the star removed (the caller wraps it in a Starred), or undefined.
 */
function hoistLeadingSplat(cst: Cst): Cst | undefined {
  const key = chainField[cst.type];
  const head = key ? field(cst, key) : undefined;
  if (!key || !head) return undefined;
  let replacement: Cst | undefined;
  if (head.type === "list_splat") {
    const inner = firstNamed(head);
    replacement = inner && { ...inner, field: key };
  } else {
    const deeper = hoistLeadingSplat(head);
    replacement = deeper && { ...deeper, field: key };
  }
  if (!replacement) return undefined;
  return {
    ...cst,
    start: replacement.start,
    children: cst.children.map((child) => (child === head ? replacement! : child)),
  };
}

/** Identifiers are NFKC-normalised by CPython's tokenizer (PEP 3131). */
export function identifier(b: AstBuilder, cst: Cst): string {
  const text = b.textOf(cst);
  return isAscii(text) ? text : text.normalize("NFKC");
}

/** An expression in a target position: CPython's `set_context`. */
export function target(b: AstBuilder, cst: Cst, ctx: ExprContext): PyNode {
  const node = expr(b, cst);
  setContext(node, ctx, cst);
  return node;
}

export function setContext(node: PyNode, ctx: ExprContext, cst: Cst): void {
  switch (node.type) {
    case "Name":
    case "Attribute":
    case "Subscript":
      node.ctx = ctx;
      return;
    case "Starred":
      node.ctx = ctx;
      setContext(node.value as PyNode, ctx, cst);
      return;
    case "List":
    case "Tuple":
      node.ctx = ctx;
      for (const elt of node.elts as PyNode[]) setContext(elt, ctx, cst);
      return;
    default:
      throw new PySyntaxError(
        `cannot ${ctx === "Del" ? "delete" : "assign to"} ${describe(node)}`,
        node.range[0],
      );
  }
}

function describe(node: PyNode): string {
  switch (node.type) {
    case "Call": return "function call";
    case "Constant": return "literal";
    case "Compare": return "comparison";
    case "BinOp": case "UnaryOp": case "BoolOp": return "expression";
    case "Lambda": return "lambda";
    case "NamedExpr": return "named expression";
    default: return "expression";
  }
}

function operator(b: AstBuilder, cst: Cst, table: Readonly<Record<string, string>>): string {
  const token = field(cst, "operator");
  const op = token && table[b.textOf(token)];
  if (!op) throw new PySyntaxError("invalid syntax: unknown operator", token?.start ?? cst.start);
  return op;
}

function booleanOperator(b: AstBuilder, cst: Cst): PyNode {
  const op = b.textOf(required(field(cst, "operator"), cst, "and/or")) === "and" ? "And" : "Or";
  // `a and b and c` is one BoolOp in CPython; tree-sitter nests it to the left.
  // A parenthesised left operand stays a separate node, as in CPython.
  const values: PyNode[] = [];
  let left = required(field(cst, "left"), cst, "an operand");
  const rights: Cst[] = [required(field(cst, "right"), cst, "an operand")];
  while (left.type === "boolean_operator" && b.textOf(field(left, "operator")!) === b.textOf(field(cst, "operator")!)) {
    rights.push(required(field(left, "right"), left, "an operand"));
    left = required(field(left, "left"), left, "an operand");
  }
  values.push(expr(b, left));
  for (let i = rights.length - 1; i >= 0; i--) values.push(expr(b, rights[i]!));
  return b.from("BoolOp", cst, { op, values });
}

function comparison(b: AstBuilder, cst: Cst): PyNode {
  const operands: PyNode[] = [];
  const ops: string[] = [];
  for (const child of cst.children) {
    if (child.field === "operators") {
      const text = b.textOf(child).replace(/\s+/g, " ");
      const op = comparisonOperators[text];
      if (!op) throw new PySyntaxError("invalid syntax", child.start);
      ops.push(op);
    } else if (child.named) {
      operands.push(expr(b, child));
    }
  }
  const [left, ...comparators] = operands;
  if (!left || comparators.length !== ops.length) throw new PySyntaxError("invalid syntax", cst.start);
  return b.from("Compare", cst, { left, ops, comparators });
}

function subscript(b: AstBuilder, cst: Cst): PyNode {
  const value = expr(b, required(field(cst, "value"), cst, "a value"));
  const parts = fields(cst, "subscript");
  const bracket = cst.children.findIndex((c) => !c.named && c.type === "[");
  const commas = cst.children.slice(bracket).some((c) => !c.named && c.type === ",");
  const elts = parts.map((p) => expr(b, p));
  let index: PyNode;
  // `a[*b]` is `a[(*b,)]` in CPython: a lone starred index still makes a tuple.
  if (elts.length === 1 && !commas && elts[0]!.type !== "Starred") {
    index = elts[0]!;
  } else {
    const first = parts[0] ?? cst;
    const last = parts[parts.length - 1] ?? cst;
    index = b.node("Tuple", first.start, last.end, { elts, ctx: "Load" });
  }
  return b.from("Subscript", cst, { value, slice: index, ctx: "Load" });
}

function slice(b: AstBuilder, cst: Cst): PyNode {
  const parts: (Cst | undefined)[] = [undefined, undefined, undefined];
  let position = 0;
  for (const child of cst.children) {
    if (!child.named && child.type === ":") position++;
    else if (child.named) parts[position] = child;
  }
  return b.from("Slice", cst, {
    lower: optionalExpr(b, parts[0]),
    upper: optionalExpr(b, parts[1]),
    step: optionalExpr(b, parts[2]),
  });
}

function call(b: AstBuilder, cst: Cst): PyNode {
  const funcCst = required(field(cst, "function"), cst, "a function");
  const func = expr(b, funcCst);
  const argsCst = required(field(cst, "arguments"), cst, "arguments");
  if (argsCst.type === "generator_expression") {
    return b.from("Call", cst, { func, args: [comprehension(b, argsCst, "GeneratorExp")], keywords: [] });
  }
  const { args, keywords } = convertCallArguments(b, argsCst);
  return b.from("Call", cst, { func, args, keywords });
}

function yieldExpr(b: AstBuilder, cst: Cst): PyNode {
  const value = firstNamed(cst);
  if (hasToken(cst, "from")) {
    return b.from("YieldFrom", cst, { value: expr(b, required(value, cst, "an expression")) });
  }
  return b.from("Yield", cst, { value: optionalExpr(b, value) });
}

function starred(b: AstBuilder, cst: Cst): PyNode {
  if (cst.type === "parenthesized_list_splat") {
    // `(*a)` is not valid Python on its own; tree-sitter accepts it inside calls.
    throw new PySyntaxError("cannot use starred expression here", cst.start);
  }
  return b.from("Starred", cst, { value: expr(b, required(firstNamed(cst), cst, "an expression")), ctx: "Load" });
}

function elements(b: AstBuilder, cst: Cst): PyNode[] {
  const elts: PyNode[] = [];
  for (const child of cst.children) if (child.named) elts.push(expr(b, child));
  return elts;
}

function dictionary(b: AstBuilder, cst: Cst): PyNode {
  const keys: (PyNode | null)[] = [];
  const values: PyNode[] = [];
  for (const child of cst.children) {
    if (!child.named) continue;
    if (child.type === "pair") {
      keys.push(expr(b, required(field(child, "key"), child, "a key")));
      values.push(expr(b, required(field(child, "value"), child, "a value")));
    } else if (child.type === "dictionary_splat") {
      keys.push(null);
      values.push(expr(b, required(firstNamed(child), child, "an expression")));
    } else {
      throw new PySyntaxError("invalid syntax: expected 'key: value'", child.start);
    }
  }
  return b.from("Dict", cst, { keys, values });
}

function comprehension(b: AstBuilder, cst: Cst, type: string): PyNode {
  const body = required(field(cst, "body"), cst, "an expression");
  const generators: PyNode[] = [];
  for (const child of cst.children) {
    if (child.type === "for_in_clause") {
      const right = fields(child, "right").filter((c) => c.named);
      const iterCst = right[0];
      if (!iterCst || right.length > 1) throw new PySyntaxError("invalid syntax in comprehension", child.start);
      generators.push(
        b.from("comprehension", child, {
          target: target(b, required(field(child, "left"), child, "a target"), "Store"),
          iter: expr(b, iterCst),
          ifs: [],
          is_async: hasToken(child, "async") ? 1 : 0,
        }),
      );
    } else if (child.type === "if_clause") {
      const owner = generators[generators.length - 1];
      if (!owner) throw new PySyntaxError("invalid syntax in comprehension", child.start);
      const test = expr(b, required(firstNamed(child), child, "a condition"));
      test.parent = owner;
      (owner.ifs as PyNode[]).push(test);
      owner.range[1] = child.end;
      owner.loc.end = b.position(child.end);
    }
  }
  if (type === "DictComp") {
    return b.from(type, cst, {
      key: expr(b, required(field(body, "key"), body, "a key")),
      value: expr(b, required(field(body, "value"), body, "a value")),
      generators,
    });
  }
  return b.from(type, cst, { elt: expr(b, body), generators });
}

/** Annotations arrive wrapped in tree-sitter `type` nodes; generic forms are subscripts in Python. */
function typeExpression(b: AstBuilder, cst: Cst): PyNode {
  const inner = required(firstNamed(cst), cst, "a type");
  switch (inner.type) {
    case "generic_type": {
      const [base, params] = named(inner);
      if (!base || !params) throw new PySyntaxError("invalid syntax in type", inner.start);
      const items = named(params).map((p) => expr(b, p));
      const index =
        items.length === 1 && !hasToken(params, ",") && items[0]!.type !== "Starred"
          ? items[0]!
          : b.node("Tuple", named(params)[0]?.start ?? params.start, params.end - 1, { elts: items, ctx: "Load" });
      return b.from("Subscript", inner, { value: expr(b, base), slice: index, ctx: "Load" });
    }
    case "union_type": {
      const [left, right] = named(inner);
      if (!left || !right) throw new PySyntaxError("invalid syntax in type", inner.start);
      return b.from("BinOp", inner, { left: expr(b, left), op: "BitOr", right: expr(b, right) });
    }
    case "member_type": {
      const [object, attribute] = named(inner);
      if (!object || !attribute) throw new PySyntaxError("invalid syntax in type", inner.start);
      return b.from("Attribute", inner, { value: expr(b, object), attr: identifier(b, attribute), ctx: "Load" });
    }
    case "splat_type":
      return b.from("Starred", inner, { value: expr(b, required(firstNamed(inner), inner, "a name")), ctx: "Load" });
    case "constrained_type":
      throw new PySyntaxError("invalid syntax: a bound is only allowed on a type parameter", inner.start);
    default:
      return expr(b, inner);
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
