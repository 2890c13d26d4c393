// aether/shared-iterator: one iterator or generator object consumed from
// several threads — created once (`iter(x)`, a generator, a file, `csv.reader`,
// `itertools.*`) and then `next()`-ed or looped over in concurrent code, or
// handed to several threads as the same object. The threads skip or repeat
// items; a shared generator can crash free-threaded 3.13t/3.14t outright
// (facts §2), so it gets its own message. Iterating a shared iterable (each
// thread calls `iter()` itself) is fine, and so is `next()` on a shared
// `itertools.count` from 3.13.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import { isGeneratorFunction } from "../analysis/generatorFunctions.js";
import type { Evidence } from "../analysis/concurrency/evidence.js";
import type { StateRef } from "../analysis/concurrency/sharedState.js";
import { minorVersion } from "../language/languageOptions.js";
import {
  COUNTER_SAFE_FROM_MINOR,
  GENERATOR_CRASH_FIXED_MINOR,
  consumingCalls,
  consumingMethods,
  iteratorConstructors,
  type IteratorKind,
} from "../data/iterators.js";
import { lookup } from "../data/lookup.js";
import { enclosingFunction } from "../analysis/values.js";
import type { Finding } from "../ruleKit/createRule.js";
import { tieredMessageId } from "../ruleKit/evidence.js";
import { createModelRule } from "../ruleKit/modelRule.js";
import { assignedValues, classifyHeld, heldObject, passedToThreads } from "../ruleKit/heldObjects.js";
import { enclosingStatement } from "../analysis/statements.js";
import {
  capitalise,
  evidenceFor,
  guardSuggestionFor,
  instancesFor,
  protectionFor,
  sameThread,
  unprotected,
  type SharedUse,
} from "../ruleKit/sharedUse.js";

const HAND_OUT = "or hand the items out through a `queue.Queue`";

const messages = {
  sharedIterator:
    "`{{state}}` is one iterator (`{{made}}`, line {{line}}) consumed here by several threads: they skip or repeat items. {{evidence}}. {{protection}}, " +
    HAND_OUT +
    ".",
  sharedGenerator:
    "`{{state}}` is one generator (`{{made}}`, line {{line}}) consumed here by several threads: on free-threaded 3.13t/3.14t this can crash the interpreter (gh-120321), elsewhere it raises `ValueError: generator already executing`. {{evidence}}. {{protection}}, " +
    HAND_OUT +
    ".",
  generatorAlreadyExecuting:
    "`{{state}}` is one generator (`{{made}}`, line {{line}}) consumed here by several threads: concurrent `next()` raises `ValueError: generator already executing` and items are lost. {{evidence}}. {{protection}}, " +
    HAND_OUT +
    ".",
  passedIterator:
    "The same iterator `{{state}}` (`{{made}}`, line {{line}}) is handed to several threads here: they skip or repeat items. {{evidence}}. Give each thread its own iterator over the iterable, " +
    HAND_OUT +
    ".",
  passedGenerator:
    "The same generator `{{state}}` (`{{made}}`, line {{line}}) is handed to several threads here: {{consequence}}. {{evidence}}. Give each thread its own generator, " +
    HAND_OUT +
    ".",
};

/** Simple statements a lock can wrap without serialising a whole loop. */
const GUARDABLE = new Set(["Expr", "Assign", "AnnAssign", "AugAssign", "Return"]);

interface Consumption {
  node: PyNode;
  /** The iterator expression consumed. */
  expr: PyNode;
  fn: PyNode | null;
}

export default createModelRule({
  id: "shared-iterator",
  docs: {
    description: "One iterator or generator object consumed from several threads",
    risk: 0.8,
    category: "data loss",
  },
  messages,
  find: findSharedIterators,
});

