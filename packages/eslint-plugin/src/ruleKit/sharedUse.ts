// A use of shared state that the race analysis does not judge (a shared
// iterator, connection, weak container, file or class): does it run
// concurrently, is a lock held, has another rule already reported its
// statement, and how should it be protected. The rules that find such uses
// (shared-iterator, sqlite-shared-connection, weakref-race, type-mutation,
// unlocked-file-write) ask these questions the way the race rules do.
import type { PyNode } from "../language/nodes.js";
import type { SemanticModel } from "../analysis/model.js";
import type { AccessKind } from "../analysis/concurrency/accesses.js";
import type { Evidence } from "../analysis/concurrency/evidence.js";
import type { RaceFinding } from "../analysis/concurrency/races.js";
import type { StateRef } from "../analysis/concurrency/sharedState.js";
import type { Finding } from "./createRule.js";
import { enclosingStatement } from "../analysis/statements.js";
import { guardSuggestion } from "./lockFix.js";
import { protection } from "./raceRule.js";

export interface SharedUse {
  /** The node a finding points at. */
  node: PyNode;
  /** The state used, or the owner whose lock would protect it (for `state.owner`). */
  state: StateRef;
  fn: PyNode | null;
  evidence: Evidence;
}

/**
 * The evidence that `fn` runs concurrently, as the race rules decide it for
 * an access of this kind: proven or intended for any state; for module and
 * class state, and the kinds a library audit is after, also the module's
 * locks and the assumed tier of a library's public API.
 */
export function evidenceFor(
  model: SemanticModel,
  fn: PyNode | null,
  state: StateRef | null,
  node: PyNode,
  kind: AccessKind = "read",
): Evidence | null {
  if (!fn) return null;
  if (!state) return model.concurrency.of(fn);
  return model.races.evidenceOf({ kind, state, node, fn, held: [] });
}

/** Whether a lock is held where `node` runs (lexically, or by every caller). */
export function lockHeld(model: SemanticModel, node: PyNode): boolean {
  return model.locks.heldAt(node).length > 0;
}

const covered = new WeakMap<SemanticModel, { statements: Set<PyNode>; compounds: PyNode[] }>();

/**
 * Whether the statement of `node` is already a race finding (one finding per
 * statement). A check-then-act or lazy initialisation covers its whole `if`.
 */
export function reportedByRaceRules(model: SemanticModel, node: PyNode): boolean {
  let known = covered.get(model);
  if (!known) {
    known = { statements: new Set(), compounds: [] };
    for (const finding of model.races.findings) {
      const stmt = enclosingStatement(finding.access.node);
      if (stmt) known.statements.add(stmt);
      if (finding.kind === "lazyInit" || finding.kind === "checkThenAct") known.compounds.push(finding.access.node);
    }
    covered.set(model, known);
  }
  const stmt = enclosingStatement(node);
  if (!stmt) return false;
  if (known.statements.has(stmt)) return true;
  return known.compounds.some((compound) => compound.range[0] <= stmt.range[0] && stmt.range[1] <= compound.range[1]);
}

/**
 * Whether a use should be judged at all: no lock held, not another rule's
 * statement. (`# aether: thread-safe` code is filtered when reporting.)
 */
export function unprotected(model: SemanticModel, node: PyNode): boolean {
  return !lockHeld(model, node) && !reportedByRaceRules(model, node);
}

/** The race analysis's view of a use, for the shared protection text and lock fix. */
function asRaceFinding(use: SharedUse): RaceFinding {
  return {
    rule: "module-state-race",
    kind: "unguarded",
    access: { kind: "read", state: use.state, node: use.node, fn: use.fn, held: [] },
    evidence: use.evidence,
    other: null,
    guard: null,
  };
}

/** "Hold `self._lock` around it" when the owner has exactly one lock, else a generic instruction. */
export function protectionFor(model: SemanticModel, use: SharedUse): string {
  return protection(asRaceFinding(use), model);
}

/** The "wrap it in `with <lock>:`" suggestion for the use's statement, when it can be made cleanly. */
export function guardSuggestionFor(model: SemanticModel, use: SharedUse): Pick<Finding, "suggest"> {
  const suggestion = guardSuggestion(asRaceFinding(use), model);
  return suggestion ? { suggest: [suggestion] } : {};
}

/** The message of the guard suggestion (rules that offer it add this to their messages). */
export const GUARD_SUGGESTION_MESSAGES = { guardWithLock: "Wrap it in `with {{lock}}:`" };

/** A state reference for the owner of a node (its class, else the module) when no shared state is named. */
export function ownerState(model: SemanticModel, node: PyNode, display: string): StateRef {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === "ClassDef") {
      return { id: `owner:${current.range[0]}`, kind: "instance", display, owner: current, name: display };
    }
  }
  return { id: "owner:module", kind: "global", display, owner: model.module, name: display };
}

/**
 * How many threads at once use `state` where `evidence` says code runs:
 * `self` state of a `Thread` subclass reached from its own `run` belongs to
 * that thread (one thread per instance, RacerD's ownership), however many
 * instances are started.
 */
export function instancesFor(model: SemanticModel, state: StateRef, evidence: Evidence): "one" | "many" {
  const site = evidence.entry?.site as PyNode | undefined;
  if (state.kind === "instance" && site?.type === "ClassDef" && inherits(model, site, state.owner)) return "one";
  return evidence.instances;
}

/** Whether two concurrent uses of `state` run on the same thread (one thread per entry or per owning instance). */
export function sameThread(model: SemanticModel, state: StateRef, a: Evidence, b: Evidence): boolean {
  return !!a.entry && a.entry.fn === b.entry?.fn && instancesFor(model, state, a) === "one" && instancesFor(model, state, b) === "one";
}

function inherits(model: SemanticModel, cls: PyNode, ancestor: PyNode, seen = new Set<PyNode>()): boolean {
  if (cls === ancestor) return true;
  if (seen.has(cls)) return false;
  seen.add(cls);
  return (cls.bases as PyNode[]).some((base) => {
    const resolved = model.callGraph.resolveClass(base);
    return !!resolved && inherits(model, resolved, ancestor, seen);
  });
}

const CONSTRUCTION = new Set(["__init__", "__new__", "__post_init__"]);

/** Whether `fn` builds its object (`self` is not shared yet while it runs). */
export function isConstruction(fn: PyNode | null): boolean {
  return !!fn && fn.type !== "Lambda" && CONSTRUCTION.has(fn.name as string);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
