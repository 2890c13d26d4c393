// Numeric literals → Constant values, as CPython evaluates them.
import type { ConstantValue } from "../nodes.js";

const INTEGER = /^(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[1-9][0-9]*|0+)$/;
const FLOAT = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** The value of a literal, or undefined when Python 3 would reject it (`0777`, `10L`). */
export function parseNumber(source: string): ConstantValue | undefined {
  const text = source.replace(/_/g, "");
  const last = text[text.length - 1];
  if (last === "j" || last === "J") {
    const imag = text.slice(0, -1);
    return FLOAT.test(imag) ? { imag: Number(imag) } : undefined;
  }
  if (INTEGER.test(text)) return integer(BigInt(text));
  if (FLOAT.test(text)) return Number(text);
  return undefined;
}

/** Python ints are unbounded: small ones become numbers, the rest stay bigints. */
function integer(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
