// Thread entries: the functions that start running in a thread of their own,
// each with the call that starts it (the evidence a message quotes).
import type { PyNode } from "../../language/nodes.js";
import type { Annotation } from "../../language/annotations.js";
import {
  RUN_IN_EXECUTOR,
  handlerMethod,
  poolMethods,
  processPools,
  sequentialCallbacks,
  threadClasses,
  threadPools,
  threadStarters,
  threadingMixins,
  threadingServers,
  type TargetSlot,
} from "../../data/threadApis.js";
import type { CallGraph } from "../callGraph.js";
import type { ImportTable } from "../imports.js";
import type { ScopeTree } from "../scopes.js";
import type { ValueOrigins } from "../values.js";
import type { NodeIndex } from "../nodeIndex.js";

export interface ThreadEntry {
  /** The function, method or lambda that runs in a thread. */
  fn: PyNode;
  /** The call, class or comment that makes it run in a thread. */
  site: PyNode | Annotation;
  /** Human-readable evidence, e.g. "`executor.submit(fetch, …)` at line 52". */
  evidence: string;
  /** Whether several threads may run it at once (pools, loops, servers). */
  instances: "one" | "many";
}

export interface EntryContext {
  module: PyNode;
  nodes: NodeIndex;
  text: string;
  scopes: ScopeTree;
  imports: ImportTable;
  callGraph: CallGraph;
  origins: ValueOrigins;
  annotations: readonly Annotation[];
  /** `module:qualname` patterns from the threadEntries option, and this file's module name. */
  configuredEntries: readonly string[];
  moduleName: string | null;
}

export function findThreadEntries(ctx: EntryContext): ThreadEntry[] {
  const entries: ThreadEntry[] = [];
  const add = (fn: PyNode | null, site: PyNode | Annotation, evidence: string, instances: "one" | "many") => {
    if (fn) entries.push({ fn, site, evidence, instances });
  };

  for (const node of ctx.nodes.ofType("Call")) {
    const starter = threadStarterSlot(ctx, node);
    if (!starter) continue;
    const target = argumentAt(node, starter.slot);
    if (!target) continue;
    const instances = starter.slot.instances === "many" || insideLoop(node) ? "many" : "one";
    for (const fn of callablesOf(ctx, target)) add(fn, node, describeCall(ctx, node, target), instances);
  }
  for (const cls of ctx.nodes.ofType("ClassDef")) threadSubclassEntries(ctx, cls, add);
  serverHandlerEntries(ctx, add);
  annotatedEntries(ctx, add);
  configuredEntries(ctx, add);
  return mergeInstances(entries);
}

/**
 * Functions that run while no other thread of this module does: handed to
 * process pools and `multiprocessing.Process` (another process), registered
 * to run after `fork()` in the child, or at interpreter exit.
 */
export function findSequentialTargets(ctx: EntryContext): Set<PyNode> {
  const targets = new Set<PyNode>();
  for (const node of ctx.nodes.ofType("Call")) {
    const func = node.func as PyNode;
    const name = ctx.imports.qualifiedName(func);
    const found: (PyNode | null)[] = [];
    if (name === "multiprocessing.Process") {
      found.push(argumentAt(node, { position: 1, keyword: "target", instances: "one" }));
    } else if (name && sequentialCallbacks.has(name)) {
      found.push((node.args as PyNode[])[0] ?? null);
    } else if (name === "os.register_at_fork") {
      found.push(...(node.keywords as PyNode[]).filter((k) => k.arg === "after_in_child").map((k) => k.value as PyNode));
    } else if (func.type === "Attribute" && poolMethods[func.attr as string]) {
      const kind = ctx.origins.constructorOf(func.value as PyNode);
      if (kind && processPools.has(kind)) found.push(argumentAt(node, poolMethods[func.attr as string]!));
    }
    for (const target of found) if (target) for (const fn of callablesOf(ctx, target)) targets.add(fn);
  }
  return targets;
}

