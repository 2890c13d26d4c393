// The shape of a rule that asks the semantic model for all its findings once
// per file instead of visiting nodes one by one: its messages once per
// evidence tier, the guard-with-a-lock suggestion's message, and a Module
// visitor that reports what `find` returns, in source order.
import type { SemanticModel } from "../analysis/model.js";
import { createRule, type AetherRule, type AetherRuleMeta, type Finding } from "./createRule.js";
import { tieredMessages } from "./evidence.js";
import { GUARD_SUGGESTION_MESSAGES } from "./sharedUse.js";

export interface ModelRuleSpec {
  id: string;
  docs: AetherRuleMeta["docs"];
  /** Message per finding kind; each gets a variant per evidence tier (`kind@intended`, …). */
  messages: Record<string, string>;
  /** Every finding of the rule in one file. */
  find(model: SemanticModel): Finding[];
}

export function createModelRule(spec: ModelRuleSpec): AetherRule {
  return createRule({
    id: spec.id,
    meta: {
      type: "problem",
      docs: spec.docs,
      messages: { ...tieredMessages(spec.messages), ...GUARD_SUGGESTION_MESSAGES },
      hasSuggestions: true,
      schema: [],
    },
    create(context) {
      return {
        Module() {
          const found = spec.find(context.model);
          for (const finding of found.sort((a, b) => a.node!.range[0] - b.node!.range[0])) context.report(finding);
        },
      };
    },
  });
}
