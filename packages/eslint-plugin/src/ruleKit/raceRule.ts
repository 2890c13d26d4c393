// The shape shared by the race rules: each reports the findings the race
// analysis handed it, with a message naming the state, the evidence that the
// code runs concurrently, and the missing protection.
import type { PyNode } from "../language/nodes.js";
import type { RaceFinding, RaceRule } from "../analysis/concurrency/races.js";
import type { SemanticModel } from "../analysis/model.js";
import { createRule, type AetherRule, type AetherRuleMeta, type Finding } from "./createRule.js";
import { tieredMessageId, tieredMessages } from "./evidence.js";

export interface RaceRuleSpec {
  id: RaceRule;
  docs: AetherRuleMeta["docs"];
  /** Message per finding kind; placeholders {{state}}, {{evidence}}, {{protection}}, {{other}}, {{guard}}. */
  messages: Partial<Record<RaceFinding["kind"], string>>;
  fixable?: "code";
  hasSuggestions?: boolean;
  /** Fix or suggestions for one finding, if any. */
  fix?: (finding: RaceFinding, model: SemanticModel) => Pick<Finding, "fix" | "suggest">;
  /** Extra messages (suggestion descriptions, and the messages of `moreFindings`). */
  extraMessages?: Record<string, string>;
  /** Findings of this rule that the race analysis does not make (rule-specific forms). */
  moreFindings?: (model: SemanticModel) => Finding[];
}

export function createRaceRule(spec: RaceRuleSpec): AetherRule {
  const messages = { ...spec.extraMessages, ...tieredMessages(spec.messages as Record<string, string>) };
  return createRule({
    id: spec.id,
    meta: {
      type: "problem",
      docs: spec.docs,
      messages,
      ...(spec.fixable ? { fixable: spec.fixable } : {}),
      ...(spec.hasSuggestions ? { hasSuggestions: true } : {}),
      schema: [],
    },
    create(context) {
      return {
        Module() {
          const model = context.model;
          for (const finding of model.races.findingsFor(spec.id)) {
            context.report({
              node: finding.access.node,
              messageId: tieredMessageId(finding.kind, finding.evidence.tier),
              data: {
                state: finding.access.state.display,
                evidence: capitalise(finding.evidence.reason),
                protection: protection(finding, model),
                other: describeOther(finding.other, model),
                guard: finding.guard ?? "",
              },
              ...(spec.fix ? spec.fix(finding, model) : {}),
            });
          }
          for (const finding of spec.moreFindings?.(model) ?? []) context.report(finding);
        },
      };
    },
  });
}

/** "Hold `self._lock` around it" when the owner has exactly one lock, else a generic instruction. */
export function protection(finding: RaceFinding, model: SemanticModel): string {
  const lock = lockToReuse(finding, model);
  return lock ? `Hold \`${lock}\` around it` : "Guard it with a lock shared by every thread that touches it";
}

/** How the code should spell the one lock that protects this state's owner, if there is exactly one. */
export function lockToReuse(finding: RaceFinding, model: SemanticModel): string | null {
  const owner = finding.access.state.owner;
  if (owner.type === "ClassDef") {
    const lock = model.races.onlyLockOf(owner);
    if (!lock) return null;
    const attr = lock.id.split(".").pop()!;
    if (finding.access.state.kind === "instance") return `self.${attr}`;
    // Class state can only use a lock that lives on the class itself, not one made in `__init__`.
    const onClass = (owner.body as PyNode[]).some(
      (s) => s.type === "Assign" && (s.targets as PyNode[]).some((t) => t.type === "Name" && t.id === attr),
    );
    return onClass ? `${owner.name as string}.${attr}` : null;
  }
  if (owner.type === "Module") {
    const lock = model.races.onlyLockOf(owner);
    return lock ? lock.text : null;
  }
  return null;
}

function describeOther(other: RaceFinding["other"], model: SemanticModel): string {
  if (!other) return "another thread";
  const name = other.fn ? model.callGraph.qualifiedNameOf(other.fn) : null;
  return `${name ? `\`${name}\`` : "module code"} (line ${other.node.loc.start.line})`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type { PyNode };
