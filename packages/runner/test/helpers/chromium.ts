// Headless Chromium (Debian's `chromium` package) for the report test: load
// a file and return the DOM after it rendered. Run as root, Chromium needs
// --no-sandbox; a fresh profile directory keeps runs independent.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { findOnPath } from "../../src/engines/interpreterDiscovery.js";
import { nodeFileSystem } from "../../src/runs/nodeFileSystem.js";

const NAMES = ["chromium", "chromium-browser", "google-chrome"];

export function findChromium(): string {
  for (const name of NAMES) {
    const found = findOnPath(name, process.env, nodeFileSystem);
    if (found !== undefined) return found;
  }
  throw new Error("no Chromium on PATH: install Debian's chromium package (apt-get install chromium), as .ci/run does");
}

export function dumpDom(file: string): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "aether-chromium-"));
  try {
    const result = spawnSync(
      findChromium(),
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${profile}`,
        "--window-size=1000,1400",
        "--dump-dom",
        pathToFileURL(file).href,
      ],
      { encoding: "utf8", timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
    );
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`chromium exited ${result.status}: ${result.stderr.slice(-2000)}`);
    return result.stdout;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
