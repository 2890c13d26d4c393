// The terminal's chart of throughput against threads: one row per measured
// thread count, with its numbers and a bar, the peak and the cliff marked.
// Bars of '#', so the chart survives any terminal, CI log or e-mail.

import { formatCount, formatDuration, formatPercent, type ProfileAnalysis } from "aether-runner";

const BAR_WIDTH = 40;

export function throughputChart(analysis: ProfileAnalysis): string {
  const top = Math.max(...analysis.points.map((point) => point.throughput));
  const header = ["threads", "calls/s", "spread", "p50", "p99"];
  const rows = analysis.points.map((point) => {
    const length = top > 0 ? Math.round((point.throughput / top) * BAR_WIDTH) : 0;
    const marks: string[] = [];
    if (point.threads === analysis.peak.threads) marks.push("peak");
    if (point.threads === analysis.cliff?.threads) marks.push(`cliff (-${formatPercent(analysis.cliff.drop)})`);
    if (point.threads === analysis.recommendation.threads && analysis.recommendation.belowPeak) marks.push("recommended");
    return {
      cells: [
        String(point.threads),
        formatCount(point.throughput),
        formatPercent(point.spread),
        formatDuration(point.latency.p50),
        formatDuration(point.latency.p99),
      ],
      bar: `|${"#".repeat(Math.max(length, point.throughput > 0 ? 1 : 0))}${marks.length > 0 ? ` <- ${marks.join(", ")}` : ""}`,
    };
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row.cells[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padStart(widths[column]!)).join("  ");
  return [line(header), ...rows.map((row) => `${line(row.cells)}  ${row.bar}`)].join("\n");
}
