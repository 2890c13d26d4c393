// Silencing findings from the source: ESLint directives and `# noqa`.
import assert from "node:assert/strict";
import { lint } from "./support/lint.js";

const HEADER = "import ctypes\n";
const CALL = "ctypes.pythonapi.PyGILState_Ensure()";

function lines(code: string): number[] {
  return lint(HEADER + code).map((m) => m.line);
}

describe("inline configuration", () => {
  it("reports the call when nothing silences it", () => {
    assert.deepEqual(lines(`${CALL}\n`), [2]);
  });

  it("honours # eslint-disable-next-line with a reason", () => {
    assert.deepEqual(lines(`# eslint-disable-next-line aether/c-api-misuse -- audited\n${CALL}\n${CALL}\n`), [4]);
  });

  it("honours # eslint-disable-line", () => {
    assert.deepEqual(lines(`${CALL}  # eslint-disable-line aether/c-api-misuse\n${CALL}\n`), [3]);
  });

  it("honours # eslint-disable / # eslint-enable blocks", () => {
    const code = `# eslint-disable aether/c-api-misuse\n${CALL}\n${CALL}\n# eslint-enable aether/c-api-misuse\n${CALL}\n`;
    assert.deepEqual(lines(code), [6]);
  });

  it("honours # eslint rule configuration comments", () => {
    assert.deepEqual(lines(`# eslint aether/c-api-misuse: off\n${CALL}\n`), []);
  });

  it("bare # noqa silences every aether rule on its line only", () => {
    assert.deepEqual(lines(`${CALL}  # noqa\n${CALL}\n`), [3]);
  });

  it("# noqa: <id> silences that rule, with or without the aether/ prefix, among other codes", () => {
    assert.deepEqual(lines(`${CALL}  # noqa: c-api-misuse\n`), []);
    assert.deepEqual(lines(`${CALL}  # noqa: E501, aether/c-api-misuse\n`), []);
    assert.deepEqual(lines(`${CALL}  # type: ignore  # noqa:c-api-misuse\n`), []);
  });

  it("# noqa with only other tools' codes does not silence aether", () => {
    assert.deepEqual(lines(`${CALL}  # noqa: E501\n`), [2]);
    assert.deepEqual(lint(HEADER + `${CALL}  # noqa: E501\n`)[0]?.message.startsWith("`ctypes.pythonapi"), true);
  });

  it("an unused # noqa is never reported as an unused directive", () => {
    const messages = lint("x = 1  # noqa\n", { linterOptions: { reportUnusedDisableDirectives: "error" } });
    assert.deepEqual(messages, []);
  });

  it("reports malformed aether annotations as configuration problems", () => {
    const messages = lint("def f():  # aether: requires\n    pass\n");
    assert.deepEqual(
      messages.map((m) => [m.ruleId, m.line, m.message]),
      [[null, 1, '"# aether: requires" needs one lock name, e.g. "# aether: requires self._lock"']],
    );
  });

  it("a syntax error is one Parsing error and no rule runs", () => {
    const messages = lint(HEADER + `${CALL}\ndef broken(:\n`);
    assert.deepEqual(
      messages.map((m) => [m.ruleId, m.fatal, m.line, m.column, m.message]),
      [[null, true, 3, 12, "Parsing error: invalid syntax: expected ')'"]],
    );
  });
});
