// Ready-made flat configs, derived from the rules' metadata so they cannot drift:
//   recommended — every recommended rule; risk ≥ 0.85 as "error", the rest "warn"
//   strict      — every recommended rule as "error"
//   all         — every rule, recommended or not, with recommended's severities
import type { AetherRule } from "./ruleKit/createRule.js";

export const ERROR_RISK = 0.85;

export const PYTHON_FILES = ["**/*.py", "**/*.pyi"];

type Severity = "error" | "warn";

export function severityFor(rule: AetherRule): Severity {
  return rule.meta.docs.risk >= ERROR_RISK ? "error" : "warn";
}

export function buildConfigs(plugin: object, rules: Readonly<Record<string, AetherRule>>) {
  const entries = Object.entries(rules);
  const pick = (include: (rule: AetherRule) => boolean, severity: (rule: AetherRule) => Severity) =>
    Object.fromEntries(entries.filter(([, r]) => include(r)).map(([id, r]) => [`aether/${id}`, severity(r)]));
  const base = (name: string, ruleSettings: Record<string, Severity>) => ({
    name: `aether/${name}`,
    files: PYTHON_FILES,
    plugins: { aether: plugin },
    language: "aether/python",
    rules: ruleSettings,
  });
  const recommended = (r: AetherRule) => r.meta.docs.recommended !== false;
  return {
    recommended: base("recommended", pick(recommended, severityFor)),
    strict: base("strict", pick(recommended, () => "error")),
    all: base("all", pick(() => true, severityFor)),
  };
}
