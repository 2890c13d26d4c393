import assert from "node:assert/strict";
import { CliError } from "../src/cliError.js";
import { parseAstArgs } from "../src/commands/astOptions.js";
import { parseCheckArgs } from "../src/commands/checkOptions.js";

describe("parseCheckArgs", () => {
  it("has the documented defaults", () => {
    assert.deepEqual(parseCheckArgs([]), {
      help: false,
      paths: ["."],
      format: "stylish",
      fix: false,
      maxWarnings: undefined,
      quiet: false,
      rules: [],
      pythonVersion: undefined,
      freeThreaded: undefined,
      configFile: undefined,
      outputFile: undefined,
      baseline: undefined,
    });
  });

  it("reads every option", () => {
    const options = parseCheckArgs([
      "src",
      "-f",
      "sarif",
      "--fix",
      "--max-warnings",
      "3",
      "--quiet",
      "--rule",
      "c-api-misuse:warn",
      "--rule=aether/other:off",
      "--python-version",
      "3.13",
      "--no-free-threaded",
      "--config",
      "cfg/pyproject.toml",
      "-o",
      "out.sarif",
      "--baseline",
      "legacy.json",
      "tests",
    ]);
    assert.deepEqual(options, {
      help: false,
      paths: ["src", "tests"],
      format: "sarif",
      fix: true,
      maxWarnings: 3,
      quiet: true,
      rules: [
        { name: "c-api-misuse", level: "warn" },
        { name: "aether/other", level: "off" },
      ],
      pythonVersion: "3.13",
      freeThreaded: false,
      configFile: "cfg/pyproject.toml",
      outputFile: "out.sarif",
      baseline: { action: "filter", file: "legacy.json" },
    });
  });

  const usageErrors: Array<[string[], string]> = [
    [["--bogus"], "unknown option '--bogus' (see 'aether check --help')"],
    [["-x"], "unknown option '-x' (see 'aether check --help')"],
    [["--format"], "option '--format' needs a value (see 'aether check --help')"],
    [["--fix=yes"], "option '--fix' does not take a value (see 'aether check --help')"],
    [["-f", "xml"], "unknown format 'xml' (one of: stylish, json, sarif, github) (see 'aether check --help')"],
    [["--max-warnings", "-1"], "option '--max-warnings' needs a value (see 'aether check --help')"],
    [["--max-warnings", "many"], "--max-warnings: expected a whole number of 0 or more, got 'many' (see 'aether check --help')"],
    [["--rule", "c-api-misuse"], "--rule: expected <rule-id>:<off|warn|error>, got 'c-api-misuse' (see 'aether check --help')"],
    [["--rule", "c-api-misuse:fatal"], "--rule: expected <rule-id>:<off|warn|error>, got 'c-api-misuse:fatal' (see 'aether check --help')"],
    [["--rule", ":warn"], "--rule: expected <rule-id>:<off|warn|error>, got ':warn' (see 'aether check --help')"],
    [["--python-version", "3"], "--python-version: expected a version like 3.13, got '3' (see 'aether check --help')"],
  ];
  for (const [argv, message] of usageErrors) {
    it(`rejects ${argv.join(" ")}`, () => {
      assert.throws(() => parseCheckArgs(argv), (error: unknown) => {
        assert.ok(error instanceof CliError);
        assert.equal(error.message, message);
        return true;
      });
    });
  }
});

describe("parseAstArgs", () => {
  it("takes one file and --json", () => {
    assert.deepEqual(parseAstArgs(["a.py", "--json"]), { help: false, file: "a.py", json: true });
  });

  it("needs exactly one file unless asked for help", () => {
    assert.throws(() => parseAstArgs([]), { message: "expected one file, got 0 (see 'aether ast --help')" });
    assert.throws(() => parseAstArgs(["a.py", "b.py"]), { message: "expected one file, got 2 (see 'aether ast --help')" });
    assert.equal(parseAstArgs(["--help"]).help, true);
  });

  it("rejects unknown options naming them", () => {
    assert.throws(() => parseAstArgs(["a.py", "--jsn"]), { message: "unknown option '--jsn' (see 'aether ast --help')" });
  });
});
