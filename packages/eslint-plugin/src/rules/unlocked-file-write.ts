// aether/unlocked-file-write: concurrent code writing a file whose path does
// not depend on the thread or task (a module constant, a `self.` attribute of
// a shared object, a literal) with no lock: `open(p, "w"/"a")`,
// `Path.write_text/bytes`, `Path.open("w")`; and writes through one open file
// shared by threads (`f.write`, `json.dump(x, f)`, `print(…, file=f)`). The
// writers interleave, truncate or tear each other's content.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { Evidence } from "../analysis/concurrency/evidence.js";
import {
  PATH_OPEN,
  fileOpeners,
  handleWriteMethods,
  handleWriters,
  pathBuilders,
  pathConstructors,
  pathMethods,
  pathWriteMethods,
  type Opener,
} from "../data/fileWrites.js";
import { lookup } from "../data/lookup.js";
import { enclosingFunction } from "../analysis/values.js";
import type { Finding } from "../ruleKit/createRule.js";
import { tieredMessageId } from "../ruleKit/evidence.js";
import { createModelRule } from "../ruleKit/modelRule.js";
import { assignedValues, classifyHeld, heldObject } from "../ruleKit/heldObjects.js";
import {
  capitalise,
  evidenceFor,
  guardSuggestionFor,
  instancesFor,
  lockHeld,
  ownerState,
  protectionFor,
  sameThread,
  unprotected,
  type SharedUse,
} from "../ruleKit/sharedUse.js";

const messages = {
  fixedPath:
    "`{{call}}` writes `{{path}}`, a path every thread shares, with no lock held: {{consequence}}. {{evidence}}. {{protection}}, or write a temporary file and `os.replace()` it into place.",
  sharedHandle:
    "`{{state}}` is one open file (line {{line}}) written here by several threads with no lock held: {{consequence}}. {{evidence}}. {{protection}}, or hand what is written to one writer thread through a `queue.Queue`.",
};

const CONSEQUENCES = {
  truncate: "concurrent writers truncate and overwrite each other, leaving a torn or mixed file",
  append: "lines from concurrent writers interleave",
  text: "a text file is not thread-safe, so output interleaves mid-record (and concurrent writes have crashed free-threaded builds, gh-118138)",
  records: "each record is several writes, so records from concurrent writers interleave",
};

const MAX_DEPTH = 6;

export default createModelRule({
  id: "unlocked-file-write",
  docs: {
    description: "Concurrent code writing one shared file path or file object without a lock",
    risk: 0.6,
    category: "corruption",
  },
  messages,
  find: (model) => [...fixedPathWrites(model), ...sharedHandleWrites(model)],
});

interface Write {
  call: PyNode;
  path: PyNode;
  mode: string;
  fn: PyNode | null;
  /** Which file: the path's text, with local aliases followed. */
  key: string;
}

/** A call that writes a file: `open(p, "w")`, `Path(p).write_text(…)`, `p.open("a")`. */
function fileWrite(model: SemanticModel, call: PyNode): Omit<Write, "fn" | "key"> | null {
  const func = call.func as PyNode;
  const name = model.imports.qualifiedName(func);
  const opener = lookup(fileOpeners, name);
  if (opener) {
    const path = argument(call, opener.path, ["file", "filename"]);
    const mode = modeOf(call, opener);
    return path && mode && isWriteMode(mode) ? { call, path, mode } : null;
  }
  // Only a path's write methods and `open` write (asked first: most calls are neither).
  if (func.type !== "Attribute" || (!pathWriteMethods.has(func.attr as string) && func.attr !== "open")) return null;
  if (!isPathObject(model, func.value as PyNode, 0)) return null;
  if (pathWriteMethods.has(func.attr as string)) return { call, path: func.value as PyNode, mode: "w" };
  if (func.attr === "open") {
    const mode = modeOf(call, PATH_OPEN);
    return mode && isWriteMode(mode) ? { call, path: func.value as PyNode, mode } : null;
  }
  return null;
}

function argument(call: PyNode, position: number, keywords: readonly string[]): PyNode | null {
  const keyword = (call.keywords as PyNode[]).find((k) => keywords.includes(k.arg as string));
  if (keyword) return keyword.value as PyNode;
  return position >= 0 ? ((call.args as PyNode[])[position] ?? null) : null;
}

/** The literal mode of an open call (its default when absent), or null when it is computed. */
function modeOf(call: PyNode, opener: Opener): string | null {
  const mode = argument(call, opener.modePosition, ["mode"]);
  if (!mode) return opener.defaultMode;
  return mode.type === "Constant" && typeof mode.value === "string" ? mode.value : null;
}

