// Race findings: each unsafe access of shared state, decided once per file
// and handed to exactly one rule — the most specific (guarded-by-violation,
// then unsafe-lazy-init, then non-atomic-update, then module-state-race).
import type { PyNode } from "../../language/nodes.js";
import type { Annotation } from "../../language/annotations.js";
import type { Access } from "./accesses.js";
import type { ConcurrencyEvidence, Evidence } from "./evidence.js";
import { OWNER, type LockModel, type LockRef } from "./locks.js";
import type { SharedState, StateRef } from "./sharedState.js";
import type { NodeIndex } from "../nodeIndex.js";
import { enclosingStatement } from "../statements.js";

export type RaceRule = "guarded-by-violation" | "unsafe-lazy-init" | "non-atomic-update" | "module-state-race";

export interface RaceFinding {
  rule: RaceRule;
  /** Which message of the rule: what kind of unsafe access this is. */
  kind: "unguarded" | "lazyInit" | "readModifyWrite" | "checkThenAct" | "iterateWhileMutated" | "rebind";
  access: Access;
  evidence: Evidence;
  /** A conflicting access elsewhere, when the finding depends on one. */
  other: Access | null;
  /** For guarded-by: the declared lock. */
  guard: string | null;
}

const PRECEDENCE: readonly RaceRule[] = ["guarded-by-violation", "unsafe-lazy-init", "non-atomic-update", "module-state-race"];

/** Access kinds worth reporting on assumed or module-lock evidence alone. */
const ASSUMABLE = new Set(["lazy-init", "rmw", "check-then-act", "iterate"]);

const WRITES = new Set(["write", "mutate", "rmw", "check-then-act", "lazy-init"]);
const MUTATES_CONTENTS = new Set(["mutate", "rmw", "check-then-act"]);

export interface Guard {
  state: StateRef;
  lock: string;
  /** The lock's identity, as the lock model names it. */
  lockId: string;
  line: number;
}

export class RaceAnalysis {
  readonly findings: RaceFinding[];
  readonly guards: Guard[];

  constructor(
    private readonly accesses: readonly Access[],
    private readonly concurrency: ConcurrencyEvidence,
    nodes: NodeIndex,
    annotations: readonly Annotation[],
    state: SharedState,
    private readonly locks: LockModel,
  ) {
    this.guards = findGuards(nodes, annotations, state);
    this.findings = this.#decide();
  }

  findingsFor(rule: RaceRule): RaceFinding[] {
    return this.findings.filter((f) => f.rule === rule);
  }

  evidenceOf(access: Access): Evidence | null {
    const evidence = this.concurrency.of(access.fn);
    if (evidence) return evidence;
    if (access.state.kind !== "global" && access.state.kind !== "class") return null;
    // Without proof, only the patterns a library audit is after: singletons and counters.
    if (!ASSUMABLE.has(access.kind)) return null;
    const guardedElsewhere = this.#accessesOf(access.state.id).some((a) => a.held.length > 0);
    if (guardedElsewhere) {
      const intended = this.concurrency.moduleLockEvidence(access.fn, access.state.display);
      if (intended) return intended;
    }
    return this.concurrency.assumed(access.fn);
  }

  /** State id → its accesses, in `accesses` order. */
  #byState: Map<string, Access[]> | undefined;

