// aether/type-mutation on its fixtures, its suggestion, and through ESLint's RuleTester.
import assert from "node:assert/strict";
import plugin from "../../src/index.js";
import { RuleTester } from "../support/eslint.js";
import { lint } from "../support/lint.js";
import { allFindings, assertCleanAfterFix, fixture, suggested } from "../support/ruleFixtures.js";

const RULE = "type-mutation";

describe("aether/type-mutation", () => {
  it("reports each unsafe case with its evidence", () => {
    const found = lint(fixture(RULE, "unsafe.py")).map((m) => [m.ruleId, m.line, m.column, m.message]);
    assert.deepEqual(found, [
      ["aether/type-mutation", 25, 9, "`cls.last_run = …` changes class `Job` at run time with no lock held: threads reading the class race with the change, and each change invalidates its attribute cache for every thread. `Job.mark_run` runs in threads: called by `upgrade` at line 54, and `upgrade` runs in threads: `executor.submit(upgrade, …)` at line 82. Guard it with a lock shared by every thread that touches it, or keep this state in an instance or a module-level dict."],
      ["aether/type-mutation", 37, 9, "`Plugin.registry` is changed by `Plugin.__init_subclass__` with no lock held: two threads creating classes at once race on it. `Plugin.__init_subclass__` runs whenever a class is created, and class `Dynamic` is created at line 63: `make_plugin` runs in threads: `executor.submit(make_plugin, …)` at line 83. Guard it with a lock shared by every thread that touches it."],
      ["aether/type-mutation", 41, 5, "`_HANDLERS` is changed by `register` with no lock held: two threads creating classes at once race on it. `register` runs whenever a class is created, and class `Handler` is created at line 71: `make_handler` runs in threads: `executor.submit(make_handler, …)` at line 84. Guard it with a lock shared by every thread that touches it."],
      ["aether/type-mutation", 46, 5, "`Config.debug = …` changes class `Config` at run time with no lock held: threads reading the class race with the change, and each change invalidates its attribute cache for every thread. `toggle_debug` runs in threads: `executor.submit(toggle_debug, …)` at line 80. Guard it with a lock shared by every thread that touches it, or keep this state in an instance or a module-level dict."],
      ["aether/type-mutation", 50, 5, "`setattr(BaseHTTPRequestHandler, \"do_\" + verb, …)` changes class `BaseHTTPRequestHandler` at run time with no lock held: threads reading the class race with the change, and each change invalidates its attribute cache for every thread. `add_verb` runs in threads: `executor.submit(add_verb, …)` at line 81. Guard it with a lock shared by every thread that touches it, or keep this state in an instance or a module-level dict."],
      ["aether/type-mutation", 55, 5, "`job.__class__ = …` changes the object's class at run time: on a free-threaded build each such change stops every thread (stop-the-world), and other threads can see it half-done. `upgrade` runs in threads: `executor.submit(upgrade, …)` at line 82. Create the object as the class it should be instead."],
      ["aether/type-mutation", 59, 5, "`Model.__eq__ = …` changes class `Model` at run time: on a free-threaded build each such change stops every thread (stop-the-world), and other threads can see it half-done. `use_identity_equality` runs in threads: `threading.Thread(target=use_identity_equality)` at line 85. Make the change once, at start-up, before threads run."],
    ]);
  });

  it("reports nothing on the safe look-alikes (no rule does)", () => {
    assert.deepEqual(allFindings(fixture(RULE, "safe.py")), []);
  });

  it("has its catalogue risk and category", () => {
    assert.equal(plugin.rules[RULE]!.meta.docs.risk, 0.7);
    assert.equal(plugin.rules[RULE]!.meta.docs.category, "race");
  });

  it("suggests a lock around the class change (a new one, after the imports), and the result is clean", () => {
    const code =
      "import threading\n" +
      "\n" +
      "\n" +
      "class Config:\n" +
      "    debug = False\n" +
      "\n" +
      "\n" +
      "def toggle(enabled):\n" +
      "    Config.debug = enabled\n" +
      "\n" +
      "\n" +
      "for flag in (True, False):\n" +
      "    threading.Thread(target=toggle, args=(flag,)).start()\n";
    const output = suggested(RULE, code, 9);
    assert.equal(
      output,
      "import threading\n" +
      "\n" +
      "_lock = threading.Lock()\n" +
      "\n" +
      "\n" +
      "\n" +
      "class Config:\n" +
      "    debug = False\n" +
      "\n" +
      "\n" +
      "def toggle(enabled):\n" +
      "    with _lock:\n" +
      "        Config.debug = enabled\n" +
      "\n" +
      "\n" +
      "for flag in (True, False):\n" +
      "    threading.Thread(target=toggle, args=(flag,)).start()\n",
    );
    assertCleanAfterFix(RULE, output);
  });

  it("runs under ESLint's RuleTester", () => {
    const tester = new RuleTester({ plugins: { aether: plugin }, language: "aether/python" } as never);
    tester.run(RULE, plugin.rules[RULE] as never, {
      valid: [
        // A decorator applied at module top level runs at import time.
        "import threading\n\n_REGISTRY = {}\n\n\ndef register(cls):\n    _REGISTRY[cls.__name__] = cls\n    return cls\n\n\n@register\nclass Job:\n    pass\n\n\n" +
          "def work():\n    return _REGISTRY[\"Job\"]\n\n\nthreading.Thread(target=work).start()\n",
        // An instance attribute, and a module attribute.
        "import threading\n\n\nclass Session:\n    def __init__(self):\n        self.debug = False\n\n    def enable(self):\n        setattr(self, \"debug\", True)\n        threading.excepthook = print\n\n\n" +
          "threading.Thread(target=Session().enable).start()\n",
        // A classmethod reconfiguring its class, with only a lock in the class as evidence: set-up API.
        "import threading\n\n\nclass Parser:\n    _lock = threading.Lock()\n    packrat = False\n\n    @classmethod\n    def enable_packrat(cls):\n        cls.packrat = True\n\n" +
          "    def parse(self, text):\n        with self._lock:\n            return text\n",
      ],
      invalid: [
        {
          code: "import threading\n\n\nclass Fast:\n    pass\n\n\ndef upgrade(obj):\n    obj.__class__ = Fast\n\n\nthreading.Thread(target=upgrade, args=(object(),)).start()\n",
          errors: [{ messageId: "stopTheWorld", line: 9, column: 5, suggestions: [] }],
        },
        {
          // Intended evidence: a method of a class that takes a lock changes its own class.
          code:
            "import threading\n\n\nclass Mock:\n    _lock = threading.Lock()\n\n    def configure(self, name, value):\n        setattr(type(self), name, value)\n\n" +
            "    def calls(self):\n        with self._lock:\n            return 0\n",
          errors: [
            {
              messageId: "classChange@intended",
              line: 8,
              column: 9,
              suggestions: [
                {
                  messageId: "guardWithLock",
                  output:
                    "import threading\n\n\nclass Mock:\n    _lock = threading.Lock()\n\n    def configure(self, name, value):\n        with self._lock:\n            setattr(type(self), name, value)\n\n" +
                    "    def calls(self):\n        with self._lock:\n            return 0\n",
                },
              ],
            },
          ],
        },
      ],
    });
  });
});
