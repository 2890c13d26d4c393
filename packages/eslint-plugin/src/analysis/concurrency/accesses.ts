// Access summaries: every read, write, in-place mutation, read-modify-write,
// check-then-act and iteration of shared state, with the function it runs in
// and the locks held there (RacerD's per-procedure summaries, over one file).
import type { PyNode } from "../../language/nodes.js";
import type { LockModel, LockRef } from "./locks.js";
import { MUTATING_METHODS, type SharedState, type StateRef } from "./sharedState.js";
import { enclosingFunction } from "../values.js";
import type { NodeIndex } from "../nodeIndex.js";
import { NESTED_SCOPES, pushChildren, walk } from "../walk.js";

export type AccessKind =
  | "read"
  | "write" // rebinding: `global x; x = …`, `self.x = …`
  | "mutate" // one in-place operation: `d[k] = v`, `l.append(x)`, `del d[k]`
  | "rmw" // read-modify-write: `x += 1`, `d[k] = d.get(k, 0) + 1`
  | "check-then-act" // `if k not in d: d[k] = v`, `if k in d: del d[k]`
  | "lazy-init" // `if x is None: x = make()`
  | "iterate"; // `for k in d`, comprehensions, `list(d)`

export interface Access {
  kind: AccessKind;
  state: StateRef;
  /** The node a finding points at (the statement for updates, the expression for reads). */
  node: PyNode;
  fn: PyNode | null;
  held: readonly LockRef[];
}

/** Functions whose accesses happen before the object is shared. */
const CONSTRUCTION = new Set(["__init__", "__new__", "__post_init__", "__init_subclass__", "__set_name__"]);

/**
 * Calls that iterate their argument one item at a time. `list(d)`,
 * `tuple(d)`, `sorted(d)`, `set(d)` and `dict(d)` are not here: on a
 * free-threaded build they copy an exact list/dict/set under its lock (facts §4).
 */
const ITERATING_CALLS = new Set(["sum", "min", "max", "any", "all", "enumerate", "zip", "map", "filter"]);

