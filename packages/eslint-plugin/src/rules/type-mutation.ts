// aether/type-mutation: classes changed at run time from concurrent code —
// `setattr(SomeClass, …)`, `SomeClass.attr = …`, `cls.attr = …` in a
// concurrent classmethod, `obj.__class__ = …` — and class-level registries
// filled in `__init_subclass__`, by a class decorator or a metaclass when
// classes are created in threads. Threads reading the class race with the
// change, every change invalidates the type's attribute cache, and changing
// a slot dunder, `__bases__` or `__class__` stops every thread on a
// free-threaded build (facts §5). Class decorators applied at module top
// level run at import time and are not reported.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { Evidence } from "../analysis/concurrency/evidence.js";
import type { AccessKind } from "../analysis/concurrency/accesses.js";
import type { StateRef } from "../analysis/concurrency/sharedState.js";
import { MUTATING_METHODS } from "../analysis/concurrency/sharedState.js";
import { NESTED_SCOPES, walk } from "../analysis/walk.js";
import { enclosingFunction, methodContext } from "../analysis/values.js";
import type { Finding } from "../ruleKit/createRule.js";
import { tieredMessageId } from "../ruleKit/evidence.js";
import { createModelRule } from "../ruleKit/modelRule.js";
import {
  capitalise,
  evidenceFor,
  guardSuggestionFor,
  ownerState,
  protectionFor,
  unprotected,
  type SharedUse,
} from "../ruleKit/sharedUse.js";

const messages = {
  classChange:
    "`{{target}}` changes class `{{cls}}` at run time with no lock held: threads reading the class race with the change, and each change invalidates its attribute cache for every thread. {{evidence}}. {{protection}}, or keep this state in an instance or a module-level dict.",
  stopTheWorld:
    "`{{target}}` changes {{what}} at run time: on a free-threaded build each such change stops every thread (stop-the-world), and other threads can see it half-done. {{evidence}}. {{advice}}.",
  registry:
    "`{{state}}` is changed by `{{hook}}` with no lock held: two threads creating classes at once race on it. {{evidence}}. {{protection}}.",
};

/** Dunders whose assignment is plain data, not a type slot. */
const DATA_DUNDERS = new Set(["__doc__", "__module__", "__qualname__", "__name__", "__annotations__"]);

/** Class-creation hooks a base class or metaclass defines. */
const METACLASS_HOOKS = ["__new__", "__init__"];

/** Calls that create a class: `type(name, bases, ns)`, `types.new_class(name, bases)`. */
const CLASS_FACTORIES = new Set(["builtins.type", "types.new_class"]);

const IMPLICIT_CLASSMETHODS = new Set(["__init_subclass__", "__class_getitem__"]);

export default createModelRule({
  id: "type-mutation",
  docs: {
    description: "Classes changed at run time from concurrent code, or class registries filled as threads create classes",
    risk: 0.7,
    category: "race",
  },
  messages,
  find: findTypeMutations,
});

interface TypeChange {
  /** The statement or call that changes the class. */
  node: PyNode;
  /** How the message shows it: `Config.debug = …`, `setattr(Handler, name, …)`. */
  target: string;
  /** The class (as written) or object changed. */
  cls: string;
  state: StateRef;
  kind: AccessKind;
  /** A slot dunder, `__bases__` or `__class__`: a stop-the-world change. */
  stopTheWorld: "type" | "object" | null;
}

function findTypeMutations(model: SemanticModel): Finding[] {
  const found: Finding[] = [];
  const hooks = classCreationHooks(model);
  const report = (change: { node: PyNode; state: StateRef }, fn: PyNode, evidence: Evidence, messageId: string, data: Record<string, string>) => {
    const use: SharedUse = { node: change.node, state: change.state, fn, evidence };
    found.push({
      node: change.node,
      messageId: tieredMessageId(messageId, evidence.tier),
      data: { ...data, evidence: capitalise(evidence.reason), protection: protectionFor(model, use) },
      ...(messageId !== "stopTheWorld" && fn.type !== "Lambda" ? guardSuggestionFor(model, use) : {}),
    });
  };

  // Run-time changes of classes in concurrent code (class-creation hooks are judged below).
  for (const node of model.nodes.inWalkOrder(...CHANGING_NODES)) {
    const change = typeChange(model, node);
    if (!change) continue;
    const fn = enclosingFunction(node);
    if (!fn || hooks.has(fn) || !unprotected(model, change.node)) continue;
    const evidence = evidenceFor(model, fn, change.state, change.node, change.kind);
    // A lock in the class says its instances are shared; a static or class
    // method that reconfigures the class is set-up API unless threads are shown to run it.
    if (!evidence || (evidence.tier !== "proven" && isStaticOrClassMethod(model, fn))) continue;
    if (change.stopTheWorld) {
      const onType = change.stopTheWorld === "type";
      report(change, fn, evidence, "stopTheWorld", {
        target: change.target,
        what: onType ? `class \`${change.cls}\`` : "the object's class",
        advice: onType ? "Make the change once, at start-up, before threads run" : "Create the object as the class it should be instead",
      });
    } else {
      report(change, fn, evidence, "classChange", { target: change.target, cls: change.cls });
    }
  }

  // Registries filled by class-creation hooks, when classes are created in threads.
  const reported = new Set<PyNode>();
  for (const creation of classesCreatedInThreads(model, hooks)) {
    for (const hook of creation.hooks) {
      const hookName = model.callGraph.qualifiedNameOf(hook) ?? (hook.name as string);
      for (const change of hookMutations(model, hook)) {
        if (reported.has(change.node) || !unprotected(model, change.node)) continue;
        reported.add(change.node);
        const evidence: Evidence = {
          ...creation.evidence,
          reason: `\`${hookName}\` runs whenever a class is created, and ${creation.what} is created at line ${creation.node.loc.start.line}: ${creation.evidence.reason}`,
        };
        report(change, hook, evidence, "registry", { state: change.state.display, hook: hookName });
      }
    }
  }
  return found;
}

