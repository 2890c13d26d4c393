// The semantic model of one file, built lazily on first use and shared by
// every rule that runs on the file. Each layer answers one question:
//   scopes     — which binding does a name refer to?
//   imports    — what qualified name does an expression stand for?
//   callGraph  — which in-file function calls which?
// The concurrency layers (thread entries, lock sets, access summaries) slot in
// here the same way: a lazy getter over the layers below.
import type { PythonSourceCode } from "../language/pythonSourceCode.js";
import type { PyNode } from "../language/nodes.js";
import { CallGraph } from "./callGraph.js";
import { ImportTable } from "./imports.js";
import { ScopeTree } from "./scopes.js";

const CACHE_KEY = "aether:semantic-model";

export class SemanticModel {
  #scopes: ScopeTree | undefined;
  #imports: ImportTable | undefined;
  #callGraph: CallGraph | undefined;

  private constructor(readonly sourceCode: PythonSourceCode) {}

  /** The model of a file, created once per SourceCode. */
  static of(sourceCode: PythonSourceCode): SemanticModel {
    let model = sourceCode.cache.get(CACHE_KEY) as SemanticModel | undefined;
    if (!model) {
      model = new SemanticModel(sourceCode);
      sourceCode.cache.set(CACHE_KEY, model);
    }
    return model;
  }

  get module(): PyNode {
    return this.sourceCode.ast as unknown as PyNode;
  }

  get scopes(): ScopeTree {
    return (this.#scopes ??= new ScopeTree(this.module));
  }

  get imports(): ImportTable {
    return (this.#imports ??= new ImportTable(this.scopes));
  }

  get callGraph(): CallGraph {
    return (this.#callGraph ??= new CallGraph(this.module, this.scopes));
  }

  /** Shorthand for `imports.qualifiedName`. */
  qualifiedName(expr: PyNode): string | null {
    return this.imports.qualifiedName(expr);
  }
}