/** A Thread started twice, or in a loop, runs in several threads. */
function mergeInstances(entries: ThreadEntry[]): ThreadEntry[] {
  const count = new Map<PyNode, number>();
  for (const entry of entries) count.set(entry.fn, (count.get(entry.fn) ?? 0) + 1);
  return entries.map((entry) => (count.get(entry.fn)! > 1 ? { ...entry, instances: "many" } : entry));
}

function threadStarterSlot(ctx: EntryContext, call: PyNode): { slot: TargetSlot } | null {
  const func = call.func as PyNode;
  const name = ctx.imports.qualifiedName(func);
  if (name && threadStarters[name]) return { slot: threadStarters[name]! };
  if (func.type !== "Attribute") return null;
  const method = func.attr as string;
  if (method === "run_in_executor") {
    // `run_in_executor(None, f)` uses the loop's default thread pool; a process pool is not threads.
    const executor = (call.args as PyNode[])[0];
    const kind = executor && executor.type !== "Constant" ? ctx.origins.constructorOf(executor) : null;
    return kind && processPools.has(kind) ? null : { slot: RUN_IN_EXECUTOR };
  }
  const slot = poolMethods[method];
  if (!slot) return null;
  const receiver = func.value as PyNode;
  const kind = ctx.origins.constructorOf(receiver);
  if (kind && threadPools.has(kind)) return { slot };
  if (kind && processPools.has(kind)) return null;
  // An executor of unknown kind: `submit` is the executor protocol; other
  // method names are too common (`df.map`, `pool.map` of a process pool) to
  // trust without a name that says executor.
  if (kind === null && (method === "submit" || /executor/i.test(textOf(ctx, receiver)))) return { slot };
  return null;
}

function argumentAt(call: PyNode, slot: TargetSlot): PyNode | null {
  if (slot.keyword) {
    const keyword = (call.keywords as PyNode[]).find((k) => k.arg === slot.keyword);
    if (keyword) return keyword.value as PyNode;
  }
  const args = call.args as PyNode[];
  if (slot.position < 0 || slot.position >= args.length) return null;
  const arg = args[slot.position]!;
  return arg.type === "Starred" ? null : arg;
}

/** The in-file functions a callable expression stands for: a def, a method, a lambda, a partial. */
export function callablesOf(ctx: Pick<EntryContext, "callGraph" | "imports">, expr: PyNode): PyNode[] {
  if (expr.type === "Lambda") return [expr];
  if (expr.type === "Call") {
    const name = ctx.imports.qualifiedName(expr.func as PyNode);
    const first = (expr.args as PyNode[])[0];
    if (name === "functools.partial" && first) return callablesOf(ctx, first);
    return [];
  }
  const fn = ctx.callGraph.resolveFunction(expr);
  return fn ? [fn] : [];
}

function threadSubclassEntries(
  ctx: EntryContext,
  cls: PyNode,
  add: (fn: PyNode | null, site: PyNode, evidence: string, instances: "one" | "many") => void,
): void {
  const base = (cls.bases as PyNode[]).find((b) => {
    const name = ctx.imports.qualifiedName(b);
    return name !== null && threadClasses.has(name);
  });
  if (!base) return;
  const run = ctx.callGraph.findMethod(cls, "run");
  const line = (cls.loc as { start: { line: number } }).start.line;
  // Each instance is its own thread: several instances run `run` at once.
  const instantiations = ctx.nodes.ofType("Call").filter((node) => ctx.callGraph.resolveClass(node.func as PyNode) === cls);
  const many = instantiations.length > 1 || instantiations.some(insideLoop);
  add(run, cls, `\`${cls.name as string}\` subclasses \`${textOf(ctx, base)}\` at line ${line}`, many ? "many" : "one");
}

