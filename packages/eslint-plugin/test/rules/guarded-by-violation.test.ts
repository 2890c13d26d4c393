// aether/guarded-by-violation on its fixtures: exact findings on the unsafe cases, silence on the safe look-alikes.
import assert from "node:assert/strict";
import { allFindings, findings, fixture } from "../support/ruleFixtures.js";

describe("aether/guarded-by-violation", () => {
  it("reports each unsafe case with its evidence", () => {
    assert.deepEqual(findings("guarded-by-violation", fixture("guarded-by-violation", "unsafe.py")), [
      [10, 5, "`_jobs` is declared guarded by `_lock` but is accessed here without holding it. The guard of `_jobs` is declared at line 5."],
      [15, 5, "`_done` is declared guarded by `_lock` but is accessed here without holding it. The guard of `_done` is declared at line 6."],
      [19, 16, "`_jobs` is declared guarded by `_lock` but is accessed here without holding it. The guard of `_jobs` is declared at line 5."],
      [29, 16, "`self.closed` is declared guarded by `self._lock` but is accessed here without holding it. `Inbox` takes `self._lock` at line 36, so its code is meant to run in threads."],
      [30, 13, "`self.messages` is declared guarded by `self._lock` but is accessed here without holding it. `Inbox` takes `self._lock` at line 36, so its code is meant to run in threads."],
      [33, 9, "`self.closed` is declared guarded by `self._lock` but is accessed here without holding it. `Inbox` takes `self._lock` at line 36, so its code is meant to run in threads."],
      [38, 9, "`self.messages` is declared guarded by `self._lock` but is accessed here without holding it. `Inbox` takes `self._lock` at line 36, so its code is meant to run in threads."],
      [48, 5, "`_pending` is declared guarded by `_lock` but is accessed here without holding it. The guard of `_pending` is declared at line 44."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture("guarded-by-violation", "safe.py")), []);
  });
});
