// Does this code run concurrently? Each function gets its strongest evidence
// (RULES.md): proven — reachable through the call graph from a thread entry,
// with the chain that proves it; intended — its class or module uses locks,
// so its authors meant it to be shared; assumed — public API of a library
// module, which free-threaded callers may run in parallel.
import type { PyNode } from "../../language/nodes.js";
import type { EvidenceTier } from "../../ruleKit/evidence.js";
import type { CallGraph } from "../callGraph.js";
import type { LockModel } from "./locks.js";
import type { ThreadEntry } from "./threadEntries.js";
import { walk } from "../walk.js";

export interface Evidence {
  tier: EvidenceTier;
  /** "`fetch` runs in threads: `executor.submit(fetch, …)` at line 52". */
  reason: string;
  /** Whether several threads may run this function at once. */
  instances: "one" | "many";
  /** The thread entry a proven function is reached from. */
  entry: ThreadEntry | null;
}

export class ConcurrencyEvidence {
  readonly #proven = new Map<PyNode, Evidence>();
  readonly #lockUsers = new Map<PyNode, string>();
  readonly #isLibrary: boolean;

  constructor(
    private readonly module: PyNode,
    private readonly callGraph: CallGraph,
    entries: readonly ThreadEntry[],
    locks: LockModel,
    /** Functions that run while no other thread of this module does (other processes, after fork, at exit). */
    private readonly processTargets: ReadonlySet<PyNode> = new Set(),
  ) {
    this.#propagate(entries);
    this.#findLockUsers(locks);
    this.#isLibrary = !hasMainGuard(module);
  }

  /**
   * The evidence that `fn` runs concurrently, or null (module level, or no
   * evidence). A class that takes a lock means all its methods to be shared
   * (RacerD's heuristic); a module that takes a lock says less about each of
   * its functions — see `moduleLockReason`.
   */
  of(fn: PyNode | null): Evidence | null {
    if (!fn) return null;
    const proven = this.#proven.get(fn);
    if (proven) return proven;
    if (this.processTargets.has(fn)) return null;
    const owner = this.#owner(fn);
    const lockUser = owner.type === "ClassDef" ? this.#lockUsers.get(owner) : undefined;
    if (lockUser) {
      return { tier: "intended", reason: lockUser, instances: "many", entry: null };
    }
    return null;
  }

  /**
   * Intended evidence for a module-level function touching state that other
   * code guards with a lock: the module's authors meant that state to be
   * shared, so an unguarded access to it is suspect.
   */
  moduleLockEvidence(fn: PyNode | null, state: string): Evidence | null {
    if (!fn || this.processTargets.has(fn) || this.#runsOnlyFromModuleCode(fn)) return null;
    const lockUser = this.#lockUsers.get(this.module);
    if (!lockUser) return null;
    return {
      tier: "intended",
      reason: `${lockUser.replace(/, so its code is meant to run in threads$/, "")}, and guards \`${state}\` with a lock elsewhere, so it is meant to be shared`,
      instances: "many",
      entry: null,
    };
  }

  /** Assumed evidence for public module-level API of a library module (used for module state only). */
  assumed(fn: PyNode | null): Evidence | null {
    if (!fn || !this.#isLibrary || fn.type === "Lambda" || this.processTargets.has(fn) || this.#runsOnlyFromModuleCode(fn)) {
      return null;
    }
    const name = fn.name as string;
    const parent = fn.parent;
    const isPublicFunction = parent?.type === "Module" && !name.startsWith("_");
    const isPublicMethod =
      parent?.type === "ClassDef" &&
      parent.parent?.type === "Module" &&
      !(parent.name as string).startsWith("_") &&
      (!name.startsWith("_") || name === "__call__");
    if (!isPublicFunction && !isPublicMethod) return null;
    return {
      tier: "assumed",
      reason: `\`${this.callGraph.qualifiedNameOf(fn) ?? name}\` is public API: free-threaded callers may run it in parallel`,
      instances: "many",
      entry: null,
    };
  }

  /** Every function with proven evidence. */
  get provenFunctions(): ReadonlyMap<PyNode, Evidence> {
    return this.#proven;
  }

  #propagate(entries: readonly ThreadEntry[]): void {
    const queue: PyNode[] = [];
    for (const entry of entries) {
      const name = entry.fn.type === "Lambda" ? "lambda" : `\`${this.callGraph.qualifiedNameOf(entry.fn) ?? "?"}\``;
      const known = this.#proven.get(entry.fn);
      if (known && (known.instances === "many" || entry.instances === "one")) continue;
      this.#proven.set(entry.fn, {
        tier: "proven",
        reason: `${name} runs in threads: ${entry.evidence}`,
        instances: entry.instances,
        entry,
      });
      queue.push(entry.fn);
    }
    while (queue.length > 0) {
      const caller = queue.shift()!;
      const callerEvidence = this.#proven.get(caller)!;
      for (const site of this.callGraph.callsFrom(caller)) {
        const callee = site.callee;
        if (!callee) continue;
        const known = this.#proven.get(callee);
        if (known && (known.instances === "many" || callerEvidence.instances === "one")) continue;
        const calleeName = this.callGraph.qualifiedNameOf(callee) ?? "?";
        const callerName = caller.type === "Lambda" ? "a lambda" : `\`${this.callGraph.qualifiedNameOf(caller) ?? "?"}\``;
        this.#proven.set(callee, {
          tier: "proven",
          reason: `\`${calleeName}\` runs in threads: called by ${callerName} at line ${site.call.loc.start.line}, and ${callerEvidence.reason}`,
          instances: callerEvidence.instances,
          entry: callerEvidence.entry,
        });
        queue.push(callee);
      }
    }
  }

  /** Classes (and the module) that take a lock somewhere: their code is meant to be shared. */
  #findLockUsers(locks: LockModel): void {
    for (const acquisition of locks.acquisitions) {
      if (acquisition.lock.kind === "unknown" && !acquisition.fn) continue;
      const owner = acquisition.fn ? this.#owner(acquisition.fn) : this.module;
      if (this.#lockUsers.has(owner)) continue;
      const where = owner.type === "ClassDef" ? `\`${owner.name as string}\`` : "this module";
      this.#lockUsers.set(
        owner,
        `${where} takes \`${acquisition.lock.text}\` at line ${acquisition.node.loc.start.line}, so its code is meant to run in threads`,
      );
    }
  }

  /**
   * Set-up code: every call in this file comes from module-level code
   * (import time, or the `if __name__ == "__main__":` block), before any
   * thread this module starts.
   */
  #runsOnlyFromModuleCode(fn: PyNode): boolean {
    const callers = this.callGraph.callsTo(fn);
    return callers.length > 0 && callers.every((site) => site.caller === null);
  }

  /** The class a method belongs to, or the module for a module-level function. */
  #owner(fn: PyNode): PyNode {
    for (let current = fn.parent; current; current = current.parent) {
      if (current.type === "ClassDef" || current.type === "Module") return current;
    }
    return this.module;
  }
}

function hasMainGuard(module: PyNode): boolean {
  let found = false;
  walk(module, (node) => {
    if (found || node.type === "FunctionDef" || node.type === "ClassDef") return false;
    if (node.type === "Compare") {
      const left = node.left as PyNode;
      if (left.type === "Name" && left.id === "__name__") found = true;
    }
    return true;
  });
  return found;
}
