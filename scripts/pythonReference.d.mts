// Types of pythonReference.mjs, for the plugin's TypeScript tests.

export declare const PREORDER_SCRIPT: string;
export declare const MODERN_PYTHON: readonly [number, number];
export declare const NO_LINENO: ReadonlySet<string>;

export interface PythonCommand {
  command: string;
  version: string;
  /** Version >= 3.12, whose `ast` positions Aether follows exactly. */
  modern: boolean;
}

export type PreorderEntry = [type: string, line: number | null];

export interface CpythonRecord {
  file: string;
  nodes?: PreorderEntry[];
  error?: string;
}

export type Verdict = "same" | "differ" | "aether-error" | "cpython-error" | "both-error";

export interface Comparison {
  verdict: Verdict;
  index?: number;
  line?: number | null;
  ours?: PreorderEntry[];
  theirs?: PreorderEntry[];
  aetherError?: { message: string; line: number; column: number };
  cpythonError?: string;
}

export interface AetherParser {
  parsePython: (text: string) =>
    | { ok: true; ast: unknown }
    | { ok: false; errors: { message: string; line: number; column: number }[] };
  visitorKeys: Readonly<Record<string, readonly string[]>>;
  /** False when the reference is older than 3.12: f-string parts compare by type only. */
  modern?: boolean;
  /** Nodes shown after the first difference. */
  context?: number;
}

export declare function pythonVersion(command: string): number[] | null;
export declare function findReferencePython(env?: NodeJS.ProcessEnv): PythonCommand | null;
export declare function findPython3(env?: NodeJS.ProcessEnv): PythonCommand | null;
export declare function stdlibDir(command: string): string;
export declare function stdlibFiles(dir: string): string[];
export declare function stdlibName(dir: string, path: string): string;
export declare function readUtf8(path: string): string | null;
export declare function cpythonPreorder(python: string, files: string[]): Map<string, CpythonRecord>;
export declare function streamCpythonPreorder(python: string, files: string[]): AsyncGenerator<CpythonRecord>;
export declare function aetherPreorder(
  ast: unknown,
  visitorKeys: Readonly<Record<string, readonly string[]>>,
): Array<[type: string, line: number | null, loose: boolean]>;
export declare function firstDifference(
  ours: ReadonlyArray<readonly [string, number | null, boolean?]>,
  theirs: readonly PreorderEntry[],
  modern?: boolean,
): number;
export declare function compareWithCpython(text: string, record: CpythonRecord, aether: AetherParser): Comparison;
export declare function loadBuiltPlugin(): Promise<unknown>;
