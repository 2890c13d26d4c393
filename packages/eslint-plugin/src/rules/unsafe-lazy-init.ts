// aether/unsafe-lazy-init: check-then-initialise without a lock
// (`if _client is None: _client = make()`): two threads both see it unset and
// both build it; identity-based code breaks and resources leak.
import { doubleCheckedSuggestion } from "../ruleKit/lockFix.js";
import { createRaceRule } from "../ruleKit/raceRule.js";

export default createRaceRule({
  id: "unsafe-lazy-init",
  docs: {
    description: "Lazy initialisation of shared state without a lock",
    risk: 0.8,
    category: "race",
  },
  messages: {
    lazyInit:
      "Lazy initialisation of `{{state}}` without a lock: two threads can both find it unset and both build it. {{evidence}}. {{protection}}, and check again inside it.",
  },
  hasSuggestions: true,
  extraMessages: { doubleCheckedLocking: "Check again under `with {{lock}}:` before building it (double-checked locking)" },
  fix(finding, model) {
    const suggestion = doubleCheckedSuggestion(finding, model);
    return suggestion ? { suggest: [suggestion] } : {};
  },
});
