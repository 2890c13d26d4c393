// Binary operator chains rebuilt with Python's precedence.
//
// tree-sitter-python's grammar gets some relative precedences of `|`, `^`
// and `&` wrong (e.g. `~1 ^ 1 & 1 | 1`), so instead of trusting its nesting
// we flatten an unparenthesised chain into operands and operators and rebuild
// it by precedence climbing, as CPython's grammar would.
import type { Cst } from "../cst.js";
import type { PyNode } from "../nodes.js";
import type { AstBuilder} from "./builder.js";
import { PySyntaxError, field, required } from "./builder.js";
import { expr } from "./expressions.js";
import { binaryOperators } from "./operators.js";

const precedence: Readonly<Record<string, number>> = {
  "|": 1, "^": 2, "&": 3, "<<": 4, ">>": 4, "+": 5, "-": 5, "*": 6, "@": 6, "/": 6, "//": 6, "%": 6, "**": 7,
};

interface Operand {
  node: PyNode;
  start: number;
  end: number;
}

export function binaryChain(b: AstBuilder, cst: Cst): PyNode {
  const operands: Operand[] = [];
  const operators: string[] = [];
  const collect = (node: Cst): void => {
    if (node.type === "binary_operator") {
      collect(required(field(node, "left"), node, "an operand"));
      operators.push(b.textOf(required(field(node, "operator"), node, "an operator")));
      collect(required(field(node, "right"), node, "an operand"));
    } else {
      operands.push({ node: expr(b, node), start: node.start, end: node.end });
    }
  };
  collect(cst);
  let position = 0;
  const parse = (minimum: number): Operand => {
    let left = operands[position]!;
    while (position < operators.length) {
      const token = operators[position]!;
      const level = precedence[token];
      const op = binaryOperators[token];
      if (level === undefined || !op) throw new PySyntaxError("invalid syntax: unknown operator", left.end);
      if (level < minimum) break;
      position++;
      // `**` is right-associative: its right side may hold more `**`.
      const right = parse(token === "**" ? level : level + 1);
      const node = b.node("BinOp", left.start, right.end, { left: left.node, op, right: right.node });
      left = { node, start: left.start, end: right.end };
    }
    return left;
  };
  return parse(0).node;
}
