// aether/warnings-catch-context on its fixtures, its version-dependent verdicts, and its two suggestions.
import assert from "node:assert/strict";
import plugin from "../../src/index.js";
import { allFindings, assertCleanAfterFix, findings, fixture, suggested } from "../support/ruleFixtures.js";

const RULE = "warnings-catch-context";

const REMEDY_314T =
  "Set the filters once at start-up, or make the change inside `with warnings.catch_warnings():`, which is context-local on free-threaded Python 3.14+";
const CHANGE = (call: string, evidence: string, remedy = REMEDY_314T) =>
  `${call} outside a \`catch_warnings\` block changes the process-wide warning filters: every thread sees the change, and threads doing it at once undo each other's. ${evidence}. ${remedy}.`;
const CATCH = (call: string, build: string, who: string, evidence: string, remedy: string) =>
  `\`${call}\` swaps the process-wide warning filters for the length of the block: on ${build} it is not context-local, so ${who} using it at once restore each other's filters and leak theirs into unrelated code. ${evidence}. ${remedy}.`;
const SERIALISE_313 = "Set the filters once at start-up, or serialise these blocks with one lock; free-threaded Python 3.14+ makes it context-local";
const SERIALISE_314 = "Set the filters once at start-up, or serialise these blocks with one lock; or run with `-X context_aware_warnings`, which makes it context-local";

const POOL = (fn: string, line: number) => `\`${fn}\` runs in threads: \`pool.submit(${fn}, …)\` at line ${line}`;

