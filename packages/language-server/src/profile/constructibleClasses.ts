// Whether `Class()` can run with no arguments, judged from the class body
// alone. The profile harness calls a plain method on one fresh instance it
// builds that way, so only such classes get lenses on their plain methods.
// When the body does not settle it (a base class or a decorator could supply
// the constructor), the answer is no: a lens that can only fail is worse
// than none, and static and class methods still get theirs.

import type { ClassDef, FunctionDef, PyNode } from "eslint-plugin-aether";
import { callableWithoutArguments, decoratorNames, dottedName, lastPart } from "./callShapes.js";

export function constructibleWithoutArguments(cls: ClassDef): boolean {
  // A metaclass decides what calling the class does.
  if (cls.keywords.length > 0) return false;
  const methods = ownMethods(cls);
  const decorators = decoratorNames(cls);
  const dataclass = decorators.length === 1 && lastPart(decorators[0]!) === "dataclass";
  if (decorators.length > 0 && !dataclass) return false;
  // Abstract classes refuse to be built.
  if ([...methods.values()].some((method) => decoratorNames(method).some((name) => lastPart(name) === "abstractmethod"))) return false;

  const init = methods.get("__init__");
  const construct = methods.get("__new__");
  if (init !== undefined || construct !== undefined) {
    return [init, construct].every((method) => method === undefined || (method.type === "FunctionDef" && callableWithoutArguments(method.args, 1)));
  }
  // No constructor of its own: a base class's would run, and it is not in sight.
  if (!cls.bases.every((base) => base.type === "Name" && base["id"] === "object")) return false;
  return !dataclass || !generatesInit(cls) || !cls.body.some(isRequiredField);
}

/** The last def of each name in the class body: the one the class ends up with. */
export function ownMethods(cls: ClassDef): Map<string, FunctionDef> {
  const methods = new Map<string, FunctionDef>();
  for (const statement of cls.body) {
    if (statement.type === "FunctionDef" || statement.type === "AsyncFunctionDef") {
      const method = statement as unknown as FunctionDef;
      methods.set(method.name, method);
    }
  }
  return methods;
}

/** `@dataclass(init=False)` keeps object's constructor. */
function generatesInit(cls: ClassDef): boolean {
  const decorator = cls.decorator_list[0];
  return decorator?.type !== "Call" || !passesFalse(decorator, "init");
}

/** A dataclass field the generated `__init__` needs a value for. */
function isRequiredField(statement: PyNode): boolean {
  if (statement.type !== "AnnAssign" || (statement["target"] as PyNode).type !== "Name") return false;
  const annotation = statement["annotation"] as PyNode;
  const annotationName = lastPart(dottedName(annotation.type === "Subscript" ? (annotation["value"] as PyNode) : annotation));
  // ClassVars are not fields; KW_ONLY only marks the fields after it.
  if (annotationName === "ClassVar" || annotationName === "KW_ONLY") return false;
  const value = statement["value"] as PyNode | null;
  if (value === null) return true;
  if (value.type !== "Call" || lastPart(dottedName(value["func"] as PyNode)) !== "field") return false;
  // field(...) without a default is required, unless it is left out of __init__.
  const given = new Set((value["keywords"] as PyNode[]).map((keyword) => keyword["arg"]));
  return !passesFalse(value, "init") && !given.has("default") && !given.has("default_factory");
}

/** Whether a call passes `name=False`. */
function passesFalse(call: PyNode, name: string): boolean {
  const keyword = (call["keywords"] as PyNode[]).find((candidate) => candidate["arg"] === name);
  const value = keyword?.["value"] as PyNode | undefined;
  return value?.type === "Constant" && value["value"] === false;
}
