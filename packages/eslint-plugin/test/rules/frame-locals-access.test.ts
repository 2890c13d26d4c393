// aether/frame-locals-access on its fixtures, and its version-dependent verdicts (3.13t, 3.14t/3.15t, 3.16, GIL builds).
import assert from "node:assert/strict";
import plugin from "../../src/index.js";
import { allFindings, findings, fixture } from "../support/ruleFixtures.js";

const RULE = "frame-locals-access";

const FOREIGN_LOCALS = (expr: string, line: number, version = "3.14") =>
  `\`${expr}\` reads the local variables of a frame running in another thread (from \`sys._current_frames()\`, line ${line}): on free-threaded Python ${version} this can crash the interpreter (gh-144446). Read only \`f_code\` and the shape of the stack here, and have the owning thread send the values it wants to share (e.g. through a \`queue.Queue\`).`;
const CURRENT_FRAMES =
  "`sys._current_frames()` hands this thread the frames of the other running threads, and this code reads them: on free-threaded Python 3.13 that is a use-after-free that can crash the interpreter, and the fix was not backported (gh-152355). Have each thread record its own stack (`traceback.extract_stack()`) and send that, or target Python 3.14+.";
const CRASH_314 = "on free-threaded Python 3.14 reading its `f_locals` there while it runs can crash the interpreter (gh-144446)";
const CRASH_313 = "on free-threaded Python 3.13 touching a frame from a thread other than its own can crash the interpreter (gh-152355)";
const PLAIN = "plain values captured in the frame's own thread (`f_code.co_name`, `f_lineno`, the locals that are needed)";
const HANDED = (frame: string, how: string, crash: string) => `The frame \`${frame}\` is handed to another thread here (${how}): ${crash}. Send ${PLAIN} instead.`;
const STORED = (crash: string) =>
  `The frame \`sys._getframe()\` is stored in \`_entered\`, where other threads reach it: ${crash}. \`handle\` runs in threads: \`pool.submit(handle, …)\` at line 82. Store ${PLAIN} instead, or keep the frame in \`threading.local()\`.`;
const WRITE = (target: string, version: string, issue: string, evidence: string) =>
  `\`${target}\` writes through \`f_locals\` to a frame this thread did not take from its own stack (\`frame\`): if it runs in another thread, this can crash free-threaded Python ${version} (${issue}). ${evidence}. Pass the new value to the thread that owns the frame (e.g. through a \`queue.Queue\`) and let it assign the variable itself.`;
const EDITS = "`apply_edits` runs in threads: `threading.Thread(target=apply_edits, …)` at line 85";
const DEBUGGER = "`Debugger` takes `self._lock` at line 73, so its code is meant to run in threads";