/** The node types `typeChange` looks at. */
const CHANGING_NODES = ["Call", "Assign", "Delete", "AugAssign", "AnnAssign"];

/** `setattr(C, …)`, `delattr(C, …)`, `C.x = …`, `C.x += …`, `del C.x`, `obj.__class__ = …`. */
function typeChange(model: SemanticModel, node: PyNode): TypeChange | null {
  const text = (n: PyNode) => model.sourceCode.text.slice(n.range[0], n.range[1]);
  if (node.type === "Call") {
    const name = model.imports.qualifiedName(node.func as PyNode);
    if (name !== "builtins.setattr" && name !== "builtins.delattr") return null;
    const [type, attr] = node.args as PyNode[];
    if (!type || !attr || !isTypeExpression(model, type)) return null;
    const literal = attr.type === "Constant" && typeof attr.value === "string" ? attr.value : null;
    const cls = className(model, type) ?? text(type);
    const state = (literal && classAttributeState(model, type, literal)) || ownerState(model, node, cls);
    return {
      node,
      target: `${name.slice("builtins.".length)}(${cls}, ${text(attr)}${name === "builtins.setattr" ? ", …" : ""})`,
      cls,
      state,
      kind: "write",
      stopTheWorld: literal && isSlotDunder(literal) ? "type" : null,
    };
  }
  const targets =
    node.type === "Assign" || node.type === "Delete"
      ? (node.targets as PyNode[])
      : node.type === "AugAssign" || (node.type === "AnnAssign" && node.value)
        ? [node.target as PyNode]
        : [];
  for (const target of targets) {
    if (target.type !== "Attribute") continue;
    const attr = target.attr as string;
    const owner = target.value as PyNode;
    const shown = node.type === "Delete" ? `del ${text(target)}` : `${text(target)} ${node.type === "AugAssign" ? `${operator(node.op as string)}=` : "="} …`;
    const kind: AccessKind = node.type === "AugAssign" ? "rmw" : "write";
    if (attr === "__class__" && !isTypeExpression(model, owner)) {
      return { node, target: shown, cls: text(owner), state: ownerState(model, node, text(owner)), kind, stopTheWorld: "object" };
    }
    if (!isTypeExpression(model, owner)) continue;
    const cls = className(model, owner) ?? text(owner);
    return {
      node,
      target: shown,
      cls,
      state: model.sharedState.stateOf(target) ?? ownerState(model, node, cls),
      kind,
      stopTheWorld: isSlotDunder(attr) ? "type" : null,
    };
  }
  return null;
}

/** `Job` for `cls` in a classmethod of `Job`: how messages name the class. */
function className(model: SemanticModel, expr: PyNode): string | null {
  if (expr.type !== "Name") return null;
  const context = methodContext(enclosingFunction(expr));
  return context && context.self === expr.id ? (context.cls.name as string) : null;
}

function operator(op: string): string {
  const ops: Record<string, string> = { Add: "+", Sub: "-", Mult: "*", Div: "/", FloorDiv: "//", Mod: "%", BitOr: "|", BitAnd: "&", BitXor: "^" };
  return ops[op] ?? "";
}

function isSlotDunder(name: string): boolean {
  return /^__\w+__$/.test(name) && !DATA_DUNDERS.has(name);
}

/** The state `C.attr` denotes for a class defined in this file. */
function classAttributeState(model: SemanticModel, type: PyNode, attr: string): StateRef | null {
  const cls = model.callGraph.resolveClass(type);
  if (!cls) return null;
  const name = cls.name as string;
  return { id: `class:${name}.${attr}`, kind: "class", display: `${name}.${attr}`, owner: cls, name: attr };
}

