// The Python AST: node shapes that mirror CPython's `ast` module.
//
// Field names and order follow `ast` (3.14); positions follow ESLint's
// conventions: `range` in UTF-16 offsets of the text (BOM removed), `loc` with
// 1-based lines and 0-based columns (UTF-16 code units, not CPython's UTF-8
// byte offsets). Operators and `ctx` are plain strings ("Add", "Load"), not nodes.
// One field is renamed: `ExceptHandler.type` is `type_`, since `type` is the
// node's kind for ESLint.

export interface Position {
  line: number;
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

export interface PyNodeBase {
  type: string;
  range: [number, number];
  loc: SourceLocation;
  parent: PyNode | null;
}

/** Any node, for generic walks. Specific shapes below narrow it by `type`. */
export interface PyNode extends PyNodeBase {
  [field: string]: unknown;
}

export type ExprContext = "Load" | "Store" | "Del";

/** Values a `Constant` can hold. Bytes, complex numbers and `...` get small tagged objects. */
export type ConstantValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | { bytes: string }
  | { imag: number }
  | { ellipsis: true };

export interface Module extends PyNodeBase { type: "Module"; body: Stmt[] }

export type Stmt = PyNode;
export type Expr = PyNode;

export interface Name extends PyNodeBase { type: "Name"; id: string; ctx: ExprContext }
export interface Attribute extends PyNodeBase { type: "Attribute"; value: Expr; attr: string; ctx: ExprContext }
export interface Subscript extends PyNodeBase { type: "Subscript"; value: Expr; slice: Expr; ctx: ExprContext }
export interface Constant extends PyNodeBase { type: "Constant"; value: ConstantValue; kind: string | null }
export interface Call extends PyNodeBase { type: "Call"; func: Expr; args: Expr[]; keywords: Keyword[] }
export interface Keyword extends PyNodeBase { type: "keyword"; arg: string | null; value: Expr }
export interface Alias extends PyNodeBase { type: "alias"; name: string; asname: string | null }
export interface Import extends PyNodeBase { type: "Import"; names: Alias[] }
export interface ImportFrom extends PyNodeBase {
  type: "ImportFrom";
  module: string | null;
  names: Alias[];
  level: number;
}
export interface Arg extends PyNodeBase { type: "arg"; arg: string; annotation: Expr | null }
export interface Arguments extends PyNodeBase {
  type: "arguments";
  posonlyargs: Arg[];
  args: Arg[];
  vararg: Arg | null;
  kwonlyargs: Arg[];
  kw_defaults: (Expr | null)[];
  kwarg: Arg | null;
  defaults: Expr[];
}
export interface FunctionDef extends PyNodeBase {
  type: "FunctionDef" | "AsyncFunctionDef";
  name: string;
  args: Arguments;
  body: Stmt[];
  decorator_list: Expr[];
  returns: Expr | null;
  type_params: PyNode[];
}
export interface Lambda extends PyNodeBase { type: "Lambda"; args: Arguments; body: Expr }
export interface ClassDef extends PyNodeBase {
  type: "ClassDef";
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorator_list: Expr[];
  type_params: PyNode[];
}
export interface Assign extends PyNodeBase { type: "Assign"; targets: Expr[]; value: Expr }
export interface AugAssign extends PyNodeBase { type: "AugAssign"; target: Expr; op: string; value: Expr }
export interface WithItem extends PyNodeBase { type: "withitem"; context_expr: Expr; optional_vars: Expr | null }
export interface With extends PyNodeBase { type: "With" | "AsyncWith"; items: WithItem[]; body: Stmt[] }
export interface Global extends PyNodeBase { type: "Global" | "Nonlocal"; names: string[] }

export type FunctionLike = FunctionDef | Lambda;
