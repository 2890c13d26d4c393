// Splitting a Python AST node into what a dump shows: scalar fields (names,
// operators, ctx, constants) and child nodes, the latter in CPython's `_fields`
// order as the plugin's `visitorKeys` give it, so a dump walks the tree in the
// same pre-order as `ast.walk`-style visitors.

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Any node of the plugin's Python AST; its other fields are read by name. */
export interface AstNode {
  readonly type: string;
  readonly loc?: { readonly start: Position; readonly end: Position };
}

export type VisitorKeys = Readonly<Record<string, readonly string[]>>;

export type NodeField =
  | { readonly kind: "scalar"; readonly name: string; readonly value: unknown }
  | { readonly kind: "child"; readonly name: string; readonly value: AstNode | null }
  | { readonly kind: "children"; readonly name: string; readonly value: ReadonlyArray<AstNode | null> };

/** Bookkeeping the plugin adds for ESLint; not part of the Python AST. */
const NOT_FIELDS: ReadonlySet<string> = new Set(["type", "loc", "range", "parent"]);

export function isAstNode(value: unknown): value is AstNode {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

/** Scalars first (in the node's own key order), then children in `visitorKeys` order. */
export function fieldsOf(node: AstNode, visitorKeys: VisitorKeys): NodeField[] {
  const values = new Map<string, unknown>(Object.entries(node));
  const names = [...values.keys()].filter((name) => !NOT_FIELDS.has(name));
  const childNames = visitorKeys[node.type] ?? names.filter((name) => holdsNodes(values.get(name)));
  const scalars: NodeField[] = names
    .filter((name) => !childNames.includes(name))
    .map((name) => ({ kind: "scalar", name, value: values.get(name) }));
  const children: NodeField[] = childNames.map((name) => {
    const value = values.get(name);
    return Array.isArray(value)
      ? { kind: "children", name, value: value.map(asChild) }
      : { kind: "child", name, value: asChild(value) };
  });
  return [...scalars, ...children];
}

function holdsNodes(value: unknown): boolean {
  return isAstNode(value) || (Array.isArray(value) && value.some(isAstNode));
}

function asChild(value: unknown): AstNode | null {
  return isAstNode(value) ? value : null;
}