function isWriteMode(mode: string): boolean {
  return /[wax+]/.test(mode);
}

/** `Path(…)`, `BASE / "x"`, `p.with_suffix(…)`, or a name or attribute assigned one. */
function isPathObject(model: SemanticModel, expr: PyNode, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (expr.type) {
    case "Call": {
      const name = model.imports.qualifiedName(expr.func as PyNode);
      if (name && pathConstructors.has(name)) return true;
      const func = expr.func as PyNode;
      return func.type === "Attribute" && pathMethods.has(func.attr as string) && isPathObject(model, func.value as PyNode, depth + 1);
    }
    case "BinOp":
      return expr.op === "Div" && isPathObject(model, expr.left as PyNode, depth + 1);
    case "Name":
    case "Attribute": {
      const values = assignedValues(model, expr);
      return !!values && values.length > 0 && values.every((value) => isPathObject(model, value, depth + 1));
    }
    default:
      return false;
  }
}

/**
 * Whether a path is the same for every thread that runs `fn`: built from
 * literals, module-level names, and attributes of a shared `self`, through
 * path builders. A parameter, a loop variable or any other call makes it
 * depend on the caller, the task or the thread.
 */
function isFixedPath(model: SemanticModel, expr: PyNode, evidence: Evidence, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const fixed = (e: PyNode) => isFixedPath(model, e, evidence, depth + 1);
  switch (expr.type) {
    case "Constant":
      return typeof expr.value === "string" || (typeof expr.value === "object" && expr.value !== null && "bytes" in expr.value);
    case "JoinedStr":
      return (expr.values as PyNode[]).every((v) => (v.type === "FormattedValue" ? fixed(v.value as PyNode) : true));
    case "BinOp":
      return ["Div", "Add", "Mod"].includes(expr.op as string) && fixed(expr.left as PyNode) && fixed(expr.right as PyNode);
    case "Name": {
      const binding = model.scopes.resolve(expr.id as string, model.scopes.scopeOf(expr));
      if (!binding) return false;
      if (binding.scope.kind === "module") return binding.sites.every((s) => s.kind === "import" || s.kind === "assignment");
      // A local: fixed when everything assigned to it is.
      return binding.sites.every((s) => s.kind === "assignment" && !!s.value && fixed(s.value));
    }
    case "Attribute": {
      const selfClass = model.origins.classOfSelfAttribute(expr);
      if (selfClass) {
        // One object that several threads use names one file; a thread's own object (one thread per instance) does not.
        const state = model.sharedState.stateOf(expr);
        return model.origins.attributeValues(selfClass, expr.attr as string).length > 0 && !!state && instancesFor(model, state, evidence) === "many";
      }
      return model.imports.qualifiedName(expr) !== null || model.origins.classOfClassAttribute(expr) !== null;
    }
    case "Call": {
      const func = expr.func as PyNode;
      const name = model.imports.qualifiedName(func);
      const args = [...(expr.args as PyNode[]), ...(expr.keywords as PyNode[]).map((k) => k.value as PyNode)];
      if (name && pathBuilders.has(name)) return args.every(fixed);
      if (func.type === "Attribute" && pathMethods.has(func.attr as string)) return fixed(func.value as PyNode) && args.every(fixed);
      return false;
    }
    default:
      return false;
  }
}

/** Which file a path names, for grouping writers: its text, with local aliases followed. */
function pathKey(model: SemanticModel, expr: PyNode, depth = 0): string {
  if (expr.type === "Name" && depth < MAX_DEPTH) {
    const binding = model.scopes.resolve(expr.id as string, model.scopes.scopeOf(expr));
    const site = binding?.sites.length === 1 ? binding.sites[0] : undefined;
    if (binding && binding.scope.kind !== "module" && site?.value) return pathKey(model, site.value, depth + 1);
  }
  return model.sourceCode.text.slice(expr.range[0], expr.range[1]);
}

