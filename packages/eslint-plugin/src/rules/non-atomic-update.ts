// aether/non-atomic-update: read-modify-write and check-then-act on shared
// state with no lock held (`counter += 1`, `d[k] = d.get(k, 0) + 1`,
// `if k not in d: d[k] = v`). Each step is atomic on a free-threaded build;
// the sequence is not, so concurrent threads lose updates.
import { guardSuggestion } from "../ruleKit/lockFix.js";
import { createRaceRule } from "../ruleKit/raceRule.js";
import { setdefaultFix } from "../ruleKit/setdefaultFix.js";

export default createRaceRule({
  id: "non-atomic-update",
  docs: {
    description: "Read-modify-write or check-then-act on shared state without a lock",
    risk: 0.85,
    category: "race",
  },
  messages: {
    readModifyWrite:
      "`{{state}}` is read, changed and written back with no lock held: threads running this at once lose updates. {{evidence}}. {{protection}}.",
    checkThenAct:
      "Check-then-act on `{{state}}` with no lock held: another thread can change it between the check and the update. {{evidence}}. {{protection}}.",
  },
  fixable: "code",
  hasSuggestions: true,
  extraMessages: { guardWithLock: "Wrap it in `with {{lock}}:`" },
  fix(finding, model) {
    const fix = setdefaultFix(finding, model);
    if (fix) return { fix };
    const suggestion = guardSuggestion(finding, model);
    return suggestion ? { suggest: [suggestion] } : {};
  },
});
