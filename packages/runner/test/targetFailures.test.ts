// A target that cannot be measured, with the real python3: each way it fails
// becomes one TargetFailure of the right kind (usage problems apart from the
// target's own failures), and no harness process group is left behind.

import assert from "node:assert/strict";
import { liveProcessGroups } from "../src/harness/processGroups.js";
import { RunnerUsageError, TargetFailure, type TargetFailureKind } from "../src/harness/runnerErrors.js";
import { parseTargetSpec } from "../src/harness/targetSpec.js";
import { runProfile } from "../src/runs/profileRun.js";
import { FIXTURES, QUICK_PROFILE, targetRequest } from "./helpers/pythonFixtures.js";

async function failure(spec: string, settings = QUICK_PROFILE): Promise<TargetFailure> {
  try {
    await runProfile(targetRequest(spec), settings);
  } catch (error) {
    assert.ok(error instanceof TargetFailure, `expected a TargetFailure, got ${String(error)}`);
    return error;
  }
  assert.fail(`${spec} was measured`);
}

function assertKind(error: TargetFailure, kind: TargetFailureKind, usage: boolean): void {
  assert.equal(error.kind, kind, error.message);
  assert.equal(error.isUsageError, usage);
}

describe("target failures (real python3)", function () {
  this.timeout(30_000);
  afterEach(() => assert.deepEqual(liveProcessGroups(), [], "every harness process group was ended"));

  it("reports a target that raises: type, message and the traceback from the user's code", async () => {
    const error = await failure("raises.py:explode");
    assertKind(error, "raised", false);
    assert.equal(error.message, "explode() raised ValueError: the reactor is on fire");
    assert.equal(error.exceptionType, "ValueError");
    assert.equal(
      error.traceback,
      [
        "Traceback (most recent call last):",
        `  File "${FIXTURES}raises.py", line 5, in explode`,
        "    _check_reactor()",
        `  File "${FIXTURES}raises.py", line 9, in _check_reactor`,
        '    raise ValueError("the reactor is on fire")',
        "ValueError: the reactor is on fire",
      ].join("\n"),
    );
  });

  it("says which arguments a function, or a method's class, needs", async () => {
    const fetch = await failure("needs_arguments.py:fetch");
    assertKind(fetch, "needs-arguments", true);
    assert.equal(fetch.message, "fetch needs arguments: url, retries; profile a function that takes none (wrap the call in one)");
    assert.deepEqual(fetch.parameters, ["url", "retries"]);
    const ping = await failure("needs_arguments.py:Client.ping");
    assertKind(ping, "needs-arguments", true);
    assert.equal(ping.message, "Client.ping is a method, and class Client needs arguments to be built: host");
  });

  it("names what is missing or not callable", async () => {
    assert.equal((await failure("needs_arguments.py:nope")).message, "no 'nope' in needs_arguments.py");
    assert.equal((await failure("needs_arguments.py:Client.nope")).message, "class Client has no attribute 'nope'");
    const constant = await failure("not_callable.py:LIMIT");
    assertKind(constant, "not-callable", true);
    assert.equal(constant.message, "LIMIT is not callable (it is a int)");
    assert.match((await failure("not_callable.py:poll")).message, /^poll is async: calling it only creates a coroutine/);
    assert.match((await failure("not_callable.py:numbers")).message, /^numbers is a generator function: calling it runs nothing/);
  });

  it("reports a module that fails to import as the target failing", async () => {
    const error = await failure("fails_on_import.py:handle");
    assertKind(error, "import-failed", false);
    assert.equal(error.message, "importing fails_on_import.py raised RuntimeError: DATABASE_URL is not set");
    assert.match(error.traceback ?? "", /fails_on_import\.py", line 3, in <module>/);
  });

  it("reports an interpreter that dies under the target", async () => {
    const error = await failure("crashes.py:crash");
    assertKind(error, "crashed", false);
    assert.equal(error.message, "the interpreter died while running crash() (exit code 70)");
  });

  it("reports a hang where the target waits, and kills the harness", async () => {
    const error = await failure("hangs.py:hang");
    assertKind(error, "hang", false);
    assert.equal(error.message, "hang() did not return within 1.05 s: the harness and everything it started were killed");
    assert.equal(error.stacks.length, 1);
    assert.match(error.stacks[0]!, new RegExp(`^  File "${FIXTURES}hangs\\.py", line 11, in hang\\n    threading\\.Event\\(\\)\\.wait\\(\\)`));
  });

  it("kills a hang that holds the GIL (the harness cannot even report it) after the grace period", async () => {
    const error = await failure("hangs.py:hang_holding_gil");
    assertKind(error, "hang", false);
    assert.equal(
      error.message,
      "hang_holding_gil() did not return within 2.05 s (its limit, 1.05 s, plus 1 s grace): the harness and everything it started were killed",
    );
  });

  it("rejects a malformed target before starting Python", () => {
    assert.throws(() => parseTargetSpec("sleep_bound.py", FIXTURES), new RunnerUsageError("expected <file.py>:<function> or <file.py>:<Class>.<method>, got 'sleep_bound.py'"));
    assert.throws(() => parseTargetSpec("sleep_bound.py:2fast", FIXTURES), /'2fast' is not a Python name/);
    assert.throws(() => parseTargetSpec("README.md:wait", FIXTURES), /^RunnerUsageError: not a \.py file: README\.md/);
    assert.throws(() => parseTargetSpec("missing.py:wait", FIXTURES), /^RunnerUsageError: file not found: missing\.py$/);
    assert.throws(() => parseTargetSpec("pkg:wait", FIXTURES), /not a \.py file/);
    assert.deepEqual(parseTargetSpec("counter.py:Counter.increment", FIXTURES), {
      file: `${FIXTURES}counter.py`,
      name: "Counter.increment",
      text: "counter.py:Counter.increment",
    });
  });

  it("refuses an interpreter that does not run as a usage error", async () => {
    await assert.rejects(runProfile({ ...targetRequest("sleep_bound.py:wait"), python: "/nonexistent/python3" }, QUICK_PROFILE), {
      name: "RunnerUsageError",
      message: "cannot run /nonexistent/python3: not found",
    });
  });
});
