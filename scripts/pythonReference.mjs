// The Pythons that Aether is checked and measured against, and the
// differential comparison of Aether's AST with CPython's `ast.parse`.
//
// Used by scripts/ast-diff.mjs (the whole standard library), scripts/bench.mjs
// and the plugin's differential and robustness tests (a fixed sample).
//
// Two interpreters play two roles:
//   - `python3` (the machine's default Python) owns the files: the standard
//     library compared and benchmarked is always python3's;
//   - the *reference* CPython parses them: the newest CPython >= 3.12 found,
//     because Aether's AST follows modern `ast` positions (PEP 701 f-strings:
//     the parts of an f-string carry their own lines). With only an older
//     reference, positions inside f-strings are compared by type only.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join, relative, sep } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** The script that prints CPython's pre-order [type, lineno] list per file. */
export const PREORDER_SCRIPT = fileURLToPath(new URL("./ast_preorder.py", import.meta.url));

/** The oldest CPython whose `ast` positions Aether follows exactly (PEP 701). */
export const MODERN_PYTHON = [3, 12];

/** Node types without `lineno` in CPython's `ast`: both sides compare them as null. */
export const NO_LINENO = new Set(["Module", "arguments", "comprehension", "withitem", "match_case"]);

/** Node types whose lines differ before PEP 701 when they sit inside an f-string. */
const FSTRING_PARTS = new Set(["FormattedValue", "Constant"]);

/**
 * The version of a Python command as [major, minor, micro], or null when it
 * does not run (absent, a pyenv shim for a version not selected, broken).
 * @param {string} command
 * @returns {number[] | null}
 */
export function pythonVersion(command) {
  try {
    const out = execFileSync(command, ["--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 15_000,
    });
    const match = /^Python (\d+)\.(\d+)\.(\d+)/m.exec(out);
    return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
  } catch {
    return null;
  }
}

/** @param {number[]} a @param {number[]} b */
function compareVersions(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Every `python3.N` (N >= 12) on PATH and under pyenv's versions, unverified.
 * @param {NodeJS.ProcessEnv} env
 * @returns {string[]}
 */
function referenceCandidates(env) {
  const found = new Set();
  const add = (dir) => {
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const m = /^python3\.(\d+)$/.exec(name);
      if (m && Number(m[1]) >= MODERN_PYTHON[1]) found.add(join(dir, name));
    }
  };
  for (const dir of (env.PATH ?? "").split(delimiter)) if (dir) add(dir);
  const pyenvRoot = env.PYENV_ROOT || join(homedir(), ".pyenv");
  try {
    for (const version of readdirSync(join(pyenvRoot, "versions"))) add(join(pyenvRoot, "versions", version, "bin"));
  } catch {
    // no pyenv
  }
  return [...found];
}

/**
 * @typedef {{ command: string, version: string, modern: boolean }} PythonCommand
 *   `modern`: version >= 3.12, whose `ast` positions Aether follows exactly.
 */

/**
 * The reference CPython: `$AETHER_REFERENCE_PYTHON` if set, else the newest
 * CPython >= 3.12 found (python3.N on PATH, then ~/.pyenv/versions/x/bin),
 * each verified by running `--version`; else `python3`; else null.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {PythonCommand | null}
 */
export function findReferencePython(env = process.env) {
  const describe = (command, version) => ({
    command,
    version: version.join("."),
    modern: compareVersions(version, MODERN_PYTHON) >= 0,
  });
  if (env.AETHER_REFERENCE_PYTHON) {
    const version = pythonVersion(env.AETHER_REFERENCE_PYTHON);
    return version ? describe(env.AETHER_REFERENCE_PYTHON, version) : null;
  }
  let best = null;
  for (const command of referenceCandidates(env)) {
    const version = pythonVersion(command);
    if (version && version[0] === 3 && (!best || compareVersions(version, best.version) > 0)) best = { command, version };
  }
  if (best) return describe(best.command, best.version);
  return findPython3(env);
}

/**
 * The machine's `python3` (whose standard library is compared and
 * benchmarked), or null when there is none.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {PythonCommand | null}
 */
export function findPython3(env = process.env) {
  const command = env.AETHER_PYTHON3 || "python3";
  const version = pythonVersion(command);
  return version
    ? { command, version: version.join("."), modern: compareVersions(version, MODERN_PYTHON) >= 0 }
    : null;
}

/**
 * The standard library directory of a Python.
 * @param {string} command
 * @returns {string}
 */
export function stdlibDir(command) {
  return execFileSync(command, ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], {
    encoding: "utf8",
    timeout: 30_000,
  }).trim();
}

/**
 * Every `.py` file under a standard library directory (third-party
 * `site-packages` / `dist-packages` left out), as absolute paths sorted by
 * their path relative to the directory: the same order on every run.
 * @param {string} dir
 * @returns {string[]}
 */
export function stdlibFiles(dir) {
  const out = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "site-packages" && entry.name !== "dist-packages" && entry.name !== "__pycache__") walk(path);
      } else if (entry.isFile() && entry.name.endsWith(".py")) {
        out.push(path);
      }
    }
  };
  walk(dir);
  const key = (path) => relative(dir, path).split(sep).join("/");
  return out.map((path) => [key(path), path]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
}