describe("aether/frame-locals-access", () => {
  it("reports each unsafe case (free-threaded 3.14, the default)", () => {
    assert.deepEqual(findings(RULE, fixture(RULE, "unsafe.py")), [
      [17, 22, FOREIGN_LOCALS("frame.f_locals", 16)],
      [22, 12, FOREIGN_LOCALS("sys._current_frames()[thread_id].f_locals", 22)],
      [29, 22, FOREIGN_LOCALS("frame.f_locals", 26)],
      [30, 20, FOREIGN_LOCALS("frame.f_locals", 26)],
      [36, 12, FOREIGN_LOCALS("inspect.getargvalues(frame)", 40)],
      [49, 43, HANDED("sys._getframe(1)", "passed to `threading.Thread` at line 49", CRASH_314)],
      [53, 18, HANDED("inspect.currentframe()", "put into the `queue.Queue` `_handoff`", CRASH_314)],
      [57, 39, STORED(CRASH_314)],
      [64, 9, WRITE("frame.f_locals[name] = value", "3.14", "gh-144446", EDITS)],
      [77, 9, WRITE("frame.f_locals.update({name: value})", "3.14", "gh-144446", DEBUGGER)],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture(RULE, "safe.py")), []);
  });

  it("has its catalogue risk and category, and no fix", () => {
    const meta = plugin.rules[RULE]!.meta;
    assert.equal(meta.docs.risk, 0.95);
    assert.equal(meta.docs.category, "crash");
    assert.equal(meta.fixable, undefined);
    assert.equal(meta.hasSuggestions, undefined);
  });

  it("carries the evidence tier in the message id", () => {
    const ids = plugin.rules[RULE]!.meta.messages;
    assert.ok(ids["storedShared@intended"] && ids["localsWrite@assumed"]);
  });

  it("on 3.13t reports reading the frames of sys._current_frames() at the call, walking included", () => {
    const options = { pythonVersion: "3.13" };
    assert.deepEqual(findings(RULE, fixture(RULE, "unsafe.py"), "module.py", options), [
      [16, 23, CURRENT_FRAMES],
      [22, 12, CURRENT_FRAMES],
      [26, 14, CURRENT_FRAMES],
      [40, 44, CURRENT_FRAMES],
      [49, 43, HANDED("sys._getframe(1)", "passed to `threading.Thread` at line 49", CRASH_313)],
      [53, 18, HANDED("inspect.currentframe()", "put into the `queue.Queue` `_handoff`", CRASH_313)],
      [57, 39, STORED(CRASH_313)],
      [64, 9, WRITE("frame.f_locals[name] = value", "3.13", "gh-152355", EDITS)],
      [77, 9, WRITE("frame.f_locals.update({name: value})", "3.13", "gh-152355", DEBUGGER)],
    ]);
    // The profiler that only walks f_code/f_back is safe on 3.14, not on 3.13; thread-id-only uses are safe on both.
    assert.deepEqual(findings(RULE, fixture(RULE, "safe.py"), "module.py", options), [[17, 23, CURRENT_FRAMES]]);
  });

  it("still reports f_locals of foreign frames on 3.15t, and nothing from 3.16 or on GIL builds", () => {
    const on315 = findings(RULE, fixture(RULE, "unsafe.py"), "module.py", { pythonVersion: "3.15" });
    assert.deepEqual(on315[0], [17, 22, FOREIGN_LOCALS("frame.f_locals", 16, "3.15")]);
    assert.equal(on315.length, 10);
    assert.deepEqual(findings(RULE, fixture(RULE, "unsafe.py"), "module.py", { pythonVersion: "3.16" }), []);
    assert.deepEqual(findings(RULE, fixture(RULE, "unsafe.py"), "module.py", { pythonVersion: "3.13", freeThreaded: false }), []);
    assert.deepEqual(findings(RULE, fixture(RULE, "unsafe.py"), "module.py", { pythonVersion: "3.12" }), []);
  });

  it("follows frames through locals, f_back, partial thread targets and trace callbacks", () => {
    const partial =
      "import functools\nimport sys\nimport threading\n\n\ndef show(frame):\n    print(frame.f_code.co_name)\n\n\n" +
      "def spawn():\n    threading.Thread(target=functools.partial(show, sys._getframe().f_back)).start()\n";
    assert.deepEqual(findings(RULE, partial), [
      [11, 53, HANDED("sys._getframe().f_back", "passed to `threading.Thread` at line 11", CRASH_314)],
    ]);
    const traced =
      "import threading\n\n\nclass Tracer:\n    def __init__(self):\n        self._lock = threading.Lock()\n\n" +
      "    def trace(self, frame, event, arg):\n        frame.f_locals.pop('secret', None)\n        return self.trace\n\n" +
      "    def start(self):\n        with self._lock:\n            threading.settrace(self.trace)\n";
    assert.deepEqual(findings(RULE, traced), []);
    const copied =
      "import sys\n\n\ndef snapshot():\n    frames = dict(sys._current_frames())\n    for tid, frame in sorted(frames.items()):\n        yield tid, frame.f_locals.copy()\n";
    assert.deepEqual(findings(RULE, copied), [[7, 20, FOREIGN_LOCALS("frame.f_locals", 5)]]);
    const keysOnly = "import sys\n\n\ndef threads():\n    frames = sys._current_frames()\n    return sorted(frames.keys()), len(frames)\n";
    assert.deepEqual(findings(RULE, keysOnly, "module.py", { pythonVersion: "3.13" }), []);
  });
});
