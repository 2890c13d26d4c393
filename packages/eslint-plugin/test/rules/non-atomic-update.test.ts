// aether/non-atomic-update on its fixtures: exact findings on the unsafe cases, silence on the safe look-alikes.
import assert from "node:assert/strict";
import { allFindings, findings, fixture } from "../support/ruleFixtures.js";

describe("aether/non-atomic-update", () => {
  it("reports each unsafe case with its evidence", () => {
    assert.deepEqual(findings("non-atomic-update", fixture("non-atomic-update", "unsafe.py")), [
      [15, 9, "`processed` is read, changed and written back with no lock held: threads running this at once lose updates. `worker` runs in threads: `threading.Thread(target=worker, …)` at line 77. Guard it with a lock shared by every thread that touches it."],
      [20, 5, "`bytes_seen` is read, changed and written back with no lock held: threads running this at once lose updates. `tally` runs in threads: `executor.map(tally, …)` at line 80. Guard it with a lock shared by every thread that touches it."],
      [21, 5, "`by_kind` is read, changed and written back with no lock held: threads running this at once lose updates. `tally` runs in threads: `executor.map(tally, …)` at line 80. Guard it with a lock shared by every thread that touches it."],
      [25, 5, "Check-then-act on `seen` with no lock held: another thread can change it between the check and the update. `remember` runs in threads: `executor.submit(remember, …)` at line 81. Guard it with a lock shared by every thread that touches it."],
      [30, 5, "Check-then-act on `pending` with no lock held: another thread can change it between the check and the update. `forget` runs in threads: `executor.submit(forget, …)` at line 82. Guard it with a lock shared by every thread that touches it."],
      [39, 5, "Check-then-act on `backlog` with no lock held: another thread can change it between the check and the update. `take` runs in threads: `executor.submit(take)` at line 83. Guard it with a lock shared by every thread that touches it."],
      [45, 5, "Check-then-act on `tags` with no lock held: another thread can change it between the check and the update. `tag` runs in threads: `executor.submit(tag, …)` at line 84. Guard it with a lock shared by every thread that touches it."],
      [54, 9, "`self.done` is read, changed and written back with no lock held: threads running this at once lose updates. `Downloader.fetch` runs in threads: `self.pool.submit(self.fetch, …)` at line 58. Guard it with a lock shared by every thread that touches it."],
      [66, 9, "`total` is read, changed and written back with no lock held: threads running this at once lose updates. `count_words.<locals>.add` runs in threads: `threading.Thread(target=add, …)` at line 68. Guard it with a lock shared by every thread that touches it."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture("non-atomic-update", "safe.py")), []);
  });
});
