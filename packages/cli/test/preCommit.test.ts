// The pre-commit hook (.pre-commit-hooks.yaml at the repository root) under the real
// `pre-commit` (Debian's package; .ci/run installs it), in a temporary git project:
// `pre-commit install`, then `git commit` as a user would.
//
// The project's .pre-commit-config.yaml names this checkout as the hook repository,
// as a user's names the published one. pre-commit clones that repository at `rev`,
// so `rev` must be a commit holding the hook file, and the file under test is the
// working tree's, committed or not. So the test makes a bare clone of this checkout
// (--shared: no objects copied) and in it one commit on top of HEAD that adds the
// working tree's .pre-commit-hooks.yaml, on a branch so pre-commit can fetch it;
// the checkout itself is only read. (`repo: local` would copy the hook's entry into
// the test and so never test the published hook file.)
//
// The hook is `language: system`: it runs the `aether` on PATH. Here that is a
// two-line shim in a temporary directory running this checkout's built CLI, as
// `npm install --global ./packages/cli` provides it for users. pre-commit's cache
// (PRE_COMMIT_HOME) is temporary; git's global and system configuration are
// shut out. Nothing is fetched from the network.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SAFE, UNSAFE, UNSAFE_MESSAGE } from "./helpers/pythonSamples.js";

const CHECKOUT = fs.realpathSync(fileURLToPath(new URL("../../../../", import.meta.url)));
const BIN = fileURLToPath(new URL("../src/bin.js", import.meta.url));
const HOOK_NAME = "aether (free-threading hazards)";

function preCommitVersion(): string | undefined {
  const run = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
  return run.error === undefined && run.status === 0 ? run.stdout.trim() : undefined;
}

describe("the pre-commit hook (.pre-commit-hooks.yaml)", function () {
  const version = preCommitVersion();
  if (version === undefined) {
    const reason = "pre-commit is not installed (Debian: apt-get install pre-commit; .ci/run installs it)";
    if (process.env["CI"]) {
      it("needs pre-commit in CI", () => assert.fail(`${reason}: the pre-commit hook cannot be tested`));
    } else {
      it(`is skipped: ${reason}`, function () {
        this.skip();
      });
    }
    return;
  }

  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "aether-pre-commit-")));
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "aether"), `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(BIN)} "$@"\n`, {
      mode: 0o755,
    });
    fs.writeFileSync(path.join(dir, "gitconfig"), "");
    // No GIT_DIR or SKIP from a hook the tests themselves may run in; no user or system git config.
    const inherited = Object.entries(process.env).filter(([name]) => !/^(GIT_|PRE_COMMIT)|^SKIP$/.test(name));
    env = {
      ...Object.fromEntries(inherited),
      PATH: `${bin}${path.delimiter}${process.env["PATH"] ?? ""}`,
      PRE_COMMIT_HOME: path.join(dir, "pre-commit-home"),
      GIT_CONFIG_GLOBAL: path.join(dir, "gitconfig"),
      GIT_CONFIG_NOSYSTEM: "1",
    };
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run(command: string, args: readonly string[], cwd: string, input?: Buffer, extraEnv: NodeJS.ProcessEnv = {}) {
    const result = spawnSync(command, args, { cwd, env: { ...env, ...extraEnv }, encoding: "utf8", input });
    if (result.error) throw result.error;
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  }

  function git(args: readonly string[], cwd: string, input?: Buffer, extraEnv: NodeJS.ProcessEnv = {}): string {
    const result = run("git", args, cwd, input, extraEnv);
    assert.equal(result.status, 0, `git ${args.join(" ")} failed in ${cwd}:\n${result.output}`);
    return result.output.trim();
  }

  function configureIdentity(repo: string): void {
    git(["config", "user.name", "Aether Test"], repo);
    git(["config", "user.email", "aether-test@example.invalid"], repo);
  }

  /** This checkout plus its working tree's hook file, as a repository pre-commit can clone at `rev`. */
  function hookRepository(): { repo: string; rev: string } {
    const repo = path.join(dir, "aether.git");
    const head = run("git", ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], CHECKOUT).output.trim();
    const isCheckout = run("git", ["rev-parse", "--show-toplevel"], CHECKOUT).output.trim() === CHECKOUT;
    const base = isCheckout && /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
    // Outside a git checkout (an unpacked archive), the hook file alone makes the repository.
    if (base === undefined) git(["init", "--quiet", "--bare", repo], dir);
    else git(["clone", "--quiet", "--bare", "--shared", CHECKOUT, repo], dir);
    configureIdentity(repo);

    // A bare repository has no index of its own: a temporary one builds the commit's tree.
    const index = { GIT_INDEX_FILE: path.join(dir, "hook-repository.index") };
    const withIndex = (args: readonly string[]) => git(args, repo, undefined, index);
    if (base !== undefined) withIndex(["read-tree", base]);
    const blob = git(["hash-object", "-w", "--stdin"], repo, fs.readFileSync(path.join(CHECKOUT, ".pre-commit-hooks.yaml")));
    withIndex(["update-index", "--add", "--cacheinfo", `100644,${blob},.pre-commit-hooks.yaml`]);
    const tree = withIndex(["write-tree"]);
    const rev = git(["commit-tree", tree, ...(base === undefined ? [] : ["-p", base]), "-m", "The hook file under test"], repo);
    git(["update-ref", "refs/heads/pre-commit-hook-under-test", rev], repo);
    return { repo, rev };
  }

  it(`rejects a commit with an unsafe Python file, printing the finding, and accepts it once fixed (${version})`, () => {
    const { repo, rev } = hookRepository();
    const project = path.join(dir, "project");
    fs.mkdirSync(project);
    git(["init", "--quiet", project], dir);
    configureIdentity(project);
    const config = ["repos:", `  - repo: ${JSON.stringify(repo)}`, `    rev: ${rev}`, "    hooks:", "      - id: aether", ""];
    fs.writeFileSync(path.join(project, ".pre-commit-config.yaml"), config.join("\n"));
    const install = run("pre-commit", ["install"], project);
    assert.equal(install.status, 0, install.output);

    fs.writeFileSync(path.join(project, "app.py"), UNSAFE);
    git(["add", ".pre-commit-config.yaml", "app.py"], project);
    const rejected = run("git", ["commit", "--quiet", "-m", "unsafe"], project);
    assert.notEqual(rejected.status, 0, rejected.output);
    assert.match(rejected.output, new RegExp(`^${escapeRegExp(HOOK_NAME)}\\.+Failed$`, "m"));
    assert.match(rejected.output, /^- exit code: 1$/m);
    assert.ok(
      rejected.output.includes(`app.py\n  2:1  error  0.90  ${UNSAFE_MESSAGE}  aether/c-api-misuse\n`),
      rejected.output,
    );
    assert.notEqual(run("git", ["rev-parse", "--verify", "--quiet", "HEAD"], project).status, 0, "nothing committed");

    // The fix; and a Markdown file quoting the unsafe call, which `types: [python]` keeps from the hook.
    fs.writeFileSync(path.join(project, "app.py"), SAFE);
    fs.writeFileSync(path.join(project, "NOTES.md"), `Never again:\n\n    ${UNSAFE.split("\n")[1]}\n`);
    git(["add", "app.py", "NOTES.md"], project);
    const accepted = run("git", ["commit", "--quiet", "-m", "fixed"], project);
    assert.equal(accepted.status, 0, accepted.output);
    assert.match(accepted.output, new RegExp(`^${escapeRegExp(HOOK_NAME)}\\.+Passed$`, "m"));
    assert.equal(git(["log", "--format=%s"], project), "fixed");
  });
});

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
