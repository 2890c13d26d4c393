// Every rule, by id. Configs, docs and the README's rule table derive from this list.
import type { AetherRule } from "../ruleKit/createRule.js";
import cApiMisuse from "./c-api-misuse.js";

export const rules: Readonly<Record<string, AetherRule>> = {
  "c-api-misuse": cApiMisuse,
};
