// The profile targets of an open document, worked out once per version from
// the document's AST (the one the linter uses),
// and the file on disk the harness would import for it.

import path from "node:path";
import { filePathOf } from "../documents/documentPaths.js";
import type { OpenDocument } from "../documents/openDocument.js";
import { profileTargets, type ProfileTarget } from "./profileTargets.js";

/** Keyed by the document object, so a closed (or re-opened) document's entry goes with it. */
const byDocument = new WeakMap<OpenDocument, { readonly version: number; readonly targets: readonly ProfileTarget[] }>();

/** Every function a lens goes on; none while the text does not parse. */
export function documentTargets(document: OpenDocument): readonly ProfileTarget[] {
  const cached = byDocument.get(document);
  if (cached?.version === document.version) return cached.targets;
  const parsed = document.parsed();
  const targets = parsed.ok ? profileTargets(parsed.ast) : [];
  byDocument.set(document, { version: document.version, targets });
  return targets;
}

/**
 * The `.py` file a document is saved as, which is what the harness imports;
 * undefined for an unsaved buffer, or anything else it could not import.
 */
export function profiledFile(uri: string): string | undefined {
  const file = filePathOf(uri);
  return file !== undefined && path.extname(file) === ".py" ? file : undefined;
}
