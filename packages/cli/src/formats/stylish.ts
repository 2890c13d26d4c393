// The default, human-readable format, laid out like ESLint's "stylish": findings
// grouped under their file, one aligned line each with position, severity, risk,
// message and rule id, then a summary line.

import { displayPath } from "./displayPath.js";
import type { AetherLintMessage, Report } from "./report.js";

export function formatStylish({ results, cwd }: Report): string {
  const lines: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    lines.push(displayPath(result.filePath, cwd), ...alignedRows(result.messages.map(columnsOf)), "");
  }
  lines.push(summary(results));
  return lines.join("\n");
}

type Columns = [position: string, severity: string, risk: string, message: string, ruleId: string];

function columnsOf(message: AetherLintMessage): Columns {
  return [
    `${message.line ?? 0}:${message.column ?? 0}`,
    message.severity === 2 ? "error" : "warning",
    message.risk === undefined ? "" : message.risk.toFixed(2),
    // One finding, one line: a multi-line message would break the table.
    message.message.replace(/\s*\n\s*/g, " "),
    message.ruleId ?? "",
  ];
}

function alignedRows(rows: readonly Columns[]): string[] {
  // As in ESLint: positions aligned on the colon, other columns padded to their widest cell.
  const colon = Math.max(...rows.map(([position]) => position.indexOf(":")));
  const cells = rows.map(([position, ...rest]) => [" ".repeat(colon - position.indexOf(":")) + position, ...rest]);
  const widths = cells[0]!.map((_, index) => Math.max(...cells.map((row) => row[index]!.length)));
  return cells.map((row) =>
    `  ${row
      .map((cell, index) => cell.padEnd(widths[index]!))
      .filter((_, index) => widths[index]! > 0) // no risk column for a file with only parse errors
      .join("  ")
      .trimEnd()}`,
  );
}

function summary(results: Report["results"]): string {
  const total = (key: "errorCount" | "warningCount" | "fixableErrorCount" | "fixableWarningCount") =>
    results.reduce((sum, result) => sum + result[key], 0);
  const errors = total("errorCount");
  const warnings = total("warningCount");
  if (errors + warnings === 0) return `✔ No problems found in ${plural(results.length, "file")}.`;

  const lines = [`✖ ${plural(errors + warnings, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`];
  const fixableErrors = total("fixableErrorCount");
  const fixableWarnings = total("fixableWarningCount");
  if (fixableErrors + fixableWarnings > 0) {
    lines.push(
      `  ${plural(fixableErrors, "error")} and ${plural(fixableWarnings, "warning")} potentially fixable with the \`--fix\` option.`,
    );
  }
  return lines.join("\n");
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
