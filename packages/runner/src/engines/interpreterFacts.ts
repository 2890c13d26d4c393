// What the harness's `describe` mode says about an interpreter.

export interface InterpreterFacts {
  /** sys.executable, symlinks resolved. */
  readonly executable: string;
  /** "3.13.1". */
  readonly version: string;
  /** "final", "beta", … */
  readonly releaseLevel: string;
  /** sys.version on one line. */
  readonly versionText: string;
  readonly implementation: string;
  /** sysconfig Py_GIL_DISABLED == 1. */
  readonly freeThreadedBuild: boolean;
  /** sys._is_gil_enabled() when it exists, else true: at start-up, before any target is imported. */
  readonly gilEnabled: boolean;
  readonly cpuCount: number;
  /** Python ≥ 3.9: the harness can measure with it. */
  readonly harnessSupported: boolean;
  readonly virtualEnv: boolean;
}

/** "3.13.1 free-threaded (GIL off)", "3.11.7 standard (GIL)". */
export function describeBuild(facts: InterpreterFacts): string {
  if (!facts.freeThreadedBuild) return `${facts.version} standard build (GIL)`;
  return `${facts.version} free-threaded build (GIL ${facts.gilEnabled ? "on" : "off"})`;
}