describe("aether/warnings-catch-context", () => {
  it("reports each filter change outside catch_warnings in concurrent code (free-threaded 3.14, the default)", () => {
    assert.deepEqual(findings(RULE, fixture(RULE, "unsafe.py")), [
      [11, 5, CHANGE("`warnings.simplefilter()`", POOL("fetch", 60))],
      [17, 5, CHANGE("`warnings.filterwarnings()`", POOL("parse", 61))],
      [22, 5, CHANGE("`add_filter()` (`warnings.filterwarnings`)", "`_quiet_legacy` runs in threads: called by `render` at line 26, and `render` runs in threads: `pool.submit(render, …)` at line 62")],
      [34, 5, CHANGE("`warnings.simplefilter()`", POOL("strict_batch", 63))],
      [40, 9, CHANGE("`warnings.resetwarnings()`", "`Importer.run` runs in threads: `Importer` subclasses `threading.Thread` at line 38")],
      [54, 9, CHANGE("`warnings.simplefilter()`", "`Reporter` takes `self._lock` at line 50, so its code is meant to run in threads")],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture(RULE, "safe.py")), []);
  });

  it("has its catalogue risk and category", () => {
    assert.equal(plugin.rules[RULE]!.meta.docs.risk, 0.6);
    assert.equal(plugin.rules[RULE]!.meta.docs.category, "race");
  });

  it("reports catch_warnings in threads before 3.14, and on 3.14 without free threading", () => {
    const safe = fixture(RULE, "safe.py");
    const collect = "`collect` runs in threads: `pool.submit(collect, …)` at line 78";
    assert.deepEqual(findings(RULE, safe, "module.py", { pythonVersion: "3.13" }), [
      [16, 10, CATCH("warnings.catch_warnings()", "Python 3.13", "threads", "`fetch` runs in threads: `pool.submit(fetch, …)` at line 76", SERIALISE_313)],
      [23, 10, CATCH('warnings.catch_warnings(action="error", category=RuntimeWarning)', "Python 3.13", "threads", "`parse` runs in threads: `pool.submit(parse, …)` at line 77", SERIALISE_313)],
      [28, 10, CATCH("warnings.catch_warnings(record=True)", "Python 3.13", "threads", collect, SERIALISE_313)],
      [40, 10, CATCH("warnings.catch_warnings()", "Python 3.13", "threads", "`render` runs in threads: `pool.submit(render, …)` at line 79", SERIALISE_313)],
    ]);
    const gil = findings(RULE, safe, "module.py", { pythonVersion: "3.14", freeThreaded: false });
    assert.deepEqual(gil[2], [28, 10, CATCH("warnings.catch_warnings(record=True)", "Python 3.14 without free threading", "threads", collect, SERIALISE_314)]);
    assert.equal(gil.length, 4);
    // Filter changes outside a block are reported everywhere, with the advice that fits the target.
    assert.deepEqual(findings(RULE, fixture(RULE, "unsafe.py"), "module.py", { pythonVersion: "3.12" })[0], [
      11,
      5,
      CHANGE("`warnings.simplefilter()`", POOL("fetch", 60), "Set the filters once at start-up: before Python 3.14 no warnings API changes them for one thread only"),
    ]);
  });

  it("reports catch_warnings in a coroutine that awaits inside the block, before 3.14 only", () => {
    const code =
      "import asyncio\nimport warnings\n\n\nasync def poll(client):\n    with warnings.catch_warnings():\n" +
      "        warnings.simplefilter('ignore')\n        return await client.get()\n\n\nasync def parse(text):\n" +
      "    with warnings.catch_warnings():\n        warnings.simplefilter('ignore')\n        return text.strip()\n";
    assert.deepEqual(findings(RULE, code, "module.py", { pythonVersion: "3.13" }), [
      [
        6,
        10,
        CATCH(
          "warnings.catch_warnings()",
          "Python 3.13",
          "tasks",
          "`poll` is a coroutine that awaits inside the block (line 8): other tasks run while its filters are in place",
          "Set the filters once at start-up, or keep `await` out of the block; free-threaded Python 3.14+ makes it context-local",
        ),
      ],
    ]);
    assert.equal(plugin.rules[RULE]!.meta.messages["catchWarnings@intended"] !== undefined, true);
    assert.deepEqual(findings(RULE, code), []);
  });

  it("suggests wrapping the change and the rest of its block in catch_warnings, and the result is clean", () => {
    const code =
      "import threading\nimport warnings as w\n\n\ndef fetch(client, url):\n    if url:\n" +
      "        w.simplefilter('ignore', DeprecationWarning)\n        response = client.get(url)\n        return response.json()\n    return None\n\n\n" +
      "threading.Thread(target=fetch, args=(None, '')).start()\n";
    const output = suggested(RULE, code, 7);
    assert.equal(
      output,
      "import threading\nimport warnings as w\n\n\ndef fetch(client, url):\n    if url:\n" +
        "        with w.catch_warnings():\n            w.simplefilter('ignore', DeprecationWarning)\n            response = client.get(url)\n            return response.json()\n    return None\n\n\n" +
        "threading.Thread(target=fetch, args=(None, '')).start()\n",
    );
    assertCleanAfterFix(RULE, output);
  });

  it("spells catch_warnings through the module import when the filter function was imported by name", () => {
    const code =
      "import threading\nimport warnings\nfrom warnings import simplefilter\n\n\ndef work(job):\n    simplefilter('error')\n    job()\n\n\n" +
      "threading.Thread(target=work, args=(print,)).start()\n";
    const output = suggested(RULE, code, 7);
    assert.equal(
      output,
      "import threading\nimport warnings\nfrom warnings import simplefilter\n\n\ndef work(job):\n    with warnings.catch_warnings():\n        simplefilter('error')\n        job()\n\n\n" +
        "threading.Thread(target=work, args=(print,)).start()\n",
    );
    assertCleanAfterFix(RULE, output);
  });

  it("offers no wrap when the change is the last statement of its block, nor before 3.14", () => {
    const last = "import threading\nimport warnings\n\n\ndef configure():\n    warnings.simplefilter('error')\n\n\nthreading.Thread(target=configure).start()\n";
    assert.equal(findings(RULE, last).length, 1);
    assert.throws(() => suggested(RULE, last, 6), /no suggestion #0 for the finding on line 6/);
    const more = "import threading\nimport warnings\n\n\ndef work(job):\n    warnings.simplefilter('error')\n    job()\n\n\nthreading.Thread(target=work, args=(print,)).start()\n";
    assert.throws(() => suggested(RULE, more, 6, 0, { pythonVersion: "3.13" }), /no suggestion #0/);
  });

  it("before 3.14, suggests serialising a catch_warnings block with the module's lock, and the result is clean", () => {
    const options = { pythonVersion: "3.13" };
    const code =
      "import threading\nimport warnings\n\n_lock = threading.Lock()\n\n\ndef check(item):\n    with warnings.catch_warnings():\n" +
      "        warnings.simplefilter('error')\n        return item.validate()\n\n\n" +
      "for n in range(4):\n    threading.Thread(target=check, args=(n,)).start()\n";
    const output = suggested(RULE, code, 8, 0, options);
    assert.equal(
      output,
      "import threading\nimport warnings\n\n_lock = threading.Lock()\n\n\ndef check(item):\n    with _lock:\n        with warnings.catch_warnings():\n" +
        "            warnings.simplefilter('error')\n            return item.validate()\n\n\n" +
        "for n in range(4):\n    threading.Thread(target=check, args=(n,)).start()\n",
    );
    assertCleanAfterFix(RULE, output, options);
  });
});
