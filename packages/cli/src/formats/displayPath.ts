// How a linted file is named in output: relative to the working directory when it
// is inside it (what a user typed and what CI annotations expect), else absolute.

import path from "node:path";

export function displayPath(filePath: string, cwd: string): string {
  const relative = path.relative(cwd, filePath);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? filePath : relative;
}

/** The same with "/" separators, for formats read on other machines (SARIF, GitHub). */
export function portableDisplayPath(filePath: string, cwd: string): string {
  return displayPath(filePath, cwd).split(path.sep).join("/");
}
