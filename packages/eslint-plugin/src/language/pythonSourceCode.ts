// ESLint's view of one Python file: text, AST, comments, inline configuration
// (`# eslint-disable…`, `# eslint …`), `# noqa`, Aether annotations, and the
// traversal ESLint drives rules with. Nothing rule-specific lives here.
import type { FileProblem } from "@eslint/core";
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import { parseAnnotations, type Annotation } from "./annotations.js";
import type { Comment } from "./comments.js";
import type { PythonLanguageOptions } from "./languageOptions.js";
import { NoqaTable } from "./noqa.js";
import type { Module, PyNode, SourceLocation } from "./nodes.js";
import { visitorKeys } from "./visitorKeys.js";

const commentParser = new ConfigCommentParser();
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;

type DirectiveType = "disable" | "enable" | "disable-line" | "disable-next-line";

export class PythonSourceCode extends TextSourceCodeBase<{
  LangOptions: PythonLanguageOptions & Record<string, unknown>;
  RootNode: Module;
  SyntaxElementWithLoc: { loc: SourceLocation; range?: [number, number] };
  ConfigNode: Comment;
}> {
  override ast: Module;
  readonly comments: Comment[];
  languageOptions: PythonLanguageOptions;
  /** Per-file caches for the analysis layer (the semantic model lives here, built on first use). */
  readonly cache = new Map<string, unknown>();
  #steps: VisitNodeStep[] | undefined;
  #inlineConfigComments: Comment[] | undefined;
  #noqa: NoqaTable | undefined;
  #annotations: ReturnType<typeof parseAnnotations> | undefined;

  constructor({ text, ast, comments, languageOptions }: {
    text: string;
    ast: Module;
    comments: Comment[];
    languageOptions: PythonLanguageOptions;
  }) {
    super({ text, ast, lineEndingPattern: /\r\n|[\r\n]/u });
    this.ast = ast;
    this.comments = comments;
    this.languageOptions = languageOptions;
  }

  /**
   * ESLint calls this with the file's configured options before any rule runs.
   * It matters when a caller hands ESLint a ready-made SourceCode (the language
   * server parses incrementally and builds its own): the config still decides.
   */
  applyLanguageOptions(options: Partial<PythonLanguageOptions>): void {
    this.languageOptions = { ...this.languageOptions, ...options };
  }

  get noqa(): NoqaTable {
    return (this.#noqa ??= new NoqaTable(this.comments));
  }

  /** `# aether: …` and `# guarded-by: …` comments, parsed once. */
  get annotations(): readonly Annotation[] {
    return (this.#annotations ??= parseAnnotations(this.comments)).annotations;
  }

  override getParent(node: { loc: SourceLocation }): PyNode | undefined {
    return (node as PyNode).parent ?? undefined;
  }

  getInlineConfigNodes(): Comment[] {
    return (this.#inlineConfigComments ??= this.comments.filter((c) => INLINE_CONFIG.test(c.value)));
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed) continue;
      const { label, value, justification } = parsed;
      switch (label) {
        case "eslint-disable":
        case "eslint-enable":
        case "eslint-disable-next-line":
        case "eslint-disable-line":
          directives.push(
            new Directive({ type: label.slice("eslint-".length) as DirectiveType, node: comment, value, justification }),
          );
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): { configs: { config: { rules: Record<string, unknown> }; loc: SourceLocation }[]; problems: FileProblem[] } {
    const configs: { config: { rules: Record<string, unknown> }; loc: SourceLocation }[] = [];
    const problems: FileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (parsed?.label !== "eslint") continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config as Record<string, unknown> }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    for (const problem of (this.#annotations ??= parseAnnotations(this.comments)).problems) {
      problems.push({ ruleId: null, message: problem.message, loc: problem.comment.loc });
    }
    return { configs, problems };
  }

  override traverse(): Iterable<VisitNodeStep> {
    if (this.#steps) return this.#steps;
    // Iterative, so that deep trees cannot overflow the stack: enter a node,
    // queue its exit, then its children (in reverse, so they pop in order).
    const steps: VisitNodeStep[] = [];
    const stack: { node: PyNode; parent: PyNode | null; exit: boolean }[] = [
      { node: this.ast as unknown as PyNode, parent: null, exit: false },
    ];
    while (stack.length > 0) {
      const { node, parent, exit } = stack.pop()!;
      steps.push(new VisitNodeStep({ target: node, phase: exit ? 2 : 1, args: [node, parent] }));
      if (exit) continue;
      stack.push({ node, parent, exit: true });
      const children: PyNode[] = [];
      for (const key of visitorKeys[node.type] ?? []) {
        const child = node[key];
        if (Array.isArray(child)) {
          for (const item of child) if (item) children.push(item as PyNode);
        } else if (child) {
          children.push(child as PyNode);
        }
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, parent: node, exit: false });
    }
    return (this.#steps = steps);
  }
}
