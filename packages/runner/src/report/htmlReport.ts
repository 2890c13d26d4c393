// `--report out.html`: one self-contained HTML file (inline CSS and SVG, no
// script, nothing fetched) that any browser, or an editor's webview, opens
// offline: the verdict, the chart, the measurements table and the model.

import { describeBuild } from "../engines/interpreterFacts.js";
import type { ProfileAnalysis } from "../engines/profileAnalysis.js";
import type { ProfileResult } from "../runs/profileRun.js";
import type { RegressionResult } from "../runs/regressionRun.js";
import { formatCount, formatDuration, formatPercent } from "../text/numberText.js";
import { gilTurnedOnNote, interpreterLine, uslSentence } from "../text/reportText.js";
import { escapeHtml } from "./escapeHtml.js";
import { throughputChartSvg, type ChartSeries } from "./svgChart.js";

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; }
  body { margin: 0; background: #f6f7f9; }
  main { max-width: 780px; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px #0002; }
  h1 { font-size: 1.35rem; margin: 0 0 .5rem; } h2 { font-size: 1.05rem; margin: 1.6rem 0 .5rem; }
  code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .95em; }
  .verdict { font-size: 1.1rem; font-weight: 600; background: #eef4ff; border-left: 4px solid #2f6fde; padding: .6rem .8rem; }
  .note { background: #fff7e6; border-left: 4px solid #d98e04; padding: .5rem .8rem; }
  .meta { color: #5b6475; font-size: .9rem; }
  figure { margin: 1rem 0; } figcaption { color: #5b6475; font-size: .85rem; }
  table { border-collapse: collapse; font-size: .9rem; } th, td { padding: .25rem .7rem; text-align: right; border-bottom: 1px solid #e3e6eb; }
  th { color: #5b6475; font-weight: 600; } tr.peak td { font-weight: 700; } tr.cliff td { color: #b3261e; }
  .throughput-chart { max-width: 100%; height: auto; font-size: 12px; }
  .throughput-chart .grid { stroke: #e3e6eb; } .throughput-chart .axis { stroke: #5b6475; }
  .throughput-chart .tick, .throughput-chart .axis-label, .throughput-chart .legend text { fill: #5b6475; }
  .throughput-chart .usl-curve { fill: none; stroke-width: 2; stroke-opacity: .55; }
  .throughput-chart .spread { stroke-width: 3; stroke-opacity: .45; }
  .series-a .point, .series-a .swatch { fill: #2f6fde; } .series-a .usl-curve, .series-a .spread { stroke: #2f6fde; }
  .series-b .point, .series-b .swatch { fill: #1a936f; } .series-b .usl-curve, .series-b .spread { stroke: #1a936f; }
  .peak-marker circle { fill: none; stroke: #d98e04; stroke-width: 2.5; } .peak-marker text { fill: #a86c00; font-weight: 600; }
  .cliff-marker line { stroke: #b3261e; stroke-dasharray: 5 4; stroke-width: 1.5; } .cliff-marker text { fill: #b3261e; font-weight: 600; }
  .level-marker line { stroke: #7a4fd1; stroke-dasharray: 2 3; stroke-width: 1.5; } .level-marker text { fill: #7a4fd1; }
`;

export function profileReportHtml(result: ProfileResult, generatedAt: Date = new Date()): string {
  const { analysis } = result;
  const chart = throughputChartSvg([series(result.interpreter.version, "series-a", analysis)], {
    peak: analysis.peak,
    cliff: analysis.cliff ?? undefined,
  });
  const body = [
    `<h1>Profile of <code>${escapeHtml(result.target)}</code></h1>`,
    `<p class="verdict">${escapeHtml(analysis.verdict)}</p>`,
    gilNote(result),
    `<p class="meta">${escapeHtml(interpreterLine(result.python, result.interpreter))}; ${result.settings.repeats} × ${result.settings.durationSeconds} s per thread count; ${escapeHtml(generatedAt.toISOString())}</p>`,
    figure(chart),
    `<h2>Measurements</h2>`,
    pointsTable(analysis),
    `<h2>Model</h2>`,
    `<p>${escapeHtml(uslSentence(analysis.usl))}</p>`,
  ];
  return page(`Aether profile: ${result.target}`, body);
}

export function regressionReportHtml(result: RegressionResult, generatedAt: Date = new Date()): string {
  const measured = [result.standard, result.freeThreaded].filter((profile): profile is ProfileResult => profile !== null);
  const chart = throughputChartSvg(
    measured.map((profile, index) =>
      series(`${describeBuild(profile.interpreter)}`, index === 0 ? "series-a" : "series-b", profile.analysis),
    ),
    result.analysis !== null
      ? { level: { throughput: result.analysis.standardBest.throughput, label: "standard build's best" } }
      : {},
  );
  const headline =
    result.analysis !== null
      ? `<p class="verdict">${escapeHtml(`${result.analysis.recommendation}: ${result.analysis.reason}.`)}</p>`
      : `<p class="verdict">${escapeHtml(result.missing?.message ?? "")} No regression was computed.</p>`;
  const body = [
    `<h1>Free-threading regression of <code>${escapeHtml(result.target)}</code></h1>`,
    headline,
    figure(chart),
    ...measured.flatMap((profile) => [
      `<h2>${escapeHtml(describeBuild(profile.interpreter))}</h2>`,
      `<p class="meta">${escapeHtml(interpreterLine(profile.python, profile.interpreter))}</p>`,
      `<p>${escapeHtml(profile.analysis.verdict)}</p>`,
      pointsTable(profile.analysis),
    ]),
    `<p class="meta">${escapeHtml(generatedAt.toISOString())}</p>`,
  ];
  return page(`Aether regression: ${result.target}`, body);
}

function series(label: string, className: string, analysis: ProfileAnalysis): ChartSeries {
  return { label, className, points: analysis.points, usl: analysis.usl };
}

function page(title: string, body: readonly string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body.filter((part) => part !== "").join("\n")}
</main>
</body>
</html>
`;
}

function figure(svg: string): string {
  return `<figure>\n${svg}\n<figcaption>Throughput against threads: median of the repeats (dots), their range (bars), the fitted Universal Scalability Law (line).</figcaption>\n</figure>`;
}

function pointsTable(analysis: ProfileAnalysis): string {
  const rows = analysis.points.map((point) => {
    const role = point.threads === analysis.peak.threads ? "peak" : point.threads === analysis.cliff?.threads ? "cliff" : "";
    const cells = [
      String(point.threads),
      formatCount(point.throughput),
      formatPercent(point.spread),
      formatDuration(point.latency.p50),
      formatDuration(point.latency.p99),
      point.blockingRatio.toFixed(2),
      role,
    ];
    return `<tr${role ? ` class="${role}"` : ""}>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("")}</tr>`;
  });
  const head = ["threads", "calls/s", "spread", "p50", "p99", "β", ""].map((cell) => `<th>${cell}</th>`).join("");
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>`;
}

function gilNote(result: ProfileResult): string {
  const note = gilTurnedOnNote(result.interpreter, result.gilEnabledAfterLoad);
  return note === undefined ? "" : `<p class="note">${escapeHtml(note)}</p>`;
}
