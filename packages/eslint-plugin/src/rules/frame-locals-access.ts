// aether/frame-locals-access: frame objects used across threads, which can
// crash a free-threaded build (facts §1): on 3.13t reading the frames
// `sys._current_frames()` returns (a use-after-free, not backported,
// gh-152355); on 3.14t/3.15t reading `f_locals` of a frame running in another
// thread (gh-144446); this thread's own frames handed to other threads or
// stored where they reach them; and writes through `f_locals` in concurrent
// code to a frame that need not be the writer's own. A thread's own frames
// (`sys._getframe(n)`, `inspect.currentframe()`) used in that thread are fine.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { Evidence } from "../analysis/concurrency/evidence.js";
import type { StateRef } from "../analysis/concurrency/sharedState.js";
import { MUTATING_METHODS } from "../analysis/concurrency/sharedState.js";
import { callablesOf } from "../analysis/concurrency/threadEntries.js";
import { enclosingStatement } from "../analysis/statements.js";
import { enclosingFunction } from "../analysis/values.js";
import { walk } from "../analysis/walk.js";
import { minorVersion } from "../language/languageOptions.js";
import {
  FOREIGN_LOCALS_SAFE_FROM_MINOR,
  FRAME_ATTRIBUTES_LOCKED_FROM_MINOR,
  FREE_THREADED_FROM_MINOR,
  foreignFrameMaps,
  frameHolders,
  frameLinks,
  handOffMethods,
  handOffQueues,
  copyingCalls,
  keyOnlyCalls,
  localsReaders,
  localsWriters,
  ownFrameSources,
  traceRegistrations,
} from "../data/frames.js";
import { lookup } from "../data/lookup.js";
import { createRule, type Finding } from "../ruleKit/createRule.js";
import { tieredMessageId, tieredMessages } from "../ruleKit/evidence.js";
import { argumentsPassed } from "../ruleKit/heldObjects.js";
import { capitalise, reportedByRaceRules } from "../ruleKit/sharedUse.js";

const PLAIN_VALUES = "plain values captured in the frame's own thread (`f_code.co_name`, `f_lineno`, the locals that are needed)";

const messages = {
  currentFrames:
    "`{{call}}` hands this thread the frames of the other running threads, and this code reads them: on free-threaded Python 3.13 that is a use-after-free that can crash the interpreter, and the fix was not backported (gh-152355). Have each thread record its own stack (`traceback.extract_stack()`) and send that, or target Python 3.14+.",
  foreignLocals:
    "`{{expr}}` reads the local variables of a frame running in another thread (from `{{source}}`, line {{line}}): on free-threaded Python {{version}} this can crash the interpreter (gh-144446). Read only `f_code` and the shape of the stack here, and have the owning thread send the values it wants to share (e.g. through a `queue.Queue`).",
  handedOver:
    "The frame {{frame}} is handed to another thread here ({{how}}): {{consequence}}. Send " + PLAIN_VALUES + " instead.",
  storedShared:
    "The frame {{frame}} is stored in `{{state}}`, where other threads reach it: {{consequence}}. {{evidence}}. Store " + PLAIN_VALUES + " instead, or keep the frame in `threading.local()`.",
  localsWrite:
    "`{{target}}` writes through `f_locals` to a frame this thread did not take from its own stack (`{{frame}}`): if it runs in another thread, {{consequence}}. {{evidence}}. Pass the new value to the thread that owns the frame (e.g. through a `queue.Queue`) and let it assign the variable itself.",
};

export default createRule({
  id: "frame-locals-access",
  meta: {
    type: "problem",
    docs: {
      description: "Frame objects read, written or shared across threads",
      risk: 0.95,
      category: "crash",
    },
    messages: tieredMessages(messages),
    schema: [],
  },
  create(context) {
    return {
      Module() {
        for (const finding of frameFindings(context.model)) context.report(finding);
      },
    };
  },
});

type Origin = { kind: "own" | "foreign"; source: PyNode };

const MAX_DEPTH = 6;

