// aether/unsafe-lazy-init: check-then-initialise without a lock
// (`if _client is None: _client = make()`): two threads both see it unset and
// both build it; identity-based code breaks and resources leak.
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
});
