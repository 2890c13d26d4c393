// `aether profile` end to end: the built bin, the real python3, the runner's
// fixtures. Exit codes, what goes to stdout and stderr, --json and --report.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runAether } from "./helpers/runAether.js";
import { QUICK, RUNNER_FIXTURES } from "./helpers/runnerFixtures.js";

const profile = (...args: string[]) => runAether(["profile", ...args], RUNNER_FIXTURES);

describe("aether profile", function () {
  this.timeout(60_000);

  it("prints the chart with the peak marked, the USL fit and the verdict last; progress on stderr", () => {
    const run = profile("sleep_bound.py:wait", ...QUICK);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split("\n");
    assert.equal(lines[0], "Profile of sleep_bound.py:wait");
    assert.match(lines[1]!, /^Python \d+\.\d+\.\d+ standard build \(GIL\) at .*python3?, \d+ CPUs?; 1 × 0\.15 s per thread count$/);
    assert.match(lines[3]!, /^threads +calls\/s +spread +p50 +p99$/);
    const rows = lines.filter((line) => /^ +\d+ +[\d,.]+ /.test(line));
    assert.deepEqual(rows.map((row) => Number(row.trim().split(/\s+/)[0])), [1, 2, 3, 4]);
    assert.match(rows.at(-1)!, /\|#{30,40} <- peak$/);
    assert.match(run.stdout, /^USL fit: λ = [\d,.]+ calls\/s, σ = [\d.]+, κ = [\d.e+-]+, /m);
    assert.match(lines.at(-2)!, /^Throughput still rises at 4 threads \([\d,]+ calls\/s, [\d.]+× one thread\): use 4 or more; --max-threads 8 would look further\.$/);
    assert.equal(lines.at(-1), "");
    assert.match(run.stderr, /^aether: profiling sleep_bound\.py:wait: 1 thread, repeat 1\/1 \(1 of \d+ measurements\), (about \d+ s|less than a second) left$/m);
    assert.ok(!run.stdout.includes("aether: profiling"), "progress never goes to stdout");
  });

  it("marks the cliff and says to use at most the peak", () => {
    const run = profile("crowded.py:crowded", ...QUICK, "--max-threads", "8");
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^ +4 +[\d,]+ .*\|#{40} <- peak$/m);
    assert.match(run.stdout, / <- cliff \(-\d+ %\)$/m);
    assert.match(run.stdout, /\nPeak at 4 threads \([\d,]+ calls\/s\); throughput falls \d+ % by \d threads: use at most 4\.\n$/);
  });

  it("prints JSON with points, peak, cliff, USL and the verdict", () => {
    const run = profile("crowded.py:crowded", ...QUICK, "--max-threads", "8", "--json");
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.target, "crowded.py:crowded");
    assert.deepEqual(result.points.map((point: { threads: number }) => point.threads), [1, 2, 3, 4, 6, 8]);
    for (const point of result.points) {
      assert.deepEqual(Object.keys(point), ["threads", "throughput", "repeats", "min", "max", "spread", "latency", "blockingRatio"]);
      assert.ok(point.latency.p50 > 0 && point.latency.p99 >= point.latency.p50);
    }
    assert.equal(result.peak.threads, 4);
    assert.ok(result.cliff.threads > 4);
    assert.deepEqual(Object.keys(result.usl), ["lambda", "sigma", "kappa", "peakThreads", "rmse", "relativeError"]);
    assert.deepEqual(result.recommendation, { threads: 4, belowPeak: false });
    assert.match(result.verdict, /^Peak at 4 threads/);
    assert.equal(result.settings.maxThreads, 8);
    assert.equal(result.interpreter.freeThreadedBuild, false);
  });

  it("writes a self-contained HTML report with one SVG point per thread count", () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "aether-cli-report-"));
    try {
      const file = path.join(directory, "nested", "scaling.html");
      const run = profile("sleep_bound.py:wait", ...QUICK, "--report", file);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, new RegExp(`aether: report written to ${file.replaceAll(".", "\\.")}\\n$`));
      const html = fs.readFileSync(file, "utf8");
      assert.match(html, /^<!doctype html>/);
      assert.deepEqual([...html.matchAll(/<circle class="point" [^>]*data-threads="(\d+)"/g)].map((match) => Number(match[1])), [1, 2, 3, 4]);
      assert.match(html, /<path class="usl-curve" d="M/);
      assert.match(html, /<g class="peak-marker" data-threads="4">/);
      assert.doesNotMatch(html, /<script|\bsrc=|\bhref=/);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it("exits 1 with the exception and its traceback when the target raises", () => {
    const run = profile("raises.py:explode", ...QUICK);
    assert.deepEqual(run, {
      status: 1,
      stdout: "",
      stderr: [
        "aether: explode() raised ValueError: the reactor is on fire",
        "Traceback (most recent call last):",
        `  File "${RUNNER_FIXTURES}raises.py", line 5, in explode`,
        "    _check_reactor()",
        `  File "${RUNNER_FIXTURES}raises.py", line 9, in _check_reactor`,
        '    raise ValueError("the reactor is on fire")',
        "ValueError: the reactor is on fire",
        "",
      ].join("\n"),
    });
    const json = profile("raises.py:explode", ...QUICK, "--json");
    assert.equal(json.status, 1);
    const failure = JSON.parse(json.stdout);
    assert.deepEqual(Object.keys(failure.error), ["kind", "message", "exceptionType", "traceback", "stacks"]);
    assert.equal(failure.error.kind, "raised");
    assert.equal(failure.target, "raises.py:explode");
  });

  it("exits 1 on a hang, saying where it was stuck", () => {
    const run = profile("hangs.py:hang", ...QUICK);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, /aether: hang\(\) did not return within [\d.]+ s: the harness and everything it started were killed\nStuck at:\n {2}File ".*hangs\.py", line 11, in hang\n/);
  });

  it("exits 2 with one line when the target needs arguments, or is not there", () => {
    for (const [target, message] of [
      ["needs_arguments.py:fetch", "fetch needs arguments: url, retries; profile a function that takes none (wrap the call in one)"],
      ["needs_arguments.py:Client.ping", "Client.ping is a method, and class Client needs arguments to be built: host"],
      ["needs_arguments.py:missing", "no 'missing' in needs_arguments.py"],
      ["not_callable.py:LIMIT", "LIMIT is not callable (it is a int)"],
    ] as const) {
      assert.deepEqual(profile(target, ...QUICK), { status: 2, stdout: "", stderr: `aether: ${message}\n` }, target);
    }
  });

  it("exits 2 on usage errors, before starting Python", () => {
    const usage = (args: readonly string[], message: string) =>
      assert.deepEqual(profile(...args), { status: 2, stdout: "", stderr: `aether: ${message}\n` }, args.join(" "));
    usage([], "expected one target <file.py>:<function>, got 0 (see 'aether profile --help')");
    usage(["missing.py:wait"], "file not found: missing.py (see 'aether profile --help')");
    usage(["sleep_bound.py"], "expected <file.py>:<function> or <file.py>:<Class>.<method>, got 'sleep_bound.py' (see 'aether profile --help')");
    usage(["sleep_bound.py:wait", "--repeats", "0"], "--repeats: expected a whole number from 1 to 100, got '0' (see 'aether profile --help')");
    usage(["sleep_bound.py:wait", "--duration", "0"], "--duration: expected a number more than 0 to 3600 seconds, got '0' (see 'aether profile --help')");
    usage(["sleep_bound.py:wait", "--duration=-1"], "--duration: expected a number more than 0 to 3600 seconds, got '-1' (see 'aether profile --help')");
    usage(["sleep_bound.py:wait", "--cliff-threshold", "1.5"], "--cliff-threshold: expected a number more than 0 to 1, got '1.5' (see 'aether profile --help')");
    usage(["sleep_bound.py:wait", "--threads", "4"], "unknown option '--threads' (see 'aether profile --help')");
    usage(["sleep_bound.py:wait", "--python", "/nonexistent/python3"], "--python: /nonexistent/python3 is not an executable file");
    usage(["sleep_bound.py:wait", "--python", "python2.4"], "--python: 'python2.4' not found on PATH");
    usage(["sleep_bound.py:wait", "--setup", "2bad"], "--setup: '2bad' is not a Python name");
    usage(["sleep_bound.py:wait", "--report", RUNNER_FIXTURES], `--report: ${RUNNER_FIXTURES} is a directory`);
  });
});