function findSharedIterators(model: SemanticModel): Finding[] {
  const options = model.sourceCode.languageOptions;
  const minor = minorVersion(options);
  const generatorCrashes = options.freeThreaded && minor < GENERATOR_CRASH_FIXED_MINOR;
  const text = (node: PyNode) => model.sourceCode.text.slice(node.range[0], node.range[1]);
  // `next()` on a shared `itertools.count` is atomic from 3.13: nothing is skipped or repeated.
  const skip = (kind: IteratorKind | null): boolean => kind === null || (kind === "counter" && minor >= COUNTER_SAFE_FROM_MINOR);
  const made = (values: readonly PyNode[]) => {
    const value = values[0]!;
    const shown = text(value).split("\n")[0]!;
    return { made: shown.length > 40 ? `${shown.slice(0, 39)}…` : shown, line: value.loc.start.line };
  };
  const sharedMessage = (kind: IteratorKind) =>
    kind !== "generator" ? "sharedIterator" : generatorCrashes ? "sharedGenerator" : "generatorAlreadyExecuting";

  // Consumptions of iterators held in shared state, grouped by that state.
  const byState = new Map<string, { use: Consumption; kind: IteratorKind; values: PyNode[]; evidence: Evidence; state: StateRef }[]>();
  for (const use of consumptions(model)) {
    const held = heldObject(model, use.expr);
    if (!held || held.values.length === 0) continue;
    const kind = classifyHeld(model, held.values, (value) => iteratorKind(model, value));
    if (skip(kind)) continue;
    // Taking an item moves the iterator on: a read-modify-write of its position.
    const evidence = evidenceFor(model, use.fn, held.state, use.node, "rmw");
    if (!evidence) continue;
    const list = byState.get(held.state.id) ?? [];
    list.push({ use, kind: kind!, values: held.values, evidence, state: held.state });
    byState.set(held.state.id, list);
  }

  const found: Finding[] = [];
  for (const uses of byState.values()) {
    const reportedIn = new Set<PyNode | null>();
    for (const { use, kind, values, evidence, state } of uses) {
      // Several threads consume it: this function runs in several at once, or a function on another thread also consumes it.
      const several =
        instancesFor(model, state, evidence) === "many" ||
        uses.some((other) => other.use.fn !== use.fn && !sameThread(model, state, evidence, other.evidence));
      if (!several || reportedIn.has(use.fn) || !unprotected(model, use.node)) continue;
      reportedIn.add(use.fn);
      const held = heldObject(model, use.expr)!;
      const shared: SharedUse = { node: use.node, state: held.state, fn: use.fn, evidence };
      const stmt = enclosingStatement(use.node);
      found.push({
        node: use.node,
        messageId: tieredMessageId(sharedMessage(kind), evidence.tier),
        data: { state: held.state.display, ...made(values), evidence: capitalise(evidence.reason), protection: protectionFor(model, shared) },
        ...(stmt && GUARDABLE.has(stmt.type) && use.node.type === "Call" && use.fn?.type !== "Lambda" ? guardSuggestionFor(model, shared) : {}),
      });
    }
  }

  // The same iterator handed to several threads.
  const passed = passedToThreads(model);
  const timesPassed = new Map<string, number>();
  const bindingKey = (arg: PyNode) => {
    const binding = model.scopes.resolve(arg.id as string, model.scopes.scopeOf(arg));
    return binding ? `${binding.scope.node.range[0]}:${binding.name}` : null;
  };
  for (const p of passed) {
    const key = bindingKey(p.arg);
    if (key) timesPassed.set(key, (timesPassed.get(key) ?? 0) + 1);
  }
  for (const p of passed) {
    const values = assignedValues(model, p.arg);
    if (!values || values.length === 0) continue;
    const kind = classifyHeld(model, values, (value) => iteratorKind(model, value));
    if (skip(kind)) continue;
    const key = bindingKey(p.arg);
    if (!p.inLoop && (!key || timesPassed.get(key)! < 2)) continue;
    const evidence = model.concurrency.of(p.entry.fn);
    if (!evidence) continue;
    found.push({
      node: p.arg,
      messageId: tieredMessageId(kind === "generator" ? "passedGenerator" : "passedIterator", evidence.tier),
      data: {
        state: p.arg.id as string,
        ...made(values),
        evidence: capitalise(evidence.reason),
        consequence: generatorCrashes
          ? "on free-threaded 3.13t/3.14t this can crash the interpreter (gh-120321), elsewhere it raises `ValueError: generator already executing`"
          : "concurrent `next()` raises `ValueError: generator already executing` and items are lost",
      },
    });
  }
  return found;
}

/** Every place an iterator is consumed: `next(it)`, `for x in it`, comprehensions, `it.__next__()`, `list(it)`. */
function consumptions(model: SemanticModel): Consumption[] {
  const found: Consumption[] = [];
  const held = (expr: PyNode | undefined): expr is PyNode => !!expr && (expr.type === "Name" || expr.type === "Attribute");
  const add = (node: PyNode, expr: PyNode | undefined) => {
    if (held(expr)) found.push({ node, expr, fn: enclosingFunction(node) });
  };
  for (const node of model.nodes.inWalkOrder("Call", "For", "comprehension")) {
    if (node.type === "Call") {
      const func = node.func as PyNode;
      const first = (node.args as PyNode[])[0];
      // Whether a name is the builtin is asked last: it resolves the name.
      if (func.type === "Name" && consumingCalls.has(func.id as string) && held(first) && isBuiltin(model, func)) add(node, first);
      else if (func.type === "Attribute" && consumingMethods.has(func.attr as string)) add(node, func.value as PyNode);
    } else {
      add(node.type === "For" ? node : (node.iter as PyNode), node.iter as PyNode);
    }
  }
  return found;
}

function isBuiltin(model: SemanticModel, name: PyNode): boolean {
  return !model.scopes.resolve(name.id as string, model.scopes.scopeOf(name));
}

/** What kind of iterator a value is, by the call or expression that made it. */
function iteratorKind(model: SemanticModel, value: PyNode): IteratorKind | null {
  if (value.type === "GeneratorExp") return "generator";
  if (value.type !== "Call") return null;
  const func = value.func as PyNode;
  const generatorFunction = model.callGraph.resolveFunction(func);
  if (generatorFunction) return isGeneratorFunction(generatorFunction) ? "generator" : null;
  const name = model.imports.qualifiedName(func) ?? (func.type === "Name" && isBuiltin(model, func) ? `builtins.${func.id as string}` : null);
  const kind = lookup(iteratorConstructors, name);
  if (!kind) return null;
  // `iter(generator)` is the generator itself.
  const first = (value.args as PyNode[])[0];
  if (name === "builtins.iter" && first && iteratorKind(model, first) === "generator") return "generator";
  return kind;
}

