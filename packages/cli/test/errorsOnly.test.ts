import assert from "node:assert/strict";
import { errorsOnly } from "../src/lint/errorsOnly.js";
import { finding, lintResult, parseError, warning } from "./helpers/lintResults.js";

describe("errorsOnly (--quiet)", () => {
  it("keeps every file but only its errors", () => {
    const shown = errorsOnly([lintResult("/p/a.py", [finding, warning]), lintResult("/p/b.py", [parseError]), lintResult("/p/c.py", [warning])]);
    assert.deepEqual(
      shown.map((result) => [result.messages.map((message) => message.ruleId), result.errorCount, result.warningCount]),
      [
        [["aether/c-api-misuse"], 1, 0],
        [[null], 1, 0],
        [[], 0, 0],
      ],
    );
  });
});