function frameFindings(model: SemanticModel): Finding[] {
  const options = model.sourceCode.languageOptions;
  const minor = minorVersion(options);
  // Default (GIL) builds serialise frame access; the last fix is expected in 3.16.
  if (!options.freeThreaded || minor < FREE_THREADED_FROM_MINOR || minor >= FOREIGN_LOCALS_SAFE_FROM_MINOR) return [];
  const walkingCrashes = minor < FRAME_ATTRIBUTES_LOCKED_FROM_MINOR;
  // With no frame of known origin in the file, only writes through `f_locals` (to a frame of unknown origin) can be found.
  const framesKnown = model.callsNamed(FRAME_SOURCES).length > 0 || hasAttribute(model, frameHolders);
  if (!framesKnown && !hasAttribute(model, LOCALS_PROXY)) return [];
  const frames = new FrameOrigins(model);
  const text = (node: PyNode) => shorten(model.sourceCode.text.slice(node.range[0], node.range[1]));
  const consequence = walkingCrashes
    ? "on free-threaded Python 3.13 touching a frame from a thread other than its own can crash the interpreter (gh-152355)"
    : `on free-threaded Python ${options.pythonVersion} reading its \`f_locals\` there while it runs can crash the interpreter (gh-144446)`;
  const found: Finding[] = [];
  const reported = new Set<PyNode>();
  const add = (finding: Finding) => {
    const stmt = enclosingStatement(finding.node!) ?? finding.node!;
    if (reported.has(stmt)) return;
    reported.add(stmt);
    found.push(finding);
  };

  /** Frames of other threads read, and this thread's frames leaving it (none without a frame of known origin). */
  const frameUse = (node: PyNode) => {
    if (node.type === "Call" && walkingCrashes && foreignFrameMaps.has(model.qualifiedName(node.func as PyNode) ?? "")) {
      if (frames.framesUsed(node)) add({ node, messageId: "currentFrames", data: { call: text(node) } });
    }
    if (!walkingCrashes) {
      const read = foreignLocalsRead(model, frames, node);
      if (read) {
        add({
          node,
          messageId: "foreignLocals",
          data: { expr: text(node), source: text(read.source), line: read.source.loc.start.line, version: options.pythonVersion },
        });
      }
    }
    const escape = frames.escape(node);
    if (escape) {
      const source = escape.origin.source;
      const within = source.range[0] >= node.range[0] && source.range[1] <= node.range[1];
      const frame = within ? `\`${text(node)}\`` : `\`${text(node)}\` (from \`${text(source)}\`, line ${source.loc.start.line})`;
      const base = { frame, consequence };
      if (escape.how) {
        add({ node, messageId: "handedOver", data: { ...base, how: escape.how } });
      } else if (escape.state && escape.evidence) {
        add({
          node,
          messageId: tieredMessageId("storedShared", escape.evidence.tier),
          data: { ...base, state: escape.state.display, evidence: capitalise(escape.evidence.reason) },
        });
      }
    }
  };

  // Every check reports a call, an attribute, a name or a subscript; writes only calls and subscripts.
  const candidates = framesKnown ? model.nodes.inWalkOrder("Call", "Attribute", "Name", "Subscript") : model.nodes.inWalkOrder("Call", "Subscript");
  for (const node of candidates) {
    if (framesKnown) frameUse(node);
    const write = localsWrite(node);
    if (write && !frames.originOf(write.frame)) {
      const evidence = model.concurrency.of(enclosingFunction(node));
      if (evidence) {
        add({
          node: write.node,
          messageId: tieredMessageId("localsWrite", evidence.tier),
          data: {
            target: text(write.node),
            frame: text(write.frame),
            consequence: walkingCrashes ? "this can crash free-threaded Python 3.13 (gh-152355)" : `this can crash free-threaded Python ${options.pythonVersion} (gh-144446)`,
            evidence: capitalise(evidence.reason),
          },
        });
      }
    }
  }
  return found.sort((a, b) => a.node!.range[0] - b.node!.range[0]);
}

