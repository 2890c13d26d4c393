// The packaged .vsix, built once per test run by the same script as `pnpm run package`, and read
// with a zip library so the tests need nothing but Node.
import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import * as yauzl from "yauzl";

export const extensionDir = path.resolve(__dirname, "..", "..");

let packaging: Promise<string> | undefined;

/** Path of the .vsix, packaged on first call. */
export function packagedVsix(): Promise<string> {
  packaging ??= packageVsix();
  return packaging;
}

async function packageVsix(): Promise<string> {
  await promisify(execFile)(process.execPath, [path.join(extensionDir, "scripts", "package.mjs")], { cwd: extensionDir });
  const { name, version } = JSON.parse(await readFile(path.join(extensionDir, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  return path.join(extensionDir, `${name}-${version}.vsix`);
}

export async function zipEntryNames(zipPath: string): Promise<string[]> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  const names: string[] = [];
  try {
    for await (const entry of zip.eachEntry()) names.push(entry.fileName);
  } finally {
    zip.close();
  }
  return names;
}

export async function extractZip(zipPath: string, targetDir: string): Promise<void> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  try {
    for await (const entry of zip.eachEntry()) {
      // yauzl rejects absolute and `..` entry names, so every target stays inside targetDir.
      const target = path.join(targetDir, entry.fileName);
      if (entry.fileName.endsWith("/")) {
        await mkdir(target, { recursive: true });
        continue;
      }
      await mkdir(path.dirname(target), { recursive: true });
      await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target));
    }
  } finally {
    zip.close();
  }
}
