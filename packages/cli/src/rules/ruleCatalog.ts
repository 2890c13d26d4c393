// What the CLI knows about the plugin's rules: ids, docs and base risk, derived
// from `plugin.rules` so a new rule shows up in validation and SARIF by itself.

export const RULE_PREFIX = "aether/";

export interface RuleInfo {
  /** Full id as ESLint reports it: "aether/c-api-misuse". */
  readonly id: string;
  readonly description: string;
  readonly url: string | undefined;
  /** The rule's base risk (0..1); a finding's risk is this times its evidence weight. */
  readonly risk: number | undefined;
  readonly category: string | undefined;
}

export type RuleCatalog = readonly RuleInfo[];

/** The part of a rule module the catalog reads; the plugin's rules satisfy it. */
interface RuleModuleDocs {
  meta?: { docs?: { description?: string; url?: string; risk?: number; category?: string } };
}

export function ruleCatalogFrom(rules: Readonly<Record<string, unknown>>): RuleCatalog {
  return Object.entries(rules)
    .map(([name, rule]) => {
      const docs = (rule as RuleModuleDocs).meta?.docs ?? {};
      return {
        id: RULE_PREFIX + name,
        description: docs.description ?? "",
        url: docs.url,
        risk: docs.risk,
        category: docs.category,
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The full id for a rule named with or without "aether/", or undefined when the
 * plugin has no such rule.
 */
export function resolveRuleId(catalog: RuleCatalog, name: string): string | undefined {
  const id = name.startsWith(RULE_PREFIX) ? name : RULE_PREFIX + name;
  return catalog.some((rule) => rule.id === id) ? id : undefined;
}

/** For error messages: "c-api-misuse, module-state-race". */
export function listRuleNames(catalog: RuleCatalog): string {
  return catalog.map((rule) => rule.id.slice(RULE_PREFIX.length)).join(", ");
}
