// aether/shared-iterator on its fixtures, its suggestion, and through ESLint's RuleTester.
import assert from "node:assert/strict";
import plugin from "../../src/index.js";
import { RuleTester } from "../support/eslint.js";
import { lint } from "../support/lint.js";
import { allFindings, assertCleanAfterFix, fixture, suggested } from "../support/ruleFixtures.js";

const RULE = "shared-iterator";

const WORKERS = "for _ in range(4):\n    threading.Thread(target=worker).start()\n";

describe("aether/shared-iterator", () => {
  it("reports each unsafe case with its evidence", () => {
    const found = lint(fixture(RULE, "unsafe.py")).map((m) => [m.ruleId, m.line, m.column, m.message]);
    assert.deepEqual(found, [
      ["aether/shared-iterator", 14, 15, "`_pending` is one iterator (`iter(JOBS)`, line 8) consumed here by several threads: they skip or repeat items. `drain` runs in threads: `threading.Thread(target=drain)` at line 86. Guard it with a lock shared by every thread that touches it, or hand the items out through a `queue.Queue`."],
      ["aether/shared-iterator", 30, 5, "`_batches` is one generator (`read_batches(\"batches.csv\")`, line 26) consumed here by several threads: on free-threaded 3.13t/3.14t this can crash the interpreter (gh-120321), elsewhere it raises `ValueError: generator already executing`. `load_batch` runs in threads: `executor.submit(load_batch)` at line 89. Guard it with a lock shared by every thread that touches it, or hand the items out through a `queue.Queue`."],
      ["aether/shared-iterator", 41, 15, "`self._rows` is one iterator (`csv.reader(self._file)`, line 37) consumed here by several threads: they skip or repeat items. `Importer.import_one` runs in threads: `self._pool.submit(self.import_one)` at line 45. Guard it with a lock shared by every thread that touches it, or hand the items out through a `queue.Queue`."],
      ["aether/shared-iterator", 51, 45, "`remaining` is one iterator (`iter(items)`, line 49) consumed here by several threads: they skip or repeat items. Lambda runs in threads: `pool.map(lambda _: hash(next(remaining)), …)` at line 51. Guard it with a lock shared by every thread that touches it, or hand the items out through a `queue.Queue`."],
      ["aether/shared-iterator", 61, 57, "The same iterator `shared` (`iter(urls)`, line 60) is handed to several threads here: they skip or repeat items. `fetch_all` runs in threads: `threading.Thread(target=fetch_all, …)` at line 61. Give each thread its own iterator over the iterable, or hand the items out through a `queue.Queue`."],
      ["aether/shared-iterator", 67, 11, "`_audit` is one iterator (`open(\"audit.log\")`, line 9) consumed here by several threads: they skip or repeat items. `tail_audit` runs in threads: `threading.Thread(target=tail_audit)` at line 91. Guard it with a lock shared by every thread that touches it, or hand the items out through a `queue.Queue`."],
      ["aether/shared-iterator", 71, 27, "`_audit` is one iterator (`open(\"audit.log\")`, line 9) consumed here by several threads: they skip or repeat items. `count_audit` runs in threads: `threading.Thread(target=count_audit)` at line 92. Guard it with a lock shared by every thread that touches it, or hand the items out through a `queue.Queue`."],
      ["aether/shared-iterator", 78, 12, "`_squares` is one generator (`(n * n for n in range(1000))`, line 74) consumed here by several threads: on free-threaded 3.13t/3.14t this can crash the interpreter (gh-120321), elsewhere it raises `ValueError: generator already executing`. `next_square` runs in threads: `asyncio.to_thread(next_square)` at line 82. Guard it with a lock shared by every thread that touches it, or hand the items out through a `queue.Queue`."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture(RULE, "safe.py")), []);
  });

  it("has its catalogue risk and category", () => {
    assert.equal(plugin.rules[RULE]!.meta.docs.risk, 0.8);
    assert.equal(plugin.rules[RULE]!.meta.docs.category, "data loss");
  });

  it("suggests guarding next() with the module's lock, and the result is clean", () => {
    const code = "import threading\n\n_lock = threading.Lock()\n_jobs = iter(range(100))\n\n\ndef worker():\n    job = next(_jobs)\n    return job * 2\n\n\n" + WORKERS;
    const output = suggested(RULE, code, 8);
    assert.equal(
      output,
      "import threading\n\n_lock = threading.Lock()\n_jobs = iter(range(100))\n\n\ndef worker():\n    with _lock:\n        job = next(_jobs)\n    return job * 2\n\n\n" + WORKERS,
    );
    assertCleanAfterFix(RULE, output);
  });

  it("runs under ESLint's RuleTester, with the version-dependent verdicts", () => {
    const tester = new RuleTester({ plugins: { aether: plugin }, language: "aether/python" } as never);
    const counter = "import itertools\nimport threading\n\n_ids = itertools.count()\n\n\ndef worker():\n    return next(_ids)\n\n\n" + WORKERS;
    const generator = "import threading\n\n_rows = (n * 2 for n in range(10))\n\n\ndef worker():\n    for row in _rows:\n        print(row)\n\n\n" + WORKERS;
    tester.run(RULE, plugin.rules[RULE] as never, {
      valid: [
        // A shared iterable: each loop makes its own iterator.
        "import threading\n\nJOBS = [1, 2, 3]\n\n\ndef worker():\n    for job in JOBS:\n        print(job)\n\n\n" + WORKERS,
        // next() on itertools.count is atomic from 3.13.
        { code: counter, languageOptions: { pythonVersion: "3.13" } },
        // One thread, one consumer.
        "import threading\n\n_rows = iter([1, 2])\n\n\ndef worker():\n    for row in _rows:\n        print(row)\n\n\nthreading.Thread(target=worker).start()\n",
      ],
      invalid: [
        {
          code: counter,
          languageOptions: { pythonVersion: "3.12" },
          errors: [
            {
              messageId: "sharedIterator",
              line: 8,
              column: 12,
              suggestions: [
                {
                  messageId: "guardWithLock",
                  // No lock yet: one is added after the imports.
                  output:
                    "import itertools\nimport threading\n\n_lock = threading.Lock()\n\n\n_ids = itertools.count()\n\n\n" +
                    "def worker():\n    with _lock:\n        return next(_ids)\n\n\n" +
                    WORKERS,
                },
              ],
            },
          ],
        },
        { code: generator, errors: [{ messageId: "sharedGenerator", line: 7, column: 5, suggestions: [] }] },
        { code: generator, languageOptions: { pythonVersion: "3.15" }, errors: [{ messageId: "generatorAlreadyExecuting", line: 7 }] },
        { code: generator, languageOptions: { freeThreaded: false }, errors: [{ messageId: "generatorAlreadyExecuting", line: 7 }] },
        {
          // Intended evidence: the class takes a lock elsewhere, but not around next().
          code:
            "import threading\n\n\nclass Feed:\n    def __init__(self, items):\n        self._lock = threading.Lock()\n        self._items = iter(items)\n\n" +
            "    def size(self):\n        with self._lock:\n            return 0\n\n    def take(self):\n        return next(self._items)\n",
          errors: [
            {
              messageId: "sharedIterator@intended",
              line: 14,
              column: 16,
              suggestions: [
                {
                  messageId: "guardWithLock",
                  output:
                    "import threading\n\n\nclass Feed:\n    def __init__(self, items):\n        self._lock = threading.Lock()\n        self._items = iter(items)\n\n" +
                    "    def size(self):\n        with self._lock:\n            return 0\n\n    def take(self):\n        with self._lock:\n            return next(self._items)\n",
                },
              ],
            },
          ],
        },
      ],
    });
  });
});
