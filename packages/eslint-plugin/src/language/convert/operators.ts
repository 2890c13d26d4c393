// Python operator tokens → CPython's operator class names.

export const binaryOperators: Readonly<Record<string, string>> = {
  "+": "Add", "-": "Sub", "*": "Mult", "@": "MatMult", "/": "Div", "%": "Mod", "**": "Pow",
  "<<": "LShift", ">>": "RShift", "|": "BitOr", "^": "BitXor", "&": "BitAnd", "//": "FloorDiv",
};

export const unaryOperators: Readonly<Record<string, string>> = { "+": "UAdd", "-": "USub", "~": "Invert" };

export const comparisonOperators: Readonly<Record<string, string>> = {
  "==": "Eq", "!=": "NotEq", "<": "Lt", "<=": "LtE", ">": "Gt", ">=": "GtE",
  is: "Is", "is not": "IsNot", in: "In", "not in": "NotIn",
};

/** `a += 1` → "Add": an augmented operator is the binary one plus "=". */
export function augmentedOperator(token: string): string | undefined {
  return token.endsWith("=") ? binaryOperators[token.slice(0, -1)] : undefined;
}
