// Statements: tree-sitter statement nodes → CPython `ast.stmt` nodes.
import type { Cst } from "../cst.js";
import type { PyNode } from "../nodes.js";
import { convertArguments, convertCallArguments } from "./arguments.js";
import type { AstBuilder} from "./builder.js";
import { PySyntaxError, field, fields, firstNamed, hasToken, named, required } from "./builder.js";
import { expr, identifier, optionalExpr, target } from "./expressions.js";
import { augmentedOperator } from "./operators.js";
import { convertMatchCase } from "./patterns.js";
import { isGenuineTypeAlias, reparseAsName } from "./softKeywords.js";
import { convertTypeParams } from "./typeParams.js";

/** The statements of a `module` or `block`. */
export function statements(b: AstBuilder, container: Cst | undefined): PyNode[] {
  const body: PyNode[] = [];
  if (!container) return body;
  for (const child of container.children) {
    if (!child.named) continue;
    if (child.field === "alternative") continue; // case clauses, handled by `match`
    body.push(statement(b, child));
  }
  return body;
}

/** A compound statement ends where its last nested statement ends (not at trailing comments). */
function endOf(body: PyNode[], fallback: number): number {
  const last = body[body.length - 1];
  return last ? last.range[1] : fallback;
}

function block(b: AstBuilder, cst: Cst, name: string, what: string): PyNode[] {
  const body = statements(b, required(field(cst, name), cst, what));
  if (body.length === 0) throw new PySyntaxError(`expected an indented block`, cst.end);
  return body;
}

export function statement(b: AstBuilder, cst: Cst): PyNode {
  switch (cst.type) {
    case "expression_statement":
      return expressionStatement(b, cst);
    case "return_statement":
      return b.from("Return", cst, { value: valueOrTuple(b, firstNamed(cst)) });
    case "pass_statement":
      return b.from("Pass", cst, {});
    case "break_statement":
      return b.from("Break", cst, {});
    case "continue_statement":
      return b.from("Continue", cst, {});
    case "delete_statement":
      return deleteStatement(b, cst);
    case "raise_statement":
      return raiseStatement(b, cst);
    case "global_statement":
    case "nonlocal_statement":
      return b.from(cst.type === "global_statement" ? "Global" : "Nonlocal", cst, {
        names: named(cst).map((n) => identifier(b, n)),
      });
    case "assert_statement": {
      const [test, msg] = named(cst);
      return b.from("Assert", cst, { test: expr(b, required(test, cst, "a condition")), msg: optionalExpr(b, msg) });
    }
    case "import_statement":
      return b.from("Import", cst, { names: fields(cst, "name").map((n) => alias(b, n)) });
    case "import_from_statement":
    case "future_import_statement":
      return importFrom(b, cst);
    case "type_alias_statement":
      return isGenuineTypeAlias(b, cst) ? typeAlias(b, cst) : statement(b, reparseAsName(b, cst));
    case "if_statement":
      return ifStatement(b, cst);
    case "for_statement":
      return forStatement(b, cst);
    case "while_statement": {
      const body = block(b, cst, "body", "a loop body");
      const orelse = elseBody(b, field(cst, "alternative"));
      return b.node("While", cst.start, endOf(orelse, endOf(body, cst.end)), {
        test: expr(b, required(field(cst, "condition"), cst, "a condition")),
        body,
        orelse,
      });
    }
    case "try_statement":
      return tryStatement(b, cst);
    case "with_statement":
      return withStatement(b, cst);
    case "function_definition":
      return functionDef(b, cst, []);
    case "class_definition":
      return classDef(b, cst, []);
    case "decorated_definition":
      return decorated(b, cst);
    case "match_statement":
      return matchStatement(b, cst);
    case "print_statement":
      return printChevron(b, cst);
    case "exec_statement":
      throw new PySyntaxError("Missing parentheses in call to 'exec'", cst.start);
    default:
      throw new PySyntaxError("invalid syntax", cst.start);
  }
}

function expressionStatement(b: AstBuilder, cst: Cst): PyNode {
  const children = named(cst);
  const first = required(children[0], cst, "an expression");
  if (children.length > 1 || hasToken(cst, ",")) {
    // `a, b` as a bare statement: tree-sitter lists the items, CPython makes a Tuple.
    const elts = children.map((c) => expr(b, c));
    const tuple = b.node("Tuple", first.start, children[children.length - 1]!.end, { elts, ctx: "Load" });
    return b.from("Expr", cst, { value: tuple });
  }
  if (first.type === "assignment") return assignment(b, cst, first);
  if (first.type === "augmented_assignment") {
    const token = required(field(first, "operator"), first, "an operator");
    const op = augmentedOperator(b.textOf(token));
    if (!op) throw new PySyntaxError("invalid syntax", token.start);
    return b.from("AugAssign", cst, {
      target: augmentedTarget(b, required(field(first, "left"), first, "a target")),
      op,
      value: valueOrTuple(b, field(first, "right")),
    });
  }
  // `x := 1` needs parentheses as a statement.
  if (first.type === "named_expression") throw new PySyntaxError("invalid syntax", first.start);
  return b.from("Expr", cst, { value: expr(b, first) });
}

