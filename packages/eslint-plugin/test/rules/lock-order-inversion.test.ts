// aether/lock-order-inversion on its fixtures: exact findings on the unsafe cases, silence on the safe look-alikes.
import assert from "node:assert/strict";
import { allFindings, findings, fixture } from "../support/ruleFixtures.js";

describe("aether/lock-order-inversion", () => {
  it("reports each unsafe case with its evidence", () => {
    assert.deepEqual(findings("lock-order-inversion", fixture("lock-order-inversion", "unsafe.py")), [
      [18, 14, "`accounts_lock` is taken while holding `audit_lock` here, but `transfer` takes `audit_lock` while holding `accounts_lock` (line 12): two threads on these paths can each hold one lock and wait forever for the other. Code that takes locks is meant to run in threads. Take the locks in one order everywhere."],
      [37, 10, "`cache_lock` is taken while holding `index_lock` here, but `refresh` takes `index_lock` while holding `cache_lock` (line 25): two threads on these paths can each hold one lock and wait forever for the other. Code that takes locks is meant to run in threads. Take the locks in one order everywhere."],
      [43, 14, "`cache_lock` is a `threading.Lock` and is already held here (an enclosing block took it): taking it again blocks this thread forever. Code that takes locks is meant to run in threads. Do not re-take it, or make it a `threading.RLock`."],
      [48, 10, "`accounts_lock` is a `threading.Lock` and is already held here (every caller of `_helper` holds it): taking it again blocks this thread forever. Code that takes locks is meant to run in threads. Do not re-take it, or make it a `threading.RLock`."],
      [66, 14, "`self._lock` is a `threading.Lock` and is already held here (every caller of `Store._write` holds it): taking it again blocks this thread forever. `Store` takes `self._lock` at line 62, so its code is meant to run in threads. Do not re-take it, or make it a `threading.RLock`."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture("lock-order-inversion", "safe.py")), []);
  });
});
