// PEP 695 type parameter lists (`def f[T: int, *Ts, **P]`) → TypeVar,
// TypeVarTuple and ParamSpec nodes.
import type { Cst } from "../cst.js";
import type { PyNode } from "../nodes.js";
import type { AstBuilder} from "./builder.js";
import { PySyntaxError, firstNamed, hasToken, named, required } from "./builder.js";
import { expr, identifier } from "./expressions.js";

export function convertTypeParams(b: AstBuilder, list: Cst | undefined): PyNode[] {
  if (!list) return [];
  return named(list).map((param) => {
    const inner = required(firstNamed(param), param, "a type parameter");
    switch (inner.type) {
      case "identifier":
        return b.from("TypeVar", inner, { name: identifier(b, inner), bound: null, default_value: null });
      case "constrained_type": {
        const [name, bound] = named(inner);
        const nameId = required(name && firstNamed(name), inner, "a name");
        return b.from("TypeVar", inner, {
          name: identifier(b, nameId),
          bound: expr(b, required(bound, inner, "a bound")),
          default_value: null,
        });
      }
      case "splat_type": {
        const nameId = required(firstNamed(inner), inner, "a name");
        const type = hasToken(inner, "**") ? "ParamSpec" : "TypeVarTuple";
        return b.from(type, inner, { name: identifier(b, nameId), default_value: null });
      }
      default:
        throw new PySyntaxError("invalid type parameter", inner.start);
    }
  });
}
