// Reading .gitignore files: the one in each directory being walked, and the ones
// above a walk's starting directory up to the enclosing git repository's root,
// which apply to it just as they do for `git status`.

import fs from "node:fs";
import path from "node:path";
import { IgnorePatterns } from "./ignorePatterns.js";

export function readGitignore(dir: string): IgnorePatterns | undefined {
  return readPatternsFile(path.join(dir, ".gitignore"), dir);
}

/**
 * The ignore layers in force at `dir` before its own .gitignore is read:
 * `.git/info/exclude` and the .gitignore of every directory from the repository
 * root down to `dir`'s parent, outermost first. Outside a repository there are none.
 */
export function ancestorIgnoreLayers(dir: string): IgnorePatterns[] {
  const repositoryRoot = findRepositoryRoot(dir);
  if (repositoryRoot === undefined) return [];
  // info/exclude patterns are anchored at the repository root, like its .gitignore.
  const layers = [readPatternsFile(path.join(repositoryRoot, ".git", "info", "exclude"), repositoryRoot)];
  const parents: string[] = [];
  for (let current = dir; current !== repositoryRoot; current = path.dirname(current)) {
    parents.unshift(path.dirname(current));
  }
  for (const parent of parents) layers.push(readGitignore(parent));
  return layers.filter((layer) => layer !== undefined);
}

function findRepositoryRoot(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    // `.git` is a directory in a clone and a file in a worktree or submodule.
    if (fs.existsSync(path.join(current, ".git"))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

function readPatternsFile(file: string, anchorDir: string): IgnorePatterns | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined; // absent or unreadable: it ignores nothing
  }
  return new IgnorePatterns(anchorDir, text);
}
