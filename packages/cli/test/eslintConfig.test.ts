import assert from "node:assert/strict";
import path from "node:path";
import type { Linter } from "eslint";
import { buildEslintConfig } from "../src/config/eslintConfig.js";
import { resolveLanguageOptions } from "../src/config/languageOptions.js";
import { defaultSettings, type AetherSettings } from "../src/config/settings.js";
import { commonDirectory } from "../src/lint/lintSources.js";

const root = path.resolve("/project");
const recommended: Linter.Config = {
  name: "aether/recommended",
  files: ["**/*.py", "**/*.pyi"],
  language: "aether/python",
  languageOptions: { pythonVersion: "3.14", freeThreaded: true },
  rules: { "aether/c-api-misuse": "error" },
};

describe("buildEslintConfig", () => {
  const config = buildEslintConfig({
    recommended,
    languageOptions: { pythonVersion: "3.13" },
    ruleLevels: { "aether/c-api-misuse": "warn" },
    perFileIgnores: [{ pattern: "tests/", ruleIds: ["aether/c-api-misuse"] }],
    root,
  });

  it("lifts ESLint's default ignores, then layers options and levels on the recommended config", () => {
    assert.deepEqual(config.slice(0, 3), [
      { name: "aether-cli/lint-what-was-chosen", ignores: ["!**/node_modules/", "!**/.git/"] },
      { ...recommended, languageOptions: { pythonVersion: "3.13", freeThreaded: true } },
      { name: "aether-cli/rule-levels", rules: { "aether/c-api-misuse": "warn" } },
    ]);
  });

  it("turns rules off for files matching a per-file-ignores pattern, gitignore-style", () => {
    const block = config[3]!;
    assert.equal(block.name, "aether-cli/per-file-ignores tests/");
    assert.deepEqual(block.rules, { "aether/c-api-misuse": "off" });
    const matches = block.files![0] as unknown as (file: string) => boolean;
    assert.equal(matches(path.join(root, "tests", "test_a.py")), true);
    assert.equal(matches(path.join(root, "pkg", "tests", "deep", "b.py")), true);
    assert.equal(matches(path.join(root, "src", "a.py")), false);
    assert.equal(matches(path.resolve("/elsewhere/tests/a.py")), false);
  });
});

describe("resolveLanguageOptions", () => {
  const settings: AetherSettings = {
    ...defaultSettings(root),
    source: "/project/pyproject.toml",
    pythonVersion: "3.13",
    freeThreaded: true,
    threadEntries: ["app:run"],
  };
  const accepting = { validateLanguageOptions() {} };

  it("prefers the command line, then pyproject.toml, leaving the rest to the plugin's defaults", () => {
    const none = { pythonVersion: undefined, freeThreaded: undefined };
    assert.deepEqual(resolveLanguageOptions(defaultSettings(root), none, accepting), {});
    assert.deepEqual(resolveLanguageOptions(settings, none, accepting), {
      pythonVersion: "3.13",
      freeThreaded: true,
      threadEntries: ["app:run"],
    });
    assert.deepEqual(resolveLanguageOptions(settings, { pythonVersion: "3.15", freeThreaded: false }, accepting), {
      pythonVersion: "3.15",
      freeThreaded: false,
      threadEntries: ["app:run"],
    });
  });

  it("names where a value the language rejects came from", () => {
    const rejectingVersions = {
      validateLanguageOptions(options: Record<string, unknown>) {
        if ("pythonVersion" in options) throw new Error(`unsupported pythonVersion "${String(options["pythonVersion"])}"`);
      },
    };
    const none = { pythonVersion: undefined, freeThreaded: undefined };
    assert.throws(() => resolveLanguageOptions(settings, none, rejectingVersions), {
      name: "CliError",
      message: '/project/pyproject.toml: [tool.aether] python-version: unsupported pythonVersion "3.13"',
    });
    assert.throws(() => resolveLanguageOptions(settings, { pythonVersion: "3.2", freeThreaded: undefined }, rejectingVersions), {
      name: "CliError",
      message: '--python-version: unsupported pythonVersion "3.2"',
    });
  });
});

describe("commonDirectory", () => {
  it("is the deepest directory holding every file", () => {
    const at = (...parts: string[]) => path.resolve("/", ...parts);
    assert.equal(commonDirectory([at("a", "b", "x.py")]), at("a", "b"));
    assert.equal(commonDirectory([at("a", "b", "x.py"), at("a", "c", "y.py"), at("a", "b", "d", "z.py")]), at("a"));
    assert.equal(commonDirectory([at("a", "x.py"), at("ab", "y.py")]), at());
  });
});
