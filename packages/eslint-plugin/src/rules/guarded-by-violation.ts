// aether/guarded-by-violation: state declared `# guarded-by: <lock>` read or
// written without holding that lock. The most precise rule: the author stated
// the contract.
import { guardSuggestion } from "../ruleKit/lockFix.js";
import { createRaceRule } from "../ruleKit/raceRule.js";

export default createRaceRule({
  id: "guarded-by-violation",
  docs: {
    description: "State declared `# guarded-by: <lock>` accessed without holding that lock",
    risk: 0.9,
    category: "race",
  },
  messages: {
    unguarded: "`{{state}}` is declared guarded by `{{guard}}` but is accessed here without holding it. {{evidence}}.",
  },
  hasSuggestions: true,
  extraMessages: { guardWithLock: "Wrap it in `with {{lock}}:`" },
  fix(finding, model) {
    const suggestion = guardSuggestion(finding, model);
    return suggestion ? { suggest: [suggestion] } : {};
  },
});
