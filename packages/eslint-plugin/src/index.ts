// eslint-plugin-aether: the Python language for ESLint and the rules that find
// what breaks when Python runs free-threaded.
import { readFileSync } from "node:fs";
import { buildConfigs } from "./configs.js";
import { pythonLanguage } from "./language/pythonLanguage.js";
import { rules } from "./rules/index.js";
import { computeRisk, tierOfMessageId } from "./ruleKit/evidence.js";

const { name, version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  name: string;
  version: string;
};

const plugin = {
  meta: { name, version, namespace: "aether" },
  languages: { python: pythonLanguage },
  rules,
  configs: {} as ReturnType<typeof buildConfigs>,
};
plugin.configs = buildConfigs(plugin, rules);

export default plugin;
export { rules, pythonLanguage };
export { parsePython, convertTree, type ParseResult, type ParseError } from "./language/parse.js";
export { visitorKeys } from "./language/visitorKeys.js";
export { wasmPaths, parseTree } from "./language/treeSitter.js";
export type * from "./language/nodes.js";
export { SemanticModel } from "./analysis/model.js";
export { isGeneratorFunction } from "./analysis/generatorFunctions.js";
export { ERROR_RISK, PYTHON_FILES } from "./configs.js";

/**
 * The risk of one ESLint message from an Aether rule: the rule's base risk ×
 * the evidence weight carried in its message id. Undefined for other rules.
 */
export function findingRisk(ruleId: string | null, messageId: string | undefined): number | undefined {
  if (!ruleId) return undefined;
  const rule = rules[ruleId.startsWith("aether/") ? ruleId.slice("aether/".length) : ruleId];
  return rule && computeRisk(rule.meta.docs.risk, tierOfMessageId(messageId));
}
export { renderRuleTable, withRuleTable } from "./ruleTable.js";