function fixedPathWrites(model: SemanticModel): Finding[] {
  const writes: Write[] = [];
  for (const node of model.nodes.ofType("Call")) {
    const write = fileWrite(model, node);
    if (write) writes.push({ ...write, fn: enclosingFunction(node), key: pathKey(model, write.path) });
  }
  const text = (node: PyNode) => model.sourceCode.text.slice(node.range[0], node.range[1]);
  const found: Finding[] = [];
  for (const write of writes) {
    if (!write.fn || !unprotected(model, write.call)) continue;
    const sameFile = writes.filter((w) => w !== write && w.key === write.key && w.fn);
    let evidence = model.concurrency.of(write.fn);
    // Another writer of this file takes a lock: the authors meant the file to be shared.
    if (!evidence && sameFile.some((w) => lockHeld(model, w.call))) evidence = model.concurrency.moduleLockEvidence(write.fn, write.key);
    if (!evidence || !isFixedPath(model, write.path, evidence)) continue;
    const several = evidence.instances === "many" || sameFile.some((w) => w.fn !== write.fn && model.concurrency.of(w.fn));
    if (!several) continue;
    const use: SharedUse = { node: write.call, state: ownerState(model, write.call, write.key), fn: write.fn, evidence };
    const shown = text(write.call).split("\n")[0]!;
    found.push({
      node: write.call,
      messageId: tieredMessageId("fixedPath", evidence.tier),
      data: {
        call: shown.length > 60 ? `${shown.slice(0, 59)}…` : shown,
        path: write.key,
        consequence: write.mode.includes("a") ? CONSEQUENCES.append : CONSEQUENCES.truncate,
        evidence: capitalise(evidence.reason),
        protection: protectionFor(model, use),
      },
      ...(write.fn.type !== "Lambda" ? guardSuggestionFor(model, use) : {}),
    });
  }
  return found;
}

interface HandleWrite {
  node: PyNode;
  handle: PyNode;
  /** Whether the write is one call that the buffered binary layer keeps whole. */
  single: boolean;
}

/** `f.write(…)`, `f.writelines(…)`, `json.dump(x, f)`, `print(…, file=f)`. */
function handleWrite(model: SemanticModel, call: PyNode): HandleWrite | null {
  const func = call.func as PyNode;
  if (func.type === "Attribute" && handleWriteMethods.has(func.attr as string)) {
    return { node: call, handle: func.value as PyNode, single: func.attr === "write" };
  }
  const name = model.imports.qualifiedName(func);
  const position = lookup(handleWriters, name);
  if (position !== undefined) {
    const handle = argument(call, position, ["fp", "file", "stream"]);
    return handle ? { node: call, handle, single: false } : null;
  }
  if (name === "builtins.print") {
    const handle = (call.keywords as PyNode[]).find((k) => k.arg === "file")?.value as PyNode | undefined;
    return handle ? { node: call, handle, single: false } : null;
  }
  return null;
}

function sharedHandleWrites(model: SemanticModel): Finding[] {
  interface Use {
    write: HandleWrite;
    fn: PyNode;
    evidence: Evidence;
    held: NonNullable<ReturnType<typeof heldObject>>;
    opened: { mode: string; call: PyNode };
  }
  const byState = new Map<string, Use[]>();
  for (const node of model.nodes.ofType("Call")) {
    const write = handleWrite(model, node);
    if (!write || (write.handle.type !== "Name" && write.handle.type !== "Attribute")) continue;
    const fn = enclosingFunction(node);
    if (!fn) continue;
    const held = heldObject(model, write.handle);
    if (!held || held.values.length === 0) continue;
    const opened = classifyHeld(model, held.values, (value) => {
      const w = value.type === "Call" ? fileWrite(model, value) : null;
      return w ? `${w.mode}` : null;
    });
    const call = held.values.map((v) => (v.type === "Call" ? v : model.origins.originCall(v))).find((c) => c !== null);
    if (opened === null || !call) continue;
    // One `write()` to a binary file is kept whole by the buffer's lock.
    if (opened.includes("b") && write.single) continue;
    const evidence = evidenceFor(model, fn, held.state, node);
    if (!evidence) continue;
    const list = byState.get(held.state.id) ?? [];
    list.push({ write, fn, evidence, held, opened: { mode: opened, call } });
    byState.set(held.state.id, list);
  }
  const found: Finding[] = [];
  for (const uses of byState.values()) {
    const reportedIn = new Set<PyNode>();
    for (const use of uses) {
      const state = use.held.state;
      const several =
        instancesFor(model, state, use.evidence) === "many" ||
        uses.some((other) => other.fn !== use.fn && !sameThread(model, state, use.evidence, other.evidence));
      if (!several || reportedIn.has(use.fn) || !unprotected(model, use.write.node)) continue;
      reportedIn.add(use.fn);
      const shared: SharedUse = { node: use.write.node, state: use.held.state, fn: use.fn, evidence: use.evidence };
      found.push({
        node: use.write.node,
        messageId: tieredMessageId("sharedHandle", use.evidence.tier),
        data: {
          state: use.held.state.display,
          line: use.opened.call.loc.start.line,
          consequence: use.opened.mode.includes("b") ? CONSEQUENCES.records : CONSEQUENCES.text,
          evidence: capitalise(use.evidence.reason),
          protection: protectionFor(model, shared),
        },
        ...(use.fn.type !== "Lambda" ? guardSuggestionFor(model, shared) : {}),
      });
    }
  }
  return found;
}
