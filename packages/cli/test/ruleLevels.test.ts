import assert from "node:assert/strict";
import type { Linter } from "eslint";
import { resolveRuleLevels, type RuleOverride } from "../src/config/ruleLevels.js";
import type { AetherSettings } from "../src/config/settings.js";
import { ruleCatalogFrom } from "../src/rules/ruleCatalog.js";

const catalog = ruleCatalogFrom({ a: {}, b: {}, c: {} });
const recommended: Record<string, Linter.RuleEntry> = { "aether/a": "error", "aether/b": "warn" };
const all: Record<string, Linter.RuleEntry> = { ...recommended, "aether/c": ["error", { strict: true }] };
type RuleSettings = Pick<AetherSettings, "select" | "ignore" | "severity">;

function levels(settings: Partial<RuleSettings>, overrides: RuleOverride[] = []) {
  const full: RuleSettings = { select: undefined, ignore: [], severity: {}, ...settings };
  return resolveRuleLevels({ catalog, recommended, all, settings: full, overrides });
}

describe("resolveRuleLevels", () => {
  it("starts from the recommended set; rules outside it are off", () => {
    assert.deepEqual(levels({}), { "aether/a": "error", "aether/b": "warn", "aether/c": "off" });
  });

  it("select enables exactly the listed rules, a rule outside recommended at its `all` entry", () => {
    assert.deepEqual(levels({ select: ["aether/c"] }), { "aether/a": "off", "aether/b": "off", "aether/c": ["error", { strict: true }] });
    assert.deepEqual(levels({ select: "ALL" }), { "aether/a": "error", "aether/b": "warn", "aether/c": ["error", { strict: true }] });
  });

  it("ignore beats severity, severity beats the default, --rule beats everything", () => {
    const settings: Partial<RuleSettings> = {
      ignore: ["aether/a"],
      severity: { "aether/a": "warn", "aether/b": "error", "aether/c": "warn" },
    };
    assert.deepEqual(levels(settings), { "aether/a": "off", "aether/b": "error", "aether/c": "warn" });
    assert.deepEqual(levels(settings, [{ id: "aether/a", level: "warn" }]), { "aether/a": "warn", "aether/b": "error", "aether/c": "warn" });
  });

  it("severity does not turn on a rule that select leaves out", () => {
    assert.deepEqual(levels({ select: ["aether/a"], severity: { "aether/b": "error" } }), {
      "aether/a": "error",
      "aether/b": "off",
      "aether/c": "off",
    });
  });
});
