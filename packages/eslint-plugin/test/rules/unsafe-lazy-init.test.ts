// aether/unsafe-lazy-init on its fixtures: exact findings on the unsafe cases, silence on the safe look-alikes.
import assert from "node:assert/strict";
import { allFindings, findings, fixture } from "../support/ruleFixtures.js";

describe("aether/unsafe-lazy-init", () => {
  it("reports each unsafe case with its evidence", () => {
    assert.deepEqual(findings("unsafe-lazy-init", fixture("unsafe-lazy-init", "unsafe.py")), [
      [14, 5, "Lazy initialisation of `_client` without a lock: two threads can both find it unset and both build it. `get_client` runs in threads: called by `handle` at line 83, and `handle` runs in threads: `executor.map(handle, …)` at line 87. Guard it with a lock shared by every thread that touches it, and check again inside it."],
      [21, 5, "Lazy initialisation of `_registry` without a lock: two threads can both find it unset and both build it. `registry` runs in threads: called by `handle` at line 83, and `handle` runs in threads: `executor.map(handle, …)` at line 87. Guard it with a lock shared by every thread that touches it, and check again inside it."],
      [31, 9, "Lazy initialisation of `Service._instance` without a lock: two threads can both find it unset and both build it. `Service.instance` runs in threads: called by `handle` at line 83, and `handle` runs in threads: `executor.map(handle, …)` at line 87. Guard it with a lock shared by every thread that touches it, and check again inside it."],
      [43, 9, "Lazy initialisation of `self._conn` without a lock: two threads can both find it unset and both build it. `Pool` takes `self._lock` at line 48, so its code is meant to run in threads. Hold `self._lock` around it, and check again inside it."],
      [53, 5, "Lazy initialisation of `settings.values` (a function attribute) without a lock: two threads can both find it missing and both build it. `settings` runs in threads: called by `handle` at line 83, and `handle` runs in threads: `executor.map(handle, …)` at line 87. Guard the check and the assignment with one lock."],
      [59, 1, "`@functools.cache` does not make `database` run once: concurrent first calls can each run it and build `sqlite3.connect()` more than once. `database` runs in threads: called by `handle` at line 83, and `handle` runs in threads: `executor.map(handle, …)` at line 87. Create it under a lock (double-checked), or at start-up."],
      [64, 1, "`@lru_cache(maxsize=None)` does not make `log_file` run once: concurrent first calls can each run it and build `open()` more than once. `log_file` runs in threads: called by `handle` at line 83, and `handle` runs in threads: `executor.map(handle, …)` at line 87. Create it under a lock (double-checked), or at start-up."],
      [74, 5, "`@cached_property` `connection` can run more than once per instance when threads read it at the same time (it has no lock since Python 3.12), building `sqlite3.connect(\"session.db\")` each time. `Session` takes `self._lock` at line 78, so its code is meant to run in threads. Build it in `__init__`, or under a lock."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture("unsafe-lazy-init", "safe.py")), []);
  });
});
