// aether/module-state-race on its fixtures: exact findings on the unsafe cases, silence on the safe look-alikes.
import assert from "node:assert/strict";
import { allFindings, findings, fixture } from "../support/ruleFixtures.js";

describe("aether/module-state-race", () => {
  it("reports each unsafe case with its evidence", () => {
    assert.deepEqual(findings("module-state-race", fixture("module-state-race", "unsafe.py")), [
      [17, 9, "`_sessions` is iterated here while `register` (line 12) changes it with no common lock: the loop can fail with `RuntimeError: dictionary changed size during iteration` or skip items. `expire_loop` runs in threads: `threading.Thread(target=expire_loop, …)` at line 74. Guard it with a lock shared by every thread that touches it."],
      [28, 5, "`_subscribers` is iterated here while `subscribe` (line 24) changes it with no common lock: the loop can fail with `RuntimeError: dictionary changed size during iteration` or skip items. `publish` runs in threads: `threading.Thread(target=publish, …)` at line 78. Guard it with a lock shared by every thread that touches it."],
      [35, 9, "Global `_config` is rebound here while `mode` (line 39) reads it with no common lock: readers can see a mix of old and new state. `reload_config` runs in threads: `threading.Thread(target=reload_config, …)` at line 79. Guard it with a lock shared by every thread that touches it."],
      [44, 12, "`_active` is iterated here while `track` (line 43) changes it with no common lock: the loop can fail with `RuntimeError: dictionary changed size during iteration` or skip items. `track` runs in threads: `threading.Thread(target=track, …)` at line 81. Guard it with a lock shared by every thread that touches it."],
      [48, 24, "`_sessions` is iterated here while `register` (line 12) changes it with no common lock: the loop can fail with `RuntimeError: dictionary changed size during iteration` or skip items. `snapshot` runs in threads: `threading.Thread(target=snapshot)` at line 82. Guard it with a lock shared by every thread that touches it."],
      [59, 12, "`_scores` is iterated here while `score` (line 55) changes it with no common lock: the loop can fail with `RuntimeError: dictionary changed size during iteration` or skip items. `leaderboard_total` runs in threads: `threading.Thread(target=leaderboard_total)` at line 84. Guard it with a lock shared by every thread that touches it."],
      [71, 34, "`Plugins.registry` is iterated here while `Plugins.add` (line 67) changes it with no common lock: the loop can fail with `RuntimeError: dictionary changed size during iteration` or skip items. `Plugins.names` runs in threads: `threading.Thread(target=Plugins.names)` at line 86. Guard it with a lock shared by every thread that touches it."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture("module-state-race", "safe.py")), []);
  });
});