/**
 * Where frames come from, save a traceback's `tb_frame`: calls that return
 * this thread's own frame or every thread's (`sys._current_frames()`), and
 * those that hand one to a trace or profile function. A file that makes
 * none of these calls and reads no `tb_frame` holds no frame of known origin.
 */
const FRAME_SOURCES: ReadonlySet<string> = new Set([...ownFrameSources, ...foreignFrameMaps, ...traceRegistrations]);

/** The attribute through which frame locals are read and written. */
const LOCALS_PROXY: ReadonlySet<string> = new Set(["f_locals"]);

/** Whether the file reads an attribute of one of these names anywhere. */
function hasAttribute(model: SemanticModel, names: ReadonlySet<string>): boolean {
  return model.nodes.ofType("Attribute").some((node) => names.has(node.attr as string));
}

/** `frame.f_locals` (or `inspect.getargvalues(frame)`) on a frame of another thread: where it came from. */
function foreignLocalsRead(model: SemanticModel, frames: FrameOrigins, node: PyNode): Origin | null {
  let frame: PyNode | undefined;
  if (node.type === "Attribute" && node.attr === "f_locals") frame = node.value as PyNode;
  else if (node.type === "Call") {
    const position = lookup(localsReaders, model.qualifiedName(node.func as PyNode));
    if (position !== undefined) frame = (node.args as PyNode[])[position];
  }
  const origin = frame ? frames.originOf(frame) : null;
  return origin?.kind === "foreign" ? origin : null;
}

/** `frame.f_locals[k] = v`, `del frame.f_locals[k]`, `frame.f_locals.update(…)`: the write and the frame. */
function localsWrite(node: PyNode): { node: PyNode; frame: PyNode } | null {
  const proxyFrame = (expr: PyNode) => (expr.type === "Attribute" && expr.attr === "f_locals" ? (expr.value as PyNode) : null);
  if (node.type === "Subscript" && node.ctx !== "Load") {
    const frame = proxyFrame(node.value as PyNode);
    return frame && { node: enclosingStatement(node) ?? node, frame };
  }
  if (node.type === "Call" && (node.func as PyNode).type === "Attribute" && localsWriters.has((node.func as PyNode).attr as string)) {
    const frame = proxyFrame((node.func as PyNode).value as PyNode);
    return frame && { node, frame };
  }
  return null;
}

/**
 * Where frame objects come from: this thread's own stack (`sys._getframe()`,
 * `inspect.currentframe()`, a traceback's `tb_frame`, and their `f_back`), or
 * other threads' (`sys._current_frames()`), followed through local names,
 * loops over the frame map, and the parameters of in-file functions.
 */
class FrameOrigins {
  readonly #cache = new Map<PyNode, Origin | null>();
  readonly #ownParameters = new Set<PyNode>();

  constructor(private readonly model: SemanticModel) {
    // Trace and profile functions get frames of the thread they run in.
    for (const node of model.callsNamed(traceRegistrations)) {
      const callback = (node.args as PyNode[])[0];
      for (const fn of callback ? callablesOf(model, callback) : []) {
        const first = parameters(fn)[fn.parent?.type === "ClassDef" && callback.type === "Attribute" ? 1 : 0];
        if (first) this.#ownParameters.add(first);
      }
    }
  }

  originOf(expr: PyNode, depth = 0): Origin | null {
    if (depth > MAX_DEPTH) return null;
    if (this.#cache.has(expr)) return this.#cache.get(expr)!;
    this.#cache.set(expr, null); // cycles (`frame = frame.f_back`) add nothing
    const origin = this.#compute(expr, depth);
    this.#cache.set(expr, origin);
    return origin;
  }

  #compute(expr: PyNode, depth: number): Origin | null {
    const model = this.model;
    switch (expr.type) {
      case "Call": {
        const func = expr.func as PyNode;
        if (ownFrameSources.has(model.qualifiedName(func) ?? "")) return { kind: "own", source: expr };
        if (func.type === "Attribute" && func.attr === "get") return this.#foreign(func.value as PyNode);
        return null;
      }
      case "Subscript":
        return this.#foreign(expr.value as PyNode);
      case "Attribute": {
        const attr = expr.attr as string;
        if (frameLinks.has(attr)) return this.originOf(expr.value as PyNode, depth + 1);
        if (frameHolders.has(attr)) return { kind: "own", source: expr };
        return null;
      }
      case "Name":
        return this.#nameOrigin(expr, depth);
      default:
        return null;
    }
  }