function augmentedTarget(b: AstBuilder, cst: Cst): PyNode {
  const node = target(b, cst, "Store");
  if (node.type !== "Name" && node.type !== "Attribute" && node.type !== "Subscript") {
    throw new PySyntaxError("'tuple' is an illegal expression for augmented assignment", cst.start);
  }
  return node;
}

/** `a = b = c`: tree-sitter nests to the right; CPython lists the targets. */
function assignment(b: AstBuilder, stmt: Cst, first: Cst): PyNode {
  const annotation = field(first, "type");
  if (annotation) {
    const left = required(field(first, "left"), first, "a target");
    const node = target(b, left, "Store");
    // `(x): int` is allowed but is not a "simple" target.
    if (node.type !== "Name" && node.type !== "Attribute" && node.type !== "Subscript") {
      throw new PySyntaxError("only single target (not tuple) can be annotated", left.start);
    }
    const right = field(first, "right");
    return b.from("AnnAssign", stmt, {
      target: node,
      annotation: expr(b, annotation),
      value: right ? valueOrTuple(b, right) : null,
      simple: left.type === "identifier" ? 1 : 0,
    });
  }
  const targets: PyNode[] = [];
  let current: Cst = first;
  for (;;) {
    targets.push(target(b, required(field(current, "left"), current, "a target"), "Store"));
    const right = required(field(current, "right"), current, "a value");
    if (right.type === "assignment" && !field(right, "type")) {
      current = right;
      continue;
    }
    if (right.type === "augmented_assignment" || right.type === "assignment") {
      throw new PySyntaxError("invalid syntax", right.start);
    }
    return b.from("Assign", stmt, { targets, value: valueOrTuple(b, right), type_comment: null });
  }
}

/** Right-hand sides and return values: `return a, b` is a Tuple. */
function valueOrTuple(b: AstBuilder, cst: Cst | undefined): PyNode | null {
  if (!cst) return null;
  return expr(b, cst);
}

function deleteStatement(b: AstBuilder, cst: Cst): PyNode {
  const inner = required(firstNamed(cst), cst, "a target");
  const parts = inner.type === "expression_list" ? named(inner) : [inner];
  return b.from("Delete", cst, { targets: parts.map((p) => target(b, p, "Del")) });
}

function raiseStatement(b: AstBuilder, cst: Cst): PyNode {
  const cause = field(cst, "cause");
  const exc = cst.children.find((c) => c.named && c.field !== "cause");
  if (exc?.type === "expression_list") throw new PySyntaxError("invalid syntax", exc.start);
  return b.from("Raise", cst, { exc: optionalExpr(b, exc), cause: optionalExpr(b, cause) });
}

function dotted(b: AstBuilder, cst: Cst): string {
  return named(cst).map((part) => identifier(b, part)).join(".");
}

function alias(b: AstBuilder, cst: Cst): PyNode {
  if (cst.type === "aliased_import") {
    const name = required(field(cst, "name"), cst, "a module name");
    const asname = required(field(cst, "alias"), cst, "a name");
    return b.from("alias", cst, { name: dotted(b, name), asname: identifier(b, asname) });
  }
  return b.from("alias", cst, { name: dotted(b, cst), asname: null });
}

function importFrom(b: AstBuilder, cst: Cst): PyNode {
  let module: string | null = "__future__";
  let level = 0;
  const moduleCst = field(cst, "module_name");
  if (cst.type === "import_from_statement") {
    const source = required(moduleCst, cst, "a module name");
    if (source.type === "relative_import") {
      const prefix = source.children.find((c) => c.type === "import_prefix");
      level = prefix ? b.textOf(prefix).replace(/\s/g, "").length : 0;
      const name = source.children.find((c) => c.type === "dotted_name");
      module = name ? dotted(b, name) : null;
    } else {
      module = dotted(b, source);
    }
  }
  const wildcard = cst.children.find((c) => c.type === "wildcard_import" || (!c.named && c.type === "*"));
  const names = wildcard
    ? [b.from("alias", wildcard, { name: "*", asname: null })]
    : fields(cst, "name").map((n) => alias(b, n));
  return b.from("ImportFrom", cst, { module, names, level });
}

