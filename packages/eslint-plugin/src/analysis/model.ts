// The semantic model of one file, built lazily on first use and shared by
// every rule that runs on the file. Each layer answers one question:
//   scopes     — which binding does a name refer to?
//   imports    — what qualified name does an expression stand for?
//   callGraph  — which in-file function calls which?
//   origins    — which constructor made the value a name or attribute holds?
//   entries    — which functions start running in a thread, and where?
//   locks      — which locks are held at each statement?
//   concurrency — does a function run concurrently (proven / intended / assumed)?
//   accesses   — which shared state does each statement read or write?
//   races      — which accesses are unsafe, each given to one rule?
import type { PythonSourceCode } from "../language/pythonSourceCode.js";
import type { PyNode } from "../language/nodes.js";
import { CallGraph } from "./callGraph.js";
import { collectAccesses, type Access } from "./concurrency/accesses.js";
import { ConcurrencyEvidence } from "./concurrency/evidence.js";
import { LockModel } from "./concurrency/locks.js";
import { RaceAnalysis } from "./concurrency/races.js";
import { SharedState } from "./concurrency/sharedState.js";
import { findSequentialTargets, findThreadEntries, type EntryContext, type ThreadEntry } from "./concurrency/threadEntries.js";
import { moduleNameOf } from "./moduleName.js";
import { NodeIndex } from "./nodeIndex.js";
import { ValueOrigins } from "./values.js";
import { ImportTable } from "./imports.js";
import { ScopeTree } from "./scopes.js";

const CACHE_KEY = "aether:semantic-model";

export class SemanticModel {
  #index: NodeIndex | undefined;
  #scopes: ScopeTree | undefined;
  #imports: ImportTable | undefined;
  #callGraph: CallGraph | undefined;
  #origins: ValueOrigins | undefined;
  #entries: ThreadEntry[] | undefined;
  #locks: LockModel | undefined;
  #concurrency: ConcurrencyEvidence | undefined;
  #state: SharedState | undefined;
  #accesses: Access[] | undefined;
  #races: RaceAnalysis | undefined;

  private constructor(
    readonly sourceCode: PythonSourceCode,
    /** The file's path, absolute or relative to `projectRoot` (for `threadEntries` patterns), if known. */
    readonly filename: string | null,
    /** The directory module names are relative to: ESLint's cwd, which the CLI and the language server set to the project's root. */
    readonly projectRoot: string | undefined,
  ) {}

  /** The model of a file, created once per SourceCode. */
  static of(sourceCode: PythonSourceCode, filename: string | null = null, projectRoot?: string): SemanticModel {
    let model = sourceCode.cache.get(CACHE_KEY) as SemanticModel | undefined;
    if (!model) {
      model = new SemanticModel(sourceCode, filename, projectRoot);
      sourceCode.cache.set(CACHE_KEY, model);
    }
    return model;
  }

  get module(): PyNode {
    return this.sourceCode.ast as unknown as PyNode;
  }

  /** Every node, in document order and by type. */
  get nodes(): NodeIndex {
    return (this.#index ??= new NodeIndex(this.module));
  }

  get scopes(): ScopeTree {
    return (this.#scopes ??= new ScopeTree(this.module, this.nodes));
  }

  get imports(): ImportTable {
    return (this.#imports ??= new ImportTable(this.scopes));
  }

  get callGraph(): CallGraph {
    return (this.#callGraph ??= new CallGraph(this.module, this.scopes, this.nodes));
  }

  get origins(): ValueOrigins {
    return (this.#origins ??= new ValueOrigins(this.nodes, this.scopes, this.imports));
  }

  get threadEntries(): readonly ThreadEntry[] {
    return (this.#entries ??= findThreadEntries(this.#entryContext()));
  }

  #entryContext(): EntryContext {
    return {
      module: this.module,
      nodes: this.nodes,
      text: this.sourceCode.text,
      scopes: this.scopes,
      imports: this.imports,
      callGraph: this.callGraph,
      origins: this.origins,
      annotations: this.sourceCode.annotations,
      configuredEntries: this.sourceCode.languageOptions.threadEntries ?? [],
      moduleName: this.filename ? moduleNameOf(this.filename, this.projectRoot) : null,
    };
  }

  get locks(): LockModel {
    return (this.#locks ??= new LockModel(
      this.module,
      this.sourceCode.text,
      this.scopes,
      this.imports,
      this.origins,
      this.callGraph,
      this.sourceCode.annotations,
      new Set(this.threadEntries.map((e) => e.fn)),
    ));
  }

  get concurrency(): ConcurrencyEvidence {
    return (this.#concurrency ??= new ConcurrencyEvidence(
      this.module,
      this.callGraph,
      this.threadEntries,
      this.locks,
      findSequentialTargets(this.#entryContext()),
    ));
  }

  get sharedState(): SharedState {
    return (this.#state ??= new SharedState(this.scopes, this.origins));
  }

  get accesses(): readonly Access[] {
    return (this.#accesses ??= collectAccesses(this.nodes, this.sharedState, this.locks));
  }

  get races(): RaceAnalysis {
    return (this.#races ??= new RaceAnalysis(
      this.accesses,
      this.concurrency,
      this.nodes,
      this.sourceCode.annotations,
      this.sharedState,
      this.locks,
    ));
  }

  /** Shorthand for `imports.qualifiedName`. */
  qualifiedName(expr: PyNode): string | null {
    return this.imports.qualifiedName(expr);
  }

  /**
   * The calls whose callee's qualified name is one of `names`, in walk
   * order: one query for the rules that each looked for their API's calls
   * by walking the whole file. A file that cannot name any of them (nothing
   * imported leads there) is not scanned at all.
   */
  callsNamed(names: ReadonlySet<string>): PyNode[] {
    const found: PyNode[] = [];
    if (!this.imports.mayResolveTo(names)) return found;
    for (const call of this.nodes.ofType("Call")) {
      const name = this.imports.qualifiedName(call.func as PyNode);
      if (name !== null && names.has(name)) found.push(call);
    }
    return found;
  }
}