/** A file's path relative to the stdlib directory, with `/` separators. */
export function stdlibName(dir, path) {
  return relative(dir, path).split(sep).join("/");
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A file's text if it is valid UTF-8 (what Aether lints), else null.
 * @param {string} path
 * @returns {string | null}
 */
export function readUtf8(path) {
  try {
    return strictUtf8.decode(readFileSync(path));
  } catch {
    return null;
  }
}

/**
 * @typedef {[string, number | null]} PreorderEntry
 * @typedef {{ file: string, nodes?: PreorderEntry[], error?: string }} CpythonRecord
 */

/**
 * CPython's pre-order [type, lineno] list for each file, in one subprocess of
 * `python` (warnings off). Synchronous: for the tests' samples.
 * @param {string} python
 * @param {string[]} files
 * @returns {Map<string, CpythonRecord>}
 */
export function cpythonPreorder(python, files) {
  const out = execFileSync(python, ["-W", "ignore", PREORDER_SCRIPT], {
    input: files.join("\n") + "\n",
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, PYTHONWARNINGS: "ignore", PYTHONIOENCODING: "utf-8" },
  });
  const records = new Map();
  for (const line of out.split("\n")) {
    if (!line) continue;
    const record = JSON.parse(line);
    records.set(record.file, record);
  }
  return records;
}

/**
 * The same, streamed: yields each file's record as CPython prints it, so the
 * caller compares one file while CPython parses the next.
 * @param {string} python
 * @param {string[]} files
 * @returns {AsyncGenerator<CpythonRecord>}
 */
export async function* streamCpythonPreorder(python, files) {
  const child = spawn(python, ["-W", "ignore", PREORDER_SCRIPT], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, PYTHONWARNINGS: "ignore", PYTHONIOENCODING: "utf-8" },
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
  child.stdin.end(files.join("\n") + "\n");
  const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
  for await (const line of lines) if (line) yield JSON.parse(line);
  const code = await exited;
  if (code !== 0) throw new Error(`${python} ${PREORDER_SCRIPT} exited with ${code}: ${stderr.trim()}`);
}

/**
 * Aether's AST as the same pre-order [type, line] list (fields in visitor-key
 * order = CPython's `_fields` order). Iterative: deep nesting cannot overflow.
 * The third element, `loose`, marks f-string parts (FormattedValue and
 * Constant inside a JoinedStr), whose lines differ before PEP 701.
 * @param {{ type: string, loc: { start: { line: number } } }} ast
 * @param {Readonly<Record<string, readonly string[]>>} visitorKeys
 * @returns {Array<[string, number | null, boolean]>}
 */
export function aetherPreorder(ast, visitorKeys) {
  const out = [];
  /** @type {Array<[any, boolean]>} */
  const stack = [[ast, false]];
  while (stack.length > 0) {
    const [node, inFString] = /** @type {[any, boolean]} */ (stack.pop());
    out.push([node.type, NO_LINENO.has(node.type) ? null : node.loc.start.line, inFString && FSTRING_PARTS.has(node.type)]);
    const inside = inFString || node.type === "JoinedStr";
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = node[keys[k]];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (value[i] && typeof value[i] === "object") stack.push([value[i], inside]);
      } else if (value && typeof value === "object" && typeof value.type === "string") {
        stack.push([value, inside]);
      }
    }
  }
  return out;
}

/**
 * The index of the first node where the two pre-orders differ in type or
 * line (with `modern` false, f-string parts compare by type only), or -1.
 * @param {Array<[string, number | null, boolean?]>} ours
 * @param {PreorderEntry[]} theirs
 * @param {boolean} [modern]
 */
export function firstDifference(ours, theirs, modern = true) {
  const n = Math.min(ours.length, theirs.length);
  for (let i = 0; i < n; i++) {
    const a = ours[i];
    const b = theirs[i];
    if (a[0] !== b[0]) return i;
    if (a[1] !== b[1] && (modern || !a[2])) return i;
  }
  return ours.length === theirs.length ? -1 : n;
}

/**
 * @typedef {"same" | "differ" | "aether-error" | "cpython-error" | "both-error"} Verdict
 * @typedef {{
 *   verdict: Verdict,
 *   index?: number,
 *   line?: number | null,
 *   ours?: PreorderEntry[],
 *   theirs?: PreorderEntry[],
 *   aetherError?: { message: string, line: number, column: number },
 *   cpythonError?: string,
 * }} Comparison
 */

/**
 * Compares Aether's parse of `text` with CPython's record for the same file.
 * @param {string} text
 * @param {CpythonRecord} record
 * @param {{ parsePython: (text: string) => any, visitorKeys: Readonly<Record<string, readonly string[]>>, modern?: boolean, context?: number }} aether
 * @returns {Comparison}
 */
export function compareWithCpython(text, record, aether) {
  const parsed = aether.parsePython(text);
  const aetherError = parsed.ok ? undefined : parsed.errors[0];
  if (record.error !== undefined) {
    return aetherError
      ? { verdict: "both-error", aetherError, cpythonError: record.error }
      : { verdict: "cpython-error", cpythonError: record.error };
  }
  if (aetherError) return { verdict: "aether-error", aetherError };
  const ours = aetherPreorder(parsed.ast, aether.visitorKeys);
  const theirs = record.nodes ?? [];
  const index = firstDifference(ours, theirs, aether.modern ?? true);
  if (index === -1) return { verdict: "same" };
  const context = aether.context ?? 4;
  const from = Math.max(0, index - 1);
  return {
    verdict: "differ",
    index,
    line: theirs[index]?.[1] ?? ours[index]?.[1] ?? null,
    ours: ours.slice(from, index + context).map((e) => [e[0], e[1]]),
    theirs: theirs.slice(from, index + context),
  };
}

/**
 * Loads the built plugin (packages/eslint-plugin/dist), for the scripts.
 * @returns {Promise<typeof import("../packages/eslint-plugin/dist/src/index.js")>}
 */
export async function loadBuiltPlugin() {
  const entry = new URL("../packages/eslint-plugin/dist/src/index.js", import.meta.url);
  if (!existsSync(entry)) throw new Error(`${fileURLToPath(entry)} is missing: build first (pnpm run build)`);
  return import(entry.href);
}
