// aether/thread-unsafe-library on its fixtures: exact findings on the unsafe cases, silence on the safe
// look-alikes; and its doc page's API table, which is generated from the data module the rule matches with.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import plugin from "../../src/index.js";
import { threadUnsafeApis } from "../../src/data/threadUnsafeApis.js";
import { renderThreadUnsafeApiTable, withGeneratedSections } from "../../src/ruleDocs.js";
import { lint } from "../support/lint.js";
import { fixturesDir } from "../support/paths.js";
import { allFindings, findings, fixture } from "../support/ruleFixtures.js";

const RULE = "thread-unsafe-library";

describe("aether/thread-unsafe-library", () => {
  it("reports each unsafe case", () => {
    assert.deepEqual(findings(RULE, fixture(RULE, "unsafe.py")), [
      [18,5,"`plt.figure(…)` runs in threads here: pyplot keeps one global current figure and axes, and matplotlib is not thread-safe, so threads plotting at once draw into each other's figures. `render_chart` runs in threads: `pool.submit(render_chart, …)` at line 93. Use the object-oriented API, one figure per thread (`fig = matplotlib.figure.Figure()`, `ax = fig.subplots()`, `fig.savefig(…)`), or one lock held around all plotting."],
      [25,5,"`random.seed(…)` runs in threads here: the module's functions share one hidden `random.Random`, so reseeding it in a thread changes every thread's numbers (no run is reproducible) while all threads contend for it. `simulate` runs in threads: `threading.Thread(target=simulate, …)` at line 98. Use one generator per thread (`rng = random.Random(seed)`)."],
      [30,5,"`np.random.seed(…)` runs in threads here: it reseeds NumPy's one global generator, which every thread draws from. `sample` runs in threads: `threading.Thread(target=sample, …)` at line 99. Use one generator per thread (`rng = numpy.random.default_rng(seed)`)."],
      [35,5,"`os.chdir(…)` runs in threads here: the working directory belongs to the process, so every other thread's relative paths change under it. `build` runs in threads: `threading.Thread(target=build, …)` at line 100. Use absolute paths, and `cwd=` for subprocesses."],
      [40,5,"`os.environ[…] = …` runs in threads here: the environment belongs to the process and C `setenv()` is not thread-safe, so a thread reading it at the same time (in C code, or starting a subprocess) can see a torn value or crash. `build_with_flags` runs in threads: `threading.Thread(target=build_with_flags, …)` at line 101. Use an explicit value, and `env={**os.environ, \"KEY\": value}` for subprocesses."],
      [45,5,"`locale.setlocale(…)` runs in threads here: the locale belongs to the process and `setlocale` is documented as not thread-safe (it has crashed free-threaded builds of `regex`). `format_price` runs in threads: `threading.Thread(target=format_price, …)` at line 102. Use one `setlocale` call at start-up, before threads start."],
      [50,5,"`sys.setrecursionlimit(…)` runs in threads here: the limit is shared by every thread of the interpreter, so one thread changes it for all of them. `walk_tree` runs in threads: `threading.Thread(target=walk_tree, …)` at line 103. Use one call at start-up, before threads start."],
      [55,5,"`socket.setdefaulttimeout(…)` runs in threads here: it sets the timeout of every socket created afterwards, in every thread. `fetch` runs in threads: `pool.map(fetch, …)` at line 94. Use a timeout per connection (`socket.create_connection(address, timeout=…)`, `sock.settimeout(…)`)."],
      [62,10,"`contextlib.redirect_stdout(…)` runs in threads here: it swaps the process-wide `sys.stdout`/`sys.stderr`, so other threads' output is captured too, and swapping while threads print has crashed free-threaded CPython (gh-130163). `capture` runs in threads: `threading.Thread(target=capture, …)` at line 104. Use `print(…, file=stream)` or `logging` with a handler per task."],
      [69,5,"`sys.stdout = …` runs in threads here: other threads' output goes to the replacement, and swapping the stream while threads print has crashed free-threaded CPython (gh-130163). `quietly` runs in threads: `threading.Thread(target=quietly, …)` at line 105. Use `print(…, file=stream)` or `logging`."],
      [82,15,"`os.umask(…)` runs in threads here: the file-creation mask belongs to the process, so files other threads create meanwhile get the wrong permissions. `Exporter` takes `self._lock` at line 87, so its code is meant to run in threads. Use an explicit `mode=` (`os.open(path, flags, mode)`, `os.makedirs(path, mode)`) or `os.chmod` after creating."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture(RULE, "safe.py")), []);
  });

  it("has its catalogue risk and category", () => {
    assert.equal(plugin.rules[RULE]!.meta.docs.risk, 0.6);
    assert.equal(plugin.rules[RULE]!.meta.docs.category, "race");
  });

  it("carries the evidence tier in the message id", () => {
    const messages = lint(fixture(RULE, "unsafe.py")).filter((m) => m.ruleId === `aether/${RULE}`);
    assert.deepEqual(
      messages.filter((m) => m.messageId !== "unsafeApi").map((m) => [m.line, m.messageId]),
      [[82, "unsafeApi@intended"]],
    );
  });

  it("resolves aliases and reports deletions from the environment", () => {
    const code =
      "import threading\n" +
      "from os import chdir as cd, environ\n" +
      "\n" +
      "\n" +
      "def work(path):\n" +
      "    cd(path)\n" +
      "    del environ[\"TMP\"]\n" +
      "\n" +
      "\n" +
      "threading.Thread(target=work, args=(\"/tmp\",)).start()\n";
    assert.deepEqual(findings(RULE, code).map(([line, column, message]) => [line, column, message.slice(0, message.indexOf(":"))]), [
      [6, 5, "`cd(…)` runs in threads here"],
      [7, 5, "`del environ[…]` runs in threads here"],
    ]);
  });

  describe("its doc page", () => {
    const page = readFileSync(`${fixturesDir}../packages/eslint-plugin/docs/rules/${RULE}.md`, "utf8");

    it("has the API table the data module produces (run scripts/update-rule-docs.mjs)", () => {
      assert.equal(withGeneratedSections(RULE, page), page);
    });

    it("lists every API of the data module, with its reason and alternative", () => {
      const table = renderThreadUnsafeApiTable();
      assert.ok(page.includes(table));
      for (const entry of threadUnsafeApis) {
        assert.ok(table.includes(`| ${entry.api} | ${entry.reason} | ${entry.instead} |`), entry.api);
      }
    });
  });
});
