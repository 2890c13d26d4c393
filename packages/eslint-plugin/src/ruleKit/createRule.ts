// The shape every Aether rule shares: ESLint rule metadata with Aether's
// `risk` and `category`, and a context that knows the semantic model and
// honours `# noqa` before a finding reaches ESLint.
import type { RuleDefinition, RuleContext } from "@eslint/core";
import type { PythonSourceCode } from "../language/pythonSourceCode.js";
import type { PyNode, SourceLocation } from "../language/nodes.js";
import { SemanticModel } from "../analysis/model.js";

export type RuleCategory = "crash" | "race" | "deadlock" | "data loss" | "corruption" | "lost errors";

export interface AetherRuleMeta {
  type: "problem" | "suggestion";
  docs: {
    description: string;
    /** Base risk in [0, 1]: the harm if the finding is real, before evidence weighting. */
    risk: number;
    category: RuleCategory;
    /** False for rules left out of `recommended` (they are still in `all`). */
    recommended?: boolean;
  };
  messages: Record<string, string>;
  fixable?: "code";
  hasSuggestions?: boolean;
  schema?: unknown[];
}

export interface Finding {
  messageId: string;
  data?: Record<string, string | number>;
  node?: PyNode;
  loc?: SourceLocation;
  fix?: (fixer: Fixer) => unknown;
  suggest?: { messageId: string; data?: Record<string, string | number>; fix: (fixer: Fixer) => unknown }[];
}

export type Fixer = Parameters<NonNullable<Parameters<RuleContext["report"]>[0]["fix"]>>[0];

export interface AetherContext {
  readonly id: string;
  readonly sourceCode: PythonSourceCode;
  readonly model: SemanticModel;
  readonly filename: string;
  readonly options: unknown[];
  report(finding: Finding): void;
}

export type Visitor = Record<string, (node: PyNode, parent: PyNode | null) => void>;

export interface AetherRuleSpec {
  id: string;
  meta: AetherRuleMeta;
  create(context: AetherContext): Visitor;
}

/** A rule's doc page: the Markdown file shipped in this package (works offline, in any editor). */
export function docsUrl(id: string): string {
  return new URL(`../../../docs/rules/${id}.md`, import.meta.url).href;
}

export type AetherRule = RuleDefinition & { meta: AetherRuleMeta & { docs: { url: string } } };

export function createRule(spec: AetherRuleSpec): AetherRule {
  const meta = {
    ...spec.meta,
    languages: ["aether/python"],
    docs: { ...spec.meta.docs, url: docsUrl(spec.id) },
  };
  return {
    meta,
    create(context: RuleContext) {
      const sourceCode = context.sourceCode as unknown as PythonSourceCode;
      let model: SemanticModel | undefined;
      const aether: AetherContext = {
        id: spec.id,
        sourceCode,
        get model() {
          return (model ??= SemanticModel.of(sourceCode, context.physicalFilename ?? context.filename, context.cwd));
        },
        filename: context.filename,
        options: context.options as unknown[],
        report(finding) {
          const line = (finding.loc ?? finding.node?.loc)?.start.line;
          if (line !== undefined && sourceCode.noqa.silences(line, spec.id)) return;
          // `# aether: thread-safe` on a class or def: trust it, except for declared guards.
          if (finding.node && spec.id !== "guarded-by-violation" && insideTrustedCode(finding.node, sourceCode)) return;
          context.report(finding as unknown as Parameters<RuleContext["report"]>[0]);
        },
      };
      return spec.create(aether) as unknown as ReturnType<RuleDefinition["create"]>;
    },
  } as unknown as AetherRule;
}

/** Whether a node sits in a class or function marked `# aether: thread-safe` (on its line or the line above it). */
function insideTrustedCode(node: PyNode, sourceCode: PythonSourceCode): boolean {
  const trusted = sourceCode.annotations.filter((a) => a.kind === "thread-safe").map((a) => a.line);
  if (trusted.length === 0) return false;
  for (let current: PyNode | null = node; current; current = current.parent) {
    if (current.type !== "ClassDef" && current.type !== "FunctionDef" && current.type !== "AsyncFunctionDef") continue;
    const decorators = current.decorator_list as PyNode[];
    const first = decorators[0]?.loc.start.line ?? current.loc.start.line;
    if (trusted.some((line) => line === current!.loc.start.line || (line >= first - 1 && line < current!.loc.start.line))) return true;
  }
  return false;
}