export function collectAccesses(nodes: NodeIndex, state: SharedState, locks: LockModel): Access[] {
  const accesses: Access[] = [];
  /** Nodes already summarised by a compound access (so the parts are not counted again). */
  const covered = new Set<PyNode>();

  const add = (kind: AccessKind, ref: StateRef, node: PyNode) => {
    const fn = enclosingFunction(node);
    if (fn && fn.type !== "Lambda" && CONSTRUCTION.has(fn.name as string) && ref.kind === "instance") return;
    accesses.push({ kind, state: ref, node, fn, held: locks.heldAt(node) });
  };

  /** The shared state an expression reads or writes as a whole, or (for `d[k]`, `d.x`) the container it goes through. */
  const base = (expr: PyNode): { ref: StateRef; expr: PyNode } | null => {
    if (expr.type === "Name" || expr.type === "Attribute") {
      const ref = state.stateOf(expr);
      if (ref && !state.isSafeByConstruction(expr)) return { ref, expr };
      if (ref) return null;
    }
    if (expr.type === "Subscript" || expr.type === "Attribute") {
      const inner = expr.value as PyNode;
      return inner.type === "Name" || inner.type === "Attribute" ? base(inner) : null;
    }
    return null;
  };

  /** Whether `expr` reads the state `id` anywhere in it (`d.get(k, 0) + 1` reads `d`). One stack, no Set of every id read. */
  const reads = (expr: PyNode, id: string): boolean => {
    const stack: PyNode[] = [expr];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if ((node.type === "Name" || node.type === "Attribute") && state.stateOf(node)?.id === id) return true;
      pushChildren(node, stack);
    }
    return false;
  };

  for (const node of nodes.all) {
    switch (node.type) {
      case "AugAssign": {
        const target = base(node.target as PyNode);
        if (target) {
          add("rmw", target.ref, node);
          covered.add(node.target as PyNode);
        }
        break;
      }
      case "Assign": {
        for (const targetNode of node.targets as PyNode[]) {
          const target = base(targetNode);
          if (!target) continue;
          covered.add(targetNode);
          const readsSelf = reads(node.value as PyNode, target.ref.id);
          const isRebind = targetNode === target.expr;
          add(readsSelf ? "rmw" : isRebind ? "write" : "mutate", target.ref, node);
        }
        break;
      }
      case "Delete":
        for (const targetNode of node.targets as PyNode[]) {
          const target = base(targetNode);
          if (target && targetNode !== target.expr) {
            add("mutate", target.ref, node);
            covered.add(targetNode);
          }
        }
        break;
      case "Call": {
        const func = node.func as PyNode;
        if (func.type === "Attribute" && MUTATING_METHODS.has(func.attr as string)) {
          const target = base(func.value as PyNode);
          if (target) {
            add("mutate", target.ref, node);
            covered.add(func);
          }
        } else if (func.type === "Name" && ITERATING_CALLS.has(func.id as string)) {
          const first = (node.args as PyNode[])[0];
          const target = first && iterated(first);
          if (target) add("iterate", target.ref, node);
        }
        break;
      }
      case "For":
      case "AsyncFor":
      case "comprehension": {
        const target = iterated(node.iter as PyNode);
        if (target) add("iterate", target.ref, node.type === "comprehension" ? (node.iter as PyNode) : node);
        break;
      }
      case "If": {
        const checked = checkThenAct(node);
        if (checked) add(checked.kind, checked.ref, node);
        break;
      }
      case "Expr": {
        // `l.append(x) if x not in l else None`: the check-then-act as one expression.
        const value = node.value as PyNode;
        if (value.type !== "IfExp") break;
        const checked = checkedState(value.test as PyNode);
        const body = value.body as PyNode;
        const func = body.type === "Call" ? (body.func as PyNode) : null;
        if (checked?.kind === "membership" && func?.type === "Attribute" && MUTATING_METHODS.has(func.attr as string)) {
          if (base(func.value as PyNode)?.ref.id === checked.ref.id) add("check-then-act", checked.ref, node);
        }
        break;
      }
      case "Name":
      case "Attribute": {
        // The context first: a string comparison, where `covered` is a lookup (most Names are not Loads of a covered target).
        if (node.ctx !== "Load" || covered.has(node)) break;
        // Only the outermost attribute of a chain is the read (`self.a.b` reads `self.a`).
        if (node.type === "Attribute" && (node.value as PyNode).type === "Attribute") break;
        const target = base(node);
        if (target && target.expr === node) add("read", target.ref, node);
        break;
      }
    }
  }

  /** `for k in d`, `for k, v in d.items()`: the iterated state. */
  function iterated(expr: PyNode): { ref: StateRef } | null {
    let inner = expr;
    if (inner.type === "Call" && (inner.func as PyNode).type === "Attribute") {
      const method = (inner.func as PyNode).attr as string;
      if (["items", "keys", "values"].includes(method) && (inner.args as PyNode[]).length === 0) {
        inner = (inner.func as PyNode).value as PyNode;
      }
    }
    if (inner.type !== "Name" && inner.type !== "Attribute") return null;
    const ref = state.stateOf(inner);
    return ref && !state.isSafeByConstruction(inner) ? { ref } : null;
  }

  /** `if k not in d: d[k] = v`, `if x is None: x = …`, `if not hasattr(f, "x"): f.x = …`. */
  function checkThenAct(stmt: PyNode): { kind: AccessKind; ref: StateRef } | null {
    const test = stmt.test as PyNode;
    const checked = checkedState(test);
    if (!checked) return null;
    const body = stmt.body as PyNode[];
    for (const inner of body) {
      let acts: "init" | "mutate" | null = null;
      walk(inner, (node) => {
        if (acts) return false;
        if (node.type === "Assign") {
          for (const t of node.targets as PyNode[]) {
            const target = base(t);
            if (target?.ref.id === checked.ref.id) acts = t === target.expr ? "init" : "mutate";
          }
        } else if (node.type === "Delete" || (node.type === "Call" && (node.func as PyNode).type === "Attribute")) {
          const parts = node.type === "Delete" ? (node.targets as PyNode[]) : [((node.func as PyNode).value as PyNode)];
          const isMutation = node.type === "Delete" || MUTATING_METHODS.has((node.func as PyNode).attr as string);
          if (isMutation && parts.some((p) => base(p)?.ref.id === checked.ref.id)) acts = "mutate";
        }
        // An act under a lock taken inside the check is double-checked locking's
        // slow path: the check outside is only the fast path.
        if ((node.type === "With" || node.type === "AsyncWith") && locks.heldAt((node.body as PyNode[])[0]!).length > locks.heldAt(node).length) {
          return false;
        }
        return !NESTED_SCOPES.has(node.type);
      });
      if (acts === "init" && checked.kind === "absent") return { kind: "lazy-init", ref: checked.ref };
      if (acts) return { kind: "check-then-act", ref: checked.ref };
    }
    return null;
  }

  /** What a condition checks: membership in a container, that it has items, or that a value is missing. */
  function checkedState(test: PyNode): { kind: "membership" | "absent"; ref: StateRef } | null {
    if (test.type === "Name" || test.type === "Attribute") {
      // `if lst: lst.pop()` — non-empty, then act.
      const target = base(test);
      return target && target.expr === test ? { kind: "membership", ref: target.ref } : null;
    }
    if (test.type === "Compare") {
      const ops = test.ops as string[];
      const right = (test.comparators as PyNode[])[0];
      const left = test.left as PyNode;
      if (ops.length === 1 && (ops[0] === "In" || ops[0] === "NotIn") && right) {
        const target = base(right);
        return target && { kind: "membership", ref: target.ref };
      }
      if (ops.length === 1 && (ops[0] === "Is" || ops[0] === "Eq") && right?.type === "Constant" && right.value === null) {
        const target = base(left);
        return target && target.expr === left ? { kind: "absent", ref: target.ref } : null;
      }
    }
    if (test.type === "UnaryOp" && test.op === "Not") {
      const operand = test.operand as PyNode;
      if (operand.type === "Name" || operand.type === "Attribute") {
        const target = base(operand);
        return target && target.expr === operand ? { kind: "absent", ref: target.ref } : null;
      }
      if (operand.type === "Call" && (operand.func as PyNode).type === "Name" && (operand.func as PyNode).id === "hasattr") {
        const [object, attr] = operand.args as PyNode[];
        if (object && attr?.type === "Constant" && typeof attr.value === "string") {
          const target = object.type === "Name" ? base(object) : null;
          return target && { kind: "absent", ref: { ...target.ref, id: `${target.ref.id}.${attr.value}`, display: `${target.ref.display}.${attr.value}` } };
        }
      }
    }
    return null;
  }

  return accesses;
}
