// The file path ESLint and [tool.aether] see for a document URI. Unsaved
// buffers (`untitled:`) have none: they are linted as if they sat in the
// first workspace folder, so that folder's pyproject.toml applies.

import path from "node:path";
import { fileURLToPath } from "node:url";

export function documentPath(uri: string, fallbackFolder: string): string {
  const file = filePathOf(uri);
  if (file !== undefined) return file;
  const name = decodeURIComponent(uri.replace(/^[a-z][\w+.-]*:/i, "")).replace(/[\\/:*?"<>|]/g, "_") || "untitled";
  return path.join(fallbackFolder, name.endsWith(".py") ? name : `${name}.py`);
}

/** The local path of a `file:` URI; undefined for other schemes and for file URIs Node cannot map (a UNC host on POSIX, say). */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
