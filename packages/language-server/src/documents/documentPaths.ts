// The file path ESLint and [tool.aether] see for a document URI. Unsaved
// buffers (`untitled:`) have none: they are linted as if they sat in the
// first workspace folder, so that folder's pyproject.toml applies.

import path from "node:path";
import { fileURLToPath } from "node:url";

export function documentPath(uri: string, fallbackFolder: string): string {
  if (uri.startsWith("file:")) {
    try {
      return fileURLToPath(uri);
    } catch {
      // A file URI Node cannot map (a UNC host on POSIX, say): treat it as unsaved.
    }
  }
  const name = decodeURIComponent(uri.replace(/^[a-z][\w+.-]*:/i, "")).replace(/[\\/:*?"<>|]/g, "_") || "untitled";
  return path.join(fallbackFolder, name.endsWith(".py") ? name : `${name}.py`);
}
