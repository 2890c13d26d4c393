// aether/module-state-race on its fixtures: exact findings on the unsafe cases, silence on the safe look-alikes.
import assert from "node:assert/strict";
import { allFindings, findings, fixture } from "../support/ruleFixtures.js";

describe("aether/module-state-race", () => {
  it("reports each unsafe case with its evidence", () => {
    assert.deepEqual(findings("module-state-race", fixture("module-state-race", "unsafe.py")), [
      [18, 9, "`_sessions` is iterated here while `register` (line 13) changes it with no common lock: a dict or set changed during iteration raises `RuntimeError`, and a list can skip or repeat items. `expire_loop` runs in threads: `threading.Thread(target=expire_loop, …)` at line 76. Guard it with a lock shared by every thread that touches it."],
      [29, 5, "`_subscribers` is iterated here while `subscribe` (line 25) changes it with no common lock: a dict or set changed during iteration raises `RuntimeError`, and a list can skip or repeat items. `publish` runs in threads: `threading.Thread(target=publish, …)` at line 80. Guard it with a lock shared by every thread that touches it."],
      [36, 9, "Global `_config` is rebound here while `mode` (line 41) reads it with no common lock: readers can see a mix of old and new state. `reload_config` runs in threads: `threading.Thread(target=reload_config, …)` at line 81. Guard it with a lock shared by every thread that touches it."],
      [46, 12, "`_active` is iterated here while `track` (line 45) changes it with no common lock: a dict or set changed during iteration raises `RuntimeError`, and a list can skip or repeat items. `track` runs in threads: `threading.Thread(target=track, …)` at line 83. Guard it with a lock shared by every thread that touches it."],
      [50, 24, "`_sessions` is iterated here while `register` (line 13) changes it with no common lock: a dict or set changed during iteration raises `RuntimeError`, and a list can skip or repeat items. `snapshot` runs in threads: `threading.Thread(target=snapshot)` at line 84. Guard it with a lock shared by every thread that touches it."],
      [61, 12, "`_scores` is iterated here while `score` (line 57) changes it with no common lock: a dict or set changed during iteration raises `RuntimeError`, and a list can skip or repeat items. `leaderboard_total` runs in threads: `threading.Thread(target=leaderboard_total)` at line 86. Guard it with a lock shared by every thread that touches it."],
      [73, 34, "`Plugins.registry` is iterated here while `Plugins.add` (line 69) changes it with no common lock: a dict or set changed during iteration raises `RuntimeError`, and a list can skip or repeat items. `Plugins.names` runs in threads: `threading.Thread(target=Plugins.names)` at line 88. Guard it with a lock shared by every thread that touches it."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture("module-state-race", "safe.py")), []);
  });
});
