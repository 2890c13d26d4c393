// What `aether regression` prints: each build measured (chart and verdict),
// then the comparison, and last the recommendation in one sentence; or, with
// one kind of build missing, what was measured and exactly what is missing.

import {
  describeBuild,
  formatCount,
  formatPercent,
  interpreterLine,
  threadsText,
  uslSentence,
  type ProfileResult,
  type RegressionResult,
} from "aether-runner";
import { throughputChart } from "./throughputChart.js";

export function regressionText(result: RegressionResult): string {
  const lines = [`Free-threading regression of ${result.target}`, ""];
  for (const [label, profile] of [
    ["Standard build", result.standard],
    ["Free-threaded build", result.freeThreaded],
  ] as const) {
    if (profile !== null) lines.push(...buildSection(label, profile));
  }
  const { analysis, missing } = result;
  if (analysis === null) {
    const measured = result.standard !== null ? "standard" : "free-threaded";
    lines.push(
      missing?.message ?? "",
      `Only the ${measured} build was measured: no regression, break-even or recommendation is computed without both builds.`,
      "",
    );
    return lines.join("\n");
  }
  const breakEven = analysis.breakEven;
  lines.push(
    `Single thread: standard ${formatCount(analysis.standardSingleThread)} calls/s, free-threaded ${formatCount(analysis.freeThreadedSingleThread)} calls/s: regression r = ${formatPercent(analysis.regression)}.`,
    `Best: standard ${formatCount(analysis.standardBest.throughput)} calls/s at ${threadsText(analysis.standardBest.threads)}, free-threaded ${formatCount(analysis.freeThreadedBest.throughput)} calls/s at ${threadsText(analysis.freeThreadedBest.threads)}.`,
    breakEven === null
      ? "Break-even: none; the free-threaded build never reaches the standard build's best."
      : `Break-even: ${breakEven.threads.toFixed(1)} threads (${breakEven.source === "usl" ? "on the fitted curve" : "between measured points"}${breakEven.extrapolated ? ", beyond the measured range" : ""}): from ${threadsText(breakEven.wholeThreads)} the free-threaded build is faster.`,
    "",
    `${analysis.recommendation}: ${analysis.reason}.`,
    "",
  );
  return lines.join("\n");
}

function buildSection(label: string, profile: ProfileResult): string[] {
  return [
    `${label}: ${interpreterLine(profile.python, profile.interpreter)}`,
    "",
    throughputChart(profile.analysis),
    "",
    uslSentence(profile.analysis.usl),
    `${describeBuild(profile.interpreter)}: ${profile.analysis.verdict}`,
    "",
  ];
}
