// aether/unlocked-file-write on its fixtures, its suggestion, and through ESLint's RuleTester.
import assert from "node:assert/strict";
import plugin from "../../src/index.js";
import { RuleTester } from "../support/eslint.js";
import { lint } from "../support/lint.js";
import { allFindings, assertCleanAfterFix, fixture, suggested } from "../support/ruleFixtures.js";

const RULE = "unlocked-file-write";

describe("aether/unlocked-file-write", () => {
  it("reports each unsafe case with its evidence", () => {
    const found = lint(fixture(RULE, "unsafe.py")).map((m) => [m.ruleId, m.line, m.column, m.message]);
    assert.deepEqual(found, [
      ["aether/unlocked-file-write", 17, 10, "`open(LOG_PATH, \"a\")` writes `LOG_PATH`, a path every thread shares, with no lock held: lines from concurrent writers interleave. `log_request` runs in threads: `executor.submit(log_request, …)` at line 65. Guard it with a lock shared by every thread that touches it, or write a temporary file and `os.replace()` it into place."],
      ["aether/unlocked-file-write", 22, 5, "`STATE_FILE.write_text(json.dumps(state))` writes `STATE_FILE`, a path every thread shares, with no lock held: concurrent writers truncate and overwrite each other, leaving a torn or mixed file. `save_state` runs in threads: `threading.Thread(target=save_state, …)` at line 69. Guard it with a lock shared by every thread that touches it, or write a temporary file and `os.replace()` it into place."],
      ["aether/unlocked-file-write", 27, 10, "`open(path, \"w\")` writes `os.path.join(DATA_DIR, \"summary.json\")`, a path every thread shares, with no lock held: concurrent writers truncate and overwrite each other, leaving a torn or mixed file. `write_summary` runs in threads: `threading.Thread(target=write_summary, …)` at line 70. Guard it with a lock shared by every thread that touches it, or write a temporary file and `os.replace()` it into place."],
      ["aether/unlocked-file-write", 32, 10, "`open(os.path.join(DATA_DIR, \"summary.json\"), \"w\")` writes `os.path.join(DATA_DIR, \"summary.json\")`, a path every thread shares, with no lock held: concurrent writers truncate and overwrite each other, leaving a torn or mixed file. `write_totals` runs in threads: `threading.Thread(target=write_totals, …)` at line 71. Guard it with a lock shared by every thread that touches it, or write a temporary file and `os.replace()` it into place."],
      ["aether/unlocked-file-write", 37, 10, "`CACHE.open(\"w\")` writes `CACHE`, a path every thread shares, with no lock held: concurrent writers truncate and overwrite each other, leaving a torn or mixed file. `refresh_cache` runs in threads: `executor.submit(refresh_cache, …)` at line 66. Guard it with a lock shared by every thread that touches it, or write a temporary file and `os.replace()` it into place."],
      ["aether/unlocked-file-write", 47, 14, "`open(self.out_path, \"w\")` writes `self.out_path`, a path every thread shares, with no lock held: concurrent writers truncate and overwrite each other, leaving a torn or mixed file. `Exporter.export` runs in threads: `self._pool.submit(self.export, …)` at line 51. Guard it with a lock shared by every thread that touches it, or write a temporary file and `os.replace()` it into place."],
      ["aether/unlocked-file-write", 55, 5, "`_events` is one open file (line 13) written here by several threads with no lock held: a text file is not thread-safe, so output interleaves mid-record (and concurrent writes have crashed free-threaded builds, gh-118138). `record_event` runs in threads: `executor.submit(record_event, …)` at line 67. Guard it with a lock shared by every thread that touches it, or hand what is written to one writer thread through a `queue.Queue`."],
      ["aether/unlocked-file-write", 59, 5, "`_events` is one open file (line 13) written here by several threads with no lock held: a text file is not thread-safe, so output interleaves mid-record (and concurrent writes have crashed free-threaded builds, gh-118138). `record_error` runs in threads: `threading.Thread(target=record_error, …)` at line 72. Guard it with a lock shared by every thread that touches it, or hand what is written to one writer thread through a `queue.Queue`."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture(RULE, "safe.py")), []);
  });

  it("has its catalogue risk and category", () => {
    assert.equal(plugin.rules[RULE]!.meta.docs.risk, 0.6);
    assert.equal(plugin.rules[RULE]!.meta.docs.category, "corruption");
  });

  it("suggests the class's lock around the whole `with open(…)` block, and the result is clean", () => {
    const code =
      "import json\n" +
      "import threading\n" +
      "\n" +
      "STATE_PATH = \"state.json\"\n" +
      "\n" +
      "\n" +
      "class Saver:\n" +
      "    def __init__(self):\n" +
      "        self._lock = threading.Lock()\n" +
      "\n" +
      "    def save(self, state):\n" +
      "        with open(STATE_PATH, \"w\") as f:\n" +
      "            json.dump(state, f)\n" +
      "\n" +
      "    def start(self, states):\n" +
      "        for state in states:\n" +
      "            threading.Thread(target=self.save, args=(state,)).start()\n";
    const output = suggested(RULE, code, 12);
    assert.equal(
      output,
      "import json\n" +
      "import threading\n" +
      "\n" +
      "STATE_PATH = \"state.json\"\n" +
      "\n" +
      "\n" +
      "class Saver:\n" +
      "    def __init__(self):\n" +
      "        self._lock = threading.Lock()\n" +
      "\n" +
      "    def save(self, state):\n" +
      "        with self._lock:\n" +
      "            with open(STATE_PATH, \"w\") as f:\n" +
      "                json.dump(state, f)\n" +
      "\n" +
      "    def start(self, states):\n" +
      "        for state in states:\n" +
      "            threading.Thread(target=self.save, args=(state,)).start()\n",
    );
    assertCleanAfterFix(RULE, output);
  });

  it("runs under ESLint's RuleTester", () => {
    const tester = new RuleTester({ plugins: { aether: plugin }, language: "aether/python" } as never);
    const pool = "\n\nwith ThreadPoolExecutor() as pool:\n    for n in range(4):\n        pool.submit(save, n)\n";
    tester.run(RULE, plugin.rules[RULE] as never, {
      valid: [
        // A path per task.
        "from concurrent.futures import ThreadPoolExecutor\n\n\ndef save(n):\n    with open(f\"out-{n}.txt\", \"w\") as f:\n        f.write(str(n))" + pool,
        // Reading.
        "from concurrent.futures import ThreadPoolExecutor\n\nCONFIG = \"config.json\"\n\n\ndef save(n):\n    with open(CONFIG) as f:\n        return f.read()" + pool,
        // One write() call on a shared binary file is kept whole.
        "from concurrent.futures import ThreadPoolExecutor\n\n_out = open(\"out.bin\", \"ab\")\n\n\ndef save(n):\n    _out.write(bytes([n]))" + pool,
      ],
      invalid: [
        {
          code: "from concurrent.futures import ThreadPoolExecutor\nfrom pathlib import Path\n\nSTATE = Path(\"state\") / \"last.txt\"\n\n\ndef save(n):\n    STATE.write_text(str(n))" + pool,
          errors: [
            {
              messageId: "fixedPath",
              line: 8,
              column: 5,
              suggestions: [
                {
                  messageId: "guardWithLock",
                  output:
                    "from concurrent.futures import ThreadPoolExecutor\nfrom pathlib import Path\nimport threading\n\n_lock = threading.Lock()\n\n\nSTATE = Path(\"state\") / \"last.txt\"\n\n\n" +
                    "def save(n):\n    with _lock:\n        STATE.write_text(str(n))" +
                    pool,
                },
              ],
            },
          ],
        },
        {
          // Several writes per record through one shared binary file.
          code: "import pickle\nfrom concurrent.futures import ThreadPoolExecutor\n\n_out = open(\"out.bin\", \"ab\")\n\n\ndef save(n):\n    pickle.dump(n, _out)" + pool,
          errors: [{ messageId: "sharedHandle", line: 8, column: 5, suggestions: [{ messageId: "guardWithLock", output:
            "import pickle\nfrom concurrent.futures import ThreadPoolExecutor\nimport threading\n\n_lock = threading.Lock()\n\n\n_out = open(\"out.bin\", \"ab\")\n\n\ndef save(n):\n    with _lock:\n        pickle.dump(n, _out)" + pool }] }],
        },
      ],
    });
  });
});
