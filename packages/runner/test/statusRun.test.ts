// `aether status`'s run on this machine: it finds the python3 on PATH, says
// what it is, and folds the paths that run the same interpreter into one.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { queryHarness } from "../src/harness/harnessQuery.js";
import { checkGilImports, findInterpreters } from "../src/runs/statusRun.js";
import { FIXTURES, PYTHON } from "./helpers/pythonFixtures.js";

describe("status run (real python3)", function () {
  this.timeout(60_000);

  it("finds python3, describes it, and lists each interpreter once", async () => {
    const report = await findInterpreters({ env: process.env, cwd: FIXTURES, explicit: PYTHON });
    const executable = execFileSync(PYTHON, ["-c", "import os, sys; print(os.path.realpath(sys.executable))"], { encoding: "utf8" }).trim();
    const version = execFileSync(PYTHON, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], { encoding: "utf8" }).trim();
    const python3 = report.interpreters.find((interpreter) => interpreter.facts.executable === executable);
    assert.ok(python3 !== undefined, JSON.stringify(report, null, 2));
    assert.equal(python3.facts.version, version);
    assert.ok(python3.sources.includes("--python"));
    const executables = report.interpreters.map((interpreter) => interpreter.facts.executable);
    assert.equal(new Set(executables).size, executables.length, "one entry per interpreter");
  });

  it("reports an interpreter that does not run, with the reason", async () => {
    const report = await findInterpreters({ env: { PATH: "" }, cwd: FIXTURES, explicit: "/bin/false" });
    assert.deepEqual(report.interpreters, []);
    assert.deepEqual(report.unusable, [{ path: "/bin/false", sources: ["--python"], reason: "exit code 1" }]);
  });
});

describe("extension import checks (real python3)", function () {
  this.timeout(60_000);
  let directory: string;
  before(() => (directory = fs.mkdtempSync(path.join(os.tmpdir(), "aether-imports-"))));
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  it("lists each distribution with extension modules and imports each module in its own process", async () => {
    // An interpreter that sees only the standard library and one made-up
    // distribution: "fastlib", whose extension module is not a real one, and
    // whose pure-Python module prints to stdout when imported.
    const site = path.join(directory, "site");
    const suffix = execFileSync(PYTHON, ["-c", "import importlib.machinery as m; print(m.EXTENSION_SUFFIXES[0])"], { encoding: "utf8" }).trim();
    fs.mkdirSync(path.join(site, "fastlib-1.2.dist-info"), { recursive: true });
    fs.writeFileSync(path.join(site, "fastlib-1.2.dist-info", "METADATA"), "Metadata-Version: 2.1\nName: fastlib\nVersion: 1.2\n");
    fs.writeFileSync(path.join(site, "fastlib-1.2.dist-info", "RECORD"), `_fastlib${suffix},,\nchatty.py,,\n`);
    fs.writeFileSync(path.join(site, `_fastlib${suffix}`), "");
    fs.writeFileSync(path.join(site, "chatty.py"), 'print("hello from chatty")\n');
    const python = path.join(directory, "python3");
    fs.writeFileSync(python, `#!/bin/sh\nexec "${PYTHON}" -S "$@"\n`, { mode: 0o755 });

    const done: string[] = [];
    const [distribution, ...others] = await checkGilImports(python, {
      cwd: directory,
      env: { ...process.env, PYTHONPATH: site, PYTHON_GIL: "0" },
      onProgress: (count, total, module) => done.push(`${count}/${total} ${module}`),
    });
    assert.deepEqual(others, []);
    assert.deepEqual(done, ["1/1 _fastlib"]);
    assert.equal(distribution!.name, "fastlib");
    assert.equal(distribution!.version, "1.2");
    assert.deepEqual(distribution!.modules, ["_fastlib"]);
    assert.equal(distribution!.verdict, "import-failed");
    assert.match(distribution!.checks[0]!.error ?? "", /^ImportError: /);

    // What an imported module prints cannot garble the answer.
    const chatty = await queryHarness(python, "import-check", ["chatty"], { cwd: directory, env: { ...process.env, PYTHONPATH: site }, timeoutSeconds: 20 });
    assert.ok(chatty.ok, chatty.ok ? "" : chatty.reason);
    assert.equal(chatty.value.error, null);
  });
});
