// `aether check` end to end: the built bin in a child process, on temp projects.

import assert from "node:assert/strict";
import { makeTempTree, type TempTree, type TreeSpec } from "./helpers/tempTree.js";
import { UNSAFE, UNSAFE_END_COLUMN, UNSAFE_MESSAGE, SAFE, SYNTAX_ERROR } from "./helpers/pythonSamples.js";
import { runAether, type AetherRun } from "./helpers/runAether.js";

describe("aether check", function () {
  let tree: TempTree;
  afterEach(() => tree?.remove());

  function check(files: TreeSpec, ...args: string[]): AetherRun {
    tree = makeTempTree(files);
    return runAether(["check", ...args], tree.root);
  }

  /** Findings as [file, ruleId, line, column, severity], from the JSON format. */
  function findings(run: AetherRun): Array<[string, string | null, number, number, number]> {
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<Record<string, never>> }>;
    return results.flatMap((result) =>
      result.messages.map((m): [string, string | null, number, number, number] => [
        result.filePath.slice(tree.root.length + 1).replaceAll("\\", "/"),
        m["ruleId"],
        m["line"],
        m["column"],
        m["severity"],
      ]),
    );
  }

  describe("exit codes and the stylish format", () => {
    it("exits 0 on clean code and says how many files it checked", () => {
      const run = check({ "a.py": SAFE, "pkg/b.py": SAFE });
      assert.deepEqual(run, { status: 0, stdout: "✔ No problems found in 2 files.\n", stderr: "" });
    });

    it("exits 1 on a finding, showing position, severity, risk, message and rule", () => {
      const run = check({ "app.py": UNSAFE, "ok.py": SAFE });
      assert.deepEqual(run, {
        status: 1,
        stdout: `app.py\n  2:1  error  0.90  ${UNSAFE_MESSAGE}  aether/c-api-misuse\n\n✖ 1 problem (1 error, 0 warnings)\n`,
        stderr: "",
      });
    });

    it("reports a syntax error as an error finding for that file", () => {
      const run = check({ "bad.py": SYNTAX_ERROR, "ok.py": SAFE });
      assert.deepEqual(run, {
        status: 1,
        stdout: "bad.py\n  1:7  error  Parsing error: invalid syntax: expected ')'\n\n✖ 1 problem (1 error, 0 warnings)\n",
        stderr: "",
      });
    });

    it("lints files given explicitly, even in directories a walk skips", () => {
      const run = check({ ".venv/lib/app.py": UNSAFE }, "--format", "json", ".venv/lib/app.py");
      assert.equal(run.status, 1);
      assert.deepEqual(findings(run), [[".venv/lib/app.py", "aether/c-api-misuse", 2, 1, 2]]);
    });

    it("handles a BOM and CRLF line ends", () => {
      const run = check({ "app.py": `\uFEFF${UNSAFE.replaceAll("\n", "\r\n")}` }, "-f", "json");
      assert.deepEqual(findings(run), [["app.py", "aether/c-api-misuse", 2, 1, 2]]);
    });
  });

  describe("formats", () => {
    it("json: ESLint's results with risk on each message", () => {
      const run = check({ "app.py": UNSAFE }, "--format", "json");
      assert.equal(run.status, 1);
      assert.equal(run.stderr, "");
      const results = JSON.parse(run.stdout);
      assert.deepEqual(results, [
        {
          filePath: tree.at("app.py"),
          messages: [
            {
              ruleId: "aether/c-api-misuse",
              severity: 2,
              message: UNSAFE_MESSAGE,
              line: 2,
              column: 1,
              messageId: "gilState",
              endLine: 2,
              endColumn: UNSAFE_END_COLUMN,
              risk: 0.9,
            },
          ],
          suppressedMessages: [],
          errorCount: 1,
          fatalErrorCount: 0,
          warningCount: 0,
          fixableErrorCount: 0,
          fixableWarningCount: 0,
          source: UNSAFE,
          usedDeprecatedRules: [],
        },
      ]);
    });

    it("sarif: a 2.1.0 log with the rule table and located results", () => {
      const run = check({ "src/app.py": UNSAFE }, "--format", "sarif");
      assert.equal(run.status, 1);
      const sarif = JSON.parse(run.stdout);
      assert.equal(sarif.version, "2.1.0");
      assert.equal(sarif.$schema, "https://json.schemastore.org/sarif-2.1.0.json");
      const [sarifRun] = sarif.runs;
      assert.equal(sarifRun.tool.driver.name, "aether");
      const rule = sarifRun.tool.driver.rules.find((r: { id: string }) => r.id === "aether/c-api-misuse");
      assert.deepEqual(rule.properties, { risk: 0.9, category: "crash", tags: ["crash"] });
      assert.equal(rule.shortDescription.text, "C-API calls through ctypes.pythonapi that assume the GIL");
      assert.deepEqual(sarifRun.results, [
        {
          ruleId: "aether/c-api-misuse",
          ruleIndex: sarifRun.tool.driver.rules.indexOf(rule),
          level: "error",
          message: { text: UNSAFE_MESSAGE },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: "src/app.py", uriBaseId: "%SRCROOT%" },
                region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: UNSAFE_END_COLUMN },
              },
            },
          ],
          properties: { risk: 0.9 },
        },
      ]);
    });

    it("github: one annotation per finding", () => {
      const run = check({ "src/app.py": UNSAFE, "src/bad.py": SYNTAX_ERROR }, "-f", "github");
      assert.deepEqual(run, {
        status: 1,
        stdout: [
          `::error file=src/app.py,line=2,col=1,endLine=2,endColumn=${UNSAFE_END_COLUMN},title=aether/c-api-misuse::${UNSAFE_MESSAGE}`,
          "::error file=src/bad.py,line=1,col=7,title=aether::Parsing error: invalid syntax: expected ')'",
          "",
        ].join("\n"),
        stderr: "",
      });
    });

    it("--output-file writes the report there and nothing to stdout", () => {
      const run = check({ "app.py": UNSAFE }, "-f", "sarif", "--output-file", "reports/aether.sarif");
      assert.equal(run.status, 1);
      assert.equal(run.stdout, "");
      assert.equal(JSON.parse(tree.read("reports/aether.sarif")).runs[0].results.length, 1);
    });
  });

  describe("choosing files", () => {
    it("honours .gitignore files and skips the default directories", () => {
      const run = check(
        {
          ".gitignore": "generated/\n",
          "app.py": SAFE,
          "generated/x.py": UNSAFE,
          "pkg/.gitignore": "scratch_*.py\n",
          "pkg/scratch_1.py": UNSAFE,
          "pkg/mod.py": SAFE,
          ".venv/lib/x.py": UNSAFE,
          "venv/x.py": UNSAFE,
          "__pycache__/x.py": UNSAFE,
          "node_modules/x.py": UNSAFE,
          "build/x.py": UNSAFE,
          "dist/x.py": UNSAFE,
          "lib/site-packages/x.py": UNSAFE,
        },
        "--format",
        "json",
      );
      assert.equal(run.status, 0);
      assert.deepEqual(
        (JSON.parse(run.stdout) as Array<{ filePath: string }>).map((result) => result.filePath),
        [tree.at("app.py"), tree.at("pkg/mod.py")],
      );
    });

    it("skips binary, non-UTF-8 and UTF-16 files with one warning each", () => {
      const run = check({
        "ok.py": SAFE,
        "binary.py": Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]),
        "latin1.py": Uint8Array.from([0x78, 0x3d, 0x27, 0xe9, 0x27, 0x0a]),
        "utf16.py": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(UNSAFE, "utf16le")]),
      });
      assert.deepEqual(run, {
        status: 0,
        stdout: "✔ No problems found in 1 file.\n",
        stderr: [
          "aether: warning: skipping binary.py: binary file (contains NUL bytes)",
          "aether: warning: skipping latin1.py: not valid UTF-8",
          "aether: warning: skipping utf16.py: UTF-16 encoded; only UTF-8 is supported",
          "",
        ].join("\n"),
      });
    });

    it("exits 2 on a missing path, printing nothing on stdout", () => {
      const run = check({ "app.py": UNSAFE }, "app.py", "nope");
      assert.deepEqual(run, { status: 2, stdout: "", stderr: "aether: path not found: nope\n" });
    });

    it("warns when there is nothing to lint", () => {
      const run = check({ "README.md": "# hi\n" });
      assert.deepEqual(run, {
        status: 0,
        stdout: "✔ No problems found in 0 files.\n",
        stderr: "aether: warning: no Python files found in .\n",
      });
    });
  });

  describe("options", () => {
    it("exits 2 on an unknown option, naming it", () => {
      const run = check({ "app.py": SAFE }, "--bogus");
      assert.deepEqual(run, { status: 2, stdout: "", stderr: "aether: unknown option '--bogus' (see 'aether check --help')\n" });
    });

    it("--rule sets a level, with or without the aether/ prefix", () => {
      const files = { "app.py": UNSAFE };
      let run = check(files, "--rule", "c-api-misuse:warn", "-f", "json");
      assert.equal(run.status, 0);
      assert.deepEqual(findings(run), [["app.py", "aether/c-api-misuse", 2, 1, 1]]);
      tree.remove();
      run = check(files, "--rule", "aether/c-api-misuse:off");
      assert.deepEqual(run, { status: 0, stdout: "✔ No problems found in 1 file.\n", stderr: "" });
    });

    it("--rule with an unknown rule exits 2", () => {
      const run = check({ "app.py": SAFE }, "--rule", "no-such-rule:warn");
      assert.equal(run.status, 2);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, /^aether: --rule: unknown rule 'no-such-rule' \(known rules: .*c-api-misuse.*\)\n$/);
    });

    it("--max-warnings turns too many warnings into exit 1", () => {
      const files = { "a.py": UNSAFE, "b.py": UNSAFE };
      let run = check(files, "--rule", "c-api-misuse:warn", "--max-warnings", "2");
      assert.equal(run.status, 0);
      assert.equal(run.stderr, "");
      tree.remove();
      run = check(files, "--rule", "c-api-misuse:warn", "--max-warnings", "1");
      assert.equal(run.status, 1);
      assert.equal(run.stderr, "aether: too many warnings (2, maximum: 1)\n");
      assert.match(run.stdout, /✖ 2 problems \(0 errors, 2 warnings\)\n$/);
    });

    it("--quiet reports errors only", () => {
      let run = check({ "a.py": UNSAFE, "bad.py": SYNTAX_ERROR }, "--rule", "c-api-misuse:warn", "--quiet", "-f", "json");
      assert.equal(run.status, 1);
      assert.deepEqual(findings(run), [["bad.py", null, 1, 7, 2]]);
      tree.remove();
      run = check({ "a.py": UNSAFE }, "--rule", "c-api-misuse:warn", "--quiet");
      assert.deepEqual(run, { status: 0, stdout: "✔ No problems found in 1 file.\n", stderr: "" });
    });

    it("--fix writes nothing when no rule offers a fix, and still reports", () => {
      const run = check({ "app.py": UNSAFE }, "--fix");
      assert.equal(run.status, 1);
      assert.match(run.stdout, /aether\/c-api-misuse/);
      assert.equal(tree.read("app.py"), UNSAFE);
    });

    it("--python-version is checked by the language, --no-free-threaded is accepted", () => {
      let run = check({ "app.py": UNSAFE }, "--python-version", "3.13", "--no-free-threaded", "-f", "json");
      assert.equal(run.status, 1);
      assert.deepEqual(findings(run), [["app.py", "aether/c-api-misuse", 2, 1, 2]]);
      tree.remove();
      run = check({ "app.py": UNSAFE }, "--python-version", "3.99");
      assert.deepEqual(run, {
        status: 2,
        stdout: "",
        stderr: 'aether: --python-version: Language option "pythonVersion" must be a string "3.9" … "3.16", got "3.99".\n',
      });
    });
  });

  describe("[tool.aether] in pyproject.toml", () => {
    it("applies severity, ignore and select", () => {
      let run = check({ "pyproject.toml": '[tool.aether]\nseverity = { "c-api-misuse" = "warn" }\n', "app.py": UNSAFE }, "-f", "json");
      assert.deepEqual(findings(run), [["app.py", "aether/c-api-misuse", 2, 1, 1]]);
      tree.remove();
      run = check({ "pyproject.toml": '[tool.aether]\nignore = ["aether/c-api-misuse"]\n', "app.py": UNSAFE });
      assert.equal(run.status, 0);
      tree.remove();
      run = check({ "pyproject.toml": '[tool.aether]\nselect = ["ALL"]\n', "app.py": UNSAFE });
      assert.equal(run.status, 1);
    });

    it("--rule wins over the file", () => {
      const run = check({ "pyproject.toml": '[tool.aether]\nignore = ["c-api-misuse"]\n', "app.py": UNSAFE }, "--rule", "c-api-misuse:error");
      assert.equal(run.status, 1);
    });

    it("turns rules off per file with per-file-ignores", () => {
      const run = check(
        {
          "pyproject.toml": '[tool.aether]\nper-file-ignores = { "tests/" = ["c-api-misuse"], "legacy_*.py" = ["aether/c-api-misuse"] }\n',
          "tests/test_app.py": UNSAFE,
          "src/legacy_io.py": UNSAFE,
          "src/app.py": UNSAFE,
        },
        "-f",
        "json",
      );
      assert.deepEqual(findings(run), [["src/app.py", "aether/c-api-misuse", 2, 1, 2]]);
    });

    it("skips exclude patterns while walking", () => {
      const run = check({ "pyproject.toml": '[tool.aether]\nexclude = ["migrations/"]\n', "migrations/m.py": UNSAFE, "app.py": SAFE });
      assert.equal(run.status, 0);
    });

    it("is found from the first path, relative patterns anchored at its directory", () => {
      tree = makeTempTree({
        "proj/pyproject.toml": '[tool.aether]\nper-file-ignores = { "/tests/" = ["c-api-misuse"] }\n',
        "proj/tests/test_a.py": UNSAFE,
        "proj/src/tests/b.py": UNSAFE,
      });
      const run = runAether(["check", "proj", "-f", "json"], tree.root);
      assert.deepEqual(findings(run), [["proj/src/tests/b.py", "aether/c-api-misuse", 2, 1, 2]]);
    });

    it("--config names the file to read", () => {
      const run = check({ "ci/aether.toml": '[tool.aether]\nignore = ["c-api-misuse"]\n', "app.py": UNSAFE }, "--config", "ci/aether.toml");
      assert.equal(run.status, 0);
    });

    it("matches thread-entries module names from the pyproject.toml's folder, wherever aether runs and whatever it is given", () => {
      const files = {
        "pyproject.toml": '[tool.aether]\nthread-entries = ["app.jobs:handle"]\n',
        "app/__init__.py": "",
        "app/jobs.py": "hits = 0\n\n\ndef handle():\n    global hits\n    hits += 1\n",
      };
      const evidence = (run: AetherRun) =>
        (JSON.parse(run.stdout) as Array<{ messages: Array<{ line: number; message: string }> }>).flatMap((result) =>
          result.messages.map((m) => [m.line, /`handle` runs in threads: (.*?)\. Guard/.exec(m.message)?.[1]]),
        );
      const expected = [[6, "the `threadEntries` option (`app.jobs:handle`)"]];
      assert.deepEqual(evidence(check(files, "--format", "json", ".")), expected);
      assert.deepEqual(evidence(runAether(["check", "--format", "json", "jobs.py"], tree.at("app"))), expected);
      assert.deepEqual(evidence(runAether(["check", "--format", "json", tree.at("app")], tree.at(".."))), expected);
    });

    it("exits 2 naming the key and the file on an unknown key", () => {
      const run = check({ "pyproject.toml": '[tool.aether]\nselct = ["ALL"]\n', "app.py": SAFE });
      assert.deepEqual(run, {
        status: 2,
        stdout: "",
        stderr: `aether: ${tree.at("pyproject.toml")}: unknown key "selct" in [tool.aether] (known keys: select, ignore, severity, python-version, free-threaded, thread-entries, exclude, per-file-ignores)\n`,
      });
    });

    it("exits 2 naming the key and the file on a bad value", () => {
      let run = check({ "pyproject.toml": '[tool.aether]\nfree-threaded = "yes"\n', "app.py": SAFE });
      assert.deepEqual(run, {
        status: 2,
        stdout: "",
        stderr: `aether: ${tree.at("pyproject.toml")}: [tool.aether] free-threaded: expected true or false, got "yes"\n`,
      });
      tree.remove();
      run = check({ "pyproject.toml": '[tool.aether]\nthread-entries = ["not a pattern"]\n', "app.py": SAFE });
      assert.equal(run.status, 2);
      assert.equal(
        run.stderr,
        `aether: ${tree.at("pyproject.toml")}: [tool.aether] thread-entries: Language option "threadEntries" must be a list of "module:qualname" strings (e.g. "app.workers:Worker.run"), got ["not a pattern"].\n`,
      );
    });

    it("exits 2 with file:line:column on a TOML syntax error", () => {
      const run = check({ "pyproject.toml": '[tool.aether]\nselect = ["ALL"\n', "app.py": SAFE });
      assert.deepEqual(run, {
        status: 2,
        stdout: "",
        stderr: `aether: ${tree.at("pyproject.toml")}:3:1: invalid TOML: expected comma or end of structure\n`,
      });
    });
  });
});
