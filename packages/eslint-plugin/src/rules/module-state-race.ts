// aether/module-state-race: module-level (and class-level) mutable state
// iterated while another thread mutates it, or a global rebound while other
// threads read it, with no common lock.
import { guardSuggestion } from "../ruleKit/lockFix.js";
import { createRaceRule } from "../ruleKit/raceRule.js";

export default createRaceRule({
  id: "module-state-race",
  docs: {
    description: "Module-level state iterated or rebound while other threads change or read it",
    risk: 0.85,
    category: "race",
  },
  messages: {
    iterateWhileMutated:
      "`{{state}}` is iterated here while {{other}} changes it with no common lock: a dict or set changed during iteration raises `RuntimeError`, and a list can skip or repeat items. {{evidence}}. {{protection}}.",
    rebind:
      "Global `{{state}}` is rebound here while {{other}} reads it with no common lock: readers can see a mix of old and new state. {{evidence}}. {{protection}}.",
  },
  hasSuggestions: true,
  extraMessages: { guardWithLock: "Wrap it in `with {{lock}}:`" },
  fix(finding, model) {
    const suggestion = guardSuggestion(finding, model);
    return suggestion ? { suggest: [suggestion] } : {};
  },
});
