// The top level of the `aether` command: help, version, unknown commands.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import { CHECK_HELP } from "../src/commands/checkOptions.js";
import { AST_HELP } from "../src/commands/astOptions.js";
import { POOL_HELP } from "../src/commands/poolOptions.js";
import { PROFILE_HELP } from "../src/commands/profileOptions.js";
import { REGRESSION_HELP } from "../src/commands/regressionOptions.js";
import { STATUS_HELP } from "../src/commands/statusOptions.js";
import { MAIN_HELP } from "../src/mainHelp.js";
import { runAether } from "./helpers/runAether.js";

describe("aether", () => {
  const cwd = os.tmpdir();

  it("prints help for itself and for each command, exit 0", () => {
    for (const [args, help] of [
      [["--help"], MAIN_HELP],
      [["-h"], MAIN_HELP],
      [["check", "--help"], CHECK_HELP],
      [["check", "-h"], CHECK_HELP],
      [["ast", "--help"], AST_HELP],
      [["profile", "--help"], PROFILE_HELP],
      [["profile", "-h"], PROFILE_HELP],
      [["regression", "--help"], REGRESSION_HELP],
      [["pool", "--help"], POOL_HELP],
      [["status", "--help"], STATUS_HELP],
      // --help wins over a missing or bad target: help never needs valid input.
      [["profile", "--help", "nope.py:x"], PROFILE_HELP],
    ] as const) {
      assert.deepEqual(runAether(args, cwd), { status: 0, stdout: help, stderr: "" }, args.join(" "));
    }
  });

  it("help lists usage, options with defaults, exit codes and examples", () => {
    for (const help of [MAIN_HELP, CHECK_HELP, AST_HELP, PROFILE_HELP, REGRESSION_HELP, POOL_HELP, STATUS_HELP]) {
      for (const section of ["Usage: aether", "Exit codes:", "Examples:"]) assert.ok(help.includes(section), section);
    }
    assert.ok(CHECK_HELP.includes("(default: stylish)"));
    assert.ok(PROFILE_HELP.includes("(default: 3)") && PROFILE_HELP.includes("(default: 0.5)"));
    for (const command of ["check", "ast", "profile", "regression", "pool", "status"]) {
      assert.match(MAIN_HELP, new RegExp(`^  ${command}\\b`, "m"), `${command} is listed`);
    }
  });

  it("prints the versions of itself, the plugin and ESLint", () => {
    const cliVersion = JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
    const run = runAether(["--version"], cwd);
    assert.equal(run.status, 0);
    assert.match(run.stdout, new RegExp(`^aether ${cliVersion.replaceAll(".", "\\.")} \\(eslint-plugin-aether \\d+\\.\\d+\\.\\d+, eslint \\d+\\.\\d+\\.\\d+\\)\\n$`));
  });

  it("exits 2 on no command, an unknown command or an unknown option", () => {
    assert.deepEqual(runAether([], cwd), { status: 2, stdout: "", stderr: MAIN_HELP });
    assert.deepEqual(runAether(["lint"], cwd), { status: 2, stdout: "", stderr: "aether: unknown command 'lint' (see 'aether --help')\n" });
    assert.deepEqual(runAether(["--bogus"], cwd), { status: 2, stdout: "", stderr: "aether: unknown option '--bogus' (see 'aether --help')\n" });
    assert.deepEqual(runAether(["ast", "--jsn", "a.py"], cwd), {
      status: 2,
      stdout: "",
      stderr: "aether: unknown option '--jsn' (see 'aether ast --help')\n",
    });
  });

  it("turns an unexpected exception into one 'internal error' line and exit 2", () => {
    // Break the file walk from inside the process, as a bug or a failing disk would.
    const breakReaddir =
      'data:text/javascript,import fs from "node:fs"; fs.readdirSync = () => { throw new Error("disk on fire\\n  at somewhere"); };';
    assert.deepEqual(runAether(["check", "."], cwd, ["--import", breakReaddir]), {
      status: 2,
      stdout: "",
      stderr: "aether: internal error: disk on fire at somewhere\n",
    });
  });
});
