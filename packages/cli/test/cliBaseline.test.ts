// `aether check --write-baseline` / `--baseline` end to end: the built bin in a
// child process, on temp projects that are edited between runs.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { attachBaselineValues } from "../src/commands/baselineOptions.js";
import { parseCheckArgs } from "../src/commands/checkOptions.js";
import { SAFE, SYNTAX_ERROR, UNSAFE } from "./helpers/pythonSamples.js";
import { runAether, type AetherRun } from "./helpers/runAether.js";
import { makeTempTree, type TempTree } from "./helpers/tempTree.js";

const RULE = "aether/c-api-misuse";
const UNSAFE_LINE = "ctypes.pythonapi.PyGILState_Ensure()";

/** What the baseline records for a line: SHA-256 of its trimmed text, 16 hex digits. */
function hashOf(line: string): string {
  return createHash("sha256").update(line.trim()).digest("hex").slice(0, 16);
}

describe("aether check --baseline", function () {
  let tree: TempTree;
  afterEach(() => tree?.remove());

  function aether(...args: string[]): AetherRun {
    return runAether(["check", ...args], tree.root);
  }

  /** Reported findings as "file:line rule", from the JSON format. */
  function reported(run: AetherRun): string[] {
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ line: number; ruleId: string | null }> }>;
    return results.flatMap((result) =>
      result.messages.map((m) => `${result.filePath.slice(tree.root.length + 1).replaceAll("\\", "/")}:${m.line} ${m.ruleId}`),
    );
  }

  function edit(file: string, change: (text: string) => string): void {
    fs.writeFileSync(tree.at(file), change(tree.read(file)));
  }

  describe("--write-baseline", () => {
    it("records rule, file and line hash, sorted, one entry a line, in .aether-baseline.json; exit 0", () => {
      tree = makeTempTree({
        "zeta.py": UNSAFE,
        "pkg/alpha.py": `import ctypes\n\ndef f():\n    state = ${UNSAFE_LINE}\n    ${UNSAFE_LINE}\n    ${UNSAFE_LINE}\n`,
        "ok.py": SAFE,
      });
      const run = aether("--write-baseline");
      assert.deepEqual(run, {
        status: 0,
        stdout: "✔ No problems found in 3 files.\n",
        stderr: "aether: wrote 4 findings in 2 files to the baseline .aether-baseline.json\n",
      });
      const entry = (file: string, line: string, count: number) =>
        `    {"file":"${file}","rule":"${RULE}","hash":"${hashOf(line)}","count":${count}}`;
      const entries = [
        entry("pkg/alpha.py", `state = ${UNSAFE_LINE}`, 1),
        entry("pkg/alpha.py", UNSAFE_LINE, 2), // two identical findings on identical lines: counted
        entry("zeta.py", UNSAFE_LINE, 1),
      ];
      // Sorted by file, then rule, then hash.
      if (hashOf(UNSAFE_LINE) < hashOf(`state = ${UNSAFE_LINE}`)) entries.splice(0, 2, entries[1]!, entries[0]!);
      assert.equal(tree.read(".aether-baseline.json"), `{\n  "version": 1,\n  "entries": [\n${entries.join(",\n")}\n  ]\n}\n`);

      assert.deepEqual(aether("--baseline"), { status: 0, stdout: "✔ No problems found in 3 files.\n", stderr: "" });
    });

    it("replaces an existing baseline, and writes an empty one for clean code", () => {
      tree = makeTempTree({ "app.py": SAFE, ".aether-baseline.json": "not even JSON" });
      assert.equal(aether("--write-baseline").status, 0);
      assert.equal(tree.read(".aether-baseline.json"), `{\n  "version": 1,\n  "entries": []\n}\n`);
    });

    it("never records parse errors: they are reported (exit 1) with and without the baseline", () => {
      tree = makeTempTree({ "app.py": UNSAFE, "bad.py": SYNTAX_ERROR });
      const written = aether("--write-baseline", "-f", "json");
      assert.equal(written.status, 1);
      assert.deepEqual(reported(written), ["bad.py:1 null"]);
      const baseline = JSON.parse(tree.read(".aether-baseline.json"));
      assert.deepEqual(baseline.entries.map((e: { file: string }) => e.file), ["app.py"]);

      const checked = aether("--baseline", "-f", "json");
      assert.equal(checked.status, 1);
      assert.deepEqual(reported(checked), ["bad.py:1 null"]);
    });

    it("writes paths relative to the baseline file's directory, so it works from any directory", () => {
      tree = makeTempTree({ "src/app.py": UNSAFE, "src/pkg/mod.py": UNSAFE });
      assert.equal(aether("--write-baseline=config/aether.json", "src").status, 0);
      const files = JSON.parse(tree.read("config/aether.json")).entries.map((e: { file: string }) => e.file);
      assert.deepEqual(files, ["../src/app.py", "../src/pkg/mod.py"]);

      const fromPkg = runAether(["check", "--baseline", "../../config/aether.json", "."], tree.at("src/pkg"));
      assert.deepEqual(fromPkg, { status: 0, stdout: "✔ No problems found in 1 file.\n", stderr: "" });
    });

    it("reports a finding again once fixed code brings it back (the baseline is not a permanent pass)", () => {
      tree = makeTempTree({ "app.py": UNSAFE });
      aether("--write-baseline");
      fs.writeFileSync(tree.at("app.py"), SAFE);
      aether("--write-baseline");
      fs.writeFileSync(tree.at("app.py"), UNSAFE);
      assert.deepEqual(reported(aether("--baseline", "-f", "json")), [`app.py:2 ${RULE}`]);
    });
  });

  describe("--baseline after editing", () => {
    beforeEach(() => {
      tree = makeTempTree({ "app.py": UNSAFE, "other.py": SAFE });
      assert.equal(aether("--write-baseline").status, 0);
    });

    it("keeps a baselined finding silenced when lines are inserted above it, or it is re-indented", () => {
      edit("app.py", (text) => `"""A module."""\n\nimport os\n${text}`);
      assert.deepEqual(aether("--baseline"), { status: 0, stdout: "✔ No problems found in 2 files.\n", stderr: "" });
      edit("app.py", (text) => text.replace(UNSAFE_LINE, `if os.environ:\n    ${UNSAFE_LINE}`));
      assert.deepEqual(aether("--baseline"), { status: 0, stdout: "✔ No problems found in 2 files.\n", stderr: "" });
    });

    it("reports a new unsafe line (exit 1), in the same file or another, and moves nothing else", () => {
      edit("app.py", (text) => `${text}ctypes.pythonapi.PyEval_SaveThread()\n`);
      edit("other.py", (text) => `import ctypes\n${text}${UNSAFE_LINE}\n`);
      const run = aether("--baseline", "-f", "json");
      assert.equal(run.status, 1);
      assert.deepEqual(reported(run), [`app.py:3 ${RULE}`, `other.py:4 ${RULE}`]);
    });

    it("reports a second copy of a baselined line: each finding is counted", () => {
      edit("app.py", (text) => `${text}${UNSAFE_LINE}\n`);
      const run = aether("--baseline", "-f", "json");
      assert.equal(run.status, 1);
      assert.deepEqual(reported(run), [`app.py:3 ${RULE}`]);
    });

    it("reports the baselined finding again when its own line is edited", () => {
      edit("app.py", (text) => text.replace(UNSAFE_LINE, `state = ${UNSAFE_LINE}`));
      const run = aether("--baseline");
      assert.equal(run.status, 1);
      assert.match(run.stdout, /^app\.py\n {2}2:9 {2}error/);
      assert.match(run.stdout, /✖ 1 problem \(1 error, 0 warnings\)\n$/);
    });

    it("shows baselined findings as suppressed in the JSON format", () => {
      const [result] = JSON.parse(aether("--baseline", "-f", "json").stdout);
      assert.deepEqual(result.messages, []);
      assert.equal(result.errorCount, 0);
      assert.deepEqual(
        result.suppressedMessages.map((m: { line: number; ruleId: string; suppressions: unknown }) => [m.line, m.ruleId, m.suppressions]),
        [[2, RULE, [{ kind: "baseline", justification: ".aether-baseline.json" }]]],
      );
    });

    it("takes a path after --baseline as a path, and a .json file as the baseline", () => {
      edit("other.py", (text) => `import ctypes\n${text}${UNSAFE_LINE}\n`);
      const paths = aether("--baseline", "app.py", "-f", "json");
      assert.deepEqual({ status: paths.status, findings: reported(paths) }, { status: 0, findings: [] });
      fs.renameSync(tree.at(".aether-baseline.json"), tree.at("legacy.json"));
      const named = aether("--baseline", "legacy.json", "app.py");
      assert.equal(named.status, 0, named.stderr);
    });
  });

  describe("errors (exit 2, nothing on stdout)", () => {
    function fails(files: Record<string, string>, args: string[], stderr: string): void {
      tree = makeTempTree({ "app.py": UNSAFE, ...files });
      assert.deepEqual(aether(...args), { status: 2, stdout: "", stderr });
    }

    it("a missing baseline file", () => {
      fails({}, ["--baseline"], "aether: --baseline: .aether-baseline.json not found (record one with 'aether check --write-baseline')\n");
    });

    it("a baseline that is not JSON", () => {
      tree = makeTempTree({ "app.py": UNSAFE, "b.json": "{ entries: [" });
      const run = aether("--baseline", "b.json");
      assert.deepEqual([run.status, run.stdout], [2, ""]);
      // JSON.parse's own words vary with the Node version.
      assert.match(run.stderr, /^aether: --baseline: b\.json is not a valid aether baseline: invalid JSON \(.+\) \(rewrite it with --write-baseline\)\n$/);
    });

    it("a baseline of the wrong shape", () => {
      const bad = (problem: string) =>
        `aether: --baseline: .aether-baseline.json is not a valid aether baseline: ${problem} (rewrite it with --write-baseline)\n`;
      for (const [text, problem] of [
        ["[]", "expected a JSON object"],
        [`{"entries": []}`, `expected "version": 1, found none`],
        [`{"version": 2, "entries": []}`, `expected "version": 1, found 2`],
        [`{"version": 1}`, `expected an "entries" array`],
        [`{"version": 1, "entries": [{"file": "app.py", "rule": "${RULE}", "count": 1}]}`, "entries[0].hash must be a non-empty string"],
        [`{"version": 1, "entries": [{"file": "app.py", "rule": "${RULE}", "hash": "ab", "count": 0}]}`, "entries[0].count must be a whole number of 1 or more"],
      ] as const) {
        fails({ ".aether-baseline.json": text }, ["--baseline"], bad(problem));
        tree.remove();
      }
    });

    it("--baseline with --write-baseline", () => {
      fails({}, ["--baseline", "--write-baseline"], "aether: --baseline and --write-baseline cannot be used together (see 'aether check --help')\n");
    });
  });

  describe("the optional value", () => {
    it("is the next argument only when it ends in .json; --opt=<file> always", () => {
      assert.deepEqual(attachBaselineValues(["--baseline", "src", "--write-baseline", "b.json", "x"]), ["--baseline=", "src", "--write-baseline=b.json", "x"]);
      assert.deepEqual(attachBaselineValues(["--baseline=custom", "--", "--baseline"]), ["--baseline=custom", "--", "--baseline"]);
      assert.deepEqual(attachBaselineValues(["--baseline", "--quiet", "--write-baseline"]), ["--baseline=", "--quiet", "--write-baseline="]);
      assert.deepEqual(parseCheckArgs(["--baseline"]).baseline, { action: "filter", file: ".aether-baseline.json" });
      assert.deepEqual(parseCheckArgs(["--write-baseline=b"]).baseline, { action: "write", file: "b" });
      assert.deepEqual(parseCheckArgs(["src", "--write-baseline"]).paths, ["src"]);
    });
  });
});
