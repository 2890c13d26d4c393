// Parameters (`def f(a, /, b=1, *c, d, **e)`) → `ast.arguments`, and call
// arguments (`f(x, *y, k=v, **z)`) → `args` + `keywords`.
import type { Cst } from "../cst.js";
import type { PyNode } from "../nodes.js";
import type { AstBuilder} from "./builder.js";
import { PySyntaxError, field, firstNamed, required } from "./builder.js";
import { expr, identifier } from "./expressions.js";

export function convertArguments(b: AstBuilder, params: Cst | undefined, owner: Cst): PyNode {
  const posonlyargs: PyNode[] = [];
  const args: PyNode[] = [];
  const kwonlyargs: PyNode[] = [];
  const kwDefaults: (PyNode | null)[] = [];
  const defaults: PyNode[] = [];
  let vararg: PyNode | null = null;
  let kwarg: PyNode | null = null;
  let keywordOnly = false;

  for (const param of params?.children ?? []) {
    if (!param.named) continue;
    switch (param.type) {
      case "positional_separator":
        if (keywordOnly || posonlyargs.length > 0) throw new PySyntaxError("/ must be ahead of *", param.start);
        posonlyargs.push(...args.splice(0));
        continue;
      case "keyword_separator":
        keywordOnly = true;
        continue;
      case "list_splat_pattern":
        vararg = arg(b, param, required(firstNamed(param), param, "a name"), null);
        keywordOnly = true;
        continue;
      case "dictionary_splat_pattern":
        kwarg = arg(b, param, required(firstNamed(param), param, "a name"), null);
        continue;
      case "typed_parameter": {
        const inner = required(firstNamed(param), param, "a name");
        const annotation = expr(b, required(field(param, "type"), param, "a type"));
        const endAt = param;
        if (inner.type === "list_splat_pattern") {
          vararg = arg(b, endAt, required(firstNamed(inner), inner, "a name"), annotation);
          keywordOnly = true;
        } else if (inner.type === "dictionary_splat_pattern") {
          kwarg = arg(b, endAt, required(firstNamed(inner), inner, "a name"), annotation);
        } else {
          addPlain(arg(b, endAt, inner, annotation), null);
        }
        continue;
      }
      case "default_parameter":
      case "typed_default_parameter": {
        const name = required(field(param, "name"), param, "a name");
        if (name.type !== "identifier") throw new PySyntaxError("invalid syntax: tuple parameters are not supported", name.start);
        const typeCst = field(param, "type");
        const annotation = typeCst ? expr(b, typeCst) : null;
        const end = typeCst ?? name;
        const node = b.node("arg", name.start, end.end, { arg: identifier(b, name), annotation, type_comment: null });
        addPlain(node, expr(b, required(field(param, "value"), param, "a default value")));
        continue;
      }
      case "identifier":
        addPlain(arg(b, param, param, null), null);
        continue;
      default:
        throw new PySyntaxError("invalid syntax in parameters", param.start);
    }
  }

  function addPlain(node: PyNode, defaultValue: PyNode | null): void {
    if (keywordOnly) {
      kwonlyargs.push(node);
      kwDefaults.push(defaultValue);
      return;
    }
    if (defaultValue) defaults.push(defaultValue);
    else if (defaults.length > 0) {
      throw new PySyntaxError("parameter without a default follows parameter with a default", node.range[0]);
    }
    args.push(node);
  }

  const span = params && params.end > params.start ? params : owner;
  return b.node("arguments", span.start, span.end, {
    posonlyargs,
    args,
    vararg,
    kwonlyargs,
    kw_defaults: kwDefaults,
    kwarg,
    defaults,
  });
}

function arg(b: AstBuilder, span: Cst, name: Cst, annotation: PyNode | null): PyNode {
  if (name.type !== "identifier") throw new PySyntaxError("invalid syntax: tuple parameters are not supported", name.start);
  return b.node("arg", name.start, annotation ? span.end : name.end, {
    arg: identifier(b, name),
    annotation,
    type_comment: null,
  });
}

export function convertCallArguments(b: AstBuilder, list: Cst): { args: PyNode[]; keywords: PyNode[] } {
  const args: PyNode[] = [];
  const keywords: PyNode[] = [];
  for (const child of list.children) {
    if (!child.named) continue;
    switch (child.type) {
      case "keyword_argument": {
        const name = required(field(child, "name"), child, "a name");
        keywords.push(
          b.from("keyword", child, {
            arg: identifier(b, name),
            value: expr(b, required(field(child, "value"), child, "a value")),
          }),
        );
        break;
      }
      case "dictionary_splat":
        keywords.push(b.from("keyword", child, { arg: null, value: expr(b, required(firstNamed(child), child, "an expression")) }));
        break;
      case "parenthesized_list_splat":
        args.push(expr(b, required(firstNamed(child), child, "an expression")));
        break;
      default:
        args.push(expr(b, child));
    }
  }
  return { args, keywords };
}
