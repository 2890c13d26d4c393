// aether/exception-group-race on its fixtures: exact findings on the unsafe cases, silence on the safe
// look-alikes, and the exact text of its suggestions (which must parse and re-lint clean).
import assert from "node:assert/strict";
import plugin from "../../src/index.js";
import { lint } from "../support/lint.js";
import { allFindings, assertCleanAfterFix, findings, fixture, suggested } from "../support/ruleFixtures.js";

const RULE = "exception-group-race";

describe("aether/exception-group-race", () => {
  it("reports each unsafe case", () => {
    assert.deepEqual(findings(RULE, fixture(RULE, "unsafe.py")), [
      [23,13,"The future `pool.submit(…)` returns is discarded: an exception raised in `send_mail` is stored on it and never seen — nothing is printed or logged, and the pool shuts down normally. Keep the future and call `.result()` (or collect with `concurrent.futures.as_completed`)."],
      [33,9,"The iterator `pool.map(…)` returns is never consumed: an exception raised in `checksum` surfaces only when its result is read, so it is lost. Consume the results (`for result in …:` or `list(…)`)."],
      [44,28,"The future `pool.submit(…)` returns is discarded: an exception raised in `upload` is stored on it and never seen — nothing is printed or logged, and the pool shuts down normally. Keep the future and call `.result()` (or collect with `concurrent.futures.as_completed`)."],
      [54,13,"The `AsyncResult` `pool.apply_async(…)` returns is discarded and no `error_callback=` is given: an exception raised in `warm` is never seen. Keep it and call `.get()`, or pass `error_callback=`."],
      [63,9,"`poll_forever` catches every `Exception` here and drops it, so an error in this thread is never seen: the thread ends normally and nothing reaches `threading.excepthook` or a future. `poll_forever` runs in threads: `threading.Thread(target=poll_forever, …)` at line 133. Log it (`logger.exception(…)`) or hand it back (re-raise, or put it on a queue)."],
      [75,9,"`Poller.run` catches every exception here and drops it, so an error in this thread is never seen: the thread ends normally and nothing reaches `threading.excepthook` or a future. `Poller.run` runs in threads: `Poller` subclasses `threading.Thread` at line 67. Log it (`logger.exception(…)`) or hand it back (re-raise, or put it on a queue)."],
      [80,10,"`refresh` catches every exception (`contextlib.suppress(Exception)`) here and drops it, so an error in this thread is never seen: the thread ends normally and nothing reaches `threading.excepthook` or a future. `refresh` runs in threads: `threading.Timer(…, refresh, …)` at line 135. Log it (`logger.exception(…)`) or hand it back (re-raise, or put it on a queue)."],
      [96,8,"`_conversion_errors` collects the errors of `convert` (line 88) but is read here before the workers started at line 93 are joined: errors raised after this read are lost, and a group built now may be empty. `convert` runs in threads: `threading.Thread(target=convert, …)` at line 93. Join them first (`join()`, `concurrent.futures.wait`, or leave the executor's `with` block)."],
      [106,9,"An error is appended to `_failures` here without a lock shared with `report_failures`, which reads and empties it (lines 111–112): an error appended between the two is lost. `ping` runs in threads: `pool.submit(ping, …)` at line 137. Hold one lock here and around the read-and-empty."],
      [111,22,"`_failures` is read here and emptied at line 112 with no lock held, while `ping` appends errors to it from other threads (line 106): an error appended between the two is lost. `report_failures` runs in threads: `threading.Thread(target=report_failures, …)` at line 132. Hold one lock around the read and the emptying, and around every append."],
      [124,42,"`ExceptionGroup(…)` is built from `errors`, which is empty when every worker succeeded: the constructor then raises `ValueError` instead of the group. Build it only when `errors` is not empty."],
      [128,47,"`ExceptionGroup(…)` gets `[f.exception() for f in futures]`, which holds `None` for every future that succeeded: the constructor raises `ValueError` (an item is not an exception). Keep only the exceptions (`if f.exception() is not None`) and build the group only when some are left."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture(RULE, "safe.py")), []);
  });

  it("has its catalogue risk and category", () => {
    assert.equal(plugin.rules[RULE]!.meta.docs.risk, 0.5);
    assert.equal(plugin.rules[RULE]!.meta.docs.category, "lost errors");
  });

  it("reports a discarded future of a process pool too, at the base risk (it needs no concurrency evidence)", () => {
    const code =
      "from concurrent.futures import ProcessPoolExecutor\n" +
      "\n" +
      "\n" +
      "def crunch(n):\n" +
      "    return n * n\n" +
      "\n" +
      "\n" +
      "def run():\n" +
      "    with ProcessPoolExecutor() as pool:\n" +
      "        pool.submit(crunch, 3)\n";
    const messages = lint(code).filter((m) => m.ruleId === `aether/${RULE}`);
    assert.deepEqual(messages.map((m) => [m.line, m.column, m.messageId]), [[10, 9, "discardedFuture"]]);
  });

  it("does not count a multiprocessing.Process target as a thread target", () => {
    const target = "def compress(path):\n    try:\n        path.compress()\n    except Exception:\n        pass\n\n\n";
    const inProcess = `import multiprocessing\n\n\n${target}multiprocessing.Process(target=compress, args=("a",)).start()\n`;
    const inThread = `import threading\n\n\n${target}threading.Thread(target=compress, args=("a",)).start()\n`;
    assert.deepEqual(findings(RULE, inProcess), []);
    assert.deepEqual(findings(RULE, inThread).map(([line, column]) => [line, column]), [[7, 5]]);
  });

  it("a lambda that starts the workers is walked like any function (its body is one expression)", () => {
    const code =
      "import threading\n\nerrors = []\n\n\ndef work():\n    try:\n        pass\n    except Exception as error:\n        errors.append(error)\n\n\nstart = lambda: threading.Thread(target=work).start()\nstart()\n";
    assert.deepEqual(findings(RULE, code), []);
  });

  describe("suggestions", () => {
    it("wraps an unlocked append in the lock the drain already holds", () => {
      const code =
        "import threading\n" +
        "\n" +
        "_errors_lock = threading.Lock()\n" +
        "_errors = []\n" +
        "\n" +
        "\n" +
        "def work(item):\n" +
        "    try:\n" +
        "        item.run()\n" +
        "    except Exception as exc:\n" +
        "        _errors.append(exc)\n" +
        "\n" +
        "\n" +
        "def report():\n" +
        "    with _errors_lock:\n" +
        "        batch = list(_errors)\n" +
        "        _errors.clear()\n" +
        "    return batch\n" +
        "\n" +
        "\n" +
        "def start(items):\n" +
        "    threading.Thread(target=report).start()\n" +
        "    for item in items:\n" +
        "        threading.Thread(target=work, args=(item,)).start()\n";
      assert.deepEqual(findings(RULE, code).map(([line, column]) => [line, column]), [[11, 9]]);
      const result = suggested(RULE, code, 11);
      assert.equal(result, code.replace("        _errors.append(exc)\n", "        with _errors_lock:\n            _errors.append(exc)\n"));
      assertCleanAfterFix(RULE, result);
    });

    it("builds the group only `if errors:`", () => {
      const code =
        "from concurrent.futures import ThreadPoolExecutor, as_completed\n" +
        "\n" +
        "\n" +
        "def run(jobs):\n" +
        "    errors = []\n" +
        "    with ThreadPoolExecutor() as pool:\n" +
        "        for future in as_completed([pool.submit(job) for job in jobs]):\n" +
        "            if future.exception() is not None:\n" +
        "                errors.append(future.exception())\n" +
        "    raise ExceptionGroup(\"jobs failed\", errors)\n";
      const result = suggested(RULE, code, 10);
      assert.equal(result, code.replace("    raise ExceptionGroup(\"jobs failed\", errors)\n", "    if errors:\n        raise ExceptionGroup(\"jobs failed\", errors)\n"));
      assertCleanAfterFix(RULE, result);
    });

    it("re-indents with the file's tabs", () => {
      const code = "def check(results):\n\terrors = [r for r in results if isinstance(r, Exception)]\n\tfor r in results:\n\t\tif r is None:\n\t\t\tBaseExceptionGroup(\"bad\", errors)\n";
      const result = suggested(RULE, code, 5);
      assert.equal(result, "def check(results):\n\terrors = [r for r in results if isinstance(r, Exception)]\n\tfor r in results:\n\t\tif r is None:\n\t\t\tif errors:\n\t\t\t\tBaseExceptionGroup(\"bad\", errors)\n");
      assertCleanAfterFix(RULE, result);
    });

    it("offers no suggestion where wrapping would leave a name unbound", () => {
      const code = "def group(errors_in):\n    errors = []\n    errors.extend(errors_in)\n    eg = ExceptionGroup(\"failed\", errors)\n    return eg\n";
      assert.equal(findings(RULE, code).length, 1);
      assert.throws(() => suggested(RULE, code, 4), /no suggestion/);
    });
  });
});
