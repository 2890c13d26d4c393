// Temporary directory trees for tests: written from a { relativePath: content }
// map in os.tmpdir(), removed again by the returned cleanup.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type TreeSpec = Readonly<Record<string, string | Uint8Array>>;

export interface TempTree {
  readonly root: string;
  /** Absolute path of a file or directory in the tree. */
  at(relative: string): string;
  read(relative: string): string;
  remove(): void;
}

export function makeTempTree(files: TreeSpec): TempTree {
  // realpath: on macOS os.tmpdir() is a symlink, and paths are compared as strings.
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "aether-cli-test-")));
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (relative.endsWith("/")) fs.mkdirSync(target, { recursive: true });
    else fs.writeFileSync(target, content);
  }
  return {
    root,
    at: (relative) => path.join(root, relative),
    read: (relative) => fs.readFileSync(path.join(root, relative), "utf8"),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
