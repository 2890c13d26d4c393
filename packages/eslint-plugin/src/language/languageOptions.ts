// The `languageOptions` of `language: "aether/python"`, their defaults and validation.

export interface PythonLanguageOptions {
  /** The Python version the code targets, "3.9" … "3.16". Rules change verdicts where CPython changed. */
  pythonVersion: string;
  /** Whether the code will run on a free-threaded (no-GIL) build. */
  freeThreaded: boolean;
  /** Extra thread entry points, as `module:qualname` patterns (`*` matches within a name part). */
  threadEntries: string[];
}

export const defaultLanguageOptions: PythonLanguageOptions = {
  pythonVersion: "3.14",
  freeThreaded: true,
  threadEntries: [],
};

const knownKeys = new Set(Object.keys(defaultLanguageOptions));
const OLDEST_MINOR = 9;
const NEWEST_MINOR = 16;

/** Throws one clear error naming the option; ESLint shows it as a configuration error. */
export function validateLanguageOptions(options: Record<string, unknown>): void {
  for (const key of Object.keys(options)) {
    if (!knownKeys.has(key)) {
      throw new TypeError(
        `Unknown language option "${key}" for aether/python; known options: ${[...knownKeys].join(", ")}.`,
      );
    }
  }
  const { pythonVersion, freeThreaded, threadEntries } = options;
  if (pythonVersion !== undefined) {
    const match = typeof pythonVersion === "string" ? /^3\.(\d+)$/.exec(pythonVersion) : null;
    const minor = match ? Number(match[1]) : NaN;
    if (!(minor >= OLDEST_MINOR && minor <= NEWEST_MINOR)) {
      throw new TypeError(
        `Language option "pythonVersion" must be a string "3.${OLDEST_MINOR}" … "3.${NEWEST_MINOR}", got ${JSON.stringify(pythonVersion)}.`,
      );
    }
  }
  if (freeThreaded !== undefined && typeof freeThreaded !== "boolean") {
    throw new TypeError(`Language option "freeThreaded" must be true or false, got ${JSON.stringify(freeThreaded)}.`);
  }
  if (threadEntries !== undefined) {
    const valid =
      Array.isArray(threadEntries) &&
      threadEntries.every((entry) => typeof entry === "string" && /^[\w.*]+:[\w.*]+$/.test(entry));
    if (!valid) {
      throw new TypeError(
        `Language option "threadEntries" must be a list of "module:qualname" strings (e.g. "app.workers:Worker.run"), got ${JSON.stringify(threadEntries)}.`,
      );
    }
  }
}

/** "3.13" → 13, for comparisons. */
export function minorVersion(options: PythonLanguageOptions): number {
  return Number(options.pythonVersion.split(".")[1]);
}