function serverHandlerEntries(
  ctx: EntryContext,
  add: (fn: PyNode | null, site: PyNode, evidence: string, instances: "one" | "many") => void,
): void {
  for (const node of ctx.nodes.ofType("Call")) {
    const args = node.args as PyNode[];
    const handlerArg =
      (node.keywords as PyNode[]).find((k) => k.arg === "RequestHandlerClass")?.value as PyNode | undefined ?? args[1];
    if (!handlerArg || !isThreadingServer(ctx, node.func as PyNode)) continue;
    const handler = ctx.callGraph.resolveClass(handlerArg);
    if (!handler) continue;
    for (const method of ctx.callGraph.methodsOf(handler)) {
      if (handlerMethod.test(method.name as string)) {
        add(method, node, describeCall(ctx, node, handlerArg), "many");
      }
    }
  }
}

function isThreadingServer(ctx: EntryContext, func: PyNode): boolean {
  const name = ctx.imports.qualifiedName(func);
  if (name && threadingServers.has(name)) return true;
  const cls = ctx.callGraph.resolveClass(func);
  if (!cls) return false;
  return (cls.bases as PyNode[]).some((b) => {
    const baseName = ctx.imports.qualifiedName(b);
    return baseName !== null && (threadingMixins.has(baseName) || threadingServers.has(baseName));
  });
}

function annotatedEntries(
  ctx: EntryContext,
  add: (fn: PyNode | null, site: Annotation, evidence: string, instances: "one" | "many") => void,
): void {
  for (const annotation of ctx.annotations) {
    if (annotation.kind !== "thread-entry") continue;
    const fn = ctx.callGraph.functionAtLine(annotation.line);
    add(fn, annotation, `\`# aether: thread-entry\` at line ${annotation.line}`, "many");
  }
}

function configuredEntries(
  ctx: EntryContext,
  add: (fn: PyNode | null, site: Annotation | PyNode, evidence: string, instances: "one" | "many") => void,
): void {
  if (!ctx.moduleName || ctx.configuredEntries.length === 0) return;
  for (const pattern of ctx.configuredEntries) {
    const [modulePattern, namePattern] = pattern.split(":") as [string, string];
    if (!globMatch(modulePattern, ctx.moduleName)) continue;
    for (const fn of ctx.callGraph.functions) {
      const qualname = ctx.callGraph.qualifiedNameOf(fn);
      if (qualname && globMatch(namePattern, qualname)) {
        add(fn, ctx.module, `the \`threadEntries\` option (\`${pattern}\`)`, "many");
      }
    }
  }
}

/** `*` matches within one dotted part; the rest is literal. */
function globMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^.]*")}$`);
  return regex.test(value);
}

function insideLoop(node: PyNode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case "For":
      case "AsyncFor":
      case "While":
      case "ListComp":
      case "SetComp":
      case "GeneratorExp":
      case "DictComp":
        return true;
      case "FunctionDef":
      case "AsyncFunctionDef":
      case "Lambda":
      case "ClassDef":
        return false;
    }
  }
  return false;
}

function textOf(ctx: Pick<EntryContext, "text">, node: PyNode): string {
  return ctx.text.slice(node.range[0], node.range[1]);
}

/** "`executor.submit(fetch, …)` at line 52": the call, shortened to its callee and the target argument. */
export function describeCall(ctx: Pick<EntryContext, "text">, call: PyNode, target: PyNode): string {
  const callee = textOf(ctx, call.func as PyNode);
  const keyword = (call.keywords as PyNode[]).find((k) => k.value === target);
  const shown = keyword ?? target;
  let argument = textOf(ctx, shown);
  if (argument.length > 40 || argument.includes("\n")) argument = keyword ? `${keyword.arg as string}=…` : "…";
  const all = [...(call.args as PyNode[]), ...(call.keywords as PyNode[])].sort((a, b) => a.range[0] - b.range[0]);
  const index = all.indexOf(shown);
  const before = index > 0 ? "…, " : "";
  const after = index < all.length - 1 ? ", …" : "";
  return `\`${callee}(${before}${argument}${after})\` at line ${call.loc.start.line}`;
}
