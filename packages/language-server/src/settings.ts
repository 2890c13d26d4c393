// The `aether.*` settings an editor sends, checked and given their defaults.
// Editors send whatever a user typed into a JSON file: every value is checked
// on its own, so one bad value falls back to its default instead of turning
// the whole server off.

import { DiagnosticSeverity } from "vscode-languageserver/node";

export type SeverityName = "error" | "warning" | "information" | "hint";

export interface ServerSettings {
  readonly enable: boolean;
  readonly severity: {
    /** A finding with at least this risk is an Error. */
    readonly errorAtRisk: number;
    /** At least this (and below errorAtRisk) a Warning; below it, Information. */
    readonly warningAtRisk: number;
    /** Per rule ("aether/non-atomic-update" or "non-atomic-update"), overriding the risk mapping. */
    readonly rules: Readonly<Record<string, SeverityName>>;
  };
  /** Files larger than this (in UTF-16 code units, ≈ bytes for source code) are not linted. */
  readonly maxFileSize: number;
  /** Milliseconds of quiet after a change before the document is linted again. */
  readonly lintDelay: number;
  /** The interpreter for profiling; "" lets the runner choose (python3 on PATH). */
  readonly pythonPath: string;
  readonly profile: {
    /** 0: the runner's default (2 × CPU count, at least 8). */
    readonly maxThreads: number;
    /** Seconds each thread count is measured for. */
    readonly duration: number;
    /** Where HTML reports go; "" for a folder under the system's temp directory. */
    readonly reportFolder: string;
  };
}

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: true,
  severity: { errorAtRisk: 0.85, warningAtRisk: 0.6, rules: {} },
  maxFileSize: 1_000_000,
  lintDelay: 50,
  pythonPath: "",
  profile: { maxThreads: 0, duration: 0.5, reportFolder: "" },
};

const SEVERITY_NAMES: Readonly<Record<SeverityName, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The settings from a raw `aether` section (undefined or garbage gives the defaults). */
export function readSettings(raw: unknown): ServerSettings {
  const section = record(raw);
  const severity = record(section["severity"]);
  const profile = record(section["profile"]);
  const d = DEFAULT_SETTINGS;
  return {
    enable: typeof section["enable"] === "boolean" ? section["enable"] : d.enable,
    severity: {
      errorAtRisk: fraction(severity["errorAtRisk"], d.severity.errorAtRisk),
      warningAtRisk: fraction(severity["warningAtRisk"], d.severity.warningAtRisk),
      rules: severityRules(severity["rules"]),
    },
    maxFileSize: count(section["maxFileSize"], d.maxFileSize, 1),
    lintDelay: count(section["lintDelay"], d.lintDelay, 0),
    pythonPath: typeof section["pythonPath"] === "string" ? section["pythonPath"].trim() : d.pythonPath,
    profile: {
      maxThreads: count(profile["maxThreads"], d.profile.maxThreads, 0),
      duration: positive(profile["duration"], d.profile.duration),
      reportFolder: typeof profile["reportFolder"] === "string" ? profile["reportFolder"].trim() : d.profile.reportFolder,
    },
  };
}

/** An LSP severity for a finding: the rule's own setting first, then its risk. */
export function severityFor(settings: ServerSettings, ruleId: string, risk: number | undefined): DiagnosticSeverity {
  const byRule = settings.severity.rules[ruleId] ?? settings.severity.rules[ruleId.replace(/^aether\//, "")];
  if (byRule !== undefined) return SEVERITY_NAMES[byRule];
  if (risk === undefined) return DiagnosticSeverity.Warning;
  if (risk >= settings.severity.errorAtRisk) return DiagnosticSeverity.Error;
  if (risk >= settings.severity.warningAtRisk) return DiagnosticSeverity.Warning;
  return DiagnosticSeverity.Information;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function fraction(value: unknown, fallback: number): number {
  return typeof value === "number" && value >= 0 && value <= 1 ? value : fallback;
}

function count(value: unknown, fallback: number, min: number): number {
  return typeof value === "number" && Number.isInteger(value) && value >= min ? value : fallback;
}

function positive(value: unknown, fallback: number): number {
  return typeof value === "number" && value > 0 && Number.isFinite(value) ? value : fallback;
}

function severityRules(value: unknown): Record<string, SeverityName> {
  const rules: Record<string, SeverityName> = {};
  for (const [id, level] of Object.entries(record(value))) {
    if (typeof level === "string" && Object.hasOwn(SEVERITY_NAMES, level)) rules[id] = level as SeverityName;
  }
  return rules;
}