function typeAlias(b: AstBuilder, cst: Cst): PyNode {
  const left = required(field(cst, "left"), cst, "a name");
  const inner = required(firstNamed(left), left, "a name");
  let nameCst = inner;
  let typeParams: PyNode[] = [];
  if (inner.type === "generic_type") {
    const [base, params] = named(inner);
    nameCst = required(base, inner, "a name");
    typeParams = convertTypeParams(b, params);
  }
  const name = b.from("Name", nameCst, { id: identifier(b, nameCst), ctx: "Store" });
  return b.from("TypeAlias", cst, {
    name,
    type_params: typeParams,
    value: expr(b, required(field(cst, "right"), cst, "a value")),
  });
}

function ifStatement(b: AstBuilder, cst: Cst): PyNode {
  const body = block(b, cst, "consequence", "a body");
  const alternatives = fields(cst, "alternative");
  // Build the elif chain from the end: each elif is an If in its predecessor's orelse.
  let orelse: PyNode[] = [];
  for (let i = alternatives.length - 1; i >= 0; i--) {
    const alt = alternatives[i]!;
    if (alt.type === "else_clause") {
      orelse = block(b, alt, "body", "a body");
      continue;
    }
    const elifBody = block(b, alt, "consequence", "a body");
    const elif = b.node("If", alt.start, endOf(orelse, endOf(elifBody, alt.end)), {
      test: expr(b, required(field(alt, "condition"), alt, "a condition")),
      body: elifBody,
      orelse,
    });
    orelse = [elif];
  }
  return b.node("If", cst.start, endOf(orelse, endOf(body, cst.end)), {
    test: expr(b, required(field(cst, "condition"), cst, "a condition")),
    body,
    orelse,
  });
}

function elseBody(b: AstBuilder, cst: Cst | undefined): PyNode[] {
  return cst ? block(b, cst, "body", "a body") : [];
}

function forStatement(b: AstBuilder, cst: Cst): PyNode {
  const body = block(b, cst, "body", "a loop body");
  const orelse = elseBody(b, field(cst, "alternative"));
  const iterParts = fields(cst, "right");
  const iterCst = required(iterParts[0], cst, "an iterable");
  return b.node(hasToken(cst, "async") ? "AsyncFor" : "For", cst.start, endOf(orelse, endOf(body, cst.end)), {
    target: target(b, required(field(cst, "left"), cst, "a target"), "Store"),
    iter: expr(b, iterCst),
    body,
    orelse,
    type_comment: null,
  });
}

function tryStatement(b: AstBuilder, cst: Cst): PyNode {
  const body = block(b, cst, "body", "a body");
  const handlers: PyNode[] = [];
  let orelse: PyNode[] = [];
  let finalbody: PyNode[] = [];
  let star = false;
  for (const child of cst.children) {
    if (child.type === "except_clause" || child.type === "except_group_clause") {
      if (child.type === "except_group_clause" || hasToken(child, "*")) star = true;
      handlers.push(exceptHandler(b, child));
    } else if (child.type === "else_clause") {
      orelse = block(b, child, "body", "a body");
    } else if (child.type === "finally_clause") {
      finalbody = statements(b, child.children.find((c) => c.type === "block"));
    }
  }
  if (handlers.length === 0 && finalbody.length === 0) {
    throw new PySyntaxError("expected 'except' or 'finally' block", cst.end);
  }
  const end = endOf(finalbody, endOf(orelse, endOf(handlers, endOf(body, cst.end))));
  return b.node(star ? "TryStar" : "Try", cst.start, end, { body, handlers, orelse, finalbody });
}

function exceptHandler(b: AstBuilder, cst: Cst): PyNode {
  const body = statements(b, cst.children.find((c) => c.type === "block"));
  let typeCst = field(cst, "value");
  let nameCst = field(cst, "alias");
  if (typeCst?.type === "as_pattern") {
    nameCst = required(field(typeCst, "alias"), typeCst, "a name");
    typeCst = required(firstNamed(typeCst), typeCst, "an exception type");
  }
  if (!typeCst) {
    // Older grammars put the type in an unnamed child.
    typeCst = cst.children.find((c) => c.named && c.type !== "block" && c.field !== "alias");
  }
  let name: string | null = null;
  if (nameCst) {
    const id = nameCst.type === "as_pattern_target" ? firstNamed(nameCst) : nameCst;
    if (!id || id.type !== "identifier") throw new PySyntaxError("invalid syntax", nameCst.start);
    name = identifier(b, id);
  }
  return b.node("ExceptHandler", cst.start, endOf(body, cst.end), { type_: optionalExpr(b, typeCst), name, body });
}