  /** A frame taken out of a `sys._current_frames()` result. */
  #foreign(map: PyNode): Origin | null {
    const source = this.#frameMap(map);
    return source ? { kind: "foreign", source } : null;
  }

  /** The `sys._current_frames()` call an expression holds the result of, if any. */
  #frameMap(expr: PyNode, depth = 0): PyNode | null {
    if (depth > MAX_DEPTH) return null;
    const copied = this.#copied(expr);
    if (copied) return this.#frameMap(copied, depth + 1);
    if (expr.type === "Call") return foreignFrameMaps.has(this.model.qualifiedName(expr.func as PyNode) ?? "") ? expr : null;
    if (expr.type !== "Name") return null;
    const binding = this.model.scopes.resolve(expr.id as string, this.model.scopes.scopeOf(expr));
    const site = binding?.sites.length === 1 ? binding.sites[0] : undefined;
    return site?.value ? this.#frameMap(site.value, depth + 1) : null;
  }

  /** `dict(x)`, `list(x)`, `sorted(x)`, `tuple(x)`: `x`, whose items the copy holds. */
  #copied(expr: PyNode): PyNode | null {
    if (expr.type !== "Call" || (expr.args as PyNode[]).length !== 1) return null;
    const func = expr.func as PyNode;
    const name = this.model.qualifiedName(func) ?? (func.type === "Name" && !this.#bound(func) ? `builtins.${func.id as string}` : null);
    return name && copyingCalls.has(name) ? (expr.args as PyNode[])[0]! : null;
  }

  #nameOrigin(name: PyNode, depth: number): Origin | null {
    const model = this.model;
    const binding = model.scopes.resolve(name.id as string, model.scopes.scopeOf(name));
    if (!binding) return null;
    // A frame held where other threads reach it (a global, a closure cell) may be any thread's own.
    const local = binding.scope.node === enclosingFunction(name) || (binding.scope.kind === "module" && enclosingFunction(name) === null);
    let found: Origin | null = null;
    for (const site of binding.sites) {
      let origin: Origin | null;
      if (site.kind === "assignment" && site.value) {
        if (site.value.type === "Constant" && site.value.value === null) continue;
        origin = this.originOf(site.value, depth + 1);
      } else if (site.kind === "loop") {
        origin = this.#loopOrigin(site.node);
      } else if (site.kind === "parameter") {
        origin = this.#parameterOrigin(site.node, depth);
      } else {
        origin = null;
      }
      if (origin?.kind === "foreign") return origin;
      if (!origin || (found && found.kind !== origin.kind)) return null;
      found ??= origin;
    }
    return found && (found.kind === "foreign" || local) ? found : null;
  }

  /** `for tid, frame in frames.items()`, `for frame in frames.values()`. */
  #loopOrigin(target: PyNode): Origin | null {
    let loop: PyNode | null = target.parent;
    let element = target;
    while (loop && (loop.type === "Tuple" || loop.type === "List")) {
      element = loop;
      loop = loop.parent;
    }
    if (!loop || (loop.type !== "For" && loop.type !== "comprehension")) return null;
    const iter = this.#copied(loop.iter as PyNode) ?? (loop.iter as PyNode);
    if (iter.type !== "Call" || (iter.func as PyNode).type !== "Attribute") return null;
    const method = (iter.func as PyNode).attr;
    const unpacked = element !== target && (element.elts as PyNode[]).length === 2 && (element.elts as PyNode[])[1] === target;
    if ((method === "values" && element === target) || (method === "items" && unpacked)) {
      return this.#foreign((iter.func as PyNode).value as PyNode);
    }
    return null;
  }

  /** A parameter: another thread's frame if any in-file caller passes one; its own if every caller passes its own. */
  #parameterOrigin(parameter: PyNode, depth: number): Origin | null {
    if (this.#ownParameters.has(parameter)) return { kind: "own", source: parameter };
    const fn = parameter.parent?.parent;
    if (!fn || !["FunctionDef", "AsyncFunctionDef", "Lambda"].includes(fn.type)) return null;
    const position = parameters(fn).indexOf(parameter);
    const sites = this.model.callGraph.callsTo(fn);
    let own: Origin | null = null;
    let allOwn = sites.length > 0;
    for (const site of sites) {
      const call = site.call;
      const bound = (call.func as PyNode).type === "Attribute" && fn.parent?.type === "ClassDef" ? 1 : 0;
      const keyword = (call.keywords as PyNode[]).find((k) => k.arg === parameter.arg)?.value as PyNode | undefined;
      const arg = keyword ?? (call.args as PyNode[])[position - bound];
      const origin = arg && arg.type !== "Starred" ? this.originOf(arg, depth + 1) : null;
      if (origin?.kind === "foreign") return origin;
      if (origin?.kind === "own") own ??= origin;
      else allOwn = false;
    }
    return allOwn ? own : null;
  }

  /**
   * Whether the frames of a `sys._current_frames()` call are read: anything
   * but its thread ids (`len(…)`, `.keys()`, `tid in …`, looping over the keys).
   */
  framesUsed(call: PyNode, depth = 0): boolean {
    if (depth > MAX_DEPTH) return true;
    const parent = call.parent;
    if (!parent) return true;
    switch (parent.type) {
      case "Attribute":
        return parent.attr !== "keys";
      case "Compare":
        return !(parent.comparators as PyNode[]).includes(call) || !(parent.ops as string[]).every((op) => op === "In" || op === "NotIn");
      case "For":
      case "comprehension":
        return parent.iter !== call;
      case "Call": {
        const func = parent.func as PyNode;
        const name = this.model.qualifiedName(func) ?? (func.type === "Name" && !this.#bound(func) ? `builtins.${func.id as string}` : null);
        return !keyOnlyCalls.has(name ?? "");
      }
      case "Assign": {
        const targets = parent.targets as PyNode[];
        const target = targets[0];
        if (targets.length !== 1 || target?.type !== "Name") return true;
        return this.#usesOf(target).some((use) => this.framesUsed(use, depth + 1));
      }
      case "Expr":
        return false;
      default:
        return true;
    }
  }

  #bound(name: PyNode): boolean {
    return !!this.model.scopes.resolve(name.id as string, this.model.scopes.scopeOf(name));
  }

  /** The reads of the variable a Name target binds (in its scope). */
  #usesOf(target: PyNode): PyNode[] {
    const model = this.model;
    const binding = model.scopes.resolve(target.id as string, model.scopes.scopeOf(target));
    if (!binding) return [];
    const uses: PyNode[] = [];
    walk(binding.scope.node, (node) => {
      if (node.type === "Name" && node.ctx === "Load" && node.id === target.id && model.scopes.resolve(node.id as string, model.scopes.scopeOf(node)) === binding) {
        uses.push(node);
      }
    });
    return uses;
  }

  /**
   * Where this thread's own frame leaves it: handed to a thread or put into
   * a queue (`how`), or stored in shared state (with the evidence that
   * other threads use that state).
   */
  escape(node: PyNode): { origin: Origin; how?: string; state?: StateRef; evidence?: Evidence | null } | null {
    if ((node.type !== "Call" && node.type !== "Attribute" && node.type !== "Name") || (node.type === "Name" && node.ctx !== "Load")) return null;
    // Only the outermost frame expression of a chain (`sys._getframe().f_back`).
    const parent = node.parent;
    if (parent?.type === "Attribute" && frameLinks.has(parent.attr as string)) return null;
    if (node.type === "Call" && parent?.type === "Attribute" && parent.value === node) return null;
    let carrier = node;
    while (carrier.parent && CARRIERS.has(carrier.parent.type)) carrier = carrier.parent;
    const holder = carrier.parent;
    // Only an argument or an assigned value can leave the thread; most names are neither.
    if (!holder || !(holder.type === "Call" ? holder.func !== carrier : (holder.type === "Assign" || holder.type === "AnnAssign") && holder.value === carrier)) return null;
    const origin = this.originOf(node);
    if (origin?.kind !== "own") return null;
    const model = this.model;
    const line = (call: PyNode) => call.loc.start.line;
    const funcText = (call: PyNode) => model.sourceCode.text.slice((call.func as PyNode).range[0], (call.func as PyNode).range[1]);
    if (holder.type === "Call") {
      // `Thread(args=(frame,))`, `pool.submit(f, frame)`, `Thread(target=partial(f, frame))`.
      for (const call of [holder, enclosingCall(holder)]) {
        if (call && argumentsPassed(model, call).includes(node)) return { origin, how: `passed to \`${funcText(call)}\` at line ${line(call)}` };
      }
      const func = holder.func as PyNode;
      if (func.type === "Attribute" && (holder.args as PyNode[]).includes(carrier)) {
        const receiver = func.value as PyNode;
        const method = func.attr as string;
        const kind = model.origins.constructorOf(receiver);
        if (handOffMethods.has(method) && kind && handOffQueues.has(kind)) {
          return { origin, how: `put into the \`${kind}\` \`${model.sourceCode.text.slice(receiver.range[0], receiver.range[1])}\`` };
        }
        if (MUTATING_METHODS.has(method)) return this.#stored(origin, receiver, holder);
      }
      return null;
    }
    if ((holder.type === "Assign" || holder.type === "AnnAssign") && holder.value === carrier) {
      const targets = holder.type === "Assign" ? (holder.targets as PyNode[]) : [holder.target as PyNode];
      for (const target of targets) {
        const stored = this.#stored(origin, target, holder);
        if (stored) return stored;
      }
    }
    return null;
  }

  /** A frame stored into `target` (or into the container it indexes): shared state that other threads use. */
  #stored(origin: Origin, target: PyNode, at: PyNode): { origin: Origin; state: StateRef; evidence: Evidence | null } | null {
    const model = this.model;
    let base = target;
    while (base.type === "Subscript") base = base.value as PyNode;
    let state = model.sharedState.stateOf(base);
    if (!state && base.type === "Attribute" && (base.value as PyNode).type === "Name") {
      base = base.value as PyNode;
      state = model.sharedState.stateOf(base);
    }
    if (!state || model.sharedState.isSafeByConstruction(base) || reportedByRaceRules(model, at)) return null;
    const fn = enclosingFunction(at);
    const id = state.id;
    let evidence = model.concurrency.of(fn);
    for (const access of model.accesses) {
      if (evidence) break;
      if (access.state.id === id && access.fn !== fn) evidence = model.concurrency.of(access.fn);
    }
    return evidence ? { origin, state, evidence } : null;
  }
}

/** Containers and keywords a frame can ride in to a call or an assignment (`Thread(args=(frame,))`). */
const CARRIERS: ReadonlySet<string> = new Set(["Tuple", "List", "Set", "Starred", "Dict", "keyword"]);

/** The call an argument belongs to, through containers and keywords (`Thread(target=partial(f, x))`). */
function enclosingCall(node: PyNode): PyNode | null {
  let current = node.parent;
  while (current && ["Tuple", "List", "Starred", "keyword"].includes(current.type)) current = current.parent;
  return current?.type === "Call" ? current : null;
}

/** A function's parameters in order (positional first). */
function parameters(fn: PyNode): PyNode[] {
  const args = fn.args as PyNode;
  return [...(args.posonlyargs as PyNode[]), ...(args.args as PyNode[]), ...(args.kwonlyargs as PyNode[])];
}

function shorten(text: string): string {
  const line = text.split("\n")[0]!;
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
