// Lock sets: which locks are held at each statement.
//
// Lexically: the body of `with lock:` (also `with self._lock:`, `with a, b:`),
// the statements after `lock.acquire()` up to `lock.release()` in the same
// block (a `try/finally` that releases keeps the try body inside). Across
// calls: a function's callers' locks are carried into it (the intersection
// over its in-file call sites, to a fixed point), and `# aether: requires
// <lock>` states that callers hold a lock. Thread entries start with none.
import type { PyNode } from "../../language/nodes.js";
import type { Annotation } from "../../language/annotations.js";
import { lockConstructors, type LockKind } from "../../data/threadApis.js";
import type { CallGraph } from "../callGraph.js";
import type { ImportTable } from "../imports.js";
import type { ScopeTree } from "../scopes.js";
import { enclosingFunction, type ValueOrigins } from "../values.js";
import { walk } from "../walk.js";

export interface LockRef {
  /** Canonical identity: `_lock` (module), `Cache._lock` (class or instance), or the expression's text. */
  id: string;
  kind: LockKind | "unknown";
  /** How the code spells it, for messages and fixes. */
  text: string;
}

export interface Acquisition {
  lock: LockRef;
  /** The `with` item, or the `acquire()` call. */
  node: PyNode;
  fn: PyNode | null;
  /** Locks already held when this one is taken (lexical and caller-held). */
  held: readonly LockRef[];
}

/**
 * Not a lock but as good as one: code that runs only in the thread that owns
 * an object (`if self._owner == get_ident():`), as pure-Python RLock does.
 */
export const OWNER: LockRef = { id: "<owning thread>", kind: "unknown", text: "ownership by the current thread" };

const THREAD_IDENTITY = new Set(["threading.get_ident", "_thread.get_ident", "threading.current_thread", "threading.get_native_id"]);

/** "owner" for `x == get_ident()` (or `is current_thread()`), "not-owner" for `!=` / `is not`, else null. */
function ownershipCheck(test: PyNode, origins: ValueOrigins): "owner" | "not-owner" | null {
  if (test.type !== "Compare" || (test.ops as string[]).length !== 1) return null;
  const op = (test.ops as string[])[0]!;
  const sides = [test.left as PyNode, (test.comparators as PyNode[])[0]!];
  const isIdentity = sides.some((side) => {
    const name = side.type === "Call" ? origins.constructorOf(side) : side.type === "Name" ? origins.constructorOf(side) : null;
    return name !== null && THREAD_IDENTITY.has(name);
  });
  if (!isIdentity) return null;
  if (op === "Eq" || op === "Is") return "owner";
  if (op === "NotEq" || op === "IsNot") return "not-owner";
  return null;
}

function endsByLeaving(body: PyNode[]): boolean {
  const last = body[body.length - 1];
  return last?.type === "Raise" || last?.type === "Return";
}

const LOCKISH_NAME = /(^|_)(r?lock|mutex|cond(ition)?|sem(aphore)?|guard)s?$/i;

export class LockModel {
  /** Statement → locks held lexically there. */
  readonly #lexical = new Map<PyNode, LockRef[]>();
  /** Function → locks its callers hold whenever it runs. */
  readonly #entryLocks = new Map<PyNode, LockRef[]>();
  readonly #lexicalAcquisitions: { lock: LockRef; node: PyNode; held: LockRef[] }[] = [];
  #acquisitions: Acquisition[] | undefined;

  constructor(
    private readonly module: PyNode,
    private readonly text: string,
    private readonly scopes: ScopeTree,
    private readonly imports: ImportTable,
    private readonly origins: ValueOrigins,
    private readonly callGraph: CallGraph,
    private readonly annotations: readonly Annotation[],
    private readonly threadEntryFunctions: ReadonlySet<PyNode>,
  ) {
    this.#block(module.body as PyNode[], []);
    for (const fn of callGraph.functions) {
      if (fn.type !== "Lambda") this.#block(fn.body as PyNode[], []);
    }
    this.#computeEntryLocks();
  }