function withStatement(b: AstBuilder, cst: Cst): PyNode {
  const body = block(b, cst, "body", "a body");
  const clause = required(cst.children.find((c) => c.type === "with_clause"), cst, "a context manager");
  const items = clause.children
    .filter((c) => c.type === "with_item")
    .map((item) => {
      let value = required(field(item, "value"), item, "a context manager");
      // `with (\n  manager() as x\n):` — parentheses around a single item.
      if (value.type === "parenthesized_expression" && firstNamed(value)?.type === "as_pattern") value = firstNamed(value)!;
      if (value.type === "as_pattern") {
        const alias = required(field(value, "alias"), value, "a target");
        const varsCst = required(firstNamed(alias), alias, "a target");
        return b.from("withitem", item, {
          context_expr: expr(b, required(firstNamed(value), value, "a context manager")),
          optional_vars: target(b, varsCst, "Store"),
        });
      }
      return b.from("withitem", item, { context_expr: expr(b, value), optional_vars: null });
    });
  return b.node(hasToken(cst, "async") ? "AsyncWith" : "With", cst.start, endOf(body, cst.end), {
    items,
    body,
    type_comment: null,
  });
}

function decorated(b: AstBuilder, cst: Cst): PyNode {
  const decorators = cst.children
    .filter((c) => c.type === "decorator")
    .map((d) => expr(b, required(firstNamed(d), d, "a decorator expression")));
  const definition = required(field(cst, "definition"), cst, "a definition");
  return definition.type === "class_definition"
    ? classDef(b, definition, decorators)
    : functionDef(b, definition, decorators);
}

function functionDef(b: AstBuilder, cst: Cst, decorators: PyNode[]): PyNode {
  const body = block(b, cst, "body", "a function body");
  const name = required(field(cst, "name"), cst, "a function name");
  const returns = field(cst, "return_type");
  return b.node(hasToken(cst, "async") ? "AsyncFunctionDef" : "FunctionDef", cst.start, endOf(body, cst.end), {
    name: identifier(b, name),
    args: convertArguments(b, field(cst, "parameters"), cst),
    body,
    decorator_list: decorators,
    returns: optionalExpr(b, returns),
    type_comment: null,
    type_params: convertTypeParams(b, field(cst, "type_parameters")),
  });
}

function classDef(b: AstBuilder, cst: Cst, decorators: PyNode[]): PyNode {
  const body = block(b, cst, "body", "a class body");
  const name = required(field(cst, "name"), cst, "a class name");
  const superclasses = field(cst, "superclasses");
  const { args, keywords } = superclasses ? convertCallArguments(b, superclasses) : { args: [], keywords: [] };
  return b.node("ClassDef", cst.start, endOf(body, cst.end), {
    name: identifier(b, name),
    bases: args,
    keywords,
    body,
    decorator_list: decorators,
    type_params: convertTypeParams(b, field(cst, "type_parameters")),
  });
}

function matchStatement(b: AstBuilder, cst: Cst): PyNode {
  const bodyCst = required(field(cst, "body"), cst, "case clauses");
  const cases = bodyCst.children.filter((c) => c.type === "case_clause").map((c) => convertMatchCase(b, c));
  if (cases.length === 0) throw new PySyntaxError("expected 'case' block", bodyCst.start);
  const subjects = fields(cst, "subject");
  let subject: PyNode;
  if (subjects.length > 1 || hasToken(cst, ",")) {
    const elts = subjects.map((s) => expr(b, s));
    subject = b.node("Tuple", subjects[0]!.start, subjects[subjects.length - 1]!.end, { elts, ctx: "Load" });
  } else {
    subject = expr(b, required(subjects[0], cst, "a subject"));
  }
  return b.node("Match", cst.start, endOf(cases, cst.end), { subject, cases });
}

/**
 * `print >>f, x` is valid Python 3 — a tuple holding `print >> f` — though
 * tree-sitter reads it as a Python 2 print statement. Other print statements
 * are the error CPython reports.
 */
function printChevron(b: AstBuilder, cst: Cst): PyNode {
  const chevron = cst.children.find((c) => c.type === "chevron");
  if (!chevron) throw new PySyntaxError("Missing parentheses in call to 'print'. Did you mean print(...)?", cst.start);
  const keyword = required(cst.children[0], cst, "print");
  const printName = b.from("Name", keyword, { id: "print", ctx: "Load" });
  const shift = b.node("BinOp", cst.start, chevron.end, {
    left: printName,
    op: "RShift",
    right: expr(b, required(firstNamed(chevron), chevron, "an expression")),
  });
  const rest = cst.children.filter((c) => c.field === "argument").map((c) => expr(b, c));
  const value = rest.length === 0 && !hasToken(cst, ",")
    ? shift
    : b.node("Tuple", cst.start, cst.end, { elts: [shift, ...rest], ctx: "Load" });
  return b.from("Expr", cst, { value });
}
