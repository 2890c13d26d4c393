// The language options of aether/python and their validation.
import assert from "node:assert/strict";
import plugin from "../src/index.js";
import { Linter } from "./support/eslint.js";

const linter = new Linter({ configType: "flat" });

function verifyWith(languageOptions: Record<string, unknown>) {
  return linter.verify("x = 1\n", [plugin.configs.recommended as never, { files: ["**/*.py"], languageOptions } as never], "a.py");
}

describe("language options", () => {
  it("defaults to Python 3.14, free-threaded", () => {
    assert.deepEqual(plugin.languages.python.defaultLanguageOptions, {
      pythonVersion: "3.14",
      freeThreaded: true,
      threadEntries: [],
    });
  });

  it("accepts valid options", () => {
    assert.deepEqual(verifyWith({ pythonVersion: "3.13", freeThreaded: false, threadEntries: ["app.jobs:Worker.*"] }), []);
  });

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ["a pythonVersion that is not a string", { pythonVersion: 3.13 }, /"pythonVersion" must be a string "3\.9" … "3\.16", got 3\.13/],
    ["an unsupported pythonVersion", { pythonVersion: "2.7" }, /"pythonVersion" must be a string/],
    ["a non-boolean freeThreaded", { freeThreaded: "yes" }, /"freeThreaded" must be true or false, got "yes"/],
    ["malformed threadEntries", { threadEntries: ["worker"] }, /"threadEntries" must be a list of "module:qualname" strings/],
    ["an unknown option", { ecmaVersion: 2022 }, /Unknown language option "ecmaVersion" for aether\/python/],
  ];
  for (const [what, options, message] of invalid) {
    it(`rejects ${what} with a clear error`, () => {
      assert.throws(() => verifyWith(options), message);
    });
  }
});
