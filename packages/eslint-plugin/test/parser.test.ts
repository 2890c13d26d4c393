// The Python AST: shapes, positions and the syntax CPython accepts.
import assert from "node:assert/strict";
import { parsePython } from "../src/language/parse.js";
import type { Module, PyNode } from "../src/language/nodes.js";
import { sexp } from "./support/sexp.js";

function parse(code: string): Module {
  const result = parsePython(code);
  if (!result.ok) assert.fail(`unexpected parse error: ${JSON.stringify(result.errors)}`);
  return result.ast;
}

function first(code: string): string {
  return sexp(parse(code).body[0]!);
}

function error(code: string) {
  const result = parsePython(code);
  assert.equal(result.ok, false, "expected a parse error");
  return (result as { errors: { message: string; line: number; column: number }[] }).errors;
}

describe("Python AST", () => {
  it("mirrors CPython's node types and fields", () => {
    assert.equal(first("x = a.b(1, *c, k=2, **d)"),
      "(Assign (Name x Store) (Call (Attribute b (Name a)) 1 (Starred (Name c)) (keyword k 2) (keyword (Name d))))");
    assert.equal(first("a = b = c"), "(Assign (Name a Store) (Name b Store) (Name c))");
    assert.equal(first("x: int = 1"), "(AnnAssign (Name x Store) (Name int) 1)");
    assert.equal(first("x += 1"), "(AugAssign Add (Name x Store) 1)");
    assert.equal(first("del a, b[0]"), "(Delete (Name a Del) (Subscript Del (Name b) 0))");
    assert.equal(first("a, *b = c"), "(Assign (Tuple Store (Name a Store) (Starred Store (Name b Store))) (Name c))");
    assert.equal(first("a < b <= c"), "(Expr (Compare Lt,LtE (Name a) (Name b) (Name c)))");
    assert.equal(first("a not in b is not c"), "(Expr (Compare NotIn,IsNot (Name a) (Name b) (Name c)))");
    assert.equal(first("a and b and (c or d)"), "(Expr (BoolOp And (Name a) (Name b) (BoolOp Or (Name c) (Name d))))");
    assert.equal(first("not -x"), "(Expr (UnaryOp Not (UnaryOp USub (Name x))))");
    assert.equal(first("a if b else c"), "(Expr (IfExp (Name b) (Name a) (Name c)))");
    assert.equal(first("x[1:2, ::3]"), "(Expr (Subscript (Name x) (Tuple (Slice 1 2) (Slice 3))))");
    assert.equal(first("{**a, 'b': 1}"), '(Expr (Dict _ "b" (Name a) 1))');
    assert.equal(first("[y for x in z if x if y for y in x]"),
      "(Expr (ListComp (Name y) (comprehension (Name x Store) (Name z) (Name x) (Name y)) (comprehension (Name y Store) (Name x))))");
    assert.equal(first("lambda a, /, b=1, *c, d, e=2, **f: 0"),
      "(Expr (Lambda (arguments (arg a) (arg b) (arg c) (arg d) (arg e) _ 2 (arg f) 1) 0))");
  });

  it("rebuilds binary operators with Python's precedence", () => {
    assert.equal(first("~1 ^ 1 & 1 | 2"), "(Expr (BinOp BitOr (BinOp BitXor (UnaryOp Invert 1) (BinOp BitAnd 1 1)) 2))");
    assert.equal(first("a - b - c"), "(Expr (BinOp Sub (BinOp Sub (Name a) (Name b)) (Name c)))");
    assert.equal(first("a ** b ** c"), "(Expr (BinOp Pow (Name a) (BinOp Pow (Name b) (Name c))))");
    assert.equal(first("-a ** b"), "(Expr (UnaryOp USub (BinOp Pow (Name a) (Name b))))");
  });

  it("reads literals as CPython evaluates them", () => {
    assert.equal(first("x = 0x_ff, 1_000, 1e3, 2j, 10**100"), "(Assign (Name x Store) (Tuple 255 1000 1000 2j (BinOp Pow 10 100)))");
    assert.equal(first("x = 123456789012345678901234567890"), "(Assign (Name x Store) 123456789012345678901234567890n)");
    assert.equal(first("x = 'a' \"b\" '''c'''"), '(Assign (Name x Store) "abc")');
    assert.equal(first("x = b'\\x00' rb'\\n'"), '(Assign (Name x Store) b"\\u0000\\\\n")');
    assert.equal(first("x = '\\t\\u00e9\\101\\\n'"), '(Assign (Name x Store) "\\téA")');
    assert.equal(first("x = None, True, ..."), "(Assign (Name x Store) (Tuple null true ...))");
  });

  it("builds f-strings like CPython 3.12+", () => {
    assert.equal(first("f'a{b!r:>{w}}c' 'd'"),
      '(Expr (JoinedStr "a" (FormattedValue (Name b) (JoinedStr ">" (FormattedValue (Name w)))) "cd"))');
    assert.equal(first("f'{x=}'"), '(Expr (JoinedStr "x=" (FormattedValue (Name x))))');
    assert.equal(first("f'{{literal}}'"), '(Expr (JoinedStr "{literal}"))');
    const formatted = parse("f'a{b}'").body[0]!.value as PyNode;
    const [literal, value] = formatted.values as PyNode[];
    assert.deepEqual([literal!.loc.start, value!.loc.start], [{ line: 1, column: 2 }, { line: 1, column: 3 }]);
  });

  it("handles match statements", () => {
    assert.equal(
      first("match p:\n    case [1, *rest] | {'k': _, **kw}: pass\n    case Point(x=0) as q if q: pass\n    case -1 | a.B | None: pass\n    case _: pass\n"),
      "(Match (Name p) " +
        '(match_case (MatchOr (MatchSequence (MatchValue 1) (MatchStar rest)) (MatchMapping "k" (MatchAs))) (Pass)) ' +
        "(match_case (MatchAs q (MatchClass (Name Point) (MatchValue 0))) (Name q) (Pass)) " +
        "(match_case (MatchOr (MatchValue (UnaryOp USub 1)) (MatchValue (Attribute B (Name a))) (MatchSingleton)) (Pass)) " +
        "(match_case (MatchAs) (Pass)))",
    );
  });

  it("handles PEP 695 type parameters and type aliases", () => {
    assert.equal(first("type X[T: int, *Ts, **P] = list[T]"),
      "(TypeAlias (Name X Store) (TypeVar T (Name int)) (TypeVarTuple Ts) (ParamSpec P) (Subscript (Name list) (Name T)))");
    assert.equal(first("def f[T](x: T) -> T: ..."), "(FunctionDef f (arguments (arg x (Name T))) (Expr ...) (Name T) (TypeVar T))");
    assert.equal(first("class C[T](B, metaclass=M): pass"), "(ClassDef C (Name B) (keyword metaclass (Name M)) (Pass) (TypeVar T))");
    // `type` is a soft keyword: here it is a plain name.
    assert.equal(first("type(self).x = 1"), "(Assign (Attribute x Store (Call (Name type) (Name self))) 1)");
  });

  it("handles decorators, async forms, walrus and star-expressions", () => {
    const code = "@a.b(1)\nasync def f():\n    async with x as (y, z):\n        async for i in j:\n            await g(*i)\n";
    assert.equal(first(code),
      "(AsyncFunctionDef f (arguments) (AsyncWith (withitem (Name x) (Tuple Store (Name y Store) (Name z Store))) " +
        "(AsyncFor (Name i Store) (Name j) (Expr (Await (Call (Name g) (Starred (Name i))))))) (Call (Attribute b (Name a)) 1))");
    assert.equal(first("if (n := len(a)) > 1: pass"), "(If (Compare Gt (NamedExpr (Name n Store) (Call (Name len) (Name a))) 1) (Pass))");
    assert.equal(first("print(*a.b())"), "(Expr (Call (Name print) (Starred (Call (Attribute b (Name a))))))");
    assert.equal(first("x = *a, *b"), "(Assign (Name x Store) (Tuple (Starred (Name a)) (Starred (Name b))))");
  });

  it("positions nodes like CPython: the def line, not the decorator", () => {
    const fn = parse("@dec\n\ndef f():\n    pass\n").body[0]!;
    assert.deepEqual(fn.loc, { start: { line: 3, column: 0 }, end: { line: 4, column: 8 } });
    const elif = parse("if a:\n    pass\nelif b:\n    pass\n").body[0]!.orelse as PyNode[];
    assert.equal(elif[0]!.loc.start.line, 3);
  });

  it("counts lines across CRLF, CR and tabs, and columns in UTF-16 units", () => {
    const crlf = parse("a = 1\r\nif a:\r\n\tb = 'é'\r\n").body[1]!;
    assert.deepEqual((crlf.body as PyNode[])[0]!.loc, { start: { line: 3, column: 1 }, end: { line: 3, column: 8 } });
    const lone = parse("a = 1\rb = 2\r").body[1]!;
    assert.equal(lone.loc.start.line, 2);
    const wide = parse("s = '😀'; t = 1").body[1]!;
    assert.deepEqual(wide.loc.start, { line: 1, column: 10 });
  });

  it("accepts non-ASCII identifiers, NFKC-normalised as CPython does", () => {
    assert.equal(first("café = ﬁle"), "(Assign (Name café Store) (Name file))");
  });

  it("ignores a byte-order mark", () => {
    assert.equal(first("\ufeffx = 1"), "(Assign (Name x Store) 1)");
  });

  it("reports one syntax error with 1-based line and column", () => {
    assert.deepEqual(error("x = 1\ndef f(:\n    pass\n"), [{ message: "invalid syntax: expected ')'", line: 2, column: 7 }]);
    assert.deepEqual(error("print 'hello'\n"), [
      { message: "Missing parentheses in call to 'print'. Did you mean print(...)?", line: 1, column: 1 },
    ]);
    assert.deepEqual(error("f() = 1\n"), [{ message: "invalid syntax", line: 1, column: 1 }]);
    assert.deepEqual(error("x = 1\ndel f()\n"), [{ message: "cannot delete function call", line: 2, column: 5 }]);
    assert.deepEqual(error("x = 1\0\n"), [{ message: "source code cannot contain null bytes", line: 1, column: 6 }]);
    assert.equal(error("def f(\n").length, 1);
  });

  it("sets parent links on every node", () => {
    const module = parse("def f(a=1):\n    return [x for x in a]\n");
    const check = (node: PyNode, parent: PyNode | null): void => {
      assert.equal(node.parent, parent, `${node.type} has the wrong parent`);
      for (const value of Object.entries(node)) {
        const [key, child] = value;
        if (key === "parent") continue;
        const items = Array.isArray(child) ? child : [child];
        for (const item of items) if (item && typeof item === "object" && "loc" in item) check(item as PyNode, node);
      }
    };
    check(module as unknown as PyNode, null);
  });
});
