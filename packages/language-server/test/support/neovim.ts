// Headless Neovim (Debian's `neovim` package, 0.7.2 on Debian 12) as a real
// third-party LSP client: runs test/support/neovim-client.lua, which attaches
// Neovim's built-in client to `aether-language-server --stdio`, and returns
// what it saw. Each run gets a temporary directory (the files it edits, its
// spec and output, and XDG homes so Neovim's logs stay out of the user's).
// nvim leads its own process group: on a timeout the whole group (nvim and the
// server it started) is killed, and a server left running after nvim exits
// is killed and reported.

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../src/bin.js", import.meta.url));
/** The Lua script is not compiled: it is read from the sources (dist/test/support → test/support). */
const SCRIPT = fileURLToPath(new URL("../../../test/support/neovim-client.lua", import.meta.url));

export type SettingsVia = "didChangeConfiguration" | "initializationOptions" | "workspace/configuration";

export interface NeovimAction {
  /** 0-based line of the cursor when the code actions are requested. */
  readonly line: number;
  /** 0-based column (bytes) of the cursor. */
  readonly character: number;
  /** The action to choose from what Neovim offers. */
  readonly title: string;
  /** CodeActionContext.only. */
  readonly only?: readonly string[];
}

export interface NeovimCase {
  /** File name in the run's directory; `fixture` is copied there under it. */
  readonly name: string;
  readonly fixture: string;
  readonly action?: NeovimAction;
}

export interface NeovimRunOptions {
  readonly cases: readonly NeovimCase[];
  /** The `aether` settings. */
  readonly settings?: Record<string, unknown>;
  readonly settingsVia: SettingsVia;
  /** For each wait inside Neovim; nvim as a whole gets a few of these. */
  readonly timeoutMs?: number;
}

/** A diagnostic as vim.diagnostic holds it: 0-based lines, byte columns, vim.diagnostic.severity. */
export interface NeovimDiagnostic {
  readonly lnum: number;
  readonly col: number;
  readonly end_lnum: number;
  readonly end_col: number;
  readonly severity: number;
  readonly message: string;
  readonly source: string;
  readonly code: string;
  readonly href?: string;
}

export interface OfferedAction {
  readonly title: string;
  readonly kind: string;
  readonly isPreferred: boolean;
}

export interface NeovimCaseResult {
  readonly file: string;
  readonly diagnostics: NeovimDiagnostic[];
  readonly lines: string[];
  readonly offered?: OfferedAction[];
  readonly linesAfter?: string[];
  readonly versionAfter?: number;
  readonly diagnosticsAfter?: NeovimDiagnostic[];
}

export interface NeovimOutput {
  readonly nvimVersion: string;
  readonly serverPid?: number;
  readonly offsetEncoding?: string;
  readonly advertisesConfiguration: boolean;
  readonly configurationRequests: { items: { section?: string; scopeUri?: string }[]; answer: unknown[] }[];
  readonly cases: NeovimCaseResult[];
  readonly serverExit?: { code: number; signal: number };
  readonly events: string[];
  readonly error?: string;
}

/** nvim on PATH, or undefined. */
export function findNeovim(): string | undefined {
  for (const directory of (process.env["PATH"] ?? "").split(path.delimiter)) {
    if (directory === "") continue;
    const candidate = path.join(directory, "nvim");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export async function runNeovim(nvim: string, options: NeovimRunOptions): Promise<NeovimOutput> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aether-neovim-"));
  try {
    const root = path.join(dir, "project");
    const xdg = path.join(dir, "xdg");
    fs.mkdirSync(root);
    fs.mkdirSync(xdg);
    const cases = options.cases.map((c) => {
      const file = path.join(root, c.name);
      fs.copyFileSync(c.fixture, file);
      return { file, ...(c.action ? { action: c.action } : {}) };
    });
    const output = path.join(dir, "output.json");
    const specFile = path.join(dir, "spec.json");
    fs.writeFileSync(
      specFile,
      JSON.stringify({
        cmd: [process.execPath, BIN, "--stdio"],
        root,
        output,
        timeoutMs,
        settings: options.settings ?? {},
        settingsVia: options.settingsVia,
        cases,
      }),
    );
    const env = {
      ...process.env,
      AETHER_NVIM_SPEC: specFile,
      XDG_CONFIG_HOME: path.join(xdg, "config"),
      XDG_DATA_HOME: path.join(xdg, "data"),
      XDG_STATE_HOME: path.join(xdg, "state"),
      XDG_CACHE_HOME: path.join(xdg, "cache"),
    };
    // Each wait inside Neovim has its own timeout; this one is for nvim hanging.
    const overall = timeoutMs * (2 + cases.length);
    const run = await spawnNeovim(nvim, ["--headless", "--clean", "-u", "NONE", "-n", "-i", "NONE", "-c", `luafile ${SCRIPT}`], root, env, overall);
    let result: NeovimOutput | undefined;
    let leftover = false;
    try {
      if (fs.existsSync(output)) result = JSON.parse(fs.readFileSync(output, "utf8")) as NeovimOutput;
      if (result?.serverPid !== undefined) leftover = await reapServer(result.serverPid);
    } finally {
      // Anything else nvim left in its process group goes too.
      killGroup(run.pid);
    }
    const lspLog = readLspLog(xdg);
    const context = () =>
      `\nnvim exit: ${run.code ?? run.signal}${run.timedOut ? ` (killed after ${overall} ms)` : ""}\nnvim stderr: ${run.stderr}\nnvim stdout: ${run.stdout}\nlsp.log (end): ${lspLog.slice(-6000)}`;
    if (result === undefined) throw new Error(`Neovim wrote no output${context()}`);
    if (result.error !== undefined) {
      throw new Error(`Neovim: ${result.error}\nevents:\n${result.events.join("\n")}${context()}`);
    }
    if (run.timedOut || run.code !== 0) throw new Error(`nvim did not exit cleanly${context()}`);
    if (leftover) throw new Error(`the language server (pid ${result.serverPid}) was still running after nvim exited${context()}`);
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface SpawnResult {
  readonly pid: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

function spawnNeovim(nvim: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<SpawnResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(nvim, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ pid: child.pid!, code, signal, stdout, stderr, timedOut });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // the group is gone
  }
}

/** Waits a moment for the server to be gone; kills it if it is not. True if it had to. */
async function reapServer(pid: number): Promise<boolean> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    if (!alive(pid)) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    return false;
  }
  return true;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Neovim's LSP log (0.7: stdpath("cache"); later versions: stdpath("log") under the state home). */
function readLspLog(xdg: string): string {
  for (const file of [path.join(xdg, "cache", "nvim", "lsp.log"), path.join(xdg, "state", "nvim", "lsp.log")]) {
    if (fs.existsSync(file)) return fs.readFileSync(file, "utf8");
  }
  return "";
}
