import assert from "node:assert/strict";
import path from "node:path";
import { loadSettings, settingsFromTable } from "../src/config/pyproject.js";
import { defaultSettings } from "../src/config/settings.js";
import { ruleCatalogFrom } from "../src/rules/ruleCatalog.js";
import { makeTempTree, type TempTree } from "./helpers/tempTree.js";

const catalog = ruleCatalogFrom({ "c-api-misuse": {}, "module-state-race": {} });
const FILE = "/project/pyproject.toml";

describe("settingsFromTable", () => {
  it("reads every key", () => {
    const settings = settingsFromTable(
      {
        select: ["c-api-misuse", "aether/module-state-race"],
        ignore: ["module-state-race"],
        severity: { "c-api-misuse": "warn" },
        "python-version": "3.13",
        "free-threaded": false,
        "thread-entries": ["app.workers:run"],
        exclude: ["migrations/"],
        "per-file-ignores": { "tests/": ["c-api-misuse"] },
      },
      FILE,
      catalog,
    );
    assert.deepEqual(settings, {
      source: FILE,
      root: "/project",
      select: ["aether/c-api-misuse", "aether/module-state-race"],
      ignore: ["aether/module-state-race"],
      severity: { "aether/c-api-misuse": "warn" },
      pythonVersion: "3.13",
      freeThreaded: false,
      threadEntries: ["app.workers:run"],
      exclude: ["migrations/"],
      perFileIgnores: [{ pattern: "tests/", ruleIds: ["aether/c-api-misuse"] }],
    });
  });

  it('turns select = ["ALL"] into every rule', () => {
    assert.equal(settingsFromTable({ select: ["ALL"] }, FILE, catalog).select, "ALL");
  });

  const badTables: Array<[Record<string, unknown>, string]> = [
    [
      { selekt: ["c-api-misuse"] },
      `${FILE}: unknown key "selekt" in [tool.aether] (known keys: select, ignore, severity, python-version, free-threaded, thread-entries, exclude, per-file-ignores)`,
    ],
    [{ select: "c-api-misuse" }, `${FILE}: [tool.aether] select: expected an array of strings, got "c-api-misuse"`],
    [{ ignore: ["nope"] }, `${FILE}: [tool.aether] ignore: unknown rule "nope" (known rules: c-api-misuse, module-state-race)`],
    [{ severity: ["warn"] }, `${FILE}: [tool.aether] severity: expected a table, got an array ["warn"]`],
    [{ severity: { "c-api-misuse": "fatal" } }, `${FILE}: [tool.aether] severity.c-api-misuse: expected "off", "warn" or "error", got "fatal"`],
    [{ severity: { nope: "warn" } }, `${FILE}: [tool.aether] severity: unknown rule "nope" (known rules: c-api-misuse, module-state-race)`],
    [{ "python-version": 3.13 }, `${FILE}: [tool.aether] python-version: expected a version string like "3.13", got 3.13`],
    [{ "python-version": "py313" }, `${FILE}: [tool.aether] python-version: expected a version string like "3.13", got "py313"`],
    [{ "free-threaded": "yes" }, `${FILE}: [tool.aether] free-threaded: expected true or false, got "yes"`],
    [{ "thread-entries": [1] }, `${FILE}: [tool.aether] thread-entries: expected an array of strings, got an array [1]`],
    [{ exclude: { a: 1 } }, `${FILE}: [tool.aether] exclude: expected an array of strings, got a table`],
    [
      { "per-file-ignores": { "tests/*": ["nope"] } },
      `${FILE}: [tool.aether] per-file-ignores."tests/*": unknown rule "nope" (known rules: c-api-misuse, module-state-race)`,
    ],
    [{ "per-file-ignores": { "tests/*": "c-api-misuse" } }, `${FILE}: [tool.aether] per-file-ignores."tests/*": expected an array of strings, got "c-api-misuse"`],
  ];
  for (const [table, message] of badTables) {
    it(`rejects ${JSON.stringify(table)}`, () => {
      assert.throws(() => settingsFromTable(table, FILE, catalog), { name: "CliError", message });
    });
  }
});

describe("loadSettings", () => {
  let tree: TempTree;
  afterEach(() => tree.remove());

  it("uses the nearest pyproject.toml that has [tool.aether], passing over one without it", () => {
    tree = makeTempTree({
      "pyproject.toml": '[tool.aether]\nignore = ["c-api-misuse"]\n',
      "pkg/pyproject.toml": '[project]\nname = "pkg"\n',
      "pkg/src/app.py": "",
    });
    const settings = loadSettings({ configFile: undefined, startDir: tree.at("pkg/src"), catalog });
    assert.equal(settings.source, tree.at("pyproject.toml"));
    assert.equal(settings.root, tree.root);
    assert.deepEqual(settings.ignore, ["aether/c-api-misuse"]);
  });

  it("gives the defaults, rooted at the start directory, when no file has the table", () => {
    tree = makeTempTree({ "src/app.py": "" });
    // Searching up from a temp dir may meet a stray pyproject.toml only if one sits in /tmp's parents.
    const settings = loadSettings({ configFile: undefined, startDir: tree.at("src"), catalog });
    assert.deepEqual(settings, defaultSettings(tree.at("src")));
  });

  it("reads --config even when it lies elsewhere, and an empty table is fine", () => {
    tree = makeTempTree({ "cfg/aether.toml": "[tool.aether]\n", "src/app.py": "" });
    const settings = loadSettings({ configFile: tree.at("cfg/aether.toml"), startDir: tree.at("src"), catalog });
    assert.equal(settings.source, tree.at("cfg/aether.toml"));
    assert.equal(settings.root, tree.at("cfg"));
  });

  it("fails on a missing --config", () => {
    tree = makeTempTree({});
    const missing = path.join(tree.root, "nope.toml");
    assert.throws(() => loadSettings({ configFile: missing, startDir: tree.root, catalog }), {
      name: "CliError",
      message: `config file not found: ${missing}`,
    });
  });

  it("reports TOML syntax errors as file:line:column", () => {
    tree = makeTempTree({ "pyproject.toml": '[tool.aether]\nselect = ["c-api-misuse"\nignore = []\n' });
    assert.throws(() => loadSettings({ configFile: undefined, startDir: tree.root, catalog }), {
      name: "CliError",
      message: `${tree.at("pyproject.toml")}:3:1: invalid TOML: expected comma or end of structure`,
    });
  });

  it("rejects a [tool.aether] that is not a table", () => {
    tree = makeTempTree({ "pyproject.toml": "[tool]\naether = 1\n" });
    assert.throws(() => loadSettings({ configFile: undefined, startDir: tree.root, catalog }), {
      name: "CliError",
      message: `${tree.at("pyproject.toml")}: [tool.aether] must be a table, got 1`,
    });
  });
});
