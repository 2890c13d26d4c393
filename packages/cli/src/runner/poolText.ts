// What `aether pool` prints: β and the starting size, the trace, and last the
// recommended max_workers in one sentence.

import { formatCount, interpreterLine, type PoolResult } from "aether-runner";

export function poolText(result: PoolResult): string {
  const beta = result.blockingRatio.toFixed(2);
  const header = ["interval", "workers", "calls/s"];
  const rows = result.trace.map((step) => [String(step.interval), String(step.workers), formatCount(step.throughput)]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padStart(widths[column]!)).join("  ");
  const kind = result.blockingRatio >= result.settings.blockingThreshold ? "the calls mostly wait" : "the calls mostly compute";
  return [
    `Pool size for ${result.target}`,
    interpreterLine(result.python, result.interpreter),
    `Blocking ratio β = ${beta} (${kind}): started at ${result.initialWorkers} workers (${result.interpreter.cpuCount} CPUs / (1 - β), at most ${result.settings.maxWorkers}).`,
    "",
    line(header),
    ...rows.map(line),
    "",
    `Use max_workers=${result.recommendedWorkers}: ${result.reason}.`,
    "",
  ].join("\n");
}