/**
 * An expression that denotes a class: a class of this file, an imported
 * CamelCase name, `cls` in a classmethod or metaclass method, `type(x)`,
 * `x.__class__`.
 */
function isTypeExpression(model: SemanticModel, expr: PyNode): boolean {
  if (expr.type === "Attribute") return expr.attr === "__class__";
  if (expr.type === "Call") {
    return model.imports.qualifiedName(expr.func as PyNode) === "builtins.type" && (expr.args as PyNode[]).length === 1;
  }
  if (expr.type !== "Name") return false;
  const local = model.callGraph.resolveClass(expr);
  // A class a function defines is new on each call: changing it touches nothing shared.
  if (local) return enclosingFunction(local) === null;
  const fn = enclosingFunction(expr);
  const context = methodContext(fn);
  if (context && context.self === expr.id && isClassLevelMethod(model, fn!, context.cls)) return true;
  const binding = model.scopes.resolve(expr.id as string, model.scopes.scopeOf(expr));
  const imported = binding?.sites.length === 1 && binding.sites[0]!.kind === "import";
  return imported && /^_?[A-Z](?=\w*[a-z])\w*$/.test(expr.id as string);
}

/** A classmethod (explicit or implicit), or any method of a metaclass: its first parameter is a class. */
function isClassLevelMethod(model: SemanticModel, fn: PyNode, cls: PyNode): boolean {
  if (fn.type === "Lambda") return false;
  if (IMPLICIT_CLASSMETHODS.has(fn.name as string)) return true;
  const decorators = (fn.decorator_list as PyNode[]).map((d) => model.imports.qualifiedName(d) ?? (d.type === "Name" ? (d.id as string) : ""));
  return decorators.includes("classmethod") || decorators.includes("builtins.classmethod") || isMetaclass(model, cls);
}

function isStaticOrClassMethod(model: SemanticModel, fn: PyNode): boolean {
  if (fn.type === "Lambda" || fn.parent?.type !== "ClassDef") return false;
  return (fn.decorator_list as PyNode[]).some((d) => {
    const name = model.imports.qualifiedName(d) ?? (d.type === "Name" ? (d.id as string) : "");
    return ["staticmethod", "classmethod", "builtins.staticmethod", "builtins.classmethod"].includes(name);
  });
}

function isMetaclass(model: SemanticModel, cls: PyNode, seen = new Set<PyNode>()): boolean {
  if (seen.has(cls)) return false;
  seen.add(cls);
  return (cls.bases as PyNode[]).some((base) => {
    if (base.type === "Name" && base.id === "type" && !model.scopes.resolve("type", model.scopes.scopeOf(base))) return true;
    if (model.imports.qualifiedName(base) === "abc.ABCMeta") return true;
    const inner = model.callGraph.resolveClass(base);
    return inner ? isMetaclass(model, inner, seen) : false;
  });
}

/**
 * Functions that run when a class is created: `__init_subclass__`,
 * `__set_name__`, methods of metaclasses, and functions used as class
 * decorators. Their changes happen at class creation, which is import time
 * unless classes are created in threads.
 */
function classCreationHooks(model: SemanticModel): Set<PyNode> {
  const hooks = new Set<PyNode>();
  for (const node of model.nodes.inWalkOrder("FunctionDef", "ClassDef")) {
    if (node.type === "FunctionDef" && (node.name === "__init_subclass__" || node.name === "__set_name__")) hooks.add(node);
    if (node.type === "ClassDef") {
      if (isMetaclass(model, node)) for (const name of METACLASS_HOOKS) {
        const method = model.callGraph.findMethod(node, name);
        if (method && method.parent === node) hooks.add(method);
      }
      for (const decorator of node.decorator_list as PyNode[]) {
        const fn = model.callGraph.resolveFunction(decorator);
        if (fn) hooks.add(fn);
      }
    }
  }
  return hooks;
}

interface Creation {
  node: PyNode;
  /** "class `Handler`", "a class". */
  what: string;
  hooks: PyNode[];
  evidence: Evidence;
}