  /**
   * The accesses of one piece of state. `evidenceOf` asks for each access it
   * judges; scanning every access of the file each time made the races layer
   * quadratic in the file's accesses.
   */
  #accessesOf(id: string): readonly Access[] {
    if (!this.#byState) {
      this.#byState = new Map();
      for (const access of this.accesses) {
        const list = this.#byState.get(access.state.id);
        if (list) list.push(access);
        else this.#byState.set(access.state.id, [access]);
      }
    }
    return this.#byState.get(id) ?? [];
  }

  #decide(): RaceFinding[] {
    const candidates: RaceFinding[] = [];
    for (const access of this.accesses) {
      const guard = this.guards.find((g) => g.state.id === access.state.id);
      // A declared guard is the author's statement that the state is shared:
      // only proof from the call graph is stronger than it, no weaker guess.
      const evidence = guard ? this.concurrency.of(access.fn) : this.evidenceOf(access);
      if (guard && access.fn && !access.held.some((l) => l.id === guard.lockId)) {
        candidates.push({
          rule: "guarded-by-violation",
          kind: "unguarded",
          access,
          evidence: evidence ?? {
            tier: "intended",
            reason: `the guard of \`${access.state.display}\` is declared at line ${guard.line}`,
            instances: "many",
            entry: null,
          },
          other: null,
          guard: guard.lock,
        });
        continue;
      }
      if (!evidence || guard) continue;
      const others = this.#accessesOf(access.state.id);
      // The unguarded side of a conflict is the bug: an access under a lock is
      // reported only against another that holds a different lock.
      const locked = access.held.length > 0;
      const conflict = (accept: (other: Access) => boolean) =>
        others.find(
          (other) =>
            accept(other) &&
            (!locked || other.held.length > 0) &&
            this.#concurrent(access, evidence, other) &&
            !commonLock(access.held, other.held),
        );
      const add = (rule: RaceRule, kind: RaceFinding["kind"], other: Access | null) =>
        candidates.push({ rule, kind, access, evidence, other, guard: null });

      switch (access.kind) {
        case "lazy-init": {
          const other = conflict((o) => WRITES.has(o.kind));
          if (other) add("unsafe-lazy-init", "lazyInit", other === access ? null : other);
          break;
        }
        case "rmw":
        case "check-then-act": {
          const other = conflict((o) => WRITES.has(o.kind) || o.kind === "read" || o.kind === "iterate");
          if (other) add("non-atomic-update", access.kind === "rmw" ? "readModifyWrite" : "checkThenAct", other === access ? null : other);
          break;
        }
        case "iterate": {
          if (access.state.kind === "instance" || access.state.kind === "cell") break;
          const other = conflict((o) => o !== access && MUTATES_CONTENTS.has(o.kind));
          if (other) add("module-state-race", "iterateWhileMutated", other);
          break;
        }
        case "write": {
          // One rebinding is atomic: readers see the old object or the new one.
          // It is a race when a function rebinds several globals that other
          // code reads together (a multi-step update readers can see half done).
          if (access.state.kind !== "global" || evidence.tier === "assumed") break;
          const together = this.#rebindsTogether(access);
          if (together.length === 0) break;
          const other = conflict(
            (o) =>
              o.fn !== access.fn &&
              o.kind === "read" &&
              this.accesses.some((r) => r.fn === o.fn && r.kind === "read" && together.some((t) => t.state.id === r.state.id)),
          );
          if (other) add("module-state-race", "rebind", other);
          break;
        }
      }
    }
    // One finding per statement: the most specific rule wins, then the most
    // telling access. An update inside a reported check-then-act on the same
    // state is part of that finding.
    const checks = candidates.filter((c) => c.access.kind === "check-then-act" || c.access.kind === "lazy-init");
    const inReportedCheck = (finding: RaceFinding) =>
      checks.some(
        (check) =>
          check !== finding &&
          check.access.state.id === finding.access.state.id &&
          check.access.node.range[0] < finding.access.node.range[0] &&
          finding.access.node.range[1] <= check.access.node.range[1],
      );
    const byStatement = new Map<PyNode, RaceFinding>();
    for (const finding of candidates) {
      if (inReportedCheck(finding)) continue;
      const statement = enclosingStatement(finding.access.node) ?? finding.access.node;
      const known = byStatement.get(statement);
      if (!known || rank(finding) < rank(known)) byStatement.set(statement, finding);
    }
    return [...byStatement.values()].sort((a, b) => a.access.node.range[0] - b.access.node.range[0]);
  }

  /** Other globals rebound, without a lock, in the same function as `access`. */
  #rebindsTogether(access: Access): Access[] {
    return this.accesses.filter(
      (a) => a.fn === access.fn && (a.kind === "write" || a.kind === "rmw") && a.state.kind === "global" && a.state.id !== access.state.id && a.held.length === 0,
    );
  }

  /** Whether `other` may run at the same time as `access` (which runs concurrently, per `evidence`). */
  #concurrent(access: Access, evidence: Evidence, other: Access): boolean {
    // A Thread subclass's own attributes belong to its one thread, however
    // many instances run (RULES.md: one thread per instance).
    const ownThread = access.state.kind === "instance" && evidence.entry?.site !== undefined && "type" in evidence.entry.site && evidence.entry.site.type === "ClassDef";
    if (other === access || other.fn === access.fn) return evidence.instances === "many" && !ownThread;
    if (!other.fn) return false; // module level: import time, before any thread starts
    if (other.fn.type !== "Lambda" && /^__(init|new|post_init)__$/.test(other.fn.name as string)) return false;
    return true;
  }

  /** The lock a fix should take for state owned by `owner`: its one lock, if it has exactly one. */
  onlyLockOf(owner: PyNode): LockRef | null {
    const created = this.locks.locksCreatedIn(owner);
    return created.length === 1 ? created[0]! : null;
  }
}

