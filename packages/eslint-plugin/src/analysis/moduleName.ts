// A file's dotted module name (`app/workers.py` → `app.workers`), for
// `threadEntries` patterns like `app.workers:Worker.run`.
import { relative, sep, isAbsolute } from "node:path";

export function moduleNameOf(filename: string, cwd: string = process.cwd()): string {
  let path = isAbsolute(filename) ? relative(cwd, filename) : filename;
  if (path.startsWith("..")) path = path.split(sep).pop() ?? path;
  const parts = path.replace(/\.pyi?$/, "").split(/[\\/]/).filter((p) => p && p !== ".");
  if (parts[parts.length - 1] === "__init__") parts.pop();
  // `src/` layouts: the package starts below `src`.
  if (parts[0] === "src" && parts.length > 1) parts.shift();
  return parts.join(".");
}
