// Acceptance: the HTML report opens in a browser and shows the chart. The
// report is rendered by headless Chromium; the test reads back the SVG's
// points from the rendered DOM, and their on-screen boxes from the layout.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { InterpreterFacts } from "../src/engines/interpreterFacts.js";
import { analyzeProfile } from "../src/engines/profileAnalysis.js";
import { profileReportHtml, regressionReportHtml } from "../src/report/htmlReport.js";
import { DEFAULT_PROFILE_SETTINGS, type ProfileResult } from "../src/runs/profileRun.js";
import { dumpDom } from "./helpers/chromium.js";
import { measurementsFrom } from "./helpers/syntheticMeasurements.js";

const FACTS: InterpreterFacts = {
  executable: "/usr/bin/python3.13",
  version: "3.13.1",
  releaseLevel: "final",
  versionText: "3.13.1",
  implementation: "cpython",
  freeThreadedBuild: false,
  gilEnabled: true,
  cpuCount: 2,
  harnessSupported: true,
  virtualEnv: false,
};

const CURVE: ReadonlyArray<readonly [number, number]> = [
  [1, 1000],
  [2, 1950],
  [3, 2900],
  [4, 3812],
  [6, 3300],
  [8, 2783],
];

function profileResult(target = "app/<feeds>.py:refresh"): ProfileResult {
  const measurements = measurementsFrom(CURVE);
  return {
    target,
    python: "/usr/bin/python3",
    interpreter: FACTS,
    gilEnabledAfterLoad: true,
    meanCallSeconds: 0.001,
    maxThreads: 8,
    settings: DEFAULT_PROFILE_SETTINGS,
    measurements,
    analysis: analyzeProfile(measurements),
  };
}

interface PointBox {
  readonly threads: number;
  readonly throughput: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The report plus a script that writes where each point was laid out: only the copy under test gets it. */
const MEASURE_LAYOUT = `<script>
  const svg = document.querySelector("svg.throughput-chart").getBoundingClientRect();
  const points = [...document.querySelectorAll("svg.throughput-chart g.series circle.point")].map((circle) => {
    const box = circle.getBoundingClientRect();
    return { threads: Number(circle.dataset.threads), throughput: Number(circle.dataset.throughput),
             x: box.x + box.width / 2, y: box.y + box.height / 2, width: box.width, height: box.height };
  });
  const curve = document.querySelector("path.usl-curve");
  const out = document.createElement("pre");
  out.id = "layout";
  out.textContent = JSON.stringify({ svg: { x: svg.x, y: svg.y, width: svg.width, height: svg.height }, points,
                                     curveLength: curve ? curve.getTotalLength() : 0 });
  document.body.append(out);
</script>`;

describe("HTML report (headless Chromium)", function () {
  this.timeout(120_000);
  let directory: string;
  before(() => (directory = fs.mkdtempSync(path.join(os.tmpdir(), "aether-report-"))));
  after(() => fs.rmSync(directory, { recursive: true, force: true }));

  it("is self-contained: no script, no external resource", () => {
    const html = profileReportHtml(profileResult());
    assert.doesNotMatch(html, /<script|\bsrc=|\bhref=|url\(/);
    assert.match(html, /^<!doctype html>/);
    assert.ok(html.includes("app/&lt;feeds&gt;.py:refresh"), "names are escaped");
  });

  it("renders the chart's points, spread bars, USL curve, peak and cliff in the browser's DOM", () => {
    const file = path.join(directory, "profile.html");
    fs.writeFileSync(file, profileReportHtml(profileResult()));
    const dom = dumpDom(file);
    const points = [...dom.matchAll(/<circle class="point" [^>]*data-threads="(\d+)" data-throughput="([\d.]+)"/g)].map((match) => [
      Number(match[1]),
      Number(match[2]),
    ]);
    assert.deepEqual(points, CURVE.map(([threads, throughput]) => [threads, throughput]));
    assert.equal([...dom.matchAll(/<line class="spread"/g)].length, CURVE.length);
    assert.match(dom, /<path class="usl-curve" d="M[\d.]+ [\d.]+( L[\d.]+ [\d.]+){120}"/);
    assert.match(dom, /<g class="peak-marker" data-threads="4">/);
    assert.match(dom, /<g class="cliff-marker" data-threads="8">.*cliff −27 %/s);
    assert.match(dom, /<p class="verdict">Peak at 4 threads \(3,812 calls\/s\); throughput falls 27 % by 8 threads: use at most 4\.<\/p>/);
  });

  it("lays every point out inside the chart, left to right by threads and higher for more calls/s", () => {
    const file = path.join(directory, "layout.html");
    fs.writeFileSync(file, profileReportHtml(profileResult()).replace("</body>", `${MEASURE_LAYOUT}\n</body>`));
    const dom = dumpDom(file);
    const layout = JSON.parse(/<pre id="layout">([^<]*)<\/pre>/.exec(dom)![1]!.replaceAll("&quot;", '"')) as {
      svg: { x: number; y: number; width: number; height: number };
      points: PointBox[];
      curveLength: number;
    };
    assert.equal(layout.points.length, CURVE.length);
    assert.ok(layout.svg.width > 300 && layout.svg.height > 150, JSON.stringify(layout.svg));
    for (const point of layout.points) {
      assert.ok(point.width > 0 && point.height > 0, `point ${point.threads} is drawn`);
      assert.ok(point.x > layout.svg.x && point.x < layout.svg.x + layout.svg.width, `point ${point.threads} inside horizontally`);
      assert.ok(point.y > layout.svg.y && point.y < layout.svg.y + layout.svg.height, `point ${point.threads} inside vertically`);
    }
    const byThreads = [...layout.points].sort((a, b) => a.threads - b.threads);
    for (let i = 1; i < byThreads.length; i++) assert.ok(byThreads[i]!.x > byThreads[i - 1]!.x, "x grows with threads");
    const byThroughput = [...layout.points].sort((a, b) => a.throughput - b.throughput);
    for (let i = 1; i < byThroughput.length; i++) assert.ok(byThroughput[i]!.y < byThroughput[i - 1]!.y, "more calls/s is drawn higher");
    assert.ok(layout.curveLength > 100, `the USL curve is drawn (${layout.curveLength})`);
  });

  it("draws both builds of a regression, or says which build is missing", () => {
    const standard = profileResult("bench.py:work");
    const html = regressionReportHtml({
      target: "bench.py:work",
      interpretersChecked: 3,
      standard,
      freeThreaded: null,
      missing: { build: "free-threaded", message: "No free-threaded build of Python was found (3 interpreters checked)." },
      analysis: null,
    });
    assert.match(html, /No free-threaded build of Python was found \(3 interpreters checked\)\. No regression was computed\./);
    assert.equal([...html.matchAll(/<circle class="point"/g)].length, CURVE.length);
  });
});