const KIND_ORDER: readonly string[] = ["lazy-init", "rmw", "check-then-act", "write", "mutate", "iterate", "read"];

function rank(finding: RaceFinding): number {
  return PRECEDENCE.indexOf(finding.rule) * 10 + KIND_ORDER.indexOf(finding.access.kind);
}

/**
 * Whether two accesses exclude each other. Code that runs only in the thread
 * owning the object (`if self._owner == get_ident():`) excludes every other
 * access the owner makes under the object's real lock.
 */
function commonLock(a: readonly LockRef[], b: readonly LockRef[]): boolean {
  if (a.some((l) => l.id === OWNER.id) || b.some((l) => l.id === OWNER.id)) return true;
  return a.some((l) => b.some((m) => m.id === l.id));
}

/**
 * `x = 0  # guarded-by: _lock`, `self.items = []  # guarded-by: self._lock`,
 * and `items: Annotated[list, "guarded-by:_lock"] = []`.
 */
function findGuards(nodes: NodeIndex, annotations: readonly Annotation[], state: SharedState): Guard[] {
  const module = nodes.all[0]!;
  const byLine = new Map<number, string>();
  for (const a of annotations) if (a.kind === "guarded-by") byLine.set(a.line, a.argument!);
  const guards: Guard[] = [];
  for (const node of nodes.ofType("Assign", "AnnAssign")) {
    const lockText = byLine.get(node.loc.start.line) ?? (node.type === "AnnAssign" ? annotatedGuard(node.annotation as PyNode) : null);
    if (!lockText) continue;
    const target = node.type === "Assign" ? (node.targets as PyNode[])[0]! : (node.target as PyNode);
    const ref = state.stateOf(target) ?? (target.type === "Name" && node.parent?.type === "Module"
      ? { id: `global:${target.id as string}`, kind: "global" as const, display: target.id as string, owner: module, name: target.id as string }
      : null);
    if (!ref) continue;
    guards.push({ state: ref, lock: lockText, lockId: lockIdFromText(lockText, ref), line: node.loc.start.line });
  }
  return guards;
}

/** `Annotated[T, "guarded-by:_lock"]` → "_lock". */
function annotatedGuard(annotation: PyNode): string | null {
  if (annotation.type !== "Subscript") return null;
  const base = annotation.value as PyNode;
  const name = base.type === "Name" ? base.id : base.type === "Attribute" ? base.attr : null;
  if (name !== "Annotated") return null;
  const slice = annotation.slice as PyNode;
  const items = slice.type === "Tuple" ? (slice.elts as PyNode[]) : [];
  for (const item of items.slice(1)) {
    const match = item.type === "Constant" && typeof item.value === "string" ? /^\s*guarded-by:\s*([\w.]+)\s*$/.exec(item.value) : null;
    if (match) return match[1]!;
  }
  return null;
}

/** `self._lock` in class C → `C._lock`; `_lock` → `_lock`: the identity the lock model gives it. */
function lockIdFromText(text: string, ref: StateRef): string {
  const parts = text.split(".");
  if (parts.length === 2 && (parts[0] === "self" || parts[0] === "cls") && ref.owner.type === "ClassDef") {
    return `${ref.owner.name as string}.${parts[1]!}`;
  }
  return text;
}
