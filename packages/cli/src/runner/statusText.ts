// What `aether status` prints: a table of interpreters, the free-threaded
// builds (or that there are none), the candidates that did not run, and with
// --imports which extensions turn the GIL back on.

import type { DistributionImports, InterpreterReport, InterpreterStatus } from "aether-runner";

export interface ImportReport {
  readonly python: string;
  readonly version: string;
  readonly distributions: readonly DistributionImports[];
}

export function statusText(report: InterpreterReport, imports: readonly ImportReport[] | undefined): string {
  const sorted = [...report.interpreters].sort(byVersionDescending);
  const lines: string[] = [`Python interpreters: ${sorted.length} found`, ""];
  if (sorted.length > 0) lines.push(...table(sorted), "");
  const freeThreaded = sorted.filter((interpreter) => interpreter.facts.freeThreadedBuild);
  lines.push(
    freeThreaded.length > 0
      ? `Free-threaded builds: ${freeThreaded.map((interpreter) => `${interpreter.facts.version} (${interpreter.path})`).join(", ")}.`
      : "No free-threaded build found: they are named like python3.14t (pyenv install 3.14t, or python.org's installer option).",
  );
  if (report.unusable.length > 0) {
    lines.push("", `Did not run (${report.unusable.length}):`);
    for (const entry of report.unusable) lines.push(`  ${entry.path}: ${entry.reason}`);
  }
  if (imports !== undefined) lines.push("", ...importLines(imports));
  lines.push("");
  return lines.join("\n");
}

function table(interpreters: readonly InterpreterStatus[]): string[] {
  const header = ["version", "build", "GIL", "path", "found by"];
  const rows = interpreters.map((interpreter) => {
    const { facts } = interpreter;
    const also = interpreter.otherPaths.length > 0 ? ` (+${interpreter.otherPaths.length} more path${interpreter.otherPaths.length === 1 ? "" : "s"})` : "";
    const note = facts.harnessSupported ? "" : "; too old to measure (3.9+)";
    return [
      facts.version,
      facts.freeThreadedBuild ? "free-threaded" : "standard",
      facts.gilEnabled ? "on" : "off",
      `${interpreter.path}${also}`,
      `${interpreter.sources.join(", ")}${note}`,
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ").trimEnd();
  return [`  ${line(header)}`, ...rows.map((row) => `  ${line(row)}`)];
}

function importLines(imports: readonly ImportReport[]): string[] {
  if (imports.length === 0) {
    return ["--imports: no free-threaded build found; whether an import turns the GIL back on can only be checked on one."];
  }
  return imports.flatMap((report) => [
    `Extension modules on Python ${report.version} (${report.python}):`,
    ...(report.distributions.length === 0
      ? ["  none installed"]
      : report.distributions.map((distribution) => `  ${distribution.name} ${distribution.version}: ${verdictText(distribution)}`)),
  ]);
}

function verdictText(distribution: DistributionImports): string {
  switch (distribution.verdict) {
    case "enables-gil":
      return `turns the GIL on (${distribution.offenders.join(", ")})`;
    case "import-failed":
      return `import failed: ${distribution.checks.find((check) => check.error !== null)?.error ?? ""}`;
    case "gil-already-on":
      return "not checked: the GIL was already on (PYTHON_GIL or -X gil in the environment?)";
    case "keeps-gil-off":
      return "keeps the GIL off";
  }
}

function byVersionDescending(a: InterpreterStatus, b: InterpreterStatus): number {
  return b.facts.version.localeCompare(a.facts.version, "en", { numeric: true }) || a.path.localeCompare(b.path);
}
