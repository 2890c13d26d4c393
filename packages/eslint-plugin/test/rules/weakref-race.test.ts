// aether/weakref-race on its fixtures, its suggestion, and through ESLint's RuleTester.
import assert from "node:assert/strict";
import plugin from "../../src/index.js";
import { RuleTester } from "../support/eslint.js";
import { lint } from "../support/lint.js";
import { allFindings, assertCleanAfterFix, fixture, suggested } from "../support/ruleFixtures.js";

const RULE = "weakref-race";

describe("aether/weakref-race", () => {
  it("reports each unsafe case with its evidence", () => {
    const found = lint(fixture(RULE, "unsafe.py")).map((m) => [m.ruleId, m.line, m.column, m.message]);
    assert.deepEqual(found, [
      ["aether/weakref-race", 20, 5, "Check-then-act on `_sessions` (a `WeakValueDictionary`) with no lock held: between the check and the use another thread can change it, or the collector drop the entry, so the lookup can raise `KeyError`. `session_for` runs in threads: `executor.submit(session_for, …)` at line 78. Guard it with a lock shared by every thread that touches it."],
      ["aether/weakref-race", 27, 5, "Check-then-act on `_interned` (a `WeakValueDictionary`) with no lock held: between the check and the use another thread can change it, or the collector drop the entry, so two threads can both build and store a value, and callers get different objects for one key. `intern` runs in threads: `executor.submit(intern, …)` at line 79. Guard it with a lock shared by every thread that touches it."],
      ["aether/weakref-race", 33, 5, "Check-then-act on `_open_connections` (a `WeakSet`) with no lock held: between the check and the use another thread can change it, or the collector drop the entry, so the change can act on an entry that is already gone or replaced. `close` runs in threads: `executor.submit(close, …)` at line 80. Guard it with a lock shared by every thread that touches it."],
      ["aether/weakref-race", 44, 5, "Weakref callback `_forget` changes `_by_key` with no lock held, while other threads use it. `_forget` is a weakref callback (`weakref.finalize(…)` at line 49): it runs in whichever thread drops the last reference, and `track` runs in threads: `executor.submit(track, …)` at line 82. Guard it with a lock shared by every thread that touches it."],
      ["aether/weakref-race", 53, 5, "Weakref callback `_announce` puts into `_events`, a `queue.Queue` whose lock is not reentrant: if the collector runs it in a thread that is inside `_events.put()` or `.get()`, that thread deadlocks. `_announce` is a weakref callback (`weakref.ref(…)` at line 58): it runs in whichever thread drops the last reference, and `watch` runs in threads: `executor.submit(watch, …)` at line 83. Use a `queue.SimpleQueue`, whose `put` is reentrant."],
      ["aether/weakref-race", 67, 9, "Check-then-act on `self._cache` (a `WeakKeyDictionary`) with no lock held: between the check and the use another thread can change it, or the collector drop the entry, so two threads can both build and store a value, and callers get different objects for one key. `Registry.describe` runs in threads: `self._pool.map(self.describe, …)` at line 72. Guard it with a lock shared by every thread that touches it."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture(RULE, "safe.py")), []);
  });

  it("has its catalogue risk and category", () => {
    assert.equal(plugin.rules[RULE]!.meta.docs.risk, 0.75);
    assert.equal(plugin.rules[RULE]!.meta.docs.category, "race");
  });

  it("suggests the container's lock around the check-then-act (tabs kept), and the result is clean", () => {
    const code =
      "import threading\n" +
      "import weakref\n" +
      "\n" +
      "_cache_lock = threading.Lock()\n" +
      "_cache = weakref.WeakValueDictionary()\n" +
      "\n" +
      "\n" +
      "def lookup(key):\n" +
      "\tif key in _cache:\n" +
      "\t\treturn _cache[key]\n" +
      "\treturn None\n" +
      "\n" +
      "\n" +
      "for n in range(4):\n" +
      "\tthreading.Thread(target=lookup, args=(n,)).start()\n";
    const output = suggested(RULE, code, 9);
    assert.equal(
      output,
      "import threading\n" +
      "import weakref\n" +
      "\n" +
      "_cache_lock = threading.Lock()\n" +
      "_cache = weakref.WeakValueDictionary()\n" +
      "\n" +
      "\n" +
      "def lookup(key):\n" +
      "\twith _cache_lock:\n" +
      "\t\tif key in _cache:\n" +
      "\t\t\treturn _cache[key]\n" +
      "\treturn None\n" +
      "\n" +
      "\n" +
      "for n in range(4):\n" +
      "\tthreading.Thread(target=lookup, args=(n,)).start()\n",
    );
    assertCleanAfterFix(RULE, output);
  });

  it("also reports iteration before Python 3.14, when weak containers did not iterate a snapshot", () => {
    const before = lint(fixture(RULE, "unsafe.py"), { languageOptions: { pythonVersion: "3.13" } }).map((m) => [m.ruleId, m.line, m.column, m.message]);
    const now = lint(fixture(RULE, "unsafe.py")).map((m) => [m.ruleId, m.line, m.column, m.message]);
    assert.deepEqual(
      before.filter((f) => !now.some((g) => g[1] === f[1])),
      [["aether/weakref-race", 39, 5, "`_open_connections` (a `WeakSet`) is iterated here while other threads can change it, with no lock held: before Python 3.14 the loop can fail with `RuntimeError: dictionary changed size during iteration` (gh-89967). `ping_all` runs in threads: `executor.submit(ping_all)` at line 81. Guard it with a lock shared by every thread that touches it."]],
    );
    assert.deepEqual(lint(fixture(RULE, "safe.py"), { languageOptions: { pythonVersion: "3.13" } }), []);
  });

  it("runs under ESLint's RuleTester", () => {
    const tester = new RuleTester({ plugins: { aether: plugin }, language: "aether/python" } as never);
    const iterate =
      "import weakref\nfrom concurrent.futures import ThreadPoolExecutor\n\n_live = weakref.WeakSet()\n\n\ndef ping():\n    for conn in _live:\n        conn.ping()\n\n\n" +
      "def track(conn):\n    _live.add(conn)\n\n\nwith ThreadPoolExecutor() as pool:\n    pool.submit(ping)\n    pool.submit(track, None)\n";
    tester.run(RULE, plugin.rules[RULE] as never, {
      valid: [
        // 3.14 iterates a snapshot.
        iterate,
        // SimpleQueue.put is reentrant: fine from a callback.
        "import queue\nimport threading\nimport weakref\n\n_gone = queue.SimpleQueue()\n\n\ndef _on_gone(ref):\n    _gone.put(ref)\n\n\n" +
          "def watch(obj):\n    _gone.get_nowait()\n    return weakref.ref(obj, _on_gone)\n\n\nthreading.Thread(target=watch, args=(object(),)).start()\n",
        // One get, no check before it.
        "import threading\nimport weakref\n\n_cache = weakref.WeakValueDictionary()\n\n\ndef lookup(key):\n    return _cache.get(key)\n\n\nfor n in range(4):\n    threading.Thread(target=lookup, args=(n,)).start()\n",
      ],
      invalid: [
        {
          code: iterate,
          languageOptions: { pythonVersion: "3.13" },
          errors: [
            {
              messageId: "iterate",
              line: 8,
              column: 5,
              suggestions: [
                {
                  messageId: "guardWithLock",
                  output:
                    "import weakref\nfrom concurrent.futures import ThreadPoolExecutor\nimport threading\n\n_lock = threading.Lock()\n\n\n_live = weakref.WeakSet()\n\n\n" +
                    "def ping():\n    with _lock:\n        for conn in _live:\n            conn.ping()\n\n\n" +
                    "def track(conn):\n    _live.add(conn)\n\n\nwith ThreadPoolExecutor() as pool:\n    pool.submit(ping)\n    pool.submit(track, None)\n",
                },
              ],
            },
          ],
        },
        {
          // Assumed evidence: public API of a library module.
          code: "import weakref\n\n_cache = weakref.WeakValueDictionary()\n\n\ndef intern(key, make):\n    value = _cache.get(key)\n    if value is None:\n        value = _cache[key] = make(key)\n    return value\n",
          errors: [{ messageId: "checkThenAct@assumed", line: 8, column: 5, suggestions: [] }],
        },
      ],
    });
  });
});
