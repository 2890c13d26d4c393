// scripts/pythonReference.mjs (the reference CPython, python3's standard
// library, the pre-order comparison) for the tests. It lives outside the
// package, so it is loaded by URL from the compiled test (dist/test/support/).
import type * as PythonReference from "../../../../scripts/pythonReference.mjs";

const url = new URL("../../../../../scripts/pythonReference.mjs", import.meta.url);

export const pythonReference = (await import(url.href)) as typeof PythonReference;

export type { CpythonRecord, PythonCommand } from "../../../../scripts/pythonReference.mjs";