  /** The lock an expression denotes, or null when it is not (known to be) a lock. */
  lockOf(expr: PyNode): LockRef | null {
    const constructor = this.origins.constructorOf(expr);
    let kind: LockKind | "unknown" | undefined = constructor ? lockConstructors[constructor] : undefined;
    if (kind === "condition") {
      // A Condition built on a lock is that lock.
      const call = this.origins.originCall(expr);
      const inner = call && (call.args as PyNode[])[0];
      const underlying = inner && this.lockOf(inner);
      if (underlying) return underlying;
      kind = "rlock"; // Condition() makes its own RLock
    }
    if (!kind) {
      // Made by a known library call that is not a lock: not a lock. Made by
      // a function of this file (`RLock = _CRLock or _PyRLock` factories):
      // judge by the name.
      if (constructor !== null && constructor.includes(".") && !constructor.startsWith("<local>.")) return null;
      const name = expr.type === "Name" ? (expr.id as string) : expr.type === "Attribute" ? (expr.attr as string) : "";
      if (!LOCKISH_NAME.test(name)) return null;
      kind = "unknown";
    }
    return { id: this.#identity(expr), kind, text: this.#text(expr) };
  }

  /** Locks held when `node` runs: lexical ones plus those its function's callers hold. */
  heldAt(node: PyNode): LockRef[] {
    const fn = enclosingFunction(node);
    const lexical = this.#lexicalAt(node) ?? [];
    const entry = fn ? (this.#entryLocks.get(fn) ?? []) : [];
    return union(lexical, entry);
  }

  /** Locks the callers of `fn` hold whenever it runs. */
  entryLocksOf(fn: PyNode): readonly LockRef[] {
    return this.#entryLocks.get(fn) ?? [];
  }

  /** Every place a lock is taken, with what is already held there. */
  get acquisitions(): readonly Acquisition[] {
    if (!this.#acquisitions) {
      this.#acquisitions = this.#lexicalAcquisitions.map(({ lock, node, held }) => {
        const fn = enclosingFunction(node);
        return { lock, node, fn, held: union(held, fn ? (this.#entryLocks.get(fn) ?? []) : []) };
      });
    }
    return this.#acquisitions;
  }

  readonly #createdIn = new Map<PyNode, LockRef[]>();

  /** The distinct locks a class or the module creates (for "reuse the one lock" fixes). */
  locksCreatedIn(owner: PyNode): LockRef[] {
    const known = this.#createdIn.get(owner);
    if (known) return known;
    const found = new Map<string, LockRef>();
    walk(owner, (node) => {
      if (node !== owner && (node.type === "ClassDef" || (owner.type === "Module" && node.type === "FunctionDef"))) {
        return false;
      }
      if (node.type === "Assign" && (node.targets as PyNode[]).length === 1) {
        const target = (node.targets as PyNode[])[0]!;
        const lock = (target.type === "Name" || target.type === "Attribute") && this.lockOf(target);
        if (lock && lock.kind !== "unknown") found.set(lock.id, lock);
      }
      return true;
    });
    const locks = [...found.values()];
    this.#createdIn.set(owner, locks);
    return locks;
  }

  #lexicalAt(node: PyNode): LockRef[] | undefined {
    for (let current: PyNode | null = node; current; current = current.parent) {
      const held = this.#lexical.get(current);
      if (held) return held;
      if (current.type === "Lambda") return undefined;
    }
    return undefined;
  }

  #block(statements: PyNode[], inherited: LockRef[]): void {
    let held = inherited;
    for (const stmt of statements) {
      this.#lexical.set(stmt, held);
      const acquired = this.#acquireOrRelease(stmt, held);
      if (acquired) {
        held = acquired;
        continue;
      }
      switch (stmt.type) {
        case "With":
        case "AsyncWith": {
          let inner = held;
          for (const item of stmt.items as PyNode[]) {
            const lock = this.lockOf(item.context_expr as PyNode);
            if (!lock) continue;
            this.#lexicalAcquisitions.push({ lock, node: item, held: inner });
            inner = union(inner, [lock]);
          }
          this.#block(stmt.body as PyNode[], inner);
          break;
        }
        case "If": {
          const test = stmt.test as PyNode;
          const lock = this.#acquireCall(test);
          if (lock) this.#lexicalAcquisitions.push({ lock, node: test, held });
          const owner = ownershipCheck(test, this.origins);
          const inBody = lock ? union(held, [lock]) : owner === "owner" ? union(held, [OWNER]) : held;
          this.#block(stmt.body as PyNode[], inBody);
          this.#block(stmt.orelse as PyNode[], owner === "not-owner" ? union(held, [OWNER]) : held);
          // `if owner != get_ident(): raise …`: what follows runs only in the owner.
          if (owner === "not-owner" && endsByLeaving(stmt.body as PyNode[])) held = union(held, [OWNER]);
          break;
        }
        case "Try":
        case "TryStar": {
          this.#block(stmt.body as PyNode[], held);
          for (const handler of stmt.handlers as PyNode[]) this.#block(handler.body as PyNode[], held);
          this.#block(stmt.orelse as PyNode[], held);
          this.#block(stmt.finalbody as PyNode[], held);
          const released = (stmt.finalbody as PyNode[]).map((s) => this.#releaseCall(s)).filter((l): l is LockRef => !!l);
          held = held.filter((l) => !released.some((r) => r.id === l.id));
          break;
        }
        case "For":
        case "AsyncFor":
        case "While":
          this.#block(stmt.body as PyNode[], held);
          this.#block(stmt.orelse as PyNode[], held);
          break;
        case "Match":
          for (const c of stmt.cases as PyNode[]) this.#block(c.body as PyNode[], held);
          break;
        // Function and class bodies run later, not under the locks held here.
      }
    }
  }

  /** `lock.acquire()` / `lock.release()` as a statement: the held set after it, or null. */
  #acquireOrRelease(stmt: PyNode, held: LockRef[]): LockRef[] | null {
    const call = stmt.type === "Expr" ? (stmt.value as PyNode) : stmt.type === "Assign" ? (stmt.value as PyNode) : null;
    if (!call) return null;
    const acquired = this.#acquireCall(call);
    if (acquired) {
      this.#lexicalAcquisitions.push({ lock: acquired, node: call, held });
      return union(held, [acquired]);
    }
    const released = this.#releaseCall(stmt);
    return released ? held.filter((l) => l.id !== released.id) : null;
  }

  #acquireCall(expr: PyNode): LockRef | null {
    return this.#methodOnLock(expr, "acquire") ?? this.#wrapperEffect(expr, "acquire");
  }

