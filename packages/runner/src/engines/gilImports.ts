// Which installed distributions turn the GIL back on when imported into a
// free-threaded interpreter (facts sheet, section 7): one import per
// subprocess, so the first offender cannot hide the others.

export interface ImportCheck {
  readonly module: string;
  readonly gilEnabledBefore: boolean;
  readonly gilEnabledAfter: boolean;
  /** The RuntimeWarning CPython prints when it turns the GIL on (only the first offender gets one). */
  readonly warnings: readonly string[];
  /** The exception the import raised, if it did. */
  readonly error: string | null;
}

export interface DistributionModules {
  readonly name: string;
  readonly version: string;
  readonly modules: readonly string[];
}

export type ImportVerdict = "keeps-gil-off" | "enables-gil" | "import-failed" | "gil-already-on";

export interface DistributionImports extends DistributionModules {
  readonly verdict: ImportVerdict;
  /** The modules that turned the GIL on. */
  readonly offenders: readonly string[];
  readonly checks: readonly ImportCheck[];
}

export function importVerdict(check: ImportCheck): ImportVerdict {
  if (check.error !== null) return "import-failed";
  if (check.gilEnabledBefore) return "gil-already-on";
  return check.gilEnabledAfter ? "enables-gil" : "keeps-gil-off";
}

/** Worst verdict first: one module that enables the GIL makes the distribution an offender. */
const SEVERITY: readonly ImportVerdict[] = ["enables-gil", "import-failed", "gil-already-on", "keeps-gil-off"];

export function summarizeImports(distribution: DistributionModules, checks: readonly ImportCheck[]): DistributionImports {
  const verdicts = checks.map(importVerdict);
  const verdict = SEVERITY.find((candidate) => verdicts.includes(candidate)) ?? "keeps-gil-off";
  return {
    ...distribution,
    verdict,
    offenders: checks.filter((check) => importVerdict(check) === "enables-gil").map((check) => check.module),
    checks,
  };
}
