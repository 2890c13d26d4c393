"""Prints, for each Python file named on stdin (one path a line), CPython's AST
as a pre-order list of [node type, start line] pairs, as one JSON line:
{"file": path, "nodes": [[type, lineno|null], ...]} or {"file": path, "error": msg}.

Operators and expression contexts are left out: Aether's AST holds them as
strings, not nodes. Fields are walked in `_fields` order, as Aether's visitor
keys are. Used by the differential AST test and scripts/ast-diff.mjs.
"""
import ast
import json
import sys

SKIPPED = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop, ast.type_ignore)


def preorder(node, out):
    if isinstance(node, SKIPPED):
        return
    out.append([type(node).__name__, getattr(node, "lineno", None)])
    for name in node._fields:
        value = getattr(node, name, None)
        if isinstance(value, ast.AST):
            preorder(value, out)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, ast.AST):
                    preorder(item, out)


def main():
    sys.setrecursionlimit(100000)
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        try:
            with open(path, "rb") as handle:
                source = handle.read()
            tree = ast.parse(source, filename=path)
            out = []
            preorder(tree, out)
            print(json.dumps({"file": path, "nodes": out}))
        except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
            print(json.dumps({"file": path, "error": f"{type(error).__name__}: {error}"}))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
