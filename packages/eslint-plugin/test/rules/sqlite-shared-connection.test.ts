// aether/sqlite-shared-connection on its fixtures, its suggestion, and through ESLint's RuleTester.
import assert from "node:assert/strict";
import plugin from "../../src/index.js";
import { RuleTester } from "../support/eslint.js";
import { lint } from "../support/lint.js";
import { allFindings, assertCleanAfterFix, fixture, suggested } from "../support/ruleFixtures.js";

const RULE = "sqlite-shared-connection";

describe("aether/sqlite-shared-connection", () => {
  it("reports each unsafe case with its evidence", () => {
    const found = lint(fixture(RULE, "unsafe.py")).map((m) => [m.ruleId, m.line, m.column, m.message]);
    assert.deepEqual(found, [
      ["aether/sqlite-shared-connection", 14, 5, "`_db` is one SQLite connection (line 8, `check_same_thread=False`) used here by several threads with no lock held: their statements and transactions interleave, which can corrupt them or crash the interpreter (gh-146471). `record` runs in threads: `executor.submit(record, …)` at line 72. Guard it with a lock shared by every thread that touches it, or give each thread its own connection (`threading.local()`)."],
      ["aether/sqlite-shared-connection", 19, 5, "`_cursor` is one SQLite cursor (line 9, `check_same_thread=False`) used here by several threads with no lock held: their statements and transactions interleave, which can corrupt them or crash the interpreter (gh-146471). `last_event` runs in threads: `executor.submit(last_event)` at line 73. Guard it with a lock shared by every thread that touches it, or give each thread its own connection (`threading.local()`)."],
      ["aether/sqlite-shared-connection", 24, 10, "`_metrics` is a SQLite connection made in another thread (line 10) and used here: with `check_same_thread` on (the default) `sqlite3` raises `ProgrammingError`, and turning the check off without a lock lets transactions interleave. `sample_forever` runs in threads: `threading.Thread(target=sample_forever)` at line 74. Open the connection in the thread that uses it, or give each thread its own connection (`threading.local()`)."],
      ["aether/sqlite-shared-connection", 34, 9, "`self._conn` is one SQLite connection (line 30, `check_same_thread=False`) used here by several threads with no lock held: their statements and transactions interleave, which can corrupt them or crash the interpreter (gh-146471). `EventStore.save` runs in threads: `self._pool.submit(self.save, …)` at line 37. Guard it with a lock shared by every thread that touches it, or give each thread its own connection (`threading.local()`)."],
      ["aether/sqlite-shared-connection", 44, 9, "`conn` is one SQLite connection (line 41, `check_same_thread=False`) used here by several threads with no lock held: their statements and transactions interleave, which can corrupt them or crash the interpreter (gh-146471). `bulk_load.<locals>.insert` runs in threads: `pool.map(insert, …)` at line 47. Guard it with a lock shared by every thread that touches it, or give each thread its own connection (`threading.local()`)."],
      ["aether/sqlite-shared-connection", 57, 48, "The SQLite connection `conn` made in this thread (line 56) is handed to another thread here: with `check_same_thread` on (the default) its first use there raises `ProgrammingError`. `export_rows` runs in threads: `threading.Thread(target=export_rows, …)` at line 57. Let each thread open its own connection."],
      ["aether/sqlite-shared-connection", 66, 9, "`self.conn` is a SQLite connection made in another thread (line 63) and used here: with `check_same_thread` on (the default) `sqlite3` raises `ProgrammingError`, and turning the check off without a lock lets transactions interleave. `Auditor.run` runs in threads: `Auditor` subclasses `threading.Thread` at line 60. Open the connection in the thread that uses it, or give each thread its own connection (`threading.local()`)."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture(RULE, "safe.py")), []);
  });

  it("has its catalogue risk and category", () => {
    assert.equal(plugin.rules[RULE]!.meta.docs.risk, 0.85);
    assert.equal(plugin.rules[RULE]!.meta.docs.category, "corruption");
  });

  it("suggests a lock around the use (a new one, after the imports), and the result is clean", () => {
    const code =
      "import sqlite3\n" +
      "from concurrent.futures import ThreadPoolExecutor\n" +
      "\n" +
      "_db = sqlite3.connect(\"app.db\", check_same_thread=False)\n" +
      "\n" +
      "\n" +
      "def record(event):\n" +
      "    _db.execute(\"INSERT INTO events VALUES (?)\", (event,))\n" +
      "\n" +
      "\n" +
      "with ThreadPoolExecutor() as pool:\n" +
      "    pool.submit(record, \"start\")\n";
    const output = suggested(RULE, code, 8);
    assert.equal(
      output,
      "import sqlite3\n" +
      "from concurrent.futures import ThreadPoolExecutor\n" +
      "import threading\n" +
      "\n" +
      "_lock = threading.Lock()\n" +
      "\n" +
      "\n" +
      "_db = sqlite3.connect(\"app.db\", check_same_thread=False)\n" +
      "\n" +
      "\n" +
      "def record(event):\n" +
      "    with _lock:\n" +
      "        _db.execute(\"INSERT INTO events VALUES (?)\", (event,))\n" +
      "\n" +
      "\n" +
      "with ThreadPoolExecutor() as pool:\n" +
      "    pool.submit(record, \"start\")\n",
    );
    assertCleanAfterFix(RULE, output);
  });

  it("runs under ESLint's RuleTester", () => {
    const tester = new RuleTester({ plugins: { aether: plugin }, language: "aether/python" } as never);
    const pool = "\n\nwith ThreadPoolExecutor() as pool:\n    for n in range(4):\n        pool.submit(record, n)\n";
    tester.run(RULE, plugin.rules[RULE] as never, {
      valid: [
        // A connection per call.
        "import sqlite3\nfrom concurrent.futures import ThreadPoolExecutor\n\n\ndef record(n):\n    with sqlite3.connect(\"app.db\") as conn:\n        conn.execute(\"INSERT INTO t VALUES (?)\", (n,))" + pool,
        // A shared connection under a lock.
        "import sqlite3\nimport threading\nfrom concurrent.futures import ThreadPoolExecutor\n\n_lock = threading.Lock()\n_db = sqlite3.connect(\"app.db\", check_same_thread=False)\n\n\n" +
          "def record(n):\n    with _lock:\n        _db.execute(\"INSERT INTO t VALUES (?)\", (n,))\n        _db.commit()" + pool,
        // Handed with the check off to one thread only.
        "import sqlite3\nimport threading\n\n\ndef export(conn):\n    return conn.execute(\"SELECT 1\").fetchall()\n\n\n" +
          "def start():\n    conn = sqlite3.connect(\"app.db\", check_same_thread=False)\n    threading.Thread(target=export, args=(conn,)).start()\n",
      ],
      invalid: [
        {
          // Made at import time, used in one worker thread: ProgrammingError. A lock would not help: no suggestion.
          code: "import sqlite3\nimport threading\n\n_db = sqlite3.connect(\"app.db\")\n\n\ndef worker():\n    _db.execute(\"SELECT 1\")\n\n\nthreading.Thread(target=worker).start()\n",
          errors: [{ messageId: "crossThread", line: 8, column: 5, suggestions: [] }],
        },
        {
          code:
            "import sqlite3\nimport threading\n\n\ndef export(conn):\n    return conn.execute(\"SELECT 1\").fetchall()\n\n\n" +
            "def start():\n    conn = sqlite3.connect(\"app.db\", check_same_thread=False)\n    for _ in range(4):\n        threading.Thread(target=export, args=(conn,)).start()\n",
          errors: [{ messageId: "passedShared", line: 12, column: 47 }],
        },
        {
          // Intended evidence: the class takes its lock elsewhere, but not here.
          code:
            "import sqlite3\nimport threading\n\n\nclass Store:\n    def __init__(self, path):\n        self._lock = threading.Lock()\n        self._conn = sqlite3.connect(path, check_same_thread=False)\n\n" +
            "    def count(self):\n        with self._lock:\n            return self._conn.execute(\"SELECT count(*) FROM t\").fetchone()\n\n" +
            "    def add(self, row):\n        self._conn.execute(\"INSERT INTO t VALUES (?)\", row)\n",
          errors: [
            {
              messageId: "shared@intended",
              line: 15,
              column: 9,
              suggestions: [
                {
                  messageId: "guardWithLock",
                  output:
                    "import sqlite3\nimport threading\n\n\nclass Store:\n    def __init__(self, path):\n        self._lock = threading.Lock()\n        self._conn = sqlite3.connect(path, check_same_thread=False)\n\n" +
                    "    def count(self):\n        with self._lock:\n            return self._conn.execute(\"SELECT count(*) FROM t\").fetchone()\n\n" +
                    "    def add(self, row):\n        with self._lock:\n            self._conn.execute(\"INSERT INTO t VALUES (?)\", row)\n",
                },
              ],
            },
          ],
        },
      ],
    });
  });
});
