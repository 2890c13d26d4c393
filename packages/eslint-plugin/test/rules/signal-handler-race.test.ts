// aether/signal-handler-race on its fixtures: handlers (functions, lambdas, bound methods, what they call) and
// signal.signal() from threads; the same verdicts on every Python version and build.
import assert from "node:assert/strict";
import plugin from "../../src/index.js";
import { allFindings, findings, fixture } from "../support/ruleFixtures.js";

const RULE = "signal-handler-race";

const INSTEAD = "Have the handler only set a flag (or `put_nowait` into a `queue.SimpleQueue`, or use `signal.set_wakeup_fd`), and do the work in the main loop.";
const LOCK = (runner: string) =>
  `${runner} takes \`_state_lock\`, a non-reentrant \`threading.Lock\`: handlers run in the main thread on top of whatever it was doing, so if the main thread holds it when the signal lands (\`main\` takes it at line 68), it waits for itself forever. ${INSTEAD}`;
const STREAM =
  "buffered streams are not reentrant, so if the signal lands while the main thread is writing to the same stream, this write fails with `RuntimeError: reentrant call`";
const LOGGING =
  "the logging docs warn that it may be unusable from signal handlers, since it takes its handlers' locks and writes their streams (if the signal lands during a log call, this one fails with `RuntimeError: reentrant call`)";

describe("aether/signal-handler-race", () => {
  it("reports each unsafe handler and the registration from a thread", () => {
    assert.deepEqual(findings(RULE, fixture(RULE, "unsafe.py")), [
      [17, 10, LOCK("The signal handler `on_term` (registered at line 59)")],
      [22, 5, LOCK("`_flush_metrics`, which the signal handler `on_usr1` (registered at line 60) reaches through the call at line 30,")],
      [34, 5, `The signal handler \`on_usr2\` (registered at line 61) calls \`print()\`: ${STREAM}. ${INSTEAD}`],
      [
        38,
        5,
        `The signal handler \`on_chld\` (registered at line 63) calls \`_commands.put()\`, which takes the non-reentrant lock inside the \`queue.Queue\`: the main thread holds it inside \`put()\` and \`get()\` on the same queue, so a signal landing then makes the handler wait for itself forever. ${INSTEAD}`,
      ],
      [
        42,
        5,
        `The signal handler \`on_alrm\` (registered at line 64) changes \`_received\`, which \`main\` also iterates (line 70): handlers run between any two bytecodes of the main thread, so it can land in the middle of that loop, and the loop can fail (\`RuntimeError: … changed size during iteration\`) or miss the change. ${INSTEAD}`,
      ],
      [50, 9, `The signal handler \`Server.reload\` (registered at line 65) calls \`log.info()\`: ${LOGGING}. ${INSTEAD}`],
      [
        54,
        5,
        "`signal.signal()` runs in a thread other than the main one: only the main thread may install signal handlers, so it raises `ValueError: signal only works in main thread of the main interpreter`. `install_late` runs in threads: `threading.Thread(target=install_late)` at line 66. Install handlers in the main thread at start-up.",
      ],
      [
        62,
        56,
        `The signal handler lambda (registered at line 62) calls \`_stop.set()\`, which takes the non-reentrant lock inside the \`threading.Event\`: the main thread holds it inside \`wait()\`, while it checks the flag and after each timeout, so a signal landing then makes the handler wait for itself forever (CPython gh-126434). ${INSTEAD}`,
      ],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture(RULE, "safe.py")), []);
  });

  it("has its catalogue risk and category", () => {
    assert.equal(plugin.rules[RULE]!.meta.docs.risk, 0.8);
    assert.equal(plugin.rules[RULE]!.meta.docs.category, "deadlock");
  });

  it("gives the same verdicts on every version and build (signals did not change with free threading)", () => {
    const code = fixture(RULE, "unsafe.py");
    const expected = findings(RULE, code);
    assert.deepEqual(findings(RULE, code, "module.py", { pythonVersion: "3.12" }), expected);
    assert.deepEqual(findings(RULE, code, "module.py", { pythonVersion: "3.13", freeThreaded: false }), expected);
  });

  it("follows partial handlers and nested calls; leaves non-blocking acquires, RLocks and guarded registrations alone", () => {
    const partial =
      "import functools\nimport signal\nimport threading\n\n_lock = threading.Lock()\n\n\ndef _save(path):\n    with _lock:\n        pass\n\n\n" +
      "def _on_term(path, signum, frame):\n    _save(path)\n\n\nsignal.signal(signal.SIGTERM, functools.partial(_on_term, 'state.json'))\n";
    assert.deepEqual(
      findings(RULE, partial).map(([line, column]) => [line, column]),
      [[9, 10]],
    );
    const quiet =
      "import signal\nimport threading\n\n_lock = threading.Lock()\n_rlock = threading.RLock()\n\n\n" +
      "def on_term(signum, frame):\n    if _lock.acquire(blocking=False):\n        _lock.release()\n    with _rlock:\n        pass\n\n\n" +
      "def install():\n    try:\n        signal.signal(signal.SIGTERM, on_term)\n    except ValueError:\n        pass\n\n\n" +
      "threading.Thread(target=install).start()\n";
    assert.deepEqual(findings(RULE, quiet), []);
  });
});