  #releaseCall(stmt: PyNode): LockRef | null {
    if (stmt.type !== "Expr") return null;
    return this.#methodOnLock(stmt.value as PyNode, "release") ?? this.#wrapperEffect(stmt.value as PyNode, "release");
  }

  /**
   * A call to a function of this file that only takes (or only releases) a
   * lock, like logging's `_acquireLock()` / `_releaseLock()`: the call does it.
   */
  #wrapperEffect(expr: PyNode, effect: "acquire" | "release"): LockRef | null {
    if (expr.type !== "Call" || (expr.args as PyNode[]).length > 0) return null;
    const fn = this.callGraph.resolveFunction(expr.func as PyNode);
    if (!fn || fn.type === "Lambda") return null;
    const { acquired, released } = this.#lockCallsIn(fn);
    if (effect === "acquire") return acquired && !released ? acquired : null;
    return released && !acquired ? released : null;
  }

  /** function → the first lock its own body acquires and the first it releases (`#lockCallsIn`). */
  readonly #lockCalls = new Map<PyNode, { acquired: LockRef | null; released: LockRef | null }>();

  /**
   * The first lock `fn`'s body (not its nested functions) acquires and the
   * first it releases, as statements. Worked out once per function: every
   * argument-less call statement to it, all through the file, asks twice
   * (acquire, then release), and each answer walked the whole function.
   */
  #lockCallsIn(fn: PyNode): { acquired: LockRef | null; released: LockRef | null } {
    let calls = this.#lockCalls.get(fn);
    if (calls) return calls;
    let acquired: LockRef | null = null;
    let released: LockRef | null = null;
    walk(fn, (node) => {
      if (node !== fn && (node.type === "FunctionDef" || node.type === "Lambda")) return false;
      if (node.type === "Expr") {
        acquired ??= this.#methodOnLock(node.value as PyNode, "acquire");
        released ??= this.#methodOnLock(node.value as PyNode, "release");
      }
      return true;
    });
    calls = { acquired, released };
    this.#lockCalls.set(fn, calls);
    return calls;
  }

  #methodOnLock(expr: PyNode, method: string): LockRef | null {
    if (expr.type !== "Call") return null;
    const func = expr.func as PyNode;
    if (func.type !== "Attribute" || func.attr !== method) return null;
    return this.lockOf(func.value as PyNode);
  }

  #computeEntryLocks(): void {
    const required = new Map<PyNode, LockRef[]>();
    for (const annotation of this.annotations) {
      if (annotation.kind !== "requires" || !annotation.argument) continue;
      const fn = this.callGraph.functionAtLine(annotation.line);
      if (!fn) continue;
      const lock = this.#lockFromText(annotation.argument, fn);
      required.set(fn, union(required.get(fn) ?? [], [lock]));
    }
    // Start from "everything" (null) for functions with callers, then
    // intersect to a fixed point; recursion converges because sets only shrink.
    const state = new Map<PyNode, LockRef[] | null>();
    const callers = (fn: PyNode) => this.callGraph.callsTo(fn);
    for (const fn of this.callGraph.functions) {
      const fromCallers = this.threadEntryFunctions.has(fn) || callers(fn).length === 0 ? [] : null;
      state.set(fn, fromCallers);
    }
    let changed = true;
    for (let round = 0; changed && round < 50; round++) {
      changed = false;
      for (const fn of this.callGraph.functions) {
        if (this.threadEntryFunctions.has(fn) || callers(fn).length === 0) continue;
        let meet: LockRef[] | null = null;
        for (const site of callers(fn)) {
          const callerEntry = site.caller ? state.get(site.caller) : [];
          if (callerEntry === null) continue; // still "everything": no constraint yet
          const atSite = union(this.#lexicalAt(site.call) ?? [], callerEntry ?? []);
          meet = meet === null ? atSite : meet.filter((l) => atSite.some((a) => a.id === l.id));
        }
        const previous = state.get(fn);
        if (meet !== null && (previous === null || previous === undefined || meet.length !== previous.length)) {
          state.set(fn, meet);
          changed = true;
        }
      }
    }
    for (const fn of this.callGraph.functions) {
      this.#entryLocks.set(fn, union(state.get(fn) ?? [], required.get(fn) ?? []));
    }
  }

  /** A lock named in an annotation (`self._lock`, `_lock`), resolved in the context of `fn`. */
  #lockFromText(text: string, fn: PyNode): LockRef {
    const parts = text.split(".");
    const cls = fn.parent?.type === "ClassDef" ? fn.parent : null;
    if (parts.length === 2 && cls && (parts[0] === "self" || parts[0] === "cls")) {
      return { id: `${cls.name as string}.${parts[1]!}`, kind: "unknown", text };
    }
    return { id: text, kind: "unknown", text };
  }

  #identity(expr: PyNode): string {
    if (expr.type === "Attribute") {
      const cls = this.origins.classOfSelfAttribute(expr) ?? this.origins.classOfClassAttribute(expr);
      if (cls) return `${this.origins.attributeOwner(cls, expr.attr as string).name as string}.${expr.attr as string}`;
    }
    if (expr.type === "Name") {
      const binding = this.scopes.resolve(expr.id as string, this.scopes.scopeOf(expr));
      if (binding && binding.scope.kind !== "module") {
        const owner = this.callGraph.qualifiedNameOf(binding.scope.node) ?? "?";
        return `${owner}.<locals>.${expr.id as string}`;
      }
      const qualified = this.imports.qualifiedName(expr);
      return qualified ?? (expr.id as string);
    }
    return this.#text(expr);
  }

  #text(expr: PyNode): string {
    return this.text.slice(expr.range[0], expr.range[1]);
  }
}

function union(a: readonly LockRef[], b: readonly LockRef[]): LockRef[] {
  if (b.length === 0) return a as LockRef[];
  if (a.length === 0) return b as LockRef[];
  const result = [...a];
  for (const lock of b) if (!result.some((l) => l.id === lock.id)) result.push(lock);
  return result;
}