/** Class statements and `type(name, bases, ns)` calls in concurrent code, with the hooks they run. */
function classesCreatedInThreads(model: SemanticModel, hooks: ReadonlySet<PyNode>): Creation[] {
  const creations: Creation[] = [];
  const inheritedHooks = (bases: readonly PyNode[]): PyNode[] =>
    bases.flatMap((base) => {
      const cls = model.callGraph.resolveClass(base);
      const hook = cls && model.callGraph.findMethod(cls, "__init_subclass__");
      return hook ? [hook] : [];
    });
  // Class statements, and the calls of class factories (any other call creates no class).
  const factoryCalls = new Set(model.callsNamed(CLASS_FACTORIES));
  const candidates = factoryCalls.size > 0 ? model.nodes.inWalkOrder("ClassDef", "Call") : model.nodes.ofType("ClassDef");
  for (const node of candidates) {
    if (node.type === "Call" && !factoryCalls.has(node)) continue;
    const fn = enclosingFunction(node);
    const evidence = fn && model.concurrency.of(fn);
    if (!evidence) continue;
    if (node.type === "ClassDef") {
      const found = [...inheritedHooks(node.bases as PyNode[])];
      for (const decorator of node.decorator_list as PyNode[]) {
        const decoratorFn = model.callGraph.resolveFunction(decorator);
        if (decoratorFn && hooks.has(decoratorFn)) found.push(decoratorFn);
      }
      const metaclass = (node.keywords as PyNode[]).find((k) => k.arg === "metaclass")?.value as PyNode | undefined;
      const meta = metaclass && model.callGraph.resolveClass(metaclass);
      if (meta) for (const name of METACLASS_HOOKS) {
        const method = model.callGraph.findMethod(meta, name);
        if (method && hooks.has(method)) found.push(method);
      }
      if (found.length > 0) creations.push({ node, what: `class \`${node.name as string}\``, hooks: found, evidence });
    } else {
      const name = model.imports.qualifiedName(node.func as PyNode);
      const args = node.args as PyNode[];
      if (name === "builtins.type" && args.length !== 3) continue;
      const bases = args[1];
      const found = bases?.type === "Tuple" || bases?.type === "List" ? inheritedHooks(bases.elts as PyNode[]) : [];
      if (found.length > 0) creations.push({ node, what: "a class", hooks: found, evidence });
    }
  }
  return creations;
}

/**
 * What a class-creation hook changes that other classes' creation also
 * changes: module globals, attributes of other classes, and containers the
 * new class inherits (`cls.registry[…] = cls` fills the base class's dict).
 * Setting the new class's own attributes touches nothing shared yet.
 */
function hookMutations(model: SemanticModel, hook: PyNode): { node: PyNode; state: StateRef }[] {
  const found: { node: PyNode; state: StateRef }[] = [];
  const params = hook.args as PyNode;
  const first = [...(params.posonlyargs as PyNode[]), ...(params.args as PyNode[])][0]?.arg as string | undefined;
  const context = methodContext(hook);
  const newClass = context ? context.self : first;
  const owner = context?.cls ?? null;

  /** The shared container or state an expression goes through, or null. */
  const sharedContainer = (expr: PyNode): StateRef | null => {
    if (expr.type === "Name") {
      const state = model.sharedState.stateOf(expr);
      return state?.kind === "global" ? state : null;
    }
    if (expr.type !== "Attribute") return null;
    const base = expr.value as PyNode;
    const attr = expr.attr as string;
    if (base.type === "Name" && base.id === newClass && owner) {
      // `cls.registry` is the base class's container when the class body defines it.
      const inherited = model.origins.attributeValues(owner, attr).some((value) => value.parent?.parent === owner);
      const name = owner.name as string;
      return inherited ? { id: `class:${name}.${attr}`, kind: "class", display: `${name}.${attr}`, owner, name: attr } : null;
    }
    if (base.type === "Name" && base.id === newClass) return null;
    const state = model.sharedState.stateOf(expr);
    return state && (state.kind === "class" || state.kind === "global") ? state : null;
  };
  const containerOf = (target: PyNode): PyNode | null => (target.type === "Subscript" ? (target.value as PyNode) : null);

  for (const stmt of hook.body as PyNode[]) {
    walk(stmt, (node) => {
      if (NESTED_SCOPES.has(node.type)) return false;
      let state: StateRef | null = null;
      if (node.type === "Assign" || node.type === "AugAssign" || node.type === "Delete") {
        const targets = node.type === "AugAssign" ? [node.target as PyNode] : (node.targets as PyNode[]);
        for (const target of targets) {
          const container = containerOf(target);
          state ??= container ? sharedContainer(container) : target.type === "Name" ? sharedContainer(target) : null;
          if (!state && target.type === "Attribute" && (target.value as PyNode).type === "Name" && (target.value as PyNode).id !== newClass) {
            const other = model.sharedState.stateOf(target);
            if (other?.kind === "class") state = other;
          }
        }
      } else if (node.type === "Call" && (node.func as PyNode).type === "Attribute" && MUTATING_METHODS.has((node.func as PyNode).attr as string)) {
        state = sharedContainer((node.func as PyNode).value as PyNode);
      }
      if (state) found.push({ node, state });
      return true;
    });
  }
  return found;
}
