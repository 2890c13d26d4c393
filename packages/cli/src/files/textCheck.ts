// Deciding whether a file is Python source we can read: UTF-8 text (a BOM is
// fine). Binary files and other encodings, UTF-16 included, are skipped with a
// reason rather than parsed into a pile of bogus syntax errors.

import fs from "node:fs";

export type TextCheck = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function checkPythonText(bytes: Uint8Array): TextCheck {
  // Before the NUL test: UTF-16 text is full of NUL bytes but deserves its own reason.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return { ok: false, reason: "UTF-16 encoded; only UTF-8 is supported" };
  }
  if (bytes.includes(0)) return { ok: false, reason: "binary file (contains NUL bytes)" };
  try {
    // ignoreBOM keeps a UTF-8 BOM in the text: ESLint strips it and puts it back when fixing.
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: "not valid UTF-8" };
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Reads a file and checks it; an unreadable file is a skip with the system's reason. */
export function readPythonText(file: string): TextCheck {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { ok: false, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  return checkPythonText(bytes);
}
