// `aether status` end to end on this machine's interpreters.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { runAether } from "./helpers/runAether.js";
import { RUNNER_FIXTURES } from "./helpers/runnerFixtures.js";

describe("aether status", function () {
  this.timeout(60_000);
  const version = execFileSync("python3", ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], { encoding: "utf8" }).trim();

  it("lists the interpreters with version, build and GIL, python3 among them", () => {
    const run = runAether(["status"], RUNNER_FIXTURES);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split("\n");
    assert.match(lines[0]!, /^Python interpreters: \d+ found$/);
    assert.match(lines[2]!, /^ {2}version +build +GIL +path +found by$/);
    assert.ok(
      lines.some((line) => new RegExp(`^  ${version.replaceAll(".", "\\.")} +standard +on +\\S*python3?\\S*`).test(line)),
      run.stdout,
    );
    assert.match(run.stdout, /^No free-threaded build found: they are named like python3\.14t/m);
  });

  it("prints JSON, and says --imports needs a free-threaded build", () => {
    const json = JSON.parse(runAether(["status", "--json"], RUNNER_FIXTURES).stdout);
    assert.ok(json.interpreters.some((interpreter: { facts: { version: string } }) => interpreter.facts.version === version));
    assert.ok(Array.isArray(json.unusable));
    const imports = runAether(["status", "--imports"], RUNNER_FIXTURES);
    assert.equal(imports.status, 0);
    assert.match(imports.stdout, /\n--imports: no free-threaded build found; whether an import turns the GIL back on can only be checked on one\.\n$/);
  });

  it("exits 2 when --python does not run, or on a stray argument", () => {
    assert.deepEqual(runAether(["status", "--python", "/bin/false"], RUNNER_FIXTURES), {
      status: 2,
      stdout: "",
      stderr: "aether: looking for Python interpreters…\naether: --python: /bin/false did not run: exit code 1\n",
    });
    assert.deepEqual(runAether(["status", "now"], RUNNER_FIXTURES), {
      status: 2,
      stdout: "",
      stderr: "aether: unexpected argument 'now' (see 'aether status --help')\n",
    });
  });
});
