// The README's rule table is generated from the rules' metadata; this keeps it current.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import plugin, { renderRuleTable, withRuleTable } from "../src/index.js";
import { fixturesDir } from "./support/paths.js";

describe("README", () => {
  it("has the rule table the rules' metadata produces (run scripts/update-readme.mjs)", () => {
    const readme = readFileSync(`${fixturesDir}../README.md`, "utf8");
    assert.equal(withRuleTable(readme, renderRuleTable(plugin.rules)), readme);
  });

  it("every rule has a doc page and fixtures", () => {
    for (const id of Object.keys(plugin.rules)) {
      assert.ok(readFileSync(`${fixturesDir}../packages/eslint-plugin/docs/rules/${id}.md`, "utf8").startsWith(`# aether/${id}`));
      readFileSync(`${fixturesDir}rules/${id}/unsafe.py`, "utf8");
      readFileSync(`${fixturesDir}rules/${id}/safe.py`, "utf8");
    }
  });
});
